from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    verbose_name = "Safeguarding"
    name = "safeguarding"

    def ready(self) -> None:
        """Audit registration and the extension points (homes.extensions, children.extensions)
        each of this app's record kinds plugs into, so that no other app imports this one."""
        from safeguarding import missing_hooks

        missing_hooks.register()  # body maps and missing from care
        from safeguarding import notices

        notices.register()  # consequences, complaints, notifications, Annex A
