"""Wellbeing check-ins: recorded by each person; managers only ever get monthly aggregates."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Avg, Count
from django.db.models.functions import TruncMonth

from homes.dates import add_months
from homes.models import Home, Membership, User
from supervision.models import WellbeingCheckIn
from supervision.models.wellbeing import MIN_PEOPLE_FOR_AGGREGATE

NOT_A_MEMBER = "You can only check in at a home where you work."


@transaction.atomic
def wellbeing_checkin_record(*, person: User, home: Home, score: int, private_note: str = "") -> WellbeingCheckIn:
    from django.core.exceptions import ValidationError

    if not Membership.objects.filter(user=person, home=home).exists():
        raise ValidationError({"home": NOT_A_MEMBER})
    checkin = WellbeingCheckIn(person=person, home=home, score=score, private_note=private_note)
    checkin.full_clean()
    checkin.save()
    return checkin


@dataclass(frozen=True)
class WellbeingMonth:
    month: datetime.date
    people: int
    average: float | None  # None when fewer than MIN_PEOPLE_FOR_AGGREGATE people answered

    @property
    def shown(self) -> bool:
        return self.average is not None


def monthly_aggregates(home: Home, months: list[datetime.date]) -> list[WellbeingMonth]:
    """Per month: how many different people checked in and, only if enough did, the average.
    One query. The average is of each person's own monthly average, so someone who checks in
    daily does not outweigh someone who checks in once."""
    return monthly_aggregates_for_homes([home], months)[home.pk]


def monthly_aggregates_for_homes(homes: list[Home], months: list[datetime.date]) -> dict[int, list[WellbeingMonth]]:
    """monthly_aggregates for many homes in one query (the provider overview)."""
    if not months:
        return {home.pk: [] for home in homes}
    start, end = months[0], add_months(months[-1], 1)
    per_person = (
        WellbeingCheckIn.objects.filter(home__in=homes, recorded_at__date__gte=start, recorded_at__date__lt=end)
        .annotate(month=TruncMonth("recorded_at"))
        .values("home", "month", "person")
        .annotate(person_average=Avg("score"), n=Count("pk"))
    )
    by_month: dict[tuple[int, datetime.date], list[float]] = {}
    for row in per_person:
        month = row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]
        by_month.setdefault((row["home"], month), []).append(float(row["person_average"]))
    result = {}
    for home in homes:
        result[home.pk] = []
        for month in months:
            averages = by_month.get((home.pk, month), [])
            shown = len(averages) >= MIN_PEOPLE_FOR_AGGREGATE
            average = round(sum(averages) / len(averages), 1) if shown else None
            result[home.pk].append(WellbeingMonth(month=month, people=len(averages), average=average))
    return result
