"""Records a Regulation 40 notification can start from (an incident, a missing episode): each
kind registers how to find one within a person's reach, what it fills in, and which categories it
meets, so a "Notify" action and the prompt after countersigning work for any of them without
the notifications knowing their models."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models

from homes.models import Home, User


@dataclass(frozen=True)
class Prefill:
    home: Home
    child_id: int | None
    event_at: datetime.datetime
    summary: str
    actions: str = ""
    # Category codes the record meets (NotificationCategory.code): the prompt names them.
    categories: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NotifySource:
    """`get(user, pk)` returns the record within the person's reach or raises Http404;
    `prefill(record)` says what the notification starts with (no more of the record than a
    notification needs)."""

    model: type[models.Model]
    get: Callable[[User, int], models.Model]
    prefill: Callable[[models.Model], Prefill]


notify_sources: dict[str, NotifySource] = {}


def register_notify_source(source: NotifySource) -> None:
    notify_sources[source.model._meta.label_lower] = source


def source_key(record: models.Model) -> str:
    return record._meta.label_lower


def notification_prompt(record: models.Model) -> list:
    """The categories this record meets that have no notification from it yet (for the prompt
    after countersigning): [] when everything it meets has been notified."""
    from safeguarding.models import Notification, NotificationCategory

    source = notify_sources.get(source_key(record))
    if source is None:
        return []
    codes = source.prefill(record).categories
    if not codes:
        return []
    done = Notification.objects.filter(
        source_type=ContentType.objects.get_for_model(record), source_id=record.pk
    ).values("category_id")
    return list(NotificationCategory.objects.filter(code__in=codes, active=True).exclude(pk__in=done))
