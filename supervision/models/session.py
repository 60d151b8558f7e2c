"""Supervision sessions, their attendees (and signatures), and the actions agreed in them.

One model covers every kind of session. `supervisor` is the supervisor (or, for a group,
the facilitator); `Attendance` rows are the people supervised: exactly one for individual
kinds (the supervisee), two or more for groups (reflective practice, peer support). Because
every kind records its people the same way, "when was this person last supervised" is one
query over Attendance whatever the kind, and a group counts for each attendee.

Signatures are who + when: the supervisor's on the session, each supervisee's on their
Attendance row. Once anyone has signed, the content is read-only, so nobody's signature
ever covers words that changed afterwards.

Confidential (supervisee, supervisor and clinical leads only; see homes/access.py):
`themes`, `coping_rating`, `notes` and the agreed actions. Everything else is the fact that
the session happened, which the home's managers may see.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from homes.concurrency import Revisioned
from homes.dates import validate_review_date
from homes.models import Home

SESSION_IN_FUTURE = "The session date is in the future: record a session once it has happened."
NEXT_BEFORE_SESSION = "The next session must be after this one."
UNKNOWN_THEME = "Choose themes from the list."
DURATION_RANGE = "A session lasts between 5 minutes and 8 hours."
ACTION_OWNER_NOT_PRESENT = "An action's owner must be the supervisor or someone who attended."
COPING_ONLY_INDIVIDUAL = "The coping rating is the supervisee's own, so only individual sessions have one."


class SupervisionSession(Revisioned):
    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", "Individual clinical supervision"
        REFLECTIVE_PRACTICE = "reflective_practice", "Group reflective practice"
        PEER_SUPPORT = "peer_support", "Peer support and learning group"
        DEBRIEF = "debrief", "Debrief after an incident"
        APPRAISAL = "appraisal", "Annual appraisal"

    class Theme(models.TextChoices):
        CHILDREN = "children", "The children"
        EMOTIONAL_IMPACT = "emotional_impact", "Emotional impact of the work"
        TEAM = "team", "Team relationships"
        TRAINING = "training", "Training and development"
        WORKLOAD = "workload", "Workload"
        WELLBEING = "wellbeing", "Personal wellbeing"
        PRACTICE = "practice", "Therapeutic practice (PACE, regulation)"
        SAFEGUARDING = "safeguarding", "Safeguarding"
        OTHER = "other", "Other"

    class Coping(models.IntegerChoices):
        STRUGGLING = 1, "1 · Really struggling"
        LOW = 2, "2 · Finding it hard"
        OKAY = 3, "3 · Getting by"
        WELL = 4, "4 · Coping well"
        THRIVING = 5, "5 · Thriving"

    GROUP_KINDS = frozenset({Kind.REFLECTIVE_PRACTICE, Kind.PEER_SUPPORT})
    # Kinds that count as supervision for Regulation 33 compliance; appraisal has its own clock.
    SUPERVISION_KINDS = frozenset({Kind.INDIVIDUAL, Kind.REFLECTIVE_PRACTICE, Kind.PEER_SUPPORT, Kind.DEBRIEF})

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="supervision_sessions")
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.INDIVIDUAL)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervisions_given",
        help_text="The supervisor, or the facilitator of a group.",
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Attendance", related_name="supervisions_received"
    )
    held_on = models.DateField("Date")
    duration_minutes = models.PositiveSmallIntegerField("Duration (minutes)", default=60)
    next_on = models.DateField("Next session", null=True, blank=True, validators=[validate_review_date])

    # Confidential content.
    themes = models.JSONField("Themes discussed", default=list, blank=True)
    coping_rating = models.PositiveSmallIntegerField(
        "How the supervisee says they are coping", choices=Coping.choices, null=True, blank=True
    )
    notes = models.TextField("Confidential notes", blank=True)

    supervisor_signed_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_on__isnull=True) | models.Q(next_on__gt=models.F("held_on")),
                name="session_next_after_held",
            ),
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=5, duration_minutes__lte=480),
                name="session_duration_in_range",
            ),
        ]
        indexes = [
            # The home's session list and the compliance summary read a home's sessions by date.
            models.Index(fields=["home", "held_on"], name="session_home_held_idx"),
            # The provider-wide compliance counts read the last few weeks of every home's sessions.
            models.Index(fields=["held_on"], name="session_held_idx"),
            # "Awaiting my signature" (supervision/services/mine.py): the sessions a supervisor has
            # not signed, a small part of them all.
            models.Index(
                fields=["supervisor"],
                condition=models.Q(supervisor_signed_at__isnull=True),
                name="session_unsigned_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d %b %Y}"

    @property
    def is_group(self) -> bool:
        return self.kind in self.GROUP_KINDS

    @property
    def is_locked(self) -> bool:
        """Read-only once anyone has signed. Uses prefetched attendances when present."""
        return self.supervisor_signed_at is not None or any(a.signed_at for a in self.attendances.all())

    @property
    def is_fully_signed(self) -> bool:
        attendances = list(self.attendances.all())
        return self.supervisor_signed_at is not None and bool(attendances) and all(a.signed_at for a in attendances)

    def theme_labels(self) -> list[str]:
        labels = dict(self.Theme.choices)
        return [labels.get(code, code) for code in self.themes]

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.held_on and self.held_on > timezone.localdate():
            errors.setdefault("held_on", []).append(SESSION_IN_FUTURE)
        if self.held_on and self.next_on and self.next_on <= self.held_on:
            errors.setdefault("next_on", []).append(NEXT_BEFORE_SESSION)
        if self.duration_minutes is not None and not 5 <= self.duration_minutes <= 480:
            errors.setdefault("duration_minutes", []).append(DURATION_RANGE)
        if not isinstance(self.themes, list) or any(t not in self.Theme.values for t in self.themes):
            errors.setdefault("themes", []).append(UNKNOWN_THEME)
        if self.coping_rating is not None and self.kind != self.Kind.INDIVIDUAL:
            errors.setdefault("coping_rating", []).append(COPING_ONLY_INDIVIDUAL)
        if errors:
            raise ValidationError(errors)


class Attendance(models.Model):
    """A person supervised in a session (the supervisee, or one attendee of a group), and
    their signature."""

    session = models.ForeignKey(SupervisionSession, on_delete=models.PROTECT, related_name="attendances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendances")
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="attendance_once_per_session"),
        ]
        indexes = [
            # "Last supervised" per person: the compliance summary reads attendances by person.
            models.Index(fields=["person", "session"], name="attendance_person_idx"),
            # "Awaiting my signature" (supervision/services/mine.py): the person's unsigned attendances.
            models.Index(
                fields=["person", "session"], condition=models.Q(signed_at__isnull=True), name="attendance_unsigned_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.session}"


class SupervisionAction(models.Model):
    """An action agreed in a session, tracked until done. Part of the confidential content."""

    session = models.ForeignKey(SupervisionSession, on_delete=models.PROTECT, related_name="actions")
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_actions")
    due_on = models.DateField("Due", validators=[validate_review_date])
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["done_on", "due_on", "pk"]
        indexes = [
            # "My open actions" on the dashboard and my-supervision page.
            models.Index(fields=["owner", "done_on"], name="action_owner_open_idx"),
        ]

    def __str__(self) -> str:
        # Not the description: the change history keeps str() of each record, and the
        # description is confidential.
        return f"Action for {self.owner} due {self.due_on:%d %b %Y}"

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()

    def clean(self) -> None:
        if self.session_id and self.owner_id:
            present = {self.session.supervisor_id, *self.session.attendances.values_list("person_id", flat=True)}
            if self.owner_id not in present:
                raise ValidationError({"owner": ACTION_OWNER_NOT_PRESENT})
