from django.apps import AppConfig


class ShiftsConfig(AppConfig):
    verbose_name = "Shifts"
    name = "shifts"

    def ready(self) -> None:
        """Audit registration and the extension points (homes.extensions, children.extensions)
        each of this app's record kinds plugs into, so that no other app imports this one."""
