"""Retention (issue 15, item 4): when a person's record may be disposed of, what stops it (a legal
hold), the two confirmations a disposal needs, and the tombstone that is all that remains.

A child's record: until their 75th birthday, or 15 years after death for a child who died before
18. A member of staff's: a configurable number of years after they left (settings
STAFF_RETENTION_YEARS, default 6). Nothing is deleted until a manager and an administrator have
both confirmed; until then nothing can be deleted by anyone."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from children.models import Child


class SubjectKind(models.TextChoices):
    CHILD = "child", "A child's case record"
    STAFF = "staff", "A member of staff's record"


# A hold or a disposal is about exactly one person: a child, or a member of staff.
ONE_SUBJECT = (Q(kind=SubjectKind.CHILD, child__isnull=False, person__isnull=True)) | Q(
    kind=SubjectKind.STAFF, child__isnull=True, person__isnull=False
)


class StaffDeparture(models.Model):
    """When a member of staff left the provider: their records' retention runs from this date."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="departure")
    left_on = models.DateField("Date they left")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.person} left on {self.left_on:%d %b %Y}"


class LegalHold(models.Model):
    """Suspends disposal of one person's record (an inquiry, a claim, a police request) until
    lifted. A lifted hold is kept, with who lifted it and why."""

    kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    # A held record is never disposed of; lifted holds go with the record they held.
    child = models.ForeignKey(Child, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(
        help_text="Why the record must be kept (the inquiry, claim or request, and its reference)."
    )
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at"]
        constraints = [
            models.CheckConstraint(condition=ONE_SUBJECT, name="hold_one_subject"),
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True, lifted_by__isnull=True)
                | Q(lifted_at__isnull=False, lifted_by__isnull=False),
                name="hold_lifted_by_someone",
            ),
        ]
        indexes = [
            # records.retention.held(): is there an active hold on this child / person?
            models.Index(fields=["child", "lifted_at"], name="hold_child_active_idx"),
            models.Index(fields=["person", "lifted_at"], name="hold_person_active_idx"),
        ]

    def __str__(self) -> str:
        state = "lifted" if self.lifted_at else "active"
        return f"Legal hold placed {self.placed_at:%d %b %Y} ({state})"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class Disposal(models.Model):
    """A record that has reached its retention date, listed by the nightly task, waiting for a
    manager and an administrator to confirm. Once disposed of, the subject links are gone (the
    record is) and `tombstone` says what was disposed of."""

    class Status(models.TextChoices):
        DUE = "due", "Due for disposal"
        DISPOSED = "disposed", "Disposed of"
        WITHDRAWN = "withdrawn", "Withdrawn (no longer due)"

    kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    # Cleared when the record is disposed of (records.retention.disposal_carry_out).
    child = models.ForeignKey(Child, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    retain_until = models.DateField(help_text="The date the record reached.")
    listed_on = models.DateField(default=timezone.localdate)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DUE)
    manager_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    manager_confirmed_at = models.DateTimeField(null=True, blank=True)
    administrator_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    administrator_confirmed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["retain_until", "pk"]
        constraints = [
            # One open disposal per person: the nightly task runs again without listing twice.
            models.UniqueConstraint(
                fields=["child"], condition=Q(status="due", child__isnull=False), name="disposal_one_due_per_child"
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="due", person__isnull=False),
                name="disposal_one_due_per_person",
            ),
            models.CheckConstraint(condition=~Q(status="due") | ONE_SUBJECT, name="disposal_due_has_subject"),
            # Two different people: the manager's confirmation and the administrator's.
            models.CheckConstraint(
                condition=Q(manager_confirmed_by__isnull=True)
                | Q(administrator_confirmed_by__isnull=True)
                | ~Q(manager_confirmed_by=models.F("administrator_confirmed_by")),
                name="disposal_two_different_people",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.retain_until:%d %b %Y} ({self.get_status_display()})"


class Tombstone(models.Model):
    """All that remains of a disposed record: what kind it was, its dates, who authorised its
    disposal and how much was deleted. No name, no content."""

    disposal = models.OneToOneField(Disposal, on_delete=models.PROTECT, related_name="tombstone")
    kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    # The record's internal number, so a later question ("was record 42 disposed of?") has an answer.
    record_number = models.PositiveBigIntegerField()
    record_started = models.DateField(null=True, blank=True, help_text="Admission, or the first role.")
    record_ended = models.DateField(null=True, blank=True, help_text="Discharge or death, or the date they left.")
    retain_until = models.DateField()
    disposed_at = models.DateTimeField(default=timezone.now)
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    administrator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rows_deleted = models.PositiveIntegerField()
    files_deleted = models.PositiveIntegerField()
    audit_entries_deleted = models.PositiveIntegerField()

    class Meta:
        ordering = ["-disposed_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} no. {self.record_number}, disposed of {self.disposed_at:%d %b %Y}"
