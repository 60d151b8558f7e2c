from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    verbose_name = "Trauma assessment"
    name = "assessments"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from assessments import models

        for model in (
            models.Assessment,
            models.Score,
            models.DevelopmentalHistory,
            models.HistoryPeriod,
            models.AdverseExperience,
            models.AssessmentPolicy,
        ):
            auditlog.register(model)
