"""A child's safeguarding records as subject access and retention see them
(homes.extensions.SubjectAccessSection): body maps and their marks, missing episodes, their
updates and return interviews."""

from collections.abc import Iterable

from django.db.models import QuerySet

from safeguarding.models import (
    BodyMap,
    BodyMark,
    Complaint,
    Consequence,
    Incident,
    IncidentChild,
    IncidentRequest,
    MissingEpisode,
    MissingUpdate,
    Notification,
    NotificationPdf,
    NotificationRecipient,
    PhysicalIntervention,
    ReturnInterview,
)


def child_records(child) -> Iterable[QuerySet]:
    return [
        MissingEpisode.objects.filter(child=child).order_by("pk"),
        MissingUpdate.objects.filter(episode__child=child).order_by("pk"),
        ReturnInterview.objects.filter(episode__child=child).order_by("pk"),
        BodyMap.objects.filter(child=child).order_by("pk"),
        BodyMark.objects.filter(body_map__child=child).order_by("pk"),
        IncidentChild.objects.filter(child=child).order_by("pk"),
        PhysicalIntervention.objects.filter(child=child).order_by("pk"),
        IncidentRequest.objects.filter(child=child).order_by("pk"),
        Consequence.objects.filter(child=child).order_by("pk"),
        Complaint.objects.filter(child=child).order_by("pk"),
        Notification.objects.filter(child=child).order_by("pk"),
        NotificationRecipient.objects.filter(notification__child=child).order_by("pk"),
        NotificationPdf.objects.filter(notification__child=child).order_by("pk"),
    ]


def child_shared_records(child) -> Iterable[QuerySet]:
    """An incident can involve several children: the export shows it for the redaction review;
    disposal deletes only this child's part in it."""
    return [Incident.objects.filter(pk__in=IncidentChild.objects.filter(child=child).values("incident_id"))]
