from django.apps import AppConfig


class HomesConfig(AppConfig):
    name = "homes"
    verbose_name = "Homes and people"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from homes import session_limits  # noqa: F401 - connects the receiver that starts the session clocks
        from homes.models import Home, Membership, User

        auditlog.register(User, exclude_fields=["password", "last_login"])
        auditlog.register(Home)
        auditlog.register(Membership)
