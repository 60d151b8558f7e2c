from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    verbose_name = "Team regulation"
    name = "supervision"
