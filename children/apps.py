from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "children"
    verbose_name = "Children and their care"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from children.models import Child

        auditlog.register(Child, exclude_fields=["id", "created_at", "updated_at"])
