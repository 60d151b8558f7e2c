from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "children"
    verbose_name = "Children and their care"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from children import extensions, panels
        from children.models import (
            Activity,
            Child,
            KeyWorkingAmendment,
            KeyWorkingSession,
            ProvisionArrangement,
            ProvisionSession,
        )
        from children.services.chronology import SOURCES

        auditlog.register(Child, exclude_fields=["id", "created_at", "updated_at"])
        auditlog.register(KeyWorkingSession, exclude_fields=["id", "updated_at"])
        auditlog.register(KeyWorkingAmendment, exclude_fields=["id"])
        auditlog.register(Activity, exclude_fields=["id", "recorded_at"])
        auditlog.register(ProvisionArrangement, exclude_fields=["id", "created_at"])
        auditlog.register(ProvisionSession, exclude_fields=["id", "recorded_at"])
        for source in SOURCES:
            extensions.register_chronology_source(source)
        panels.register()
