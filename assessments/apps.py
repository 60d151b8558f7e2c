from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    verbose_name = "Trauma assessment"
    name = "assessments"
