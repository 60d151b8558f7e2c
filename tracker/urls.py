from django.urls import path, register_converter

from children.views.child import child_section
from tracker.months import MonthConverter
from tracker.views import evidence, home_month, meeting, report, tracker, trends

register_converter(MonthConverter, "month")

urlpatterns = [
    # The monthly-reviews tab of the child's record: this app's panel on a page of the child's record.
    path("children/<int:child_id>/reviews/", child_section, {"section": "reviews"}, name="child_reviews"),
    path("reviews/<int:tracker_id>/", tracker.tracker_detail, name="tracker_detail"),
    path("children/<int:child_id>/trends/", trends.child_trends_view, name="child_trends"),
    path("reviews/<int:tracker_id>/edit/", tracker.tracker_edit, name="tracker_edit"),
    path("reviews/<int:tracker_id>/meeting/", meeting.meeting_edit, name="meeting_edit"),
    path("reviews/<int:tracker_id>/sign/", meeting.meeting_sign, name="meeting_sign"),
    path("reviews/<int:tracker_id>/build-pack/", report.tracker_build_pack, name="tracker_build_pack"),
    path("review-pdfs/<int:report_id>/download/", report.report_download, name="report_download"),
    path("review-pdfs/<int:report_id>/retry/", report.report_retry, name="report_retry"),
    path("homes/<int:home_id>/evidence/", evidence.evidence_list, name="evidence_list"),
    path("evidence/<int:pack_id>/", evidence.evidence_detail, name="evidence_detail"),
    path("evidence/<int:pack_id>/retry/", evidence.evidence_retry, name="evidence_retry"),
    path("evidence/<int:pack_id>/share-account/", evidence.evidence_share_account, name="evidence_share_account"),
    path("evidence/<int:pack_id>/share-code/", evidence.evidence_share_code, name="evidence_share_code"),
    path("evidence/<int:pack_id>/download/", evidence.evidence_download, name="evidence_download"),
    path("evidence-shares/<int:share_id>/revoke/", evidence.evidence_revoke, name="evidence_revoke"),
    path("evidence/shared-with-me/", evidence.shared_evidence, name="shared_evidence"),
    path("evidence/access/", evidence.evidence_access, name="evidence_access"),
    path("homes/<int:home_id>/reviews/", home_month.home_reviews, name="home_reviews"),
    path("homes/<int:home_id>/reviews/<month:month>/", home_month.home_month, name="home_month"),
    path("homes/<int:home_id>/reviews/<month:month>/open/", home_month.home_month_open, name="home_month_open"),
    path(
        "homes/<int:home_id>/reviews/<month:month>/build-packs/",
        home_month.home_month_build_packs,
        name="home_month_build_packs",
    ),
    path(
        "homes/<int:home_id>/reviews/<month:month>/progress/",
        home_month.home_month_progress,
        name="home_month_progress",
    ),
]
