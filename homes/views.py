from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from homes import access, extensions, status
from homes import dashboard as dashboard_parts
from homes.models import Membership
from homes.staffing import staff_years

HOME_LIST_PAGE_SIZE = 25


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """One page per person, led by what is theirs (issue 13): a key worker's key children and
    when key working last happened; a manager's or assessor's overdue work; an inspector's
    shared evidence. Then the homes they work in, each with its sections."""
    user = request.user
    with access.roles_known(user):  # every panel's and section's role checks, from one query
        cards = dashboard_parts.home_cards(user)
        homes = [card["home"] for card in cards]
        overseen = dashboard_parts.overseen(user, homes)
        key_children = dashboard_parts.key_children(user)
        # Assessors also see children assigned to them in homes they are not a member of.
        assigned = list(
            access.children_for(user).in_placement().filter(assessor=user).select_related("home", "key_worker")
        )
        panels = extensions.panels_for(user, homes, overseen)
    return render(
        request,
        "homes/dashboard.html",
        {
            "home_cards": cards,
            "assigned_children": assigned,
            "key_children": key_children,
            # Care staff see their key children before anything else; people who run or assess
            # in a home see what needs them first.
            "key_children_first": bool(key_children) and not overseen,
            "panels": panels,
            "nothing_to_show": not (cards or assigned or panels),
        },
    )


@login_required
@require_GET
def home_detail(request: HttpRequest, home_id: int) -> HttpResponse:
    """The home's hub (issue 13): its sections as tabs (homes.extensions.register_home_section),
    led by its register: children in placement and those who have left, and its staff."""
    home = access.get_home_for(request.user, home_id)
    children = access.children_for(request.user).filter(home=home).select_related("key_worker")
    current = list(children.in_placement())
    # Those who have left grow for as long as the home runs (records are kept until the child is
    # 75), and so do the memberships of staff who have moved on: both are paged (issue 14).
    leavers = children.exclude(pk__in=[c.pk for c in current]).order_by(
        F("discharge_date").desc(nulls_last=True), "-pk"
    )
    left = Paginator(leavers, HOME_LIST_PAGE_SIZE).get_page(request.GET.get("left"))
    access.log_reads(request.user, [*current, *left.object_list])  # the register shows each child's placement
    # Those still in post first, then those who left, the latest first.
    staff = (
        Membership.all_objects.filter(home=home)
        .select_related("user")
        .order_by(F("ended_on").desc(nulls_first=True), "-user__is_active", "role", "user__full_name", "pk")
    )
    return render(
        request,
        "homes/home_detail.html",
        {
            "home": home,
            "current": current,
            "left": left,
            "staff": Paginator(staff, HOME_LIST_PAGE_SIZE).get_page(request.GET.get("staff")),
            "can_admit": access.can_admit(request.user, home),
            "panels": extensions.home_panels_for(request.user, home),
            "staff_years": staff_years(home, timezone.localdate()),
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
