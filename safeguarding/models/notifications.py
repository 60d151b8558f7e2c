"""Regulation 40 notifications: a register of serious events notified to Ofsted (HMCI, quoting
the home's URN) and others, without delay — in practice within 24 hours. Each notification says
what was sent, to whom, when, by whom and how. It may point at the record it came from (an
incident, a missing episode) through a generic link, so this module imports no other record kind."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from children.models import Child
from homes.builds import BuiltFile
from homes.concurrency import Revisioned
from homes.models import Home, User

# "Without delay": homes and Ofsted read it as within 24 hours of the home knowing.
NOTIFY_WITHIN = datetime.timedelta(hours=24)

EVENT_IN_FUTURE = "This is in the future: a notification is about something that has happened."
KNOWN_BEFORE_EVENT = "The home cannot have known before it happened: check both times."
CHILD_NOT_IN_HOME = "Choose a child of this home."
STAFF_NOT_IN_HOME = "Choose a member of this home's staff."
CATEGORY_NEEDS_CHILD = "Choose the child this is about: a notification of this kind is about a child."
SENT_BEFORE_KNOWN = "It cannot have been sent before the home knew of the event."
SENT_IN_FUTURE = "This is in the future: record a notification once it has been sent."


class NotificationCategory(models.Model):
    """A kind of notifiable event, seeded from regulation 40 and extendable by the provider."""

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    regulation = models.CharField(max_length=60)
    description = models.TextField(blank=True)
    about_a_child = models.BooleanField(default=True)
    # An allegation about someone working at the home: the notification names them, and is then
    # never shown to them (homes.access.notifications_for).
    is_allegation = models.BooleanField(default=False)
    # Who must be told, beyond Ofsted: recipient kinds (NotificationRecipient.Kind), comma-separated.
    recipients = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "notification categories"

    def __str__(self) -> str:
        return f"{self.name} ({self.regulation})"

    def recipient_kinds(self) -> list[str]:
        return [kind.strip() for kind in self.recipients.split(",") if kind.strip()]


class Notification(Revisioned):
    CONTENT_FIELDS = ("category", "child", "about_staff", "event_at", "known_at", "summary", "actions")

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="notifications")
    category = models.ForeignKey(NotificationCategory, on_delete=models.PROTECT, related_name="notifications")
    child = models.ForeignKey(Child, on_delete=models.PROTECT, null=True, blank=True, related_name="notifications")
    about_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Member of staff it is about",
        help_text="For an allegation about someone who works here. They will never see this notification.",
    )
    event_at = models.DateTimeField("When it happened")
    known_at = models.DateTimeField(
        "When the home knew", help_text="The 24-hour clock runs from here. Usually the same as when it happened."
    )
    summary = models.TextField(
        "What happened",
        help_text="Only what the people notified need to know: no more of the child's record than that.",
    )
    actions = models.TextField("What the home has done", help_text="Who was told, what was done to keep everyone safe.")

    # The record it came from (an incident, a missing episode), if any.
    source_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-known_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(known_at__gte=models.F("event_at")), name="notification_known_after_event"
            ),
            models.UniqueConstraint(
                fields=["source_type", "source_id", "category"], name="notification_one_per_source_and_category"
            ),
        ]
        indexes = [
            # The register, Annex A and the evidence pack read a home's notifications by date;
            # the prompt on an incident looks its notifications up by source.
            models.Index(fields=["home", "-known_at"], name="notification_home_when_idx"),
            models.Index(fields=["source_type", "source_id"], name="notification_source_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.category.name}, {timezone.localtime(self.known_at):%-d %b %Y}"

    @property
    def due_at(self) -> datetime.datetime:
        return self.known_at + NOTIFY_WITHIN

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        now = timezone.now()
        if self.event_at and self.event_at > now:
            errors["event_at"] = [EVENT_IN_FUTURE]
        if self.known_at and self.known_at > now:
            errors["known_at"] = [EVENT_IN_FUTURE]
        if self.event_at and self.known_at and self.known_at < self.event_at:
            errors["known_at"] = [KNOWN_BEFORE_EVENT]
        if self.child_id and self.home_id and self.child.home_id != self.home_id:
            errors["child"] = [CHILD_NOT_IN_HOME]
        if self.category_id and self.category.about_a_child and not self.child_id:
            errors["child"] = [CATEGORY_NEEDS_CHILD]
        if self.about_staff_id and self.home_id and not self._staff_works_in_home():
            errors["about_staff"] = [STAFF_NOT_IN_HOME]
        if errors:
            raise ValidationError(errors)

    def _staff_works_in_home(self) -> bool:
        return User.objects.working_in(self.home_id).filter(pk=self.about_staff_id).exists()


class NotificationRecipient(models.Model):
    """One person or body told, and how: what was sent is kept as it was sent."""

    class Kind(models.TextChoices):
        OFSTED = "ofsted", "Ofsted (HMCI)"
        PLACING_AUTHORITY = "placing_authority", "The placing authority"
        SOCIAL_WORKER = "social_worker", "The child's social worker"
        HOME_AUTHORITY = "home_authority", "The local authority where the home is"
        SECRETARY_OF_STATE = "secretary_of_state", "The Secretary of State"
        ICB = "icb", "The integrated care board"
        POLICE = "police", "The police"
        PARENT = "parent", "A parent or person with parental responsibility"
        OTHER = "other", "Someone else"

    class Method(models.TextChoices):
        ONLINE_FORM = "online_form", "Ofsted's online form"
        EMAIL = "email", "E-mail"
        PHONE = "phone", "Telephone"
        LETTER = "letter", "Letter"
        IN_PERSON = "in_person", "In person"

    notification = models.ForeignKey(Notification, on_delete=models.PROTECT, related_name="recipients")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200, help_text="Who exactly: the team, the person, the reference they use.")
    method = models.CharField("How", max_length=20, choices=Method.choices, blank=True)
    sent_at = models.DateTimeField("When it was sent", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reference = models.CharField("Their reference", max_length=100, blank=True)
    # What was sent, as it was when sent (the notification's text may be corrected later).
    sent_text = models.TextField(blank=True)

    class Meta:
        ordering = ["notification", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    @property
    def on_time(self) -> bool | None:
        if self.sent_at is None:
            return None
        return self.sent_at <= self.notification.due_at


def notification_pdf_upload_to(pdf: "NotificationPdf", filename: str) -> str:
    return f"notifications/{pdf.notification.home_id}/notification-{pdf.notification_id}-r{pdf.built_from_revision}.pdf"


class NotificationPdf(BuiltFile):
    """The notification's printable PDF and the state of its build (homes.builds), built by a
    Celery worker. One per notification; built again when its text changes."""

    notification = models.OneToOneField(Notification, on_delete=models.PROTECT, related_name="pdf")
    file = models.FileField(upload_to=notification_pdf_upload_to, blank=True)
    # The notification's revision the file shows: a later correction makes the file out of date.
    built_from_revision = models.PositiveIntegerField(default=0)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ready") | (~models.Q(file="") & ~models.Q(sha256="")),
                name="notification_pdf_ready_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"PDF of {self.notification} ({self.get_status_display()})"

    @property
    def is_current(self) -> bool:
        return self.status == self.Status.READY and self.built_from_revision == self.notification.revision
