from django.http import HttpRequest


def works_in_a_home(request: HttpRequest) -> dict:
    """Whether the person holds a role in any home (the navigation's "What's due" and "My
    supervision"), from the memberships the request reads once for its role checks
    (`access.roles_known`): not a query of the navigation's own on every page (issue 14). Asked
    only when the navigation is drawn."""
    from homes import access  # the access rules import the apps' models

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"works_in_a_home": lambda: bool(access.roles_of(user))}
