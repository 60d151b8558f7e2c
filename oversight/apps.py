from django.apps import AppConfig


class OversightConfig(AppConfig):
    verbose_name = "Oversight"
    name = "oversight"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from homes.concurrency import Revisioned
        from homes.extensions import register_home_section
        from oversight import due
        from oversight.models import (
            ImplementationAction,
            PracticeStatement,
            QualityReview,
            SelfAssessment,
            StatementRating,
            TaskDigestOptOut,
        )

        # Turning the digest off or on again is a person's own choice: who and when are kept.
        auditlog.register(TaskDigestOptOut, exclude_fields=["id"])
        auditlog.register(PracticeStatement, exclude_fields=["id"])
        auditlog.register(SelfAssessment, exclude_fields=["id", *Revisioned.REVISION_FIELDS])
        auditlog.register(StatementRating, exclude_fields=["id"])
        auditlog.register(ImplementationAction, exclude_fields=["id", "created_at"])
        # The facts as drafted too: gathering them again keeps the earlier ones in the history.
        auditlog.register(QualityReview, exclude_fields=["id", *Revisioned.REVISION_FIELDS])
        # Everyone who works at a home reads its self-assessment and plan (access.self_assessments_for).
        register_home_section("Implementation", "implementation_home", order=70)
        # Everyone who works at a home reads its Regulation 45 reviews (access.quality_reviews_for).
        register_home_section("Quality of care", "quality_reviews", order=75)
        due.register()
        from oversight import quality_review_sections

        quality_review_sections.register()
        from homes.extensions import BackgroundQueue, register_background_queue
        from oversight.services.quality_review import BUILD_TASK

        register_background_queue(BackgroundQueue(name="Regulation 45 review PDFs", build_task=BUILD_TASK))
        # Subject access and retention (issue 15): everything this app holds about a person.
        from homes.extensions import SubjectAccessSection, register_subject_access_section
        from oversight import subject_access

        register_subject_access_section(
            SubjectAccessSection(
                name="oversight", label="Settings", staff_records=subject_access.staff_records, order=90
            )
        )
