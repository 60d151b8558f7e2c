from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "children"
    verbose_name = "Children and their care"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from children import plan_panels
        from children.models import CarePlan, Child, Goal, Risk, RiskAssessment, Trigger

        auditlog.register(Child, exclude_fields=["id", "created_at", "updated_at"])
        # The revision counter only guards concurrent edits; the history shows the content.
        for versioned in (CarePlan, RiskAssessment):
            auditlog.register(versioned, exclude_fields=["id", "created_at", "updated_at", "revision"])
        for row in (Goal, Trigger, Risk):
            auditlog.register(row, exclude_fields=["id"])
        plan_panels.register()
