from django.urls import path

from children.views.child import child_section
from safeguarding.views import body_maps, incidents, missing

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
]
