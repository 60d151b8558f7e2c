"""What the assessments app gives the rest of Hearth (registered in AssessmentsConfig.ready()):
the child's-page panel, the dashboard panel of assessments due, the chronology entries, and the
latest brain map's region bands and focus areas for the care plan. Constant queries each."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from assessments import presenters, selectors
from assessments.models import Assessment
from assessments.scoring import BrainMapResult, compare_maps
from children.brain import Band, Region
from children.extensions import ChronologyEntry, FocusArea, Older, dated, day_start
from children.models import Child
from homes import access
from homes.models import Home, User


def _latest_finals(child: Child, count: int = 1) -> list[Assessment]:
    return list(
        Assessment.objects.final()
        .filter(child=child)
        .select_related("child", "assessor")
        .order_by("-assessed_on", "-finalised_at")[:count]
    )


def _latest_map(child: Child) -> BrainMapResult | None:
    finals = _latest_finals(child)
    return selectors.brain_map(finals[0]) if finals else None


def region_bands(child: Child) -> dict[Region, Band] | None:
    result = _latest_map(child)
    return result.region_bands() if result else None


def focus_areas(child: Child) -> list[FocusArea]:
    result = _latest_map(child)
    if result is None:
        return []
    return [
        FocusArea(region=row.region, item_code=row.item.code, label=row.item.label, band=row.band)
        for row in result.focus_areas()
    ]


def child_panel(user: User, child: Child) -> dict:
    """The latest brain map (small), the change since the one before, when the next is due,
    and the suggested focus areas."""
    finals = _latest_finals(child, 2)
    maps = selectors.maps_for(finals)
    latest = finals[0] if finals else None
    draft = Assessment.objects.filter(child=child, status=Assessment.Status.DRAFT).order_by("-updated_at").first()
    due = selectors.due_date(child, latest.assessed_on if latest else None, selectors.interval_for(child.home))
    changes = compare_maps(maps[finals[1].pk], maps[latest.pk]) if len(finals) == 2 else None
    return {
        "child": child,
        "latest": latest,
        "previous": finals[1] if len(finals) == 2 else None,
        "pair": presenters.map_pair(latest, maps[latest.pk], prefix="panel") if latest else None,
        "focus_areas": maps[latest.pk].focus_areas() if latest else [],
        "changes": changes,
        "due": due,
        "overdue": due < timezone.localdate(),
        "draft": draft,
        "can_assess": access.can_assess(user, child),
    }


def dashboard_panel(user: User, homes: list[Home]) -> dict | None:
    """Children in the person's homes, and children assigned to them as assessor, whose
    assessment is overdue or falls due within a month."""
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=selectors.DUE_SOON_DAYS)
    in_reach = access.children_for(user).in_placement().filter(Q(home__in=homes) | Q(assessor=user))
    due_on = selectors.falling_due(in_reach, horizon)
    if not due_on:
        return None
    listed = due_on
    panel = {"today": today, "per_home": []}
    if user.sees_all_homes:
        # Every home's children would be a list as long as the provider: one row per home with
        # the counts instead; the children the person assesses themselves stay listed.
        listed = {pk: due for pk, due in due_on.items() if due.assessor_id == user.pk}
        names = {home.pk: home for home in homes}
        counts: dict[int, dict] = {}
        for due in due_on.values():
            if due.assessor_id != user.pk:
                entry = counts.setdefault(due.home_id, {"home": names[due.home_id], "overdue": 0, "due_soon": 0})
                entry["overdue" if due.on < today else "due_soon"] += 1
        panel["per_home"] = sorted(counts.values(), key=lambda entry: entry["home"].name)
        panel["managed_homes"] = []  # each home's interval is on its page, not forty links here
    else:
        panel["managed_homes"] = [home for home in homes if access.can_set_assessment_interval(user, home)]
    rows = []
    for child in Child.objects.filter(pk__in=listed).select_related("home"):
        due = listed[child.pk]
        rows.append({"child": child, "due": due.on, "overdue": due.on < today, "last": due.last_assessed})
    panel["rows"] = sorted(rows, key=lambda row: row["due"])
    return panel


def chronology_entries(
    child: Child, start: datetime.date | None, end: datetime.date | None, older: Older | None = None
):
    """Final assessments (and those later corrected), on their assessment dates, newest first."""
    assessments = Assessment.objects.filter(
        child=child, status__in=[Assessment.Status.FINAL, Assessment.Status.CORRECTED]
    ).select_related("assessor")
    assessments = dated(assessments, "assessed_on", start, end)
    if older:
        assessments = older.filter(assessments, "assessed_on")
    # Newest first, streamed from one query, continuing after the previous page's last entry
    # (the chronology's contract: children/extensions.py).
    for assessment in assessments.order_by("-assessed_on", "-pk").iterator(chunk_size=100):
        yield ChronologyEntry(
            when=day_start(assessment.assessed_on),
            kind="assessment",
            title=assessment.get_kind_display(),
            detail="Later corrected" if assessment.status == Assessment.Status.CORRECTED else "Brain-map assessment",
            url=reverse("assessment_detail", args=[assessment.pk]),
            author=str(assessment.assessor),
            key=assessment.pk,
        )
