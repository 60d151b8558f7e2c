from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    verbose_name = "Safeguarding"
    name = "safeguarding"

    def ready(self) -> None:
        """Audit registration and the extension points (homes.extensions, children.extensions)
        each of this app's record kinds plugs into, so that no other app imports this one."""
        from safeguarding import missing_hooks

        missing_hooks.register()  # body maps and missing from care
        from safeguarding import overview

        overview.register()  # columns of the provider overview (issue 12)
        from safeguarding import quality_review

        quality_review.register()  # its part of the Regulation 45 review (issue 12)
        from homes.extensions import BackgroundQueue, register_background_queue

        register_background_queue(
            BackgroundQueue(
                name="Notification PDFs", build_task="safeguarding.notification_tasks.build_notification_pdf"
            )
        )
        # Subject access and retention (issue 15): everything this app holds about a child.
        from homes.extensions import SubjectAccessSection, register_subject_access_section
        from safeguarding import subject_access

        register_subject_access_section(
            SubjectAccessSection(
                name="safeguarding",
                label="Safeguarding",
                child_records=subject_access.child_records,
                child_shared_records=subject_access.child_shared_records,
                order=25,
            )
        )
        from safeguarding import notices

        notices.register()  # consequences, complaints, notifications, Annex A
        self._ready_incidents()

    def _ready_incidents(self) -> None:
        from auditlog.registry import auditlog

        from children import extensions as child_ext
        from homes import access
        from homes import extensions as home_ext
        from homes.audit import reverse_relations
        from safeguarding import incident_evidence, incident_panels
        from safeguarding.models import (
            ApprovedTechnique,
            Incident,
            IncidentCategory,
            IncidentChild,
            IncidentRequest,
            PhysicalIntervention,
        )

        auditlog.register(IncidentRequest, exclude_fields=["id"])
        auditlog.register(
            Incident,
            exclude_fields=["id", *reverse_relations(Incident)],
            m2m_fields={"categories", "staff_involved", "allegation_against"},
        )
        auditlog.register(
            IncidentChild, exclude_fields=["id", *reverse_relations(IncidentChild)], m2m_fields={"antecedents"}
        )
        auditlog.register(
            PhysicalIntervention,
            exclude_fields=["id", *reverse_relations(PhysicalIntervention)],
            m2m_fields={"held_by", "present"},
        )
        auditlog.register(IncidentCategory, exclude_fields=["id", *reverse_relations(IncidentCategory)])
        auditlog.register(ApprovedTechnique, exclude_fields=["id"])

        child_ext.register_child_section(
            child_ext.ChildSection(name="incidents", label="Incidents", url_name="child_incidents", order=70)
        )
        child_ext.register_child_panel(
            child_ext.ChildPanel(
                name="incidents",
                template="safeguarding/incidents/_child_panel.html",
                context=incident_panels.child_incidents_context,
                order=50,
                section="incidents",
            )
        )
        child_ext.register_child_panel(
            child_ext.ChildPanel(
                name="incident-triggers",
                template="safeguarding/incidents/_triggers_panel.html",
                context=incident_panels.child_triggers_context,
                order=55,
                section="incidents",
            )
        )
        child_ext.register_child_action(
            child_ext.ChildAction(
                name="record-incident",
                label="Record an incident",
                url_name="incident_record",
                allowed=access.can_record_incident_for,
                order=60,
            )
        )
        child_ext.register_chronology_source(
            child_ext.ChronologySource(
                kind="incident",
                label="Incidents",
                entries=incident_panels.chronology_entries,
                count=incident_panels.chronology_count,
            )
        )
        child_ext.register_month_section(
            child_ext.MonthSection(
                name="incidents",
                label="Incidents and physical interventions",
                template="safeguarding/incidents/_month_section.html",
                context=incident_panels.month_context,
                order=20,
            )
        )
        home_ext.register_dashboard_panel(
            home_ext.DashboardPanel(
                name="incidents-to-countersign",
                template="safeguarding/incidents/_dashboard_panel.html",
                context=incident_panels.dashboard_context,
                order=15,
                audience=home_ext.OVERSIGHT,
            )
        )
        home_ext.register_home_section("Incidents", "incident_list", order=40)
        from safeguarding.services.incidents import incident_request_open

        home_ext.register_incident_opener(incident_request_open)  # a medication error, say
        home_ext.register_task_source(home_ext.TaskSource(name="incidents", tasks=incident_panels.tasks))
        home_ext.register_handover_section(
            home_ext.HandoverSection(
                name="incidents", label="Incidents", items=incident_panels.handover_items, order=20
            )
        )
        home_ext.register_written_records(
            home_ext.WrittenRecords(name="incidents", label="Incident records", texts=incident_panels.written_texts)
        )
        home_ext.register_written_records(
            home_ext.WrittenRecords(
                name="physical_interventions",
                label="Physical intervention records",
                texts=incident_panels.intervention_texts,
            )
        )
        home_ext.register_evidence_section(
            home_ext.EvidenceSection(
                name="incidents",
                files=incident_evidence.evidence_files,
                label="Incident and intervention log",
                judgement=home_ext.HELPED_AND_PROTECTED,
            )
        )
