"""Recording consequences and following them up (the child's view given later, whether it
helped). The model refuses a consequence that describes a measure regulation 19 or 20 forbids."""

import datetime

from django.db import transaction
from django.utils import timezone

from children.models import Child
from homes.concurrency import revision_claim
from homes.models import User
from safeguarding.models import Consequence


def _set(consequence: Consequence, fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Not a field this step may set: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(consequence, name, value)


@transaction.atomic
def consequence_record(*, child: Child, author: User, now: datetime.datetime | None = None, **fields) -> Consequence:
    """Sign and save a consequence (Regulation 36: signed and dated by its author)."""
    consequence = Consequence(child=child, author=author, signed_at=now or timezone.now())
    _set(consequence, fields, Consequence.CONTENT_FIELDS)
    consequence.full_clean()
    consequence.save()
    return consequence


@transaction.atomic
def consequence_follow_up(*, consequence: Consequence, user: User, revision: int | None, **fields) -> Consequence:
    """The child's view and whether it helped, often known days later; several people may add
    them, so a save made from a page opened before someone else's is refused (StaleEdit)."""
    revision_claim(consequence, revision=revision, user=user)
    _set(consequence, fields, Consequence.FOLLOW_UP_FIELDS)
    consequence.full_clean()
    consequence.save()
    return consequence
