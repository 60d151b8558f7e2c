from django.apps import AppConfig


class TrackerConfig(AppConfig):
    verbose_name = "Reviewing and monitoring"
    name = "tracker"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from tracker.models import MonthlyTracker, ReportDownload, ReviewMeeting, ReviewReport

        auditlog.register(MonthlyTracker, exclude_fields=["id", "opened_at", "updated_at"])
        auditlog.register(ReviewMeeting, exclude_fields=["id", "recorded_at", "updated_at"])
        auditlog.register(ReviewReport, exclude_fields=["id", "status_changed_at"])
        auditlog.register(ReportDownload, exclude_fields=["id"])
