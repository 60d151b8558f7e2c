"""Each person's list of what is due, and their morning e-mail (issue 12, item 4)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from homes.session_limits import session_passive
from oversight.services import tasks as services


@login_required
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    tasks, today = services.tasks_of(request.user)
    request.tasks_listed = tasks  # the navigation's count, without running every source again
    return render(
        request,
        "oversight/task_list.html",
        {
            "overdue": [task for task in tasks if task.is_overdue(today)],
            "coming": [task for task in tasks if not task.is_overdue(today)],
            "today": today,
            "digest_wanted": services.task_digest_wanted(request.user),
            "has_email": bool(request.user.email),
        },
    )


@session_passive  # asked by the page's script, not the person working: it keeps no session alive
@never_cache
@login_required
@require_GET
def task_count(request: HttpRequest) -> JsonResponse:
    """The navigation's count, asked for by the page once it has loaded (static/js/tasks-due.js):
    worked out here, at most every two minutes a person, rather than while a page waits."""
    return JsonResponse({"count": services.task_count(request.user)})


@login_required
@require_POST
def task_digest(request: HttpRequest) -> HttpResponse:
    wanted = request.POST.get("wanted") == "yes"
    services.task_digest_set(user=request.user, wanted=wanted)
    messages.success(request, "You will get the morning e-mail." if wanted else "The morning e-mail is off.")
    return redirect("task_list")
