"""The health summary in a child's moving-on pack (children.extensions.MovingOnSection): where
they are registered, their allergies and conditions, the medicines they take now and their
immunisations, for them and whoever cares for them next."""

from django.db.models import Q
from django.utils import timezone

from health.models import Condition, Immunisation, Prescription, Registration


def health_summary(child) -> dict | None:
    today = timezone.localdate()
    summary = {
        "registrations": list(Registration.objects.filter(child=child, ended=False)),
        "conditions": list(Condition.objects.filter(child=child, resolved=False)),
        "medicines": list(
            Prescription.objects.filter(child=child, stopped_on__isnull=True, start_date__lte=today)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .order_by("medicine", "pk")
        ),
        "immunisations": list(Immunisation.objects.filter(child=child).order_by("given_on", "pk")),
    }
    return summary if any(summary.values()) else None


def register() -> None:
    from children.extensions import MovingOnSection, register_moving_on_section

    register_moving_on_section(
        MovingOnSection(
            name="health",
            label="Your health",
            template="health/pdf/_moving_on_health.html",
            context=health_summary,
            order=20,
        )
    )
