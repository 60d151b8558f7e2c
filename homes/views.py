from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from homes import access, extensions, status
from homes.models import Membership


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """One page per person: the homes they work in, and each child in placement there."""
    user = request.user
    in_placement = access.children_for(user).in_placement().select_related("key_worker", "assessor")
    homes = access.homes_for(user).prefetch_related(
        Prefetch("children", queryset=in_placement, to_attr="children_in_placement")
    )
    my_roles = dict(Membership.objects.filter(user=user).values_list("home_id", "role"))
    home_cards = [
        {
            "home": home,
            "role": Membership.Role(my_roles[home.pk]).label if home.pk in my_roles else None,
            "can_admit": user.is_administrator or my_roles.get(home.pk) in Membership.MANAGING_ROLES,
        }
        for home in homes
    ]
    # Assessors also see children assigned to them in homes they are not a member of.
    assigned = [child for child in in_placement.filter(assessor=user).select_related("home")]
    return render(
        request,
        "homes/dashboard.html",
        {
            "home_cards": home_cards,
            "assigned_children": assigned,
            "panels": extensions.panels_for(user, [card["home"] for card in home_cards]),
        },
    )


@login_required
@require_GET
def home_detail(request: HttpRequest, home_id: int) -> HttpResponse:
    """A home's register: children in placement and those who have left, and its staff."""
    home = access.get_home_for(request.user, home_id)
    children = list(access.children_for(request.user).filter(home=home).select_related("key_worker"))
    access.log_reads(request.user, children)  # the register shows each child's placement
    staff = home.memberships.select_related("user").order_by("role", "user__full_name")
    return render(
        request,
        "homes/home_detail.html",
        {
            "home": home,
            "current": [c for c in children if c.in_placement],
            "left": [c for c in children if not c.in_placement],
            "staff": staff,
            "can_admit": access.can_admit(request.user, home),
            "can_oversee_staff": access.can_oversee_staff(request.user, home),
            "can_review_home": access.can_review_home(request.user, home),
            "can_manage_evidence": access.can_manage_evidence(request.user, home),
        },
    )


@never_cache
@login_required
@require_GET
def system_status(request: HttpRequest) -> HttpResponse:
    """For administrators: is each part of Hearth up (database, broker, workers, beat), and how
    much background work waits. Others get 404: the page does not exist for them."""
    if not access.can_view_system_status(request.user):
        raise Http404
    return render(
        request,
        "homes/system_status.html",
        {
            "checks": status.system_checks(),
            "queues": status.background_queues(),
            "inline": status.tasks_run_inline(),
            "stale_minutes": int(status.HEARTBEAT_STALE_AFTER.total_seconds() // 60),
        },
    )


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and docker-compose: is the database reachable, and the broker if used.

    Only the database decides the answer (503): without the broker Hearth still serves every
    page and keeps build requests until it is back, so a load balancer must not take it out."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {exc.__class__.__name__}"
    if settings.REDIS_URL:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
            checks["broker"] = "ok"
        except redis.RedisError as exc:
            checks["broker"] = f"error: {exc.__class__.__name__}"
    else:
        checks["broker"] = "not used (tasks run inline)"
    return JsonResponse(checks, status=200 if checks["database"] == "ok" else 503)
