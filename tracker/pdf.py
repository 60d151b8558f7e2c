"""Review PDFs: a page-free HTML template per kind (templates/tracker/pdf/), rendered by WeasyPrint.

The PDF templates share partials with the pages (the month summary; later the SVG brain maps
and charts), and never depend on a request."""

from django.template.loader import render_to_string
from django.utils import timezone

from homes.pdf import html_to_pdf
from tracker.models import ReviewMeeting, ReviewReport
from tracker.pack import CHART_PRINT_WIDTH_MM, PACK_TREND_MONTHS, brain_maps, pack_context
from tracker.prefill import month_summary
from tracker.trends import child_trends, trend_charts

TEMPLATES = {
    ReviewReport.Kind.MEETING_PACK: "tracker/pdf/meeting_pack.html",
    ReviewReport.Kind.REVIEW_RECORD: "tracker/pdf/review_record.html",
}


def report_context(report: ReviewReport) -> dict:
    tracker = report.tracker
    child = tracker.child
    meeting = ReviewMeeting.objects.select_related("manager", "assessor").filter(tracker=tracker).first()
    if report.kind == ReviewReport.Kind.MEETING_PACK:
        extra = pack_context(tracker)
    else:
        trends = child_trends(child, until=tracker.month, count=PACK_TREND_MONTHS)
        extra = {
            "trend_charts": trend_charts(trends),
            "print_width": CHART_PRINT_WIDTH_MM,
            "brain_maps": brain_maps(child, tracker.month_end),  # what the review was held against
        }
    return {
        **extra,
        "report": report,
        "kind": report.get_kind_display(),
        "document_title": f"{report.get_kind_display()}, {tracker.month:%B %Y}",
        "tracker": tracker,
        "child": child,
        "age": child.age_on(tracker.month_end),
        "summary": month_summary(child, tracker.month),
        "meeting": meeting,
        "generated_at": timezone.localtime(),
    }


def render_report_html(report_id: int) -> str:
    report = ReviewReport.objects.select_related(
        "tracker__child__home", "tracker__child__key_worker", "tracker__child__assessor"
    ).get(pk=report_id)
    return render_to_string(TEMPLATES[report.kind], report_context(report))


def render_report_pdf(report_id: int) -> bytes:
    return html_to_pdf(render_report_html(report_id))
