"""Regulation 44 (issue 12, item 2): the independent person who visits a home every month, reads
the records a visitor may read while there, talks with children and staff, and reports; the
manager answers each recommendation with an action tracked to done."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from children.models import Child
from homes.builds import BuiltFile
from homes.concurrency import Revisioned
from homes.dates import validate_review_date, validate_within_bounds
from homes.exports import safe_file_name
from homes.models import Home


class VisitorAppointment(models.Model):
    """An independent person appointed to visit a home. Like an inspector's, their account holds
    no role in any home: the appointment is all they reach (homes.access.visits)."""

    visitor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visitor_appointments")
    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="visitor_appointments")
    starts_on = models.DateField("From", default=timezone.localdate, validators=[validate_within_bounds])
    ends_on = models.DateField(
        "Until", null=True, blank=True, validators=[validate_within_bounds], help_text="Leave empty while it lasts."
    )

    class Meta:
        ordering = ["home__name", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="visitor_appointment_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.visitor} visits {self.home}"

    def is_current(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class Visit(models.Model):
    """One visit to the home. The visit window is simply its day: from the moment the visitor
    opens it until they close it or the day ends, they read the home's records; after that they
    can still write their report, but read nothing more."""

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="visits")
    visitor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="visits")
    visit_date = models.DateField("Date of the visit", default=timezone.localdate, validators=[validate_within_bounds])
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-visit_date", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["home", "visitor", "visit_date"], name="one_visit_per_visitor_home_day")
        ]

    def __str__(self) -> str:
        return f"Visit to {self.home}, {self.visit_date:%-d %B %Y}"

    def is_open(self, today: datetime.date | None = None) -> bool:
        return self.closed_at is None and self.visit_date == (today or timezone.localdate())


class VisitChild(models.Model):
    """A child the visitor met, and whether the child agreed to the visitor reading their case
    record. The report names children only through these rows (and only by preferred name), and
    the visitor reads a case record only where consent is recorded here."""

    visit = models.ForeignKey(Visit, on_delete=models.PROTECT, related_name="children_seen")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="visitor_consents")
    spoke_with = models.BooleanField("Spoke with them", default=True)
    consent_to_records = models.BooleanField(
        "Agreed to the visitor reading their case record",
        default=False,
        help_text="Regulation 44: the visitor reads a child's case record only with the child's consent.",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["child__preferred_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["visit", "child"], name="one_visit_child_row_per_child")]

    def __str__(self) -> str:
        return f"{self.child.preferred_name} at the {self.visit}"


class VisitReport(models.Model):
    """The visitor's monthly report, written in Hearth. Signed, it never changes (the service
    refuses, and the PDF is built from it)."""

    class Judgement(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "In part: see the recommendations"
        NO = "no", "No"

    visit = models.OneToOneField(Visit, on_delete=models.PROTECT, related_name="report")
    staff_spoken_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="Staff you spoke with"
    )
    others_spoken_with = models.TextField(
        "Others you spoke with",
        blank=True,
        help_text="Parents, social workers, advocates… (their role, not only a name).",
    )
    looked_at = models.TextField("What you looked at", blank=True, help_text="The records, rooms and routines you saw.")
    safeguarded = models.CharField(
        "Are children effectively safeguarded?", max_length=10, choices=Judgement.choices, blank=True
    )
    safeguarded_notes = models.TextField("Why you say so", blank=True)
    wellbeing_promoted = models.CharField(
        "Is the conduct of the home promoting children's wellbeing?",
        max_length=10,
        choices=Judgement.choices,
        blank=True,
    )
    wellbeing_notes = models.TextField("Why you say so ", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    sent_to_ofsted_on = models.DateField(
        "Sent to Ofsted on", null=True, blank=True, validators=[validate_within_bounds]
    )
    sent_to_placing_authorities_on = models.DateField(
        "Sent to the placing authorities on", null=True, blank=True, validators=[validate_within_bounds]
    )

    class Meta:
        ordering = ["-visit__visit_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(signed_at__isnull=True, signed_by__isnull=True)
                | models.Q(signed_at__isnull=False, signed_by__isnull=False),
                name="visit_report_signed_with_who_and_when",
            )
        ]

    def __str__(self) -> str:
        return f"Regulation 44 report, {self.visit.home}, {self.visit.visit_date:%B %Y}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def filename(self) -> str:
        return safe_file_name(f"{self.visit.home.name} {self.visit.visit_date:%Y-%m-%d} Regulation 44 report.pdf")


class Recommendation(Revisioned, models.Model):
    """One recommendation of a report (the visitor's words, fixed when the report is signed) and
    the manager's response: an action, its owner at the home, a date, tracked to done. The
    manager and deputy may both respond, so a response carries the revision it was opened at."""

    report = models.ForeignKey(VisitReport, on_delete=models.PROTECT, related_name="recommendations")
    text = models.TextField("Recommendation")
    action = models.TextField("What will be done", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="visit_actions",
        null=True,
        blank=True,
        verbose_name="Who will do it",
    )
    due_on = models.DateField("Due", null=True, blank=True, validators=[validate_review_date])
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True, validators=[validate_within_bounds])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(responded_at__isnull=True)
                | models.Q(owner__isnull=False, due_on__isnull=False) & ~models.Q(action=""),
                name="visit_response_has_action_owner_and_date",
            ),
            models.CheckConstraint(
                condition=models.Q(done_on__isnull=True) | models.Q(responded_at__isnull=False),
                name="visit_action_done_after_a_response",
            ),
        ]
        # The task list and the overview's open actions: open actions by owner and due date.
        indexes = [models.Index(fields=["owner", "done_on", "due_on"], name="visit_action_owner_open_idx")]

    def __str__(self) -> str:
        return self.text

    @property
    def is_open(self) -> bool:
        return self.responded_at is not None and self.done_on is None


def report_pdf_upload_to(row: "VisitReportPdf", filename: str) -> str:
    return f"visits/{row.report_id}/report.pdf"


class VisitReportPdf(BuiltFile):
    """The signed report as a PDF, and the state of its build (homes.builds). Asking again
    rebuilds the same row (the sending dates may have changed since)."""

    report = models.OneToOneField(VisitReport, on_delete=models.PROTECT, related_name="pdf")
    file = models.FileField(upload_to=report_pdf_upload_to, blank=True)
    queued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ready") | (~models.Q(file="") & ~models.Q(sha256="")),
                name="visit_report_pdf_ready_has_file_and_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"PDF of the {self.report}"
