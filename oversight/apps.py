from django.apps import AppConfig


class OversightConfig(AppConfig):
    verbose_name = "Oversight"
    name = "oversight"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from oversight.models import TaskDigestOptOut

        # Turning the digest off or on again is a person's own choice: who and when are kept.
        auditlog.register(TaskDigestOptOut, exclude_fields=["id"])
