from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    verbose_name = "Safeguarding"
    name = "safeguarding"

    def ready(self) -> None:
        """Audit registration and the extension points (homes.extensions, children.extensions)
        each of this app's record kinds plugs into, so that no other app imports this one."""
        from safeguarding import missing_hooks

        missing_hooks.register()  # body maps and missing from care
        # Subject access and retention (issue 15): everything this app holds about a child.
        from homes.extensions import SubjectAccessSection, register_subject_access_section
        from safeguarding import subject_access

        register_subject_access_section(
            SubjectAccessSection(
                name="safeguarding", label="Safeguarding", child_records=subject_access.child_records, order=25
            )
        )
