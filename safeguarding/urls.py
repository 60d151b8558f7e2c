from django.urls import path

from children.views.child import child_section
from safeguarding.views import annex_a, body_maps, complaints, consequences, incidents, missing, notifications

urlpatterns = [
    # Body maps (issue 10, item 3)
    path("children/<int:child_id>/body-maps/", body_maps.body_map_list, name="body_map_list"),
    path("children/<int:child_id>/body-maps/new/", body_maps.body_map_add, name="body_map_add"),
    path("body-maps/<int:body_map_id>/", body_maps.body_map_detail, name="body_map_detail"),
    path("body-maps/<int:body_map_id>/marks/new/", body_maps.body_mark_add, name="body_mark_add"),
    # Missing from care (issue 10, item 5)
    path("children/<int:child_id>/missing/", missing.missing_list, name="missing_list"),
    path("children/<int:child_id>/missing/new/", missing.missing_add, name="missing_add"),
    path("missing/<int:missing_id>/", missing.missing_detail, name="missing_detail"),
    path("missing/<int:missing_id>/edit/", missing.missing_edit, name="missing_edit"),
    path("missing/<int:missing_id>/return/", missing.missing_return, name="missing_return"),
    path("missing/<int:missing_id>/updates/new/", missing.missing_update_add, name="missing_update_add"),
    path("missing/<int:missing_id>/return-interview/", missing.return_interview, name="return_interview"),
    path("missing/<int:missing_id>/close/", missing.missing_close, name="missing_close"),
    # Incidents and physical intervention (issue 10, items 1, 2 and 4)
    path("homes/<int:home_id>/incidents/", incidents.incident_list, name="incident_list"),
    path("children/<int:child_id>/incidents/", child_section, {"section": "incidents"}, name="child_incidents"),
    path("children/<int:child_id>/incidents/record/", incidents.incident_record, name="incident_record"),
    path("incidents/<int:incident_id>/", incidents.incident_detail, name="incident_detail"),
    path(
        "incidents/<int:incident_id>/children/<int:child_id>/add/",
        incidents.incident_add_child,
        name="incident_add_child",
    ),
    path(
        "incidents/<int:incident_id>/physical-intervention/",
        incidents.intervention_record,
        name="intervention_record",
    ),
    path("incidents/<int:incident_id>/countersign/", incidents.incident_countersign, name="incident_countersign"),
    path("incident-parts/<int:part_id>/", incidents.incident_part_detail, name="incident_part_detail"),
    path("incident-parts/<int:part_id>/view/", incidents.incident_part_view, name="incident_part_view"),
    path(
        "incident-parts/<int:part_id>/risk-revision/",
        incidents.incident_part_risk_revision,
        name="incident_part_risk_revision",
    ),
    # Consequences, complaints, Regulation 40 notifications, Annex A (issue 10, items 6 to 9)
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
