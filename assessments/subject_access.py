"""A child's trauma assessments and history as subject access and retention see them
(homes.extensions.SubjectAccessSection)."""

from collections.abc import Iterable

from django.db.models import QuerySet

from assessments.models import AdverseExperience, Assessment, DevelopmentalHistory, HistoryPeriod, Score


def child_records(child) -> Iterable[QuerySet]:
    return [
        Assessment.objects.filter(child=child).order_by("pk"),
        Score.objects.filter(assessment__child=child).order_by("pk"),
        DevelopmentalHistory.objects.filter(child=child).order_by("pk"),
        HistoryPeriod.objects.filter(history__child=child).order_by("pk"),
        AdverseExperience.objects.filter(child=child).order_by("pk"),
    ]
