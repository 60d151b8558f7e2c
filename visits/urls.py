from django.urls import path

from visits import views
from visits.readers import READERS

urlpatterns = [
    path("visits/", views.visit_list, name="visit_list"),
    path("visits/homes/<int:home_id>/start/", views.visit_start, name="visit_start"),
    path("visits/<int:visit_id>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:visit_id>/close/", views.visit_close, name="visit_close"),
    path("visits/<int:visit_id>/supervision/", views.visit_supervision, name="visit_supervision"),
    path("visits/case-records/<int:visit_child_id>/", views.visit_case_record, name="visit_case_record"),
    path("visits/<int:visit_id>/report/", views.visit_report_edit, name="visit_report_edit"),
    path("visit-reports/<int:visit_report_id>/", views.visit_report_detail, name="visit_report_detail"),
    path(
        "visit-reports/<int:visit_report_id>/recommendations/add/",
        views.recommendation_add,
        name="recommendation_add",
    ),
    path("visit-reports/<int:visit_report_id>/sign/", views.visit_report_sign, name="visit_report_sign"),
    path("visit-reports/<int:visit_report_id>/sent/", views.visit_report_sent, name="visit_report_sent"),
    path("visit-reports/<int:visit_report_id>/pdf/", views.visit_report_pdf, name="visit_report_pdf"),
    path(
        "visit-reports/<int:visit_report_id>/pdf/download/",
        views.visit_report_pdf_download,
        name="visit_report_pdf_download",
    ),
    path("recommendations/<int:recommendation_id>/edit/", views.recommendation_edit, name="recommendation_edit"),
    path(
        "recommendations/<int:recommendation_id>/respond/", views.recommendation_respond, name="recommendation_respond"
    ),
    path("recommendations/<int:recommendation_id>/done/", views.recommendation_done, name="recommendation_done"),
    path("homes/<int:home_id>/independent-visits/", views.visit_reports_home, name="visit_reports_home"),
]

# One page per kind of record a visitor reads (their app installed or not: the page answers 404
# when it is not).
urlpatterns += [
    path(f"visits/<int:visit_id>/{reader.kind}/", views.records_view(reader.kind), name=reader.url_name)
    for reader in READERS.values()
]
