from django.utils.functional import SimpleLazyObject


def tasks_due(request) -> dict:
    """The navigation's "What's due" count, worked out only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from oversight.services.tasks import task_count

    return {"tasks_due": SimpleLazyObject(lambda: task_count(user))}
