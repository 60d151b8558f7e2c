from django.apps import AppConfig


class OversightConfig(AppConfig):
    verbose_name = "Oversight"
    name = "oversight"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from oversight.models import TaskDigestOptOut

        # Turning the digest off or on again is a person's own choice: who and when are kept.
        auditlog.register(TaskDigestOptOut, exclude_fields=["id"])
        # Subject access and retention (issue 15): everything this app holds about a person.
        from homes.extensions import SubjectAccessSection, register_subject_access_section
        from oversight import subject_access

        register_subject_access_section(
            SubjectAccessSection(
                name="oversight", label="Settings", staff_records=subject_access.staff_records, order=90
            )
        )
