"""The safeguarding registers for the inspector's evidence pack (Annex A, Regulation 40
notifications, complaints), as CSV. Registered as a homes.extensions.EvidenceSection; the pack's
builder calls `evidence_files` in a Celery worker. Nothing confidential: children by initials,
no one's words (an inspector reads those in the home), cells neutralised against formulas."""

import datetime
import io
from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils import timezone

from homes.exports import csv_writer
from homes.models import Home
from safeguarding.annex_a import annex_a_csv


def _when(moment: datetime.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _initials(child) -> str:
    from safeguarding.services.notifications import initials

    return initials(child.legal_name) if child is not None else ""


def notifications_csv(home: Home, start: datetime.date, end: datetime.date) -> bytes:
    from children.extensions import dated
    from safeguarding.models import Notification, NotificationRecipient
    from safeguarding.services.notifications import notification_state

    rows = (
        dated(Notification.objects.filter(home=home), "known_at", start, end)
        .select_related("category", "child")
        .prefetch_related(Prefetch("recipients", queryset=NotificationRecipient.objects.order_by("pk")))
        .order_by("known_at", "pk")
    )
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(
        ["Event", "Regulation", "Child", "Happened", "Home knew", "Due by", "Who was told", "How", "When", "Clock"]
    )
    for notification in rows:
        recipients = list(notification.recipients.all())
        writer.writerow(
            [
                notification.category.name,
                notification.category.regulation,
                _initials(notification.child),
                _when(notification.event_at),
                _when(notification.known_at),
                _when(notification.due_at),
                "; ".join(r.get_kind_display() for r in recipients),
                "; ".join(r.get_method_display() or "not yet" for r in recipients),
                "; ".join(_when(r.sent_at) or "not yet" for r in recipients),
                notification_state(notification),
            ]
        )
    return out.getvalue().encode("utf-8")


def complaints_csv(home: Home, start: datetime.date, end: datetime.date) -> bytes:
    from children.extensions import dated
    from safeguarding.models import Complaint

    rows = dated(Complaint.objects.filter(home=home), "received_at", start, end).select_related("child")
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(
        ["Made", "Kind", "Who complained", "Child", "Advocate", "Respond by", "Status", "Closed", "Satisfied"]
    )
    for complaint in rows.order_by("received_at", "pk"):
        writer.writerow(
            [
                _when(complaint.received_at),
                complaint.get_kind_display(),
                complaint.get_complainant_display(),
                _initials(complaint.child),
                "yes" if complaint.advocate else "no",
                complaint.respond_by.isoformat(),
                complaint.get_status_display(),
                _when(complaint.closed_at),
                complaint.get_satisfied_display() if complaint.satisfied else "",
            ]
        )
    return out.getvalue().encode("utf-8")


def evidence_files(home: Home, start: datetime.date, end: datetime.date) -> Iterator[tuple[str, bytes]]:
    yield "annex-a.csv", annex_a_csv(home, start, end)
    yield "notifications-register.csv", notifications_csv(home, start, end)
    yield "complaints-register.csv", complaints_csv(home, start, end)
