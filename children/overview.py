"""The children's columns of the provider overview (issue 12, item 1): places filled and plan or
risk-assessment reviews overdue, each home at the end of each month (today, for this month).
Registered in ChildrenConfig.ready(); the helpers here serve the other apps' columns too."""

import datetime
from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from children.extensions import day_start
from children.models import CarePlan, Child, Goal, KeyWorkingSession, RiskAssessment
from homes import extensions as home_ext
from homes.dates import add_months
from homes.models import Home

Series = dict[int, list[float | None]]


def month_ends(months: list[datetime.date]) -> list[datetime.date]:
    """The day each month is measured on: its last day, or today for the month under way."""
    today = timezone.localdate()
    return [min(add_months(month, 1) - datetime.timedelta(days=1), today) for month in months]


def placed_on(admitted: datetime.date, discharged: datetime.date | None, day: datetime.date) -> bool:
    return admitted <= day and (discharged is None or discharged > day)


def _children(
    homes: list[Home], months: list[datetime.date]
) -> list[tuple[int, int, datetime.date, datetime.date | None]]:
    return list(
        Child.objects.filter(home__in=homes, admission_date__lte=month_ends(months)[-1])
        .filter(Q(discharge_date__isnull=True) | Q(discharge_date__gt=months[0]))
        .values_list("pk", "home_id", "admission_date", "discharge_date")
    )


def places_filled(homes: list[Home], months: list[datetime.date]) -> Series:
    ends = month_ends(months)
    result: Series = {home.pk: [0] * len(months) for home in homes}
    for _, home_id, admitted, discharged in _children(homes, months):
        for index, day in enumerate(ends):
            result[home_id][index] += placed_on(admitted, discharged, day)
    return result


def reviews_overdue(homes: list[Home], months: list[datetime.date]) -> Series:
    """Plans and risk assessments in force at the month's end (signed off before, not yet
    superseded) whose review date had passed, for children then in placement. Two queries."""
    ends = month_ends(months)
    result: Series = {home.pk: [0] * len(months) for home in homes}
    for model in (CarePlan, RiskAssessment):
        versions = (
            model.objects.filter(child__home__in=homes, signed_off_at__date__lte=ends[-1], review_date__isnull=False)
            .filter(Q(superseded_at__isnull=True) | Q(superseded_at__date__gt=months[0]))
            .values_list(
                "child__home_id",
                "signed_off_at",
                "superseded_at",
                "review_date",
                "child__admission_date",
                "child__discharge_date",
            )
        )
        for home_id, signed, superseded, review_date, admitted, discharged in versions:
            signed_on = timezone.localdate(signed)
            superseded_on = timezone.localdate(superseded) if superseded else None
            for index, day in enumerate(ends):
                in_force = signed_on <= day and (superseded_on is None or superseded_on > day)
                if in_force and review_date < day and placed_on(admitted, discharged, day):
                    result[home_id][index] += 1
    return result


def children_by_home(homes: list[Home], months: list[datetime.date]) -> dict[int, list[tuple]]:
    """Each home's children placed at some point in the months: (id, admitted, discharged)."""
    found: dict[int, list[tuple]] = defaultdict(list)
    for pk, home_id, admitted, discharged in _children(homes, months):
        found[home_id].append((pk, admitted, discharged))
    return found


def register() -> None:
    home_ext.register_home_trend(
        home_ext.HomeTrend(name="places", label="Children in placement", series=places_filled, order=10)
    )
    home_ext.register_home_trend(
        home_ext.HomeTrend(
            name="reviews-overdue", label="Plan reviews overdue", series=reviews_overdue, better="lower", order=20
        )
    )
    home_ext.register_home_trend(
        home_ext.HomeTrend(
            name="goals-mapped",
            label="Plan goals tied to a brain-map domain",
            series=goals_mapped,
            unit="%",
            order=120,
            pages=frozenset({home_ext.IMPLEMENTATION}),
            explanation="Of the goals in the plans in force at the month's end.",
        )
    )
    home_ext.register_home_trend(
        home_ext.HomeTrend(
            name="children-heard",
            label="Children heard in key working",
            series=children_heard,
            unit="%",
            order=130,
            pages=frozenset({home_ext.IMPLEMENTATION}),
            explanation="Of the children in placement, those with a key-working session in their own words that month.",
        )
    )


def goals_mapped(homes: list[Home], months: list[datetime.date]) -> Series:
    """Of the goals in the plans in force at each month's end, the share tied to a brain-map
    domain. Hearth asks every goal for its domain, so this stays at 100% unless a provider's
    imported plans lack one: the measure shows that the link holds. One query."""
    ends = month_ends(months)
    tallies = {home.pk: [[0, 0] for _ in months] for home in homes}
    goals = (
        Goal.objects.filter(plan__child__home__in=homes, plan__signed_off_at__date__lte=ends[-1])
        .filter(Q(plan__superseded_at__isnull=True) | Q(plan__superseded_at__date__gt=months[0]))
        .values_list("plan__child__home_id", "plan__signed_off_at", "plan__superseded_at", "region")
    )
    for home_id, signed, superseded, region in goals:
        signed_on = timezone.localdate(signed)
        superseded_on = timezone.localdate(superseded) if superseded else None
        for index, day in enumerate(ends):
            if signed_on <= day and (superseded_on is None or superseded_on > day):
                tallies[home_id][index][0] += bool(region)
                tallies[home_id][index][1] += 1
    return {home_id: [share(*tally) for tally in rows] for home_id, rows in tallies.items()}


def children_heard(homes: list[Home], months: list[datetime.date]) -> Series:
    """Of the children in placement at each month's end, the share with at least one key-working
    session that month, in their own words. (Every session records the child's words — Hearth
    requires them — so the measure is how many children were heard, not how many sessions.)
    Two queries."""
    ends = month_ends(months)
    children = _children(homes, months)
    # Whether each child had a session each month: an EXISTS a month on the (child, happened_at)
    # index stops at the first session, where reading the provider's six months of sessions took
    # 30 ms at 40 homes (issue 14).
    bounds = [day_start(month) for month in months] + [day_start(ends[-1] + datetime.timedelta(days=1))]
    heard_in = {
        f"heard_{index}": Exists(
            KeyWorkingSession.objects.filter(
                child=OuterRef("pk"), archived=False, happened_at__gte=bounds[index], happened_at__lt=bounds[index + 1]
            ).exclude(child_voice="")
        )
        for index in range(len(months))
    }
    heard = {
        (row["pk"], index)
        for row in Child.objects.filter(pk__in=[pk for pk, *_ in children]).values("pk").annotate(**heard_in)
        for index in range(len(months))
        if row[f"heard_{index}"]
    }
    tallies = {home.pk: [[0, 0] for _ in months] for home in homes}
    for pk, home_id, admitted, discharged in children:
        for index, day in enumerate(ends):
            if placed_on(admitted, discharged, day):
                tallies[home_id][index][0] += (pk, index) in heard
                tallies[home_id][index][1] += 1
    return {home_id: [share(*tally) for tally in rows] for home_id, rows in tallies.items()}


def share(part: int, whole: int) -> float | None:
    """A percentage, or None when there was nothing to count."""
    return round(100 * part / whole) if whole else None
