"""A member of staff's roles and security events as subject access and retention see them
(homes.extensions.SubjectAccessSection). The account itself is the records app's to export and,
at disposal, to anonymise: the children's records they signed keep their name."""

from collections.abc import Iterable

from django.db.models import QuerySet

from homes.models import Membership, SecurityEvent


def staff_records(user) -> Iterable[QuerySet]:
    return [
        Membership.all_objects.filter(user=user).order_by("pk"),
        SecurityEvent.objects.filter(user=user).order_by("pk"),
    ]
