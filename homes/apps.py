from django.apps import AppConfig


class HomesConfig(AppConfig):
    name = "homes"
    verbose_name = "Homes and people"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from homes import security  # noqa: F401 - connects the audit trail's signal receivers
        from homes.models import Home, Membership, ProviderSettings, User

        auditlog.register(User, exclude_fields=["password", "last_login"])
        auditlog.register(Home)
        auditlog.register(Membership)
        auditlog.register(ProviderSettings)
