from django.urls import path

from safeguarding.views import annex_a, complaints, consequences, notifications

urlpatterns: list = [
    path("children/<int:child_id>/consequences/", consequences.consequence_list, name="consequence_list"),
    path("children/<int:child_id>/consequences/add/", consequences.consequence_add, name="consequence_add"),
    path("consequences/<int:consequence_id>/", consequences.consequence_detail, name="consequence_detail"),
    path(
        "consequences/<int:consequence_id>/follow-up/",
        consequences.consequence_follow_up,
        name="consequence_follow_up",
    ),
    path("homes/<int:home_id>/complaints/", complaints.complaint_list, name="complaint_list"),
    path("homes/<int:home_id>/complaints/add/", complaints.complaint_add, name="complaint_add"),
    path("children/<int:child_id>/complaints/add/", complaints.complaint_add_for_child, name="complaint_add_for_child"),
    path("complaints/<int:complaint_id>/", complaints.complaint_detail, name="complaint_detail"),
    path("complaints/<int:complaint_id>/handle/", complaints.complaint_handle, name="complaint_handle"),
    path("homes/<int:home_id>/notifications/", notifications.notification_list, name="notification_list"),
    path("homes/<int:home_id>/notifications/add/", notifications.notification_add, name="notification_add"),
    path("notifications/<int:notification_id>/", notifications.notification_detail, name="notification_detail"),
    path("notifications/<int:notification_id>/print/", notifications.notification_print, name="notification_print"),
    path("notifications/<int:notification_id>/edit/", notifications.notification_edit, name="notification_edit"),
    path(
        "notifications/<int:notification_id>/recipients/add/",
        notifications.notification_recipient_add,
        name="notification_recipient_add",
    ),
    path(
        "notification-recipients/<int:recipient_id>/sent/",
        notifications.notification_recipient_sent,
        name="notification_recipient_sent",
    ),
    path(
        "notifications/<int:notification_id>/pdf/", notifications.notification_pdf_build, name="notification_pdf_build"
    ),
    path(
        "notifications/<int:notification_id>/pdf/download/",
        notifications.notification_pdf_download,
        name="notification_pdf_download",
    ),
    path("homes/<int:home_id>/annex-a/", annex_a.annex_a, name="annex_a"),
    path("homes/<int:home_id>/annex-a.csv", annex_a.annex_a_download, name="annex_a_download"),
]
