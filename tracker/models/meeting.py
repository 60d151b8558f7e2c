from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from children.models import CarePlan
from homes.concurrency import Revisioned
from homes.models import Membership, User
from tracker.models.tracker import MonthlyTracker

MANAGER_NOT_MANAGER = "The manager at the meeting must be a manager or deputy manager of {home}."
CHILD_HAS_NO_ASSESSOR = "{child} has no assessor yet: assign one on their record before recording the review meeting."
ASSESSOR_NOT_CHILDS = "The assessor at the meeting must be {child}'s assessor, {assessor}."
MANAGER_IS_ASSESSOR = "The manager and the assessor must be two different people."
MEETING_IN_FUTURE = "The meeting date is in the future: record the review meeting once it has been held."
MEETING_BEFORE_MONTH = "This meeting reviews {month}: it cannot have been held before the month began."


class ReviewMeeting(Revisioned):
    """The monthly therapeutic management meeting for one child's month: held by the home's
    manager with the child's assessor, who both sign the record. A change to what was
    recorded clears signatures already given, so both sign the same final record."""

    tracker = models.OneToOneField(MonthlyTracker, on_delete=models.PROTECT, related_name="meeting")
    held_on = models.DateField("Date of the meeting")
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", help_text="The home's manager."
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", help_text="The child's assessor."
    )
    others_present = models.TextField(blank=True, help_text="Anyone else present, one per line, with their role.")
    decisions = models.TextField(help_text="What was decided, including any change to the child's plan.")
    # The cycle of care: a review that decides the plan should change starts its revision.
    plan_change = models.TextField(
        "Change to the plan",
        blank=True,
        help_text="If the plan should change, what should change: a draft revision of the plan is started.",
    )
    plan_revision = models.ForeignKey(
        CarePlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="started_by_reviews",
        help_text="The draft plan revision this meeting started (or joined, if one was already open).",
    )

    # Each signature is given by the person recorded in that role (see meeting_sign).
    manager_signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    assessor_signed_at = models.DateTimeField(null=True, blank=True, editable=False)

    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on"]
        constraints = [
            # Two people review the month: one person cannot hold both roles and sign twice.
            models.CheckConstraint(
                condition=~models.Q(manager=models.F("assessor")), name="meeting_manager_is_not_assessor"
            ),
        ]
        # "Sign the monthly review" on each task list (issue 14): the few meetings a person has
        # still to sign, found without reading their years of signed ones.
        indexes = [
            models.Index(
                fields=["manager"],
                condition=models.Q(manager_signed_at__isnull=True),
                name="meeting_manager_unsigned_idx",
            ),
            models.Index(
                fields=["assessor"],
                condition=models.Q(assessor_signed_at__isnull=True),
                name="meeting_assessor_unsigned_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Review meeting for {self.tracker} on {self.held_on:%d %B %Y}"

    @property
    def fully_signed(self) -> bool:
        return self.manager_signed_at is not None and self.assessor_signed_at is not None

    @property
    def any_signed(self) -> bool:
        return self.manager_signed_at is not None or self.assessor_signed_at is not None

    def has_signed(self, user: User) -> bool:
        return (user.pk == self.manager_id and self.manager_signed_at is not None) or (
            user.pk == self.assessor_id and self.assessor_signed_at is not None
        )

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        child = self.tracker.child
        if self.held_on:
            if self.held_on > timezone.localdate():
                errors.setdefault("held_on", []).append(MEETING_IN_FUTURE)
            elif self.held_on < self.tracker.month:
                errors.setdefault("held_on", []).append(
                    MEETING_BEFORE_MONTH.format(month=f"{self.tracker.month:%B %Y}")
                )
        if self.manager_id:
            manages = Membership.objects.filter(
                user_id=self.manager_id, home_id=child.home_id, role__in=Membership.MANAGING_ROLES
            ).exists()
            if not manages:
                errors.setdefault("manager", []).append(MANAGER_NOT_MANAGER.format(home=child.home.name))
        if self.assessor_id:
            if child.assessor_id is None:
                errors.setdefault("assessor", []).append(CHILD_HAS_NO_ASSESSOR.format(child=child.preferred_name))
            elif self.assessor_id != child.assessor_id:
                errors.setdefault("assessor", []).append(
                    ASSESSOR_NOT_CHILDS.format(child=child.preferred_name, assessor=child.assessor)
                )
        if self.manager_id and self.manager_id == self.assessor_id:
            errors.setdefault("assessor", []).append(MANAGER_IS_ASSESSOR)
        if errors:
            raise ValidationError(errors)

    def signed_by(self) -> list[tuple[str, User, object]]:
        """(role, person, when) for each signature given, for pages and PDFs."""
        given = []
        if self.manager_signed_at:
            given.append(("Manager", self.manager, self.manager_signed_at))
        if self.assessor_signed_at:
            given.append(("Assessor", self.assessor, self.assessor_signed_at))
        return given
