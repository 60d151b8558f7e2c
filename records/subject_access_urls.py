from django.urls import path

from records import subject_access_views as views

urlpatterns = [
    path("subject-access/", views.sar_list, name="sar_list"),
    path("subject-access/<int:request_id>/", views.sar_detail, name="sar_detail"),
    path("subject-access/<int:request_id>/release/", views.sar_release, name="sar_release"),
    path("subject-access/<int:request_id>/retry/", views.sar_retry, name="sar_retry"),
    path("subject-access/<int:request_id>/download/", views.sar_download, name="sar_download"),
    path("subject-access/redactions/<int:redaction_id>/", views.sar_redaction_decide, name="sar_redaction_decide"),
]
