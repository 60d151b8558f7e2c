from django.apps import AppConfig


class VisitsConfig(AppConfig):
    verbose_name = "Independent visits"
    name = "visits"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from homes.concurrency import Revisioned
        from visits import wiring
        from visits.models import Recommendation, Visit, VisitChild, VisitorAppointment, VisitReport

        auditlog.register(VisitorAppointment, exclude_fields=["id"])
        auditlog.register(Visit, exclude_fields=["id"])
        auditlog.register(VisitChild, exclude_fields=["id"])
        auditlog.register(VisitReport, exclude_fields=["id", "created_at"], m2m_fields={"staff_spoken_with"})
        auditlog.register(Recommendation, exclude_fields=["id", "created_at", *Revisioned.REVISION_FIELDS])
        wiring.register()
