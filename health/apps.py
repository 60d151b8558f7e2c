"""The child's health record, delegated authority, prescriptions, stock and the MAR (issue 11)."""

from django.apps import AppConfig


class HealthConfig(AppConfig):
    verbose_name = "Health and medicines"
    name = "health"

    def ready(self) -> None:
        """Audit registration and the extension points (homes.extensions, children.extensions)
        each of this app's record kinds plugs into, so that no other app imports this one."""
        from auditlog.registry import auditlog

        from health import due, medicine_panels, models, panels
        from homes.concurrency import Revisioned

        for model in (
            models.Registration,
            models.Immunisation,
            models.Condition,
            models.HealthAssessment,
            models.Appointment,
            models.DelegatedAuthority,
            models.Prescription,
            models.StockMovement,
            models.Dose,
            models.MedicationError,
            models.MarPrint,
        ):
            auditlog.register(model, exclude_fields=["id", "recorded_at", "created_at", *Revisioned.REVISION_FIELDS])
        panels.register()
        medicine_panels.register()
        # The health summary in a child's moving-on pack (issue 15).
        from health import moving_on

        moving_on.register()
        due.register()
        from homes.extensions import BackgroundQueue, register_background_queue

        register_background_queue(BackgroundQueue(name="MAR chart PDFs", build_task="health.tasks.build_mar_print"))
        # Subject access and retention (issue 15): everything this app holds about a child.
        from health import subject_access
        from homes.extensions import SubjectAccessSection, register_subject_access_section

        register_subject_access_section(
            SubjectAccessSection(name="health", label="Health", child_records=subject_access.child_records, order=22)
        )
