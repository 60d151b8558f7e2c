"""Daily work on the child's page (the month's activities by domain) and, on the dashboard,
children with no recent key working."""

import datetime

from django.db.models import Count, Exists, OuterRef, Sum
from django.utils import timezone

from children.brain import Region
from children.extensions import ChildPanel, register_child_panel
from children.models import Activity, Child, KeyWorkingSession
from children.selectors import last_key_working
from homes import access
from homes.extensions import OVERSIGHT, DashboardPanel, register_dashboard_panel
from homes.models import Home, User

ACTIVITY_DAYS = 30
KEY_WORKING_DUE_DAYS = 14


def daily_work_context(user: User, child: Child) -> dict:
    """The last month's activities by domain: one query, however many records. (The child's
    latest words lead the page: children/panels/child_page.py.)"""
    since = timezone.localdate() - datetime.timedelta(days=ACTIVITY_DAYS)
    counts = (
        Activity.objects.filter(child=child, archived=False, date__gte=since)
        .values("region")
        .annotate(count=Count("pk"), minutes=Sum("duration_minutes"))
        .order_by()
    )
    by_region = {row["region"]: row for row in counts}
    most = max((row["minutes"] for row in by_region.values()), default=0)
    domains = [
        {
            "label": label,
            "count": by_region.get(value, {}).get("count", 0),
            "minutes": by_region.get(value, {}).get("minutes", 0) or 0,
        }
        for value, label in [*Region.choices, ("", "Not one domain")]
    ]
    for domain in domains:
        domain["width"] = round(100 * domain["minutes"] / most) if most else 0
    return {"child": child, "domains": domains, "days": ACTIVITY_DAYS}


def key_working_due_context(user: User, homes: list[Home]) -> dict | None:
    """Children in placement with no key working in the last fortnight, in the homes whose staff
    the person oversees (managers; not visiting assessors): one query. None when there are none,
    so that the dashboard knows it has nothing to show."""
    overseen = [home for home in homes if access.can_oversee_staff(user, home)]
    if not overseen:  # care staff, assessors: building the query alone costs milliseconds (issue 14)
        return None
    cutoff = timezone.now() - datetime.timedelta(days=KEY_WORKING_DUE_DAYS)
    # Per child, two lookups on the (child, happened_at) index: whether any session is recent
    # (Exists), and for those without, the last one; never an aggregate over every session.
    sessions = KeyWorkingSession.objects.filter(child=OuterRef("pk"), archived=False)
    children = (
        access.children_for(user)
        .in_placement()
        .filter(home__in=overseen)
        .filter(~Exists(sessions.filter(happened_at__gte=cutoff)))
        .annotate(last_key_working=last_key_working())
        .select_related("home", "key_worker")
        .order_by("home__name", "preferred_name")
    )
    children = list(children)
    return {"children": children, "days": KEY_WORKING_DUE_DAYS} if children else None


def register() -> None:
    register_child_panel(
        ChildPanel(name="daily_work", template="children/panels/daily_work.html", context=daily_work_context, order=30)
    )
    register_dashboard_panel(
        DashboardPanel(
            name="key_working_due",
            template="children/panels/key_working_due.html",
            context=key_working_due_context,
            order=16,
            # The managers' view of the whole home; care staff see their own key children first.
            audience=OVERSIGHT,
        )
    )
