"""A child's monthly reviews as subject access and retention see them
(homes.extensions.SubjectAccessSection): the trackers, the meetings, the built review PDFs and
who downloaded them; and the evidence packs that hold them among other children's."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from tracker.models import EvidencePack, GoalProgress, MonthlyTracker, ReportDownload, ReviewMeeting, ReviewReport

WITHDRAWN = "Withdrawn: it held a record disposed of under the retention schedule. Build the pack again if needed."


def child_records(child) -> Iterable[QuerySet]:
    return [
        MonthlyTracker.objects.filter(child=child).order_by("month"),
        GoalProgress.objects.filter(tracker__child=child).order_by("tracker__month", "pk"),
        ReviewMeeting.objects.filter(tracker__child=child).order_by("tracker__month"),
        ReviewReport.objects.filter(tracker__child=child).order_by("tracker__month", "pk"),
        ReportDownload.objects.filter(report__tracker__child=child).order_by("pk"),
    ]


def purge_shared(child) -> int:
    """A home's evidence packs hold every child's review PDFs for the period: the packs of the
    child's home that overlap their placement lose their file (the row, its shares and downloads
    stay as the record that a pack was given). Returns how many files were deleted."""
    overlapping = Q(period_end__gte=child.admission_date)
    if child.discharge_date:
        overlapping &= Q(period_start__lte=child.discharge_date)
    deleted = 0
    for pack in EvidencePack.objects.filter(overlapping, home_id=child.home_id).exclude(file=""):
        pack.file.delete(save=False)
        EvidencePack.objects.filter(pk=pack.pk).update(
            file="", sha256="", status=EvidencePack.Status.FAILED, error=WITHDRAWN, status_changed_at=timezone.now()
        )
        deleted += 1
    return deleted
