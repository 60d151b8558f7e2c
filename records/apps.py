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
        self._ready_documents()
        self._ready_own_copy()

    def _ready_own_copy(self) -> None:
        from auditlog.registry import auditlog

        from children import extensions as child_ext
        from homes import access
        from homes import extensions as home_ext
        from records import panels_documents as panels
        from records.models import OwnCopy

        auditlog.register(OwnCopy, exclude_fields=["id", "status_changed_at"])
        home_ext.register_background_queue(
            home_ext.BackgroundQueue(name="Children's own copies", build_task="records.tasks.build_own_copy")
        )
        child_ext.register_child_section(
            child_ext.ChildSection(
                name="own-copy",
                label="Own copy",
                url_name="own_copy",
                order=66,
                allowed=access.can_make_own_copy,
            )
        )
        # Once the child has left, their page offers the moving-on pack to the home's managers.
        child_ext.register_child_panel(
            child_ext.ChildPanel(
                name="moving-on",
                template="records/own_copy/_moving_on_panel.html",
                context=panels.moving_on_panel,
                order=5,
            )
        )

    def _ready_documents(self) -> None:
        from auditlog.registry import auditlog

        from children import extensions as child_ext
        from homes import access
        from records import panels_documents as panels
        from records.models import Document, DocumentDownload

        # Every change to a document's record (and each archive) is in its history; reads and
        # downloads are logged by the views (access.log_read, DocumentDownload).
        auditlog.register(Document, exclude_fields=["id", "added_at"])
        auditlog.register(DocumentDownload, exclude_fields=["id"])

        child_ext.register_child_section(
            child_ext.ChildSection(name="memory-box", label="Memory box", url_name="memory_box", order=65)
        )
        child_ext.register_child_section(
            child_ext.ChildSection(name="documents", label="Documents", url_name="document_list", order=85)
        )
        child_ext.register_child_panel(
            child_ext.ChildPanel(
                name="memory-box",
                template="records/documents/_memory_box_panel.html",
                context=panels.memory_box_panel,
                order=35,
            )
        )
        child_ext.register_child_action(
            child_ext.ChildAction(
                name="memory-box",
                label="Add to the memory box",
                url_name="memory_box_add",
                allowed=access.can_add_documents,
                order=35,
            )
        )
        child_ext.register_chronology_source(
            child_ext.ChronologySource(
                kind="document",
                label="Documents and the memory box",
                entries=panels.chronology_entries,
                keyset=True,
                count=panels.chronology_count,
            )
        )
        child_ext.register_month_section(
            child_ext.MonthSection(
                name="good-things",
                label="Good things this month",
                template="records/documents/_month_good_things.html",
                context=panels.good_things_this_month,
                order=10,
            )
        )
