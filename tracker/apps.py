from django.apps import AppConfig


class TrackerConfig(AppConfig):
    verbose_name = "Reviewing and monitoring"
    name = "tracker"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from children.extensions import ChildPanel, ChildSection, register_child_panel, register_child_section
        from homes.concurrency import Revisioned
        from homes.extensions import (
            BackgroundQueue,
            DashboardPanel,
            register_background_queue,
            register_dashboard_panel,
        )
        from tracker import panels
        from tracker.models import (
            EvidenceDownload,
            EvidencePack,
            EvidenceShare,
            GoalProgress,
            MonthlyTracker,
            ReportDownload,
            ReviewMeeting,
            ReviewReport,
        )

        guard = list(Revisioned.REVISION_FIELDS)  # only guards concurrent edits
        auditlog.register(MonthlyTracker, exclude_fields=["id", "opened_at", "updated_at", *guard])
        auditlog.register(GoalProgress, exclude_fields=["id", "updated_at"])
        auditlog.register(ReviewMeeting, exclude_fields=["id", "recorded_at", "updated_at", *guard])
        auditlog.register(ReviewReport, exclude_fields=["id", "status_changed_at", "awaiting_builder"])
        auditlog.register(ReportDownload, exclude_fields=["id"])
        auditlog.register(EvidencePack, exclude_fields=["id", "status_changed_at", "awaiting_builder"])
        auditlog.register(EvidenceShare, exclude_fields=["id", "code_sha256"])
        auditlog.register(EvidenceDownload, exclude_fields=["id"])

        # The monthly reviews are a tab of the child's record (issue 13), not part of the overview.
        register_child_section(
            ChildSection(name="reviews", label="Monthly reviews", url_name="child_reviews", order=80)
        )
        register_child_panel(
            ChildPanel(
                name="monthly-reviews",
                template="tracker/_child_panel.html",
                context=panels.child_reviews,
                order=40,
                section="reviews",
            )
        )
        register_dashboard_panel(
            DashboardPanel(
                name="shared-evidence", template="tracker/_shared_evidence_panel.html", context=panels.shared_evidence
            )
        )
        register_dashboard_panel(
            DashboardPanel(
                name="overdue-reviews", template="tracker/_overdue_panel.html", context=panels.overdue_reviews, order=12
            )
        )
        # The home's hub tabs (issue 13).
        from homes import access
        from homes.extensions import register_home_section

        register_home_section("Monthly reviews", "home_reviews", order=20, predicate=access.can_review_home)
        register_home_section("Evidence", "evidence_list", order=40, predicate=access.can_manage_evidence)
        # The administrators' status page counts what the workers have still to build.
        register_background_queue(BackgroundQueue(name="Review PDFs", build_task="tracker.tasks.build_report"))
        register_background_queue(
            BackgroundQueue(name="Evidence packs", build_task="tracker.tasks.build_evidence_pack")
        )
        # Meetings to hold and records to sign, on each person's task list (issue 12).
        from tracker import due, overview

        due.register()
        overview.register()
        from tracker import quality_review

        quality_review.register()  # the children's progress in the Regulation 45 review (issue 12)
        # Subject access and retention (issue 15): everything this app holds about a person.
        from homes.extensions import SubjectAccessSection, register_subject_access_section
        from tracker import subject_access

        register_subject_access_section(
            SubjectAccessSection(
                name="tracker",
                label="Monthly reviews",
                child_records=subject_access.child_records,
                purge_shared=subject_access.purge_shared,
                order=30,
            )
        )
