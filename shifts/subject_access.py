"""A child's daily log and the handover flags raised about them, as subject access and retention
see them (homes.extensions.SubjectAccessSection). A handover's own notes are the home's record of
a shift, shared by every child, and stay with the home."""

from collections.abc import Iterable

from django.db.models import QuerySet

from shifts.models import DailyLog, HandoverFlag


def child_records(child) -> Iterable[QuerySet]:
    return [
        DailyLog.objects.filter(child=child).order_by("pk"),
        HandoverFlag.objects.filter(child=child).order_by("pk"),
    ]
