"""The clocks an incident runs (Regulation 35(3)) and the training check for the staff who held,
read by the incident page, the dashboard and the task list.

Clocks are data: each is computed from the record (DESIGN), never stored, and tested with a fixed
time. Training comes from the supervision app's training records through the app registry, so
this app never imports supervision (and works without it)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Max, Q
from django.utils import timezone

from safeguarding.models import Incident, IncidentCategory
from safeguarding.models.incidents import RECORD_WITHIN, REVIEW_WITHIN

# Courses whose name holds one of these count as de-escalation / physical-intervention training.
TRAINING_WORDS = ("de-escalation", "physical intervention", "restraint")
NO_TRAINING = "no de-escalation or physical-intervention training on record"
TRAINING_LAPSED = "de-escalation and physical-intervention training lapsed on {date}"


@dataclass(frozen=True)
class Clock:
    """One deadline: what must be done, by when, and when it was done (None: not yet)."""

    label: str
    due: datetime.datetime
    done_at: datetime.datetime | None = None

    def is_overdue(self, now: datetime.datetime | None = None) -> bool:
        return self.done_at is None and (now or timezone.now()) > self.due

    @property
    def met(self) -> bool:
        return self.done_at is not None and self.done_at <= self.due

    @property
    def late(self) -> bool:
        return self.done_at is not None and self.done_at > self.due

    def state(self, now: datetime.datetime | None = None) -> str:
        if self.met:
            return "met"
        if self.late:
            return "late"
        return "overdue" if self.is_overdue(now) else "open"


def incident_clocks(incident: Incident) -> list[Clock]:
    """The Regulation 35(3) clocks of an incident: for each hold, the record within 24 hours of it;
    for an incident recorded as a physical intervention whose hold is not recorded yet, the same
    clock from the incident's time; and the 48-hour review, met by the manager's countersignature.
    Expects `interventions` (with `child`) and `categories` prefetched."""
    holds = list(incident.interventions.all())
    is_pi = any(c.rule == IncidentCategory.Rule.PHYSICAL_INTERVENTION for c in incident.categories.all())
    clocks = [
        Clock(f"Hold with {hold.child.preferred_name} recorded (24 hours)", hold.record_due, hold.recorded_at)
        for hold in holds
    ]
    if is_pi and not holds:
        clocks.append(Clock("Physical intervention recorded (24 hours)", incident.occurred_at + RECORD_WITHIN))
    if holds or is_pi:
        first = min([hold.started_at for hold in holds] or [incident.occurred_at])
        clocks.append(
            Clock(
                "Manager has spoken with staff and child, and signed (48 hours)",
                first + REVIEW_WITHIN,
                incident.countersigned_at,
            )
        )
    return clocks


def awaiting_hold(incident: Incident) -> bool:
    """Recorded as a physical intervention whose hold is not recorded yet (nothing to countersign)."""
    is_pi = any(c.rule == IncidentCategory.Rule.PHYSICAL_INTERVENTION for c in incident.categories.all())
    return is_pi and not incident.interventions.all()


def next_clock(incident: Incident) -> Clock | None:
    """The open clock that falls due first, if any."""
    open_clocks = [clock for clock in incident_clocks(incident) if clock.done_at is None]
    return min(open_clocks, key=lambda clock: clock.due, default=None)


def training_gaps(people: Iterable, on: datetime.date) -> dict[int, str]:
    """{person id: what is missing} for people with no current de-escalation / physical-intervention
    training on `on`, from the training records (one query). Without the supervision app there are
    no training records to read, and nothing is flagged."""
    people = list(people)
    if not people:
        return {}
    try:
        TrainingRecord = apps.get_model("supervision", "TrainingRecord")
    except LookupError:
        return {}
    words = Q()
    for word in TRAINING_WORDS:
        words |= Q(course__name__icontains=word)
    rows = (
        TrainingRecord.objects.filter(words, person_id__in=[p.pk for p in people], completed_on__lte=on)
        .values("person_id")
        .annotate(latest_completion=Max("completed_on"), latest_expiry=Max("expires_on"))
    )
    latest = {row["person_id"]: row for row in rows}
    # A completion that never expires has expires_on NULL; Max ignores NULLs, so look for one.
    never_expires = (
        set(
            TrainingRecord.objects.filter(
                words, person_id__in=[p.pk for p in people], completed_on__lte=on, expires_on__isnull=True
            ).values_list("person_id", flat=True)
        )
        if latest
        else set()
    )
    gaps = {}
    for person in people:
        row = latest.get(person.pk)
        if row is None:
            gaps[person.pk] = NO_TRAINING
        elif person.pk not in never_expires and row["latest_expiry"] is not None and row["latest_expiry"] < on:
            gaps[person.pk] = TRAINING_LAPSED.format(date=f"{row['latest_expiry']:%-d %B %Y}")
    return gaps
