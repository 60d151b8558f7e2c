"""A person's own settings here, as subject access and retention see them
(homes.extensions.SubjectAccessSection)."""

from collections.abc import Iterable

from django.db.models import QuerySet

from oversight.models import TaskDigestOptOut


def staff_records(user) -> Iterable[QuerySet]:
    return [TaskDigestOptOut.objects.filter(user=user)]
