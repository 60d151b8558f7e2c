"""The child's record as subject access and retention see it (homes.extensions.SubjectAccessSection):
every row of it, versions and amendments included."""

from collections.abc import Iterable

from django.db.models import QuerySet

from children.models import (
    Activity,
    CarePlan,
    Child,
    Goal,
    GoalThread,
    KeyWorkingAmendment,
    KeyWorkingSession,
    ProvisionArrangement,
    ProvisionSession,
    Risk,
    RiskAssessment,
    Trigger,
)


def child_records(child: Child) -> Iterable[QuerySet]:
    return [
        Child.objects.filter(pk=child.pk),
        CarePlan.objects.filter(child=child).order_by("version"),
        GoalThread.objects.filter(child=child).order_by("pk"),
        Goal.objects.filter(plan__child=child).order_by("plan__version", "pk"),
        RiskAssessment.objects.filter(child=child).order_by("version"),
        Trigger.objects.filter(assessment__child=child).order_by("pk"),
        Risk.objects.filter(assessment__child=child).order_by("pk"),
        KeyWorkingSession.objects.filter(child=child).order_by("happened_at", "pk"),
        KeyWorkingAmendment.objects.filter(session__child=child).order_by("pk"),
        Activity.objects.filter(child=child).order_by("pk"),
        ProvisionArrangement.objects.filter(child=child).order_by("pk"),
        ProvisionSession.objects.filter(arrangement__child=child).order_by("pk"),
    ]
