def tasks_due(request) -> dict:
    """The navigation's "What's due" count, when it is known without running the task sources:
    the task page has just listed them all (and says so on the request), or the count was worked
    out in the last two minutes. Otherwise None: the page asks for it once loaded
    (static/js/tasks-due.js), and no page waits on every app's task sources (issue 14)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from oversight.services.tasks import cached_task_count

    listed = getattr(request, "tasks_listed", None)
    return {"tasks_due": len(listed) if listed is not None else cached_task_count(user)}
