from django.apps import AppConfig


class TrackerConfig(AppConfig):
    verbose_name = "Reviewing and monitoring"
    name = "tracker"
