from django.urls import path

from health.views import record

urlpatterns = [
    path("children/<int:child_id>/health/", record.health_record, name="health_record"),
    path(
        "children/<int:child_id>/health/registrations/new/",
        record.health_registration_add,
        name="health_registration_add",
    ),
    path(
        "children/<int:child_id>/health/immunisations/new/",
        record.health_immunisation_add,
        name="health_immunisation_add",
    ),
    path("children/<int:child_id>/health/conditions/new/", record.health_condition_add, name="health_condition_add"),
    path("children/<int:child_id>/health/assessments/new/", record.health_assessment_add, name="health_assessment_add"),
    path(
        "children/<int:child_id>/health/appointments/new/", record.health_appointment_add, name="health_appointment_add"
    ),
    path(
        "children/<int:child_id>/health/delegated-authority/new/",
        record.delegated_authority_add,
        name="delegated_authority_add",
    ),
    path(
        "health/conditions/<int:condition_id>/resolve/",
        record.health_condition_resolve,
        name="health_condition_resolve",
    ),
    path(
        "health/assessments/<int:health_assessment_id>/done/",
        record.health_assessment_done,
        name="health_assessment_done",
    ),
    path(
        "health/appointments/<int:appointment_id>/outcome/",
        record.health_appointment_outcome,
        name="health_appointment_outcome",
    ),
]
