"""Incidents and physical intervention (issue 10, items 1, 2 and 4).

An incident belongs to a home and may involve several children. Each child's part of it (what
happened for them, what led up to it, what they seemed to be communicating, their view) is its
own row, so that a child's record shows only their part: another child's name or account never
appears in it. Every entry is signed by its author when saved (Regulation 36); the home's manager
countersigns the incident. A physical intervention is recorded against the incident and the child
held (Regulations 20 and 35), with the 24-hour record and 48-hour review clocks of Regulation 35(3).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from children.models import Child, Trigger
from homes.models import Home

# Regulation 35(3)(a): the record is made within 24 hours of the use of the measure.
RECORD_WITHIN = datetime.timedelta(hours=24)
# Regulation 35(3)(b): within 48 hours the registered person (or someone they authorise) has spoken
# to the person who used the measure and to the child, and signed the record.
REVIEW_WITHIN = datetime.timedelta(hours=48)

INCIDENT_IN_FUTURE = "The incident is in the future: record it once it has happened."
HOLD_ENDS_BEFORE_START = "The end of the hold must be after its start."
HOLD_IN_FUTURE = "The hold is in the future: record it once it has happened."
HOLD_BEFORE_INCIDENT = "The hold cannot start before the incident did ({when})."
HOLD_TOO_LONG = "A hold longer than 4 hours is not believable: check the start and end times."
CHILD_NOT_IN_INCIDENT = "Record the part of the incident for the child who was held first."
CHILD_VIEW_OR_FOLLOW_UP = "Record {child}'s view, or say why not yet and when you will ask again."
FOLLOW_UP_IN_PAST = "The follow-up date must be today or later."
NOT_PROPORTIONATE_NEEDS_WHY = "Say why: a hold that was not necessary and proportionate must be explained."
CHILD_NOT_IN_HOME = "Only children living at {home} can be part of its incidents."
STAFF_NOT_IN_HOME = "Choose people who work at {home}."

MAX_HOLD = datetime.timedelta(hours=4)
# An incident's time is when staff noted it began; a hold may have started a little before.
EARLY_START = datetime.timedelta(hours=1)


class IncidentCategory(models.Model):
    """A kind of incident, as data a provider can extend in Set-up. `rule` marks the categories
    Hearth's rules hang on (a physical intervention asks for the Regulation 35 record; an
    allegation against staff is hidden from the people it is about)."""

    class Rule(models.TextChoices):
        NONE = "", "No special rule"
        PHYSICAL_INTERVENTION = "physical_intervention", "Physical intervention (Regulation 35 record)"
        ALLEGATION = "allegation", "Allegation against a member of staff (restricted)"

    name = models.CharField(max_length=80, unique=True)
    rule = models.CharField(max_length=30, choices=Rule.choices, blank=True, default=Rule.NONE)
    description = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True, help_text="Retired categories stay on old incidents.")

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "incident categories"

    def __str__(self) -> str:
        return self.name


class ApprovedTechnique(models.Model):
    """A hold or technique on the provider's approved list (Regulation 20: only what staff are
    trained in). Providers keep their own list in Set-up."""

    name = models.CharField(max_length=120, unique=True)
    description = models.CharField(max_length=250, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Incident(models.Model):
    """When and where, who was there, what kind of incident; the children's parts hang off it."""

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="incidents")
    occurred_at = models.DateTimeField("When it happened")
    location = models.CharField("Where it happened", max_length=150)
    categories = models.ManyToManyField(
        IncidentCategory, related_name="incidents", verbose_name="What kind of incident"
    )
    staff_involved = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="incidents_involved_in", verbose_name="Staff involved"
    )
    witnesses = models.TextField(
        blank=True, help_text="Who else saw it (names and roles). Do not name other children here."
    )
    allegation_against = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name="Who the allegation is about",
        help_text="They will never see this record; only managers and administrators will.",
    )

    # Regulation 36: signed by its author when saved, by the service, never by a form.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    countersigned_at = models.DateTimeField(null=True, blank=True)
    manager_comments = models.TextField("Manager's review", blank=True)
    # Regulation 35(3)(b), confirmed at countersigning when the incident holds a physical intervention.
    spoke_with_staff = models.BooleanField(default=False)
    spoke_with_child = models.BooleanField(default=False)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(countersigned_at__isnull=True, countersigned_by__isnull=True)
                | models.Q(countersigned_at__isnull=False, countersigned_by__isnull=False),
                name="incident_countersigned_by_and_when",
            ),
        ]
        indexes = [
            # The home's incident list, the dashboard's pending list and the evidence log read a
            # home's incidents by date.
            models.Index(fields=["home", "-occurred_at"], name="incident_home_when_idx"),
        ]

    def __str__(self) -> str:
        return f"Incident at {self.home} on {timezone.localtime(self.occurred_at):%-d %b %Y, %H:%M}"

    @property
    def is_countersigned(self) -> bool:
        return self.countersigned_at is not None

    def clean(self) -> None:
        if self.occurred_at and self.occurred_at > timezone.now():
            raise ValidationError({"occurred_at": [INCIDENT_IN_FUTURE]})


class IncidentChild(models.Model):
    """One child's part of an incident: all that the child's own record shows of it."""

    class Medical(models.TextChoices):
        NONE_NEEDED = "none", "None needed"
        OFFERED_DECLINED = "offered_declined", "Offered, declined"
        FIRST_AID = "first_aid", "First aid given"
        GP_OR_NURSE = "gp", "Seen by a GP or nurse"
        HOSPITAL = "hospital", "Went to hospital"

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="parts")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="incident_parts")
    what_happened = models.TextField("What happened")
    led_up_to = models.TextField("What led up to it")
    antecedents = models.ManyToManyField(
        Trigger, blank=True, related_name="incident_parts", verbose_name="Triggers from the risk assessment"
    )
    new_antecedent = models.CharField(
        "Something else that led up to it",
        max_length=200,
        blank=True,
        help_text="A trigger the risk assessment does not list yet: you will be offered a draft revision with it.",
    )
    communicating = models.TextField("What the child seemed to be communicating")
    de_escalation = models.TextField("What staff did to help the child regulate")
    outcome = models.TextField("Outcome")
    injuries = models.TextField("Injuries", blank=True, help_text="Any injury to the child, or 'none'.")
    medical_attention = models.CharField(
        "Medical attention", max_length=20, choices=Medical.choices, default=Medical.NONE_NEEDED
    )
    medical_detail = models.CharField("Medical attention: details", max_length=250, blank=True)

    child_view = models.TextField("The child's view", blank=True)
    child_view_not_yet = models.CharField("Why not yet", max_length=250, blank=True)
    child_view_follow_up_on = models.DateField("Ask again by", null=True, blank=True)
    child_view_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    child_view_recorded_at = models.DateTimeField(null=True, blank=True)

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["incident", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "child"], name="incident_child_once"),
        ]
        indexes = [
            # The child's incidents, chronology, month section and trigger panel read by child.
            models.Index(fields=["child", "incident"], name="incident_part_child_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.child.preferred_name}'s part of the {self.incident}"

    @property
    def child_view_pending(self) -> bool:
        return not self.child_view.strip()

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.child_id and self.incident_id and self.child.home_id != self.incident.home_id:
            errors["child"] = [CHILD_NOT_IN_HOME.format(home=self.incident.home)]
        pending = self.child_id and not self.child_view.strip()
        message = CHILD_VIEW_OR_FOLLOW_UP.format(child=self.child.preferred_name) if pending else ""
        if pending and not self.child_view_not_yet.strip():
            errors.setdefault("child_view_not_yet", []).append(message)
        if pending and not self.child_view_follow_up_on:
            errors.setdefault("child_view_follow_up_on", []).append(message)
        elif pending and self._state.adding and self.child_view_follow_up_on < timezone.localdate():
            errors.setdefault("child_view_follow_up_on", []).append(FOLLOW_UP_IN_PAST)
        if errors:
            raise ValidationError(errors)


class PhysicalIntervention(models.Model):
    """A hold used with one child in an incident: the Regulation 35(3)(a) record."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="interventions")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="physical_interventions")
    technique = models.ForeignKey(
        ApprovedTechnique, on_delete=models.PROTECT, related_name="+", verbose_name="Hold or technique used"
    )
    started_at = models.DateTimeField("Hold started")
    ended_at = models.DateTimeField("Hold ended")
    held_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="interventions_held", verbose_name="Who held"
    )
    present = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="interventions_present", verbose_name="Who else was present"
    )
    reason = models.TextField(
        "Why a hold was needed",
        help_text="Regulation 20: only to prevent injury to anyone or serious damage to property.",
    )
    tried_first = models.TextField("What was tried first")
    effectiveness = models.TextField("How effective it was, and its consequences")
    child_injury = models.TextField("Injury to the child", blank=True)
    staff_injury = models.TextField("Injury to staff or anyone else", blank=True)
    treatment = models.TextField("First aid or medical treatment", blank=True)
    necessary_and_proportionate = models.BooleanField("Necessary and proportionate")
    proportionality_note = models.TextField("Why", blank=True)

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__gt=models.F("started_at")), name="hold_ends_after_start"
            ),
        ]
        indexes = [
            # The intervention log (evidence pack, month section) reads a child's holds by date.
            models.Index(fields=["child", "started_at"], name="hold_child_when_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"Physical intervention with {self.child.preferred_name} on {timezone.localtime(self.started_at):%-d %b %Y}"
        )

    @property
    def duration(self) -> datetime.timedelta:
        return self.ended_at - self.started_at

    @property
    def duration_minutes(self) -> int:
        return max(1, round(self.duration.total_seconds() / 60))

    @property
    def record_due(self) -> datetime.datetime:
        return self.started_at + RECORD_WITHIN

    @property
    def recorded_late(self) -> bool:
        return self.recorded_at > self.record_due

    @property
    def review_due(self) -> datetime.datetime:
        return self.started_at + REVIEW_WITHIN

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.started_at and self.ended_at:
            if self.ended_at <= self.started_at:
                errors["ended_at"] = [HOLD_ENDS_BEFORE_START]
            elif self.ended_at - self.started_at > MAX_HOLD:
                errors["ended_at"] = [HOLD_TOO_LONG]
            if self.ended_at > timezone.now():
                errors.setdefault("ended_at", []).append(HOLD_IN_FUTURE)
        if self.started_at and self.incident_id and self.started_at < self.incident.occurred_at - EARLY_START:
            when = timezone.localtime(self.incident.occurred_at)
            errors["started_at"] = [HOLD_BEFORE_INCIDENT.format(when=f"{when:%-d %b %Y, %H:%M}")]
        if self.child_id and self.incident_id and not self.incident.parts.filter(child_id=self.child_id).exists():
            errors["child"] = [CHILD_NOT_IN_INCIDENT]
        if self.necessary_and_proportionate is False and not self.proportionality_note.strip():
            errors["proportionality_note"] = [NOT_PROPORTIONATE_NEEDS_WHY]
        if errors:
            raise ValidationError(errors)


class IncidentRequest(models.Model):
    """An incident another app asked for (homes.extensions.open_incident: a medication error, say).
    Regulation 36 wants an incident signed by its author, so nothing is recorded in anyone's name
    here: the facts wait on this row, prefill the incident form, and the incident the person signs
    is linked back, so the link the other app keeps leads to it ever after (and no second one is made)."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="incident_requests")
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=150)
    summary = models.TextField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=60)
    source_id = models.PositiveBigIntegerField()
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="requests", null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="incident_request_once_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}, {timezone.localtime(self.occurred_at):%-d %b %Y %H:%M}"

    @property
    def form_url(self) -> str:
        """The incident form, prefilled from this request (or, once answered, leading to the incident)."""
        return f"{reverse('incident_record', args=[self.child_id])}?{urlencode({'request': self.pk})}"
