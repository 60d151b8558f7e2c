"""Regulation 40 notifications: start one (from a record, or on its own), draft its text, record
each sending, and say which are due. The 24-hour clock runs from when the home knew."""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from children.models import Child
from homes.concurrency import revision_claim
from homes.models import Home, User
from safeguarding.models import Notification, NotificationCategory, NotificationRecipient
from safeguarding.models.notifications import SENT_BEFORE_KNOWN, SENT_IN_FUTURE

ALREADY_NOTIFIED = "This record has already been notified under this category: open that notification instead."
OPENED_EXISTING = "This record has already been notified under this category: here is that notification."
ALREADY_SENT = "This has already been recorded as sent."
NEEDS_METHOD = "Choose how it was sent"
RECIPIENT_NEEDS_NAME = "Enter who was told"


def _recipients_for(home: Home, category: NotificationCategory, child: Child | None) -> list[NotificationRecipient]:
    """Ofsted always, quoting the home's URN; then whom the category names, filled from the
    child's record where it holds them (placing authority, social worker)."""
    Kind = NotificationRecipient.Kind
    found = [NotificationRecipient(kind=Kind.OFSTED, name=f"Ofsted, quoting URN {home.ofsted_urn} ({home.name})")]
    for kind in category.recipient_kinds():
        if kind == Kind.OFSTED or kind not in Kind.values:
            continue
        if kind == Kind.PLACING_AUTHORITY:
            name = child.placing_authority if child else ""
        elif kind == Kind.SOCIAL_WORKER:
            if child is None or not child.social_worker_name:
                continue
            name = child.social_worker_name
        else:
            name = ""
        found.append(NotificationRecipient(kind=kind, name=name or Kind(kind).label))
    return found


@transaction.atomic
def notification_start(
    *,
    home: Home,
    created_by: User,
    source: models.Model | None = None,
    now: datetime.datetime | None = None,
    **fields,
) -> Notification:
    """A notification with its recipients to tell, not yet sent. From a record, at most one per
    category (a second press of "Notify" opens the first)."""
    notification = Notification(home=home, created_by=created_by, created_at=now or timezone.now())
    unknown = set(fields) - set(Notification.CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"Not a notification field: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(notification, name, value)
    if source is not None:
        notification.source_type = ContentType.objects.get_for_model(source)
        notification.source_id = source.pk
    notification.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError as error:
        raise ValidationError(ALREADY_NOTIFIED) from error
    for recipient in _recipients_for(home, notification.category, notification.child):
        recipient.notification = notification
        recipient.full_clean()
        recipient.save()
    return notification


def notification_from(source: models.Model, category) -> Notification | None:
    """The notification already started from `source` under `category` (category or its pk), if any."""
    return Notification.objects.filter(
        source_type=ContentType.objects.get_for_model(source), source_id=source.pk, category=category
    ).first()


@transaction.atomic
def notification_edit(*, notification: Notification, user: User, revision: int | None, **fields) -> Notification:
    """Correct the text before (or after) sending; what was already sent stays as it was sent."""
    revision_claim(notification, revision=revision, user=user)
    for name, value in fields.items():
        if name not in Notification.CONTENT_FIELDS:
            raise TypeError(f"Not a notification field: {name}")
        setattr(notification, name, value)
    notification.full_clean(validate_constraints=False)
    notification.save()
    return notification


@transaction.atomic
def notification_add_recipient(*, notification: Notification, kind: str, name: str) -> NotificationRecipient:
    if not name.strip():
        raise ValidationError({"name": [RECIPIENT_NEEDS_NAME]})
    recipient = NotificationRecipient(notification=notification, kind=kind, name=name.strip())
    recipient.full_clean()
    recipient.save()
    return recipient


@transaction.atomic
def notification_record_sent(
    *,
    recipient: NotificationRecipient,
    sent_by: User,
    sent_at: datetime.datetime,
    method: str,
    reference: str = "",
) -> NotificationRecipient:
    """Who sent it, when and how; the text sent is kept as it is now."""
    recipient = (
        NotificationRecipient.objects.select_for_update().select_related("notification__home").get(pk=recipient.pk)
    )
    if recipient.sent_at is not None:
        raise ValidationError(ALREADY_SENT)
    errors = {}
    if not method:
        errors["method"] = [NEEDS_METHOD]
    if sent_at > timezone.now():
        errors["sent_at"] = [SENT_IN_FUTURE]
    elif sent_at < recipient.notification.known_at:
        errors["sent_at"] = [SENT_BEFORE_KNOWN]
    if errors:
        raise ValidationError(errors)
    recipient.sent_at, recipient.sent_by, recipient.method = sent_at, sent_by, method
    recipient.reference = reference.strip()
    recipient.sent_text = notification_text(recipient.notification)
    recipient.full_clean()
    recipient.save()
    return recipient


# --- the text ----------------------------------------------------------------------------------


def initials(name: str) -> str:
    return "".join(f"{part[0].upper()}." for part in name.replace("-", " ").split() if part)


@dataclass(frozen=True)
class Draft:
    """The notification as the people told read it: the home and its URN, the category and its
    rule, when, the child by initials and date of birth (not their name), the placing authority,
    what happened and what the home has done. Nothing else of the child's record."""

    lines: list[tuple[str, str]]

    def as_text(self) -> str:
        return "\n".join(f"{label}: {value}" for label, value in self.lines)


def notification_draft(notification: Notification) -> Draft:
    home, category, child = notification.home, notification.category, notification.child
    when = timezone.localtime(notification.event_at).strftime("%-d %B %Y, %H:%M")
    known = timezone.localtime(notification.known_at).strftime("%-d %B %Y, %H:%M")
    lines = [
        ("Home", home.name),
        ("Ofsted URN", home.ofsted_urn),
        ("Registered manager", str(home.registered_manager) if home.registered_manager_id else "—"),
        ("Event", f"{category.name} ({category.regulation})"),
        ("When it happened", when),
        ("When the home knew", known),
    ]
    if child is not None:
        lines += [
            ("Child", f"{initials(child.legal_name)}, born {child.date_of_birth:%-d %B %Y}"),
            ("Placing authority", child.placing_authority),
        ]
    lines += [("What happened", notification.summary), ("What the home has done", notification.actions)]
    return Draft(lines=lines)


def notification_text(notification: Notification) -> str:
    return notification_draft(notification).as_text()


# --- clocks ------------------------------------------------------------------------------------


def notifications_due(queryset: models.QuerySet[Notification]) -> models.QuerySet[Notification]:
    """Notifications with someone still to tell, oldest clock first (one query)."""
    unsent = NotificationRecipient.objects.filter(notification=models.OuterRef("pk"), sent_at__isnull=True)
    return queryset.filter(models.Exists(unsent)).order_by("known_at", "pk")


def notification_state(notification: Notification, now: datetime.datetime | None = None) -> str:
    """'sent', 'sent late', 'due' or 'overdue', from its recipients (prefetched)."""
    now = now or timezone.now()
    recipients = list(notification.recipients.all())
    if recipients and all(r.sent_at is not None for r in recipients):
        return "sent" if all(r.sent_at <= notification.due_at for r in recipients) else "sent late"
    return "overdue" if now > notification.due_at else "due"
