from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    verbose_name = "Trauma assessment"
    name = "assessments"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from assessments import models
        from homes.audit import reverse_relations
        from homes.concurrency import Revisioned

        for model in (models.Score, models.HistoryPeriod, models.AdverseExperience):
            auditlog.register(model)
        # The instrument is audited too (issue 9): every scale point, age band, domain, item and
        # expectation a `load_instrument` writes, and any later change to them.
        for model in (
            models.Instrument,
            models.ScalePoint,
            models.AgeBand,
            models.Domain,
            models.Item,
            models.Expectation,
        ):
            auditlog.register(model, exclude_fields=["id", *reverse_relations(model)])
        # The revision counter only guards concurrent edits: the entry already says who and when.
        for model in (models.Assessment, models.DevelopmentalHistory, models.AssessmentPolicy):
            auditlog.register(model, exclude_fields=list(Revisioned.REVISION_FIELDS))

        from assessments import panels
        from children import extensions as child_ext
        from homes import access
        from homes import extensions as home_ext

        child_ext.register_region_bands(panels.region_bands)
        child_ext.register_focus_areas(panels.focus_areas)
        from assessments import due, overview

        due.register()
        overview.register()
        child_ext.register_child_action(
            child_ext.ChildAction(
                name="assessment",
                label="Start an assessment",
                url_name="assessment_new",
                allowed=access.can_assess,
                order=40,
            )
        )
        # The brain map is a tab of the child's record (issue 13), not part of the overview.
        child_ext.register_child_section(
            child_ext.ChildSection(name="brain-map", label="Brain map", url_name="child_brain_map", order=20)
        )
        child_ext.register_child_panel(
            child_ext.ChildPanel(
                name="assessments",
                template="assessments/_child_panel.html",
                context=panels.child_panel,
                order=10,
                section="brain-map",
            )
        )
        child_ext.register_chronology_source(
            child_ext.ChronologySource(
                kind="assessment", label="Assessments", entries=panels.chronology_entries, keyset=True
            )
        )
        home_ext.register_dashboard_panel(
            home_ext.DashboardPanel(
                name="assessments_due",
                template="assessments/_dashboard_panel.html",
                context=panels.dashboard_panel,
                order=14,
                audience=home_ext.OVERSIGHT,  # the homes' managers and assessors, not care staff
            )
        )
        # Subject access and retention (issue 15): everything this app holds about a person.
        from assessments import subject_access
        from homes.extensions import SubjectAccessSection, register_subject_access_section

        register_subject_access_section(
            SubjectAccessSection(
                name="assessments",
                label="Trauma assessments and history",
                child_records=subject_access.child_records,
                order=20,
            )
        )
