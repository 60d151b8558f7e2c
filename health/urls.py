from django.urls import path

from health.views import medicines, record

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
    # Medicines and the MAR
    path("children/<int:child_id>/medicines/", medicines.medicines, name="medicines"),
    path("children/<int:child_id>/medicines/new/", medicines.prescription_add, name="prescription_add"),
    path("children/<int:child_id>/medicines/chart/", medicines.mar_month, name="mar_month"),
    path("children/<int:child_id>/medicines/chart/pdf/", medicines.mar_print, name="mar_print"),
    path("medicines/charts/<int:mar_print_id>/", medicines.mar_print_download, name="mar_print_download"),
    path("children/<int:child_id>/medicines/errors/new/", medicines.medication_error_add, name="medication_error_add"),
    path("homes/<int:home_id>/medicines/", medicines.medicines_round, name="medicines_round"),
    path("medicines/<int:prescription_id>/doses/", medicines.dose_record, name="dose_record"),
    path("medicines/<int:prescription_id>/as-needed/", medicines.prn_give, name="prn_give"),
    path("medicines/<int:prescription_id>/stock/", medicines.stock_add, name="stock_add"),
    path("medicines/<int:prescription_id>/stop/", medicines.prescription_stop, name="prescription_stop"),
    path("doses/<int:dose_id>/effect/", medicines.prn_effect, name="prn_effect"),
]
