"""Team regulation's columns of the provider overview (issue 12, item 1): staff supervised on
time, training gaps and wellbeing (an aggregate only where at least five people checked in), each
home per month, in a constant number of queries however many homes."""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Q

from children.overview import month_ends, share
from homes import extensions as home_ext
from homes.models import Home, Membership
from supervision.models import Course, TrainingRecord
from supervision.services.compliance import compliance_for_homes
from supervision.services.wellbeing import monthly_aggregates_for_homes

Series = dict[int, list[float | None]]


def supervision_on_time(homes: list[Home], months: list[datetime.date]) -> Series:
    summaries = compliance_for_homes(homes, months[0], month_ends(months)[-1], staff=False)
    return {summary.home.pk: [share.percent for share in summary.months] for summary in summaries}


def training_gaps(homes: list[Home], months: list[datetime.date]) -> Series:
    """At each month's end, how many (person, active course) pairs of the home's staff then in
    post had no completion, or only an expired one. Three queries."""
    result: Series = {home.pk: [0] * len(months) for home in homes}
    for home_id, index, missing in _gaps(homes, months, Course.objects.filter(active=True)):
        result[home_id][index] += len(missing)
    return result


def trained_in_the_model(homes: list[Home], months: list[datetime.date]) -> Series:
    """Of the staff in post at each month's end, the share with every course that is part of the
    model current (an implementation measure). Three queries."""
    tallies = {home.pk: [[0, 0] for _ in months] for home in homes}
    for home_id, index, missing in _gaps(homes, months, Course.objects.filter(active=True, part_of_the_model=True)):
        tallies[home_id][index][0] += not missing
        tallies[home_id][index][1] += 1
    return {home_id: [share(*tally) for tally in rows] for home_id, rows in tallies.items()}


def _gaps(homes: list[Home], months: list[datetime.date], course_queryset) -> Iterator[tuple[int, int, list[int]]]:
    """(home id, month index, the courses missing or expired) for each member of staff in post
    at each month's end."""
    ends = month_ends(months)
    courses = list(course_queryset.values_list("pk", flat=True))
    memberships = list(
        Membership.all_objects.filter(home__in=homes, role__in=Membership.KEY_WORKER_ROLES)
        .filter(Q(ended_on__isnull=True, user__is_active=True) | Q(ended_on__gt=months[0]))
        .order_by()
        .values_list("home_id", "user_id", "started_on", "ended_on")
    )
    # Which month ends each (person, course) was covered at: a completion done by then and not
    # yet expired. Completions that expired before the first month cannot cover any of them.
    covered: dict[tuple[int, int], set[int]] = defaultdict(set)
    completions = TrainingRecord.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=ends[0]),
        person__in={user_id for _, user_id, _, _ in memberships},
        course__in=courses,
        completed_on__lte=ends[-1],
    )
    for person, course, completed_on, expires_on in completions.order_by().values_list(
        "person", "course", "completed_on", "expires_on"
    ):
        covered[(person, course)].update(
            index for index, day in enumerate(ends) if completed_on <= day and (expires_on is None or expires_on >= day)
        )
    for home_id, person, started_on, ended_on in memberships:
        for index, day in enumerate(ends):
            if started_on > day or (ended_on is not None and ended_on <= day):
                continue
            yield home_id, index, [course for course in courses if index not in covered[(person, course)]]


def wellbeing(homes: list[Home], months: list[datetime.date]) -> Series:
    return {
        home_id: [month.average for month in months_of_home]
        for home_id, months_of_home in monthly_aggregates_for_homes(homes, months).items()
    }


def register() -> None:
    home_ext.register_home_trend(
        home_ext.HomeTrend(
            name="supervision-on-time",
            label="Staff supervised on time",
            series=supervision_on_time,
            unit="%",
            order=50,
            pages=frozenset({home_ext.PROVIDER_OVERVIEW, home_ext.IMPLEMENTATION, home_ext.CARE_AND_TEAM}),
            explanation="Of the staff due supervision, those supervised within the home's interval.",
        )
    )
    home_ext.register_home_trend(
        home_ext.HomeTrend(name="training-gaps", label="Training gaps", series=training_gaps, better="lower", order=60)
    )
    home_ext.register_home_trend(
        home_ext.HomeTrend(
            name="trained-in-the-model",
            label="Staff trained in the model",
            series=trained_in_the_model,
            unit="%",
            order=140,
            pages=frozenset({home_ext.IMPLEMENTATION}),
            explanation="Of the staff in post at the month's end, those with every model course current.",
        )
    )
    home_ext.register_home_trend(
        home_ext.HomeTrend(
            name="wellbeing",
            label="Team wellbeing (1–5, five or more people)",
            series=wellbeing,
            order=70,
            pages=frozenset({home_ext.PROVIDER_OVERVIEW, home_ext.CARE_AND_TEAM}),
        )
    )
