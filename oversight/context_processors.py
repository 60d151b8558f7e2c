from django.utils.functional import SimpleLazyObject


def tasks_due(request) -> dict:
    """The navigation's "What's due" count, worked out only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from oversight.services.tasks import task_count

    def count() -> int:
        # The task page has just listed them all (and says so on the request): no second run.
        listed = getattr(request, "tasks_listed", None)
        return len(listed) if listed is not None else task_count(user)

    return {"tasks_due": SimpleLazyObject(count)}
