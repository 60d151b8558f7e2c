"""Missing from care: an episode from when the child was last seen to their return, what staff
did meanwhile, and the independent return home interview offered within 72 hours of the return
(statutory guidance on children who run away or go missing from home or care, 2014).

The episode is written by several people over hours or days (the shift that noticed, the shift
that called the police, the one that welcomed the child back), so its edits are guarded by the
one optimistic-concurrency mechanism (homes/concurrency.py)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from children.models import Child, RiskAssessment
from children.models.records import placement_date_errors
from homes.concurrency import Revisioned

# The return home interview must be offered within this long of the child's return.
INTERVIEW_WITHIN = datetime.timedelta(hours=72)
# A moment typed on a form may be a minute ahead of the server's clock.
CLOCK_SLACK = datetime.timedelta(minutes=1)

IN_FUTURE = "This is in the future: record it once it has happened."
NOTICED_BEFORE_LAST_SEEN = "The time {child} was noticed missing must be after they were last seen."
ACTION_BEFORE_LAST_SEEN = "This is before {child} was last seen: check the date and time."
RETURN_BEFORE_NOTICED = "The return must be after {child} was noticed missing."
POLICE_REFERENCE_NEEDED = "Enter the police reference (the incident or log number) given when the police were told."
POLICE_TIME_NEEDED = "Enter when the police were told, as well as their reference."
RETURN_DETAILS_NEEDED = "Say how {child} came back and how they were."
RETURN_TIME_NEEDED = "Enter when {child} came back."
UPDATE_BEFORE_NOTICED = "An update must be after {child} was noticed missing."
UPDATE_AFTER_RETURN = "This is after {child} came back: record it with the return instead."
INTERVIEW_BEFORE_RETURN = "The interview can only be offered once {child} is back."
INTERVIEWER_NOT_INDEPENDENT = (
    "The return home interview must be offered by someone independent of the home: confirm they are not "
    "one of its staff."
)
HELD_BEFORE_OFFERED = "The interview cannot be held before it was offered."
HELD_NEEDS_ACCOUNT = "Enter the child's own account, as they gave it, once the interview is held."
DECLINED_NEEDS_REASON = "Say why the interview did not happen, as the child put it if they said."
RISK_ASSESSMENT_NOT_THIS_CHILDS = "Choose one of this child's own risk assessments."


def _after(moment: datetime.datetime | None, earliest: datetime.datetime | None) -> bool:
    return moment is None or earliest is None or moment >= earliest


class MissingEpisode(Revisioned):
    class RiskLevel(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    class Indicator(models.TextChoices):
        """Signs of criminal or sexual exploitation the home's protocol asks about."""

        OLDER_ASSOCIATES = "older_associates", "Seen with older people or unknown adults"
        MONEY_OR_GIFTS = "money_or_gifts", "Unexplained money, phones, clothes or gifts"
        OUT_OF_AREA = "out_of_area", "Travelled out of the area"
        DRUGS_OR_ALCOHOL = "drugs_or_alcohol", "Drugs or alcohol"
        VEHICLES = "vehicles", "Picked up by cars or taxis"
        ONLINE = "online", "Worrying contact online"
        SEXUAL_HEALTH = "sexual_health", "Sexual health concerns"
        INJURIES = "injuries", "Unexplained injuries"
        GANG = "gang", "Gang association or county lines"

    class ReturnHow(models.TextChoices):
        CAME_BACK = "came_back", "Came back by themselves"
        STAFF = "staff", "Brought back by staff"
        POLICE = "police", "Brought back by the police"
        FAMILY = "family", "Brought back by family or friends"
        OTHER = "other", "Another way"

    # The fields an edit may change (everything but who opened it and when).
    CONTENT_FIELDS = (
        "last_seen_at",
        "last_seen_details",
        "noticed_missing_at",
        "risk_level",
        "exploitation_indicators",
        "exploitation_notes",
        "searched_at",
        "search_details",
        "called_at",
        "police_told_at",
        "police_reference",
        "placing_authority_told_at",
        "parents_told_at",
        "parents_note",
    )
    RETURN_FIELDS = ("returned_at", "return_how", "return_details", "condition")

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="missing_episodes")
    last_seen_at = models.DateTimeField("When last seen")
    last_seen_details = models.TextField(
        "Where, with whom and how they seemed",
        help_text="Where they were last seen, who with, what they were wearing and how they seemed.",
    )
    noticed_missing_at = models.DateTimeField("When noticed missing")
    risk_level = models.CharField("Risk at the time", max_length=10, choices=RiskLevel.choices)
    exploitation_indicators = models.JSONField("Signs of exploitation", default=list, blank=True)
    exploitation_notes = models.TextField("About those signs", blank=True)

    # Actions taken: each has the moment it was done, empty until it is.
    searched_at = models.DateTimeField("Searched for them at", null=True, blank=True)
    search_details = models.TextField("Where staff looked", blank=True)
    called_at = models.DateTimeField("Phoned them at", null=True, blank=True)
    police_told_at = models.DateTimeField("Police told at", null=True, blank=True)
    police_reference = models.CharField("Police reference", max_length=60, blank=True)
    placing_authority_told_at = models.DateTimeField("Placing authority told at", null=True, blank=True)
    parents_told_at = models.DateTimeField("Parents told at", null=True, blank=True)
    parents_note = models.CharField(
        "About telling parents", max_length=300, blank=True, help_text="Who was told, or why parents were not told."
    )

    # The return: empty while the child is missing.
    returned_at = models.DateTimeField("When they came back", null=True, blank=True)
    return_how = models.CharField("How they came back", max_length=10, choices=ReturnHow.choices, blank=True)
    return_details = models.TextField("Where they had been, as far as known", blank=True)
    condition = models.TextField(
        "How they were on return", blank=True, help_text="Their mood, any injuries, whether they had eaten or slept."
    )
    return_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    # Regulation 36: the person who opened the record signs it, with the time.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    archived = models.BooleanField(default=False)

    # The manager's review and signature, which closes the episode: read-only from then on.
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    manager_review = models.TextField("The manager's review", blank=True)

    class Meta:
        ordering = ["-noticed_missing_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True, closed_by__isnull=True)
                | models.Q(closed_at__isnull=False, closed_by__isnull=False, returned_at__isnull=False),
                name="missing_closed_by_and_when_after_return",
            ),
            models.CheckConstraint(
                condition=models.Q(noticed_missing_at__gte=models.F("last_seen_at")),
                name="missing_noticed_after_last_seen",
            ),
            models.CheckConstraint(
                condition=models.Q(returned_at__isnull=True)
                | models.Q(returned_at__gte=models.F("noticed_missing_at")),
                name="missing_return_after_noticed",
            ),
        ]
        indexes = [
            # The child's list, the chronology and the month's section read a child's episodes by date.
            models.Index(fields=["child", "-noticed_missing_at"], name="missing_child_noticed_idx"),
            # The dashboard reads open episodes and returns awaiting an interview.
            models.Index(fields=["returned_at"], name="missing_returned_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.child} missing from {timezone.localtime(self.noticed_missing_at):%-d %b %Y %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.returned_at is None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def interview_due_at(self) -> datetime.datetime | None:
        return self.returned_at + INTERVIEW_WITHIN if self.returned_at else None

    @property
    def duration(self) -> datetime.timedelta | None:
        return self.returned_at - self.noticed_missing_at if self.returned_at else None

    def indicator_labels(self) -> list[str]:
        labels = dict(self.Indicator.choices)
        return [labels.get(code, code) for code in self.exploitation_indicators]

    def clean(self) -> None:
        if not self.child_id:
            return
        name = self.child.preferred_name
        errors: dict[str, list[str]] = {}
        latest = timezone.now() + CLOCK_SLACK
        moments = ["last_seen_at", "noticed_missing_at", "searched_at", "called_at", "police_told_at"]
        moments += ["placing_authority_told_at", "parents_told_at", "returned_at"]
        for field in moments:
            moment = getattr(self, field)
            if moment is not None and moment > latest:
                errors[field] = [IN_FUTURE]
        if self.last_seen_at and "last_seen_at" not in errors:
            errors.update(
                placement_date_errors(self.child, timezone.localdate(self.last_seen_at), "last_seen_at", IN_FUTURE)
            )
        if self.last_seen_at and self.noticed_missing_at and self.noticed_missing_at < self.last_seen_at:
            errors.setdefault("noticed_missing_at", [NOTICED_BEFORE_LAST_SEEN.format(child=name)])
        for field in ("searched_at", "called_at", "police_told_at", "placing_authority_told_at", "parents_told_at"):
            if not _after(getattr(self, field), self.last_seen_at):
                errors.setdefault(field, [ACTION_BEFORE_LAST_SEEN.format(child=name)])
        if self.police_told_at and not self.police_reference.strip():
            errors.setdefault("police_reference", [POLICE_REFERENCE_NEEDED])
        if self.police_reference.strip() and not self.police_told_at:
            errors.setdefault("police_told_at", [POLICE_TIME_NEEDED])
        if self.returned_at:
            if not _after(self.returned_at, self.noticed_missing_at):
                errors.setdefault("returned_at", [RETURN_BEFORE_NOTICED.format(child=name)])
            if not self.return_how:
                errors.setdefault("return_how", [RETURN_DETAILS_NEEDED.format(child=name)])
            if not self.condition.strip():
                errors.setdefault("condition", [RETURN_DETAILS_NEEDED.format(child=name)])
        elif self.return_how or self.condition.strip() or self.return_details.strip():
            errors.setdefault("returned_at", [RETURN_TIME_NEEDED.format(child=name)])
        unknown = set(self.exploitation_indicators or []) - set(self.Indicator.values)
        if unknown:
            errors["exploitation_indicators"] = ["Choose signs from the list."]
        if errors:
            raise ValidationError(errors)


class MissingUpdate(models.Model):
    """Something learned or done while the child is missing (a sighting, a call from the police)."""

    episode = models.ForeignKey(MissingEpisode, on_delete=models.PROTECT, related_name="updates")
    happened_at = models.DateTimeField("When")
    text = models.TextField("What happened", help_text="A sighting, a call, a message from the child or the police.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["happened_at", "pk"]

    def __str__(self) -> str:
        return f"Update on {self.episode} at {timezone.localtime(self.happened_at):%-d %b %Y %H:%M}"

    def clean(self) -> None:
        if not self.episode_id or not self.happened_at:
            return
        name = self.episode.child.preferred_name
        if self.happened_at > timezone.now() + CLOCK_SLACK:
            raise ValidationError({"happened_at": [IN_FUTURE]})
        if self.happened_at < self.episode.noticed_missing_at:
            raise ValidationError({"happened_at": [UPDATE_BEFORE_NOTICED.format(child=name)]})
        if self.episode.returned_at and self.happened_at > self.episode.returned_at:
            raise ValidationError({"happened_at": [UPDATE_AFTER_RETURN.format(child=name)]})


class ReturnInterview(Revisioned):
    """The independent return home interview: offered within 72 hours of the return by someone
    who does not work at the home; then held (the child's own account, what changes as a result)
    or declined."""

    class Outcome(models.TextChoices):
        OFFERED = "offered", "Offered, not yet held"
        HELD = "held", "Held"
        DECLINED = "declined", "Declined or did not happen"

    CONTENT_FIELDS = (
        "offered_at",
        "interviewer_name",
        "interviewer_role",
        "interviewer_independent",
        "outcome",
        "held_at",
        "child_account",
        "changes",
        "risk_assessment",
        "declined_reason",
    )

    episode = models.OneToOneField(MissingEpisode, on_delete=models.PROTECT, related_name="return_interview")
    offered_at = models.DateTimeField("When it was offered")
    interviewer_name = models.CharField("Who offered it", max_length=150)
    interviewer_role = models.CharField(
        "Their organisation or role",
        max_length=200,
        help_text="For example: return interview worker, the local authority's missing team.",
    )
    interviewer_independent = models.BooleanField(
        "They are independent of the home", default=False, help_text="Not one of the home's staff or managers."
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OFFERED)
    held_at = models.DateTimeField("When it was held", null=True, blank=True)
    child_account = models.TextField("In the child's words", blank=True)
    changes = models.TextField("What changes as a result", blank=True)
    risk_assessment = models.ForeignKey(
        RiskAssessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Risk assessment revision",
        help_text="The revision of the risk assessment that takes in what was learned.",
    )
    declined_reason = models.TextField("Why it did not happen", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["offered_at", "pk"]

    def __str__(self) -> str:
        return f"Return home interview for {self.episode}"

    @property
    def offered_in_time(self) -> bool:
        due = self.episode.interview_due_at
        return due is not None and self.offered_at <= due

    def clean(self) -> None:
        if not self.episode_id:
            return
        episode = self.episode
        name = episode.child.preferred_name
        errors: dict[str, list[str]] = {}
        latest = timezone.now() + CLOCK_SLACK
        if self.offered_at:
            if self.offered_at > latest:
                errors["offered_at"] = [IN_FUTURE]
            elif episode.returned_at is None or self.offered_at < episode.returned_at:
                errors["offered_at"] = [INTERVIEW_BEFORE_RETURN.format(child=name)]
        if not self.interviewer_independent:
            errors["interviewer_independent"] = [INTERVIEWER_NOT_INDEPENDENT]
        if self.outcome == self.Outcome.HELD:
            if not self.held_at:
                errors["held_at"] = ["Enter when the interview was held."]
            elif self.held_at > latest:
                errors["held_at"] = [IN_FUTURE]
            elif self.offered_at and self.held_at < self.offered_at:
                errors["held_at"] = [HELD_BEFORE_OFFERED]
            if not self.child_account.strip():
                errors["child_account"] = [HELD_NEEDS_ACCOUNT]
        if self.outcome == self.Outcome.DECLINED and not self.declined_reason.strip():
            errors["declined_reason"] = [DECLINED_NEEDS_REASON]
        if self.risk_assessment_id and self.risk_assessment.child_id != episode.child_id:
            errors["risk_assessment"] = [RISK_ASSESSMENT_NOT_THIS_CHILDS]
        if errors:
            raise ValidationError(errors)
