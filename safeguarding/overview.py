"""Safeguarding's columns of the provider overview (issue 12, item 1): incidents, physical
interventions and missing episodes per month, and notifications still open at each month's end,
each home in one query per column however many homes."""

import datetime
from collections import Counter

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from children.extensions import day_start
from children.overview import month_ends
from homes import extensions as home_ext
from homes.dates import month_start
from homes.models import Home

Series = dict[int, list[float | None]]


def _per_month(
    queryset: QuerySet, home_field: str, when_field: str, homes: list[Home], months: list[datetime.date]
) -> Series:
    end = day_start(month_ends(months)[-1] + datetime.timedelta(days=1))
    rows = queryset.filter(
        **{f"{home_field}__in": homes, f"{when_field}__gte": day_start(months[0]), f"{when_field}__lt": end}
    ).values_list(home_field, when_field)
    counts = Counter((home_id, month_start(timezone.localdate(when))) for home_id, when in rows)
    return {home.pk: [counts[(home.pk, month)] for month in months] for home in homes}


def incidents(homes: list[Home], months: list[datetime.date]) -> Series:
    from safeguarding.models import Incident

    return _per_month(Incident.objects.all(), "home", "occurred_at", homes, months)


def interventions(homes: list[Home], months: list[datetime.date]) -> Series:
    from safeguarding.models import PhysicalIntervention

    return _per_month(PhysicalIntervention.objects.all(), "incident__home", "started_at", homes, months)


def missing_episodes(homes: list[Home], months: list[datetime.date]) -> Series:
    from safeguarding.models import MissingEpisode

    return _per_month(MissingEpisode.objects.filter(archived=False), "child__home", "noticed_missing_at", homes, months)


def notifications_open(homes: list[Home], months: list[datetime.date]) -> Series:
    """Notifications the home knew of by each month's end with someone not yet told by then."""
    from safeguarding.models import Notification

    ends = month_ends(months)
    rows = (
        Notification.objects.filter(home__in=homes, known_at__lt=day_start(ends[-1] + datetime.timedelta(days=1)))
        .annotate(
            unsent=Count("recipients", filter=Q(recipients__sent_at__isnull=True)), last_sent=Max("recipients__sent_at")
        )
        .filter(Q(unsent__gt=0) | Q(last_sent__gte=day_start(months[0])))
        .values_list("home_id", "known_at", "unsent", "last_sent")
    )
    result: Series = {home.pk: [0] * len(months) for home in homes}
    for home_id, known_at, unsent, last_sent in rows:
        known_on = timezone.localdate(known_at)
        for index, day in enumerate(ends):
            if known_on <= day and (unsent or (last_sent and timezone.localdate(last_sent) > day)):
                result[home_id][index] += 1
    return result


def register() -> None:
    for name, label, series, order in [
        ("incidents", "Incidents", incidents, 80),
        ("interventions", "Physical interventions", interventions, 81),
        ("missing", "Missing episodes", missing_episodes, 82),
        ("notifications-open", "Notifications still to send", notifications_open, 83),
    ]:
        home_ext.register_home_trend(
            home_ext.HomeTrend(name=name, label=label, series=series, better="lower", order=order)
        )
