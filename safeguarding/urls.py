from django.urls import path

from children.views.child import child_section
from safeguarding.views import incidents

urlpatterns = [
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
