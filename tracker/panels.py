"""The tracker's sections on the child's page and the dashboard (registered in apps.py)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from children.models import Child
from homes import access
from homes.models import Home, User
from tracker.models import MonthlyTracker, ReviewReport
from tracker.months import first_of, meeting_due_by, previous_month

CHILD_PANEL_MONTHS = 6
# The dashboard lists at most this many reviews needing attention (oldest first); the rest are on
# the home's monthly reviews page, which the panel links to with the count.
OVERDUE_PANEL_ROWS = 10


@dataclass(frozen=True)
class HomeReviews:
    """One home's reviews needing attention: a row of the provider-wide summary."""

    home: Home
    not_held: int
    unsigned: int


def child_reviews(user: User, child: Child) -> dict:
    trackers = (
        MonthlyTracker.objects.filter(child=child)
        .select_related("meeting")
        .prefetch_related(Prefetch("reports", queryset=ReviewReport.objects.order_by("kind")))
        .order_by("-month")[:CHILD_PANEL_MONTHS]
    )
    return {"child": child, "trackers": list(trackers), "today": timezone.localdate()}


def latest_overdue_month(today: datetime.date) -> datetime.date:
    """The latest month whose meeting is already past due on this day."""
    month = previous_month(first_of(today))
    return month if today > meeting_due_by(month) else previous_month(month)


def overdue_reviews(user: User, homes: list[Home]) -> dict | None:
    """Meetings not held by the 20th of the following month, and meetings not yet signed by
    both, for the children in placement in homes the person reviews. People who see every home
    get one row per home with the counts (never every tracker of the provider); the others the
    oldest few trackers and the count of the rest. A constant number of queries."""
    reviewing = [home.pk for home in homes if access.shows_overdue_work(user, home)]
    if not reviewing:
        return None
    today = timezone.localdate()
    needing = (
        access.for_children(user, MonthlyTracker.objects.all())
        .filter(child__home_id__in=reviewing, child__discharge_date__isnull=True, child__archived=False)
        # Open trackers only (tracker_open_idx): a locked one had its meeting signed by both.
        .filter(locked_at__isnull=True)
        .filter(Q(meeting__isnull=True, month__lte=latest_overdue_month(today)) | Q(meeting__isnull=False))
    )
    counts = {
        row["child__home_id"]: row
        for row in needing.order_by()
        .values("child__home_id")
        .annotate(
            not_held=Count("pk", filter=Q(meeting__isnull=True)), unsigned=Count("pk", filter=Q(meeting__isnull=False))
        )
    }
    homes_reviewed = [home for home in homes if home.pk in reviewing]
    summary = [
        HomeReviews(home=home, not_held=counts[home.pk]["not_held"], unsigned=counts[home.pk]["unsigned"])
        for home in homes_reviewed
        if home.pk in counts
    ]
    total = sum(row.not_held + row.unsigned for row in summary)
    panel = {"today": today, "homes": homes_reviewed, "summary": summary, "total": total}
    if user.sees_all_homes:
        return {**panel, "per_home": True}
    trackers = list(
        needing.select_related("child__home", "meeting").order_by(
            "month", "child__home__name", "child__preferred_name"
        )[:OVERDUE_PANEL_ROWS]
    )
    return {
        **panel,
        "not_held": [t for t in trackers if not hasattr(t, "meeting")],
        "unsigned": [t for t in trackers if hasattr(t, "meeting")],
        "more": total - len(trackers),
    }


def shared_evidence(user: User, homes: list[Home]) -> dict | None:
    """Inspectors' accounts: the evidence packs shared with them. One query."""
    from tracker.models import EvidenceShare

    shares = list(EvidenceShare.objects.active().filter(inspector=user).select_related("pack__home"))
    return {"shares": shares} if shares else None
