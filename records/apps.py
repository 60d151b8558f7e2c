"""Documents and the memory box, the child's own copy, subject access, retention, backup and restore (issue 15)."""

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    verbose_name = "Records for life"
    name = "records"

    def ready(self) -> None:
        """Audit registration and the extension points (homes.extensions, children.extensions)
        each of this app's record kinds plugs into, so that no other app imports this one."""
        from records import retention_setup

        retention_setup.register()
