"""A child's safeguarding records as subject access and retention see them
(homes.extensions.SubjectAccessSection): body maps and their marks, missing episodes, their
updates and return interviews."""

from collections.abc import Iterable

from django.db.models import QuerySet

from safeguarding.models import BodyMap, BodyMark, MissingEpisode, MissingUpdate, ReturnInterview


def child_records(child) -> Iterable[QuerySet]:
    return [
        MissingEpisode.objects.filter(child=child).order_by("pk"),
        MissingUpdate.objects.filter(episode__child=child).order_by("pk"),
        ReturnInterview.objects.filter(episode__child=child).order_by("pk"),
        BodyMap.objects.filter(child=child).order_by("pk"),
        BodyMark.objects.filter(body_map__child=child).order_by("pk"),
    ]
