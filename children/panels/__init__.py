"""This app's sections on the child's page and the dashboard, and the chronology sources that
are not its own records' (plan versions): registered in `ChildrenConfig.ready()` through
`register()`. Orders across every app's panels: children/extensions.py and homes/extensions.py."""

from children.panels import care_plan, child_page, daily_work


def register() -> None:
    child_page.register()
    daily_work.register()
    care_plan.register()
