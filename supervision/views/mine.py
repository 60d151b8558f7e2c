import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from homes import access
from homes.models import Membership
from supervision.models import Attendance
from supervision.services.mine import my_supervision_summary
from supervision.services.training import training_for

RECENT_SESSIONS = 12
SUPERVISEE_CHECKIN_DAYS = 30


@login_required
@require_GET
def my_supervision(request: HttpRequest) -> HttpResponse:
    """A person's own supervision: what is next, what awaits their signature, their open actions,
    their training, and (for supervisors) how the people they supervise say they are."""
    user = request.user
    summary = my_supervision_summary(user)
    sessions = (
        access.supervision_sessions_for(user)
        .filter(access.supervision_content_readable_by(user))
        .distinct()
        .select_related("home", "supervisor")
        .prefetch_related(Prefetch("attendances", queryset=Attendance.objects.select_related("person")))[
            :RECENT_SESSIONS
        ]
    )
    memberships = list(Membership.objects.filter(user=user).select_related("home"))
    homes = [m.home for m in memberships]
    # The people they supervise: the last month of check-ins, grouped per person in the template.
    checkins = (
        access.wellbeing_checkins_for(user)
        .exclude(person=user)
        .filter(recorded_at__gte=timezone.now() - datetime.timedelta(days=SUPERVISEE_CHECKIN_DAYS))
        .select_related("person")
        .order_by("person__full_name", "person", "-recorded_at")
    )
    return render(
        request,
        "supervision/my_supervision.html",
        {
            **summary,
            "sessions": sessions,
            "training": training_for(user) if homes else [],
            "supervisee_checkins": checkins,
            "homes": homes,
            "supervising_in": list(access.homes_supervised_in(user).order_by("name")),
            "my_supervisors": access.supervisors_of(user).select_related("supervisor", "home"),
        },
    )
