from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "children"
    verbose_name = "Children and their care"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from children import evidence, extensions, panels
        from children.models import (
            Activity,
            CarePlan,
            Child,
            Goal,
            KeyWorkingAmendment,
            KeyWorkingSession,
            ProvisionArrangement,
            ProvisionSession,
            Risk,
            RiskAssessment,
            Trigger,
        )
        from children.services.chronology import SOURCES
        from homes.audit import reverse_relations
        from homes.concurrency import Revisioned
        from homes.extensions import EXPERIENCES_AND_PROGRESS, EvidenceSection, register_evidence_section

        # The revision counter only guards concurrent edits: the entry already says who and when.
        guard = list(Revisioned.REVISION_FIELDS)
        auditlog.register(Child, exclude_fields=["id", "created_at", "updated_at", *guard, *reverse_relations(Child)])
        # The history shows content and signatures; the entry's actor already says who saved,
        # the revision counter only guards concurrent edits, and links to the parent never change.
        versioned_noise = ["id", "child", "created_at", "updated_at", "created_by", "updated_by", *guard]
        for versioned in (CarePlan, RiskAssessment):
            auditlog.register(versioned, exclude_fields=[*versioned_noise, *reverse_relations(versioned)])
        auditlog.register(Goal, exclude_fields=["id", "plan", "thread"])
        auditlog.register(Trigger, exclude_fields=["id", "assessment"])
        auditlog.register(Risk, exclude_fields=["id", "assessment"])
        # The goals worked on are logged as goals added or removed, by title: an edit inside the
        # 24-hour window makes no amendment record, so the change history is its only trace.
        auditlog.register(
            KeyWorkingSession,
            exclude_fields=["id", "updated_at", *reverse_relations(KeyWorkingSession)],
            m2m_fields={"goals_worked_on"},
        )
        auditlog.register(KeyWorkingAmendment, exclude_fields=["id"])
        auditlog.register(Activity, exclude_fields=["id", "recorded_at"])
        auditlog.register(
            ProvisionArrangement, exclude_fields=["id", "created_at", *guard, *reverse_relations(ProvisionArrangement)]
        )
        auditlog.register(ProvisionSession, exclude_fields=["id", "recorded_at"])
        for source in SOURCES:
            extensions.register_chronology_source(source)
        panels.register()
        from children import due, overview

        due.register()
        overview.register()
        register_evidence_section(
            EvidenceSection(
                name=evidence.SECTION_NAME,
                files=evidence.evidence_files,
                label="Care plans and risk assessments",
                judgement=EXPERIENCES_AND_PROGRESS,
            )
        )
        # The home's hub tab (issue 13): the sheet every member of the home reads before a shift.
        from homes.extensions import register_home_section

        register_home_section("Before-shift sheet", "before_shift", order=50)
        # Subject access and retention (issue 15): everything this app holds about a person.
        from children import subject_access
        from homes.extensions import SubjectAccessSection, register_subject_access_section

        register_subject_access_section(
            SubjectAccessSection(
                name="children",
                label="Children and their care",
                child_records=subject_access.child_records,
                order=10,
            )
        )
