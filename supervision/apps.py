from django.apps import AppConfig

# Never written to the change history: the history is read by managers, who may only see that
# a session happened (see homes/access.py).
CONFIDENTIAL_SESSION_FIELDS = ["themes", "coping_rating", "notes"]
CONFIDENTIAL_CHECKIN_FIELDS = ["score", "private_note"]


class SupervisionConfig(AppConfig):
    verbose_name = "Team regulation"
    name = "supervision"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from homes.concurrency import Revisioned
        from homes.extensions import (
            LEADERS_AND_MANAGERS,
            DashboardPanel,
            EvidenceSection,
            register_dashboard_panel,
            register_evidence_section,
        )
        from supervision import evidence, panels
        from supervision.models import (
            Attendance,
            Course,
            SupervisionAction,
            SupervisionArrangement,
            SupervisionPolicy,
            SupervisionSession,
            TrainingRecord,
            WellbeingCheckIn,
        )

        # Reverse relations are left out too: the log would only show their manager's name.
        auditlog.register(
            SupervisionSession,
            exclude_fields=[
                "id",
                "created_at",
                "updated_at",
                "attendances",
                "actions",
                *CONFIDENTIAL_SESSION_FIELDS,
                *Revisioned.REVISION_FIELDS,
            ],
        )
        auditlog.register(Attendance, exclude_fields=["id"])
        auditlog.register(SupervisionAction, exclude_fields=["id", "description"])
        auditlog.register(SupervisionArrangement, exclude_fields=["id", "created_at"])
        auditlog.register(TrainingRecord, exclude_fields=["id", "created_at"])
        auditlog.register(SupervisionPolicy, exclude_fields=["id", *Revisioned.REVISION_FIELDS])
        auditlog.register(Course, exclude_fields=["id", "records"])
        # A wellbeing check-in's answer and private note are concealed in its log entries: the log
        # shows that a person checked in (and any later change), never what they said; managers
        # only see monthly aggregates, and the note is for the person's supervisor alone.
        auditlog.register(
            WellbeingCheckIn,
            exclude_fields=["id"],
            mask_fields=CONFIDENTIAL_CHECKIN_FIELDS,
            mask_callable="homes.audit.conceal",
        )

        register_dashboard_panel(
            DashboardPanel(
                name="my-supervision",
                template="supervision/_panel_mine.html",
                context=panels.my_supervision_context,
                order=20,
            )
        )
        register_dashboard_panel(
            DashboardPanel(
                name="supervision-compliance",
                template="supervision/_panel_compliance.html",
                context=panels.compliance_context,
                order=30,
            )
        )
        register_evidence_section(
            EvidenceSection(
                name="supervision",
                files=evidence.evidence_files,
                label="Supervision compliance",
                judgement=LEADERS_AND_MANAGERS,
            )
        )
        # The home's hub tab (issue 13).
        from homes import access
        from homes.extensions import register_home_section

        register_home_section("Team regulation", "supervision_compliance", order=30, predicate=access.can_oversee_staff)
        # Signatures, actions and renewals on each person's task list (issue 12).
        from supervision import due, overview

        due.register()
        overview.register()
        from supervision import quality_review

        quality_review.register()
        # Subject access and retention (issue 15): everything this app holds about a person.
        from homes.extensions import SubjectAccessSection, register_subject_access_section
        from supervision import subject_access

        register_subject_access_section(
            SubjectAccessSection(
                name="supervision",
                label="Supervision, training and wellbeing",
                staff_records=subject_access.staff_records,
                staff_shared_records=subject_access.staff_shared_records,
                order=40,
            )
        )
