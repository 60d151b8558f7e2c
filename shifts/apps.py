from django.apps import AppConfig


class ShiftsConfig(AppConfig):
    verbose_name = "Shifts"
    name = "shifts"

    def ready(self) -> None:
        """Audit registration and the extension points (homes.extensions, children.extensions)
        each of this app's record kinds plugs into, so that no other app imports this one."""
        from auditlog.registry import auditlog

        from children import extensions as child_ext
        from homes import access
        from homes.concurrency import Revisioned
        from homes.extensions import register_home_section
        from shifts import chronology
        from shifts.models import DailyLog, Handover, HandoverFlag, HandoverRead, LanguagePhrase, ShiftPattern

        guard = list(Revisioned.REVISION_FIELDS)
        auditlog.register(DailyLog, exclude_fields=["id", "updated_at"])
        auditlog.register(ShiftPattern, exclude_fields=["id", *guard])
        auditlog.register(Handover, exclude_fields=["id", *guard])
        auditlog.register(HandoverRead, exclude_fields=["id"])
        auditlog.register(HandoverFlag, exclude_fields=["id"])
        auditlog.register(LanguagePhrase, exclude_fields=["id"])

        child_ext.register_chronology_source(chronology.SOURCE)
        child_ext.register_child_section(
            child_ext.ChildSection(name="daily_log", label="Daily log", url_name="daily_log_list", order=55)
        )
        child_ext.register_child_action(
            child_ext.ChildAction(
                name="daily_log",
                label="Write the daily log",
                url_name="daily_log_add",
                allowed=access.can_write_daily_log,
                order=12,
            )
        )
        register_home_section("Daily log and handover", "shifts_home", order=45)

        from homes.extensions import register_handover_section
        from shifts import handover_sections

        for section in handover_sections.SECTIONS:
            register_handover_section(section)
        child_ext.register_before_shift_section(handover_sections.BEFORE_SHIFT)
        from shifts import due

        due.register()

        # The language check: the written records it measures, and its part of the home's page.
        from homes.extensions import HomePanel, register_home_panel
        from shifts import measure
        from shifts.views.language import home_panel_context

        measure.register_own_records()

        from shifts.month import month_context

        child_ext.register_month_section(
            child_ext.MonthSection(
                name="daily_log",
                label="Daily log",
                template="shifts/_month_section.html",
                context=month_context,
                order=20,
            )
        )
        register_home_panel(
            HomePanel(name="language", template="shifts/_language_panel.html", context=home_panel_context, order=50)
        )

        # Subject access and retention (issue 15): the child's daily log and handover flags.
        from homes.extensions import SubjectAccessSection, register_subject_access_section
        from shifts import subject_access

        register_subject_access_section(
            SubjectAccessSection(
                name="shifts", label="Daily log and handover", child_records=subject_access.child_records, order=24
            )
        )
