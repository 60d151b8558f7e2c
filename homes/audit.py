"""Change histories, readable: shared by every page that shows auditlog entries (care plans and
risk assessments, supervision sessions...). Every app may import `homes`."""

import datetime

from auditlog.models import LogEntry
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

# django-auditlog, for fields whose value is confidential: the entry says that the field was set or
# changed (so tampering shows), never what it says. Registered as `mask_callable`.
CONCEALED = "(confidential)"


def conceal(value: str) -> str:
    return CONCEALED


def reverse_relations(model: type[models.Model]) -> list[str]:
    """Names to exclude when registering a model: django-auditlog would log each reverse relation
    (a child's plans, a plan's goals) as a meaningless "children.CarePlan.None" value on creation."""
    return [field.name for field in model._meta.get_fields() if field.auto_created and not field.concrete]


def _logged_fields(entry: LogEntry) -> list[tuple[models.Field, list]]:
    """The entry's changed fields that still exist on the model, with [old, new] values."""
    meta = entry.content_type.model_class()._meta
    names = {field.name for field in meta.concrete_fields}
    return [(meta.get_field(name), values) for name, values in entry.changes_dict.items() if name in names]


def add_readable_changes(entries: list[LogEntry]) -> None:
    """Set `entry.readable` to (field label, old, new) rows: choice labels instead of codes,
    people's names instead of ids (looked up once per page rather than once per value, as
    auditlog's own `changes_display_dict` would) and times in Europe/London. The entries need
    `content_type` selected; templates/includes/_changes_table.html shows them."""
    wanted: dict[type[models.Model], set[str]] = {}
    for entry in entries:
        for field, values in _logged_fields(entry):
            if field.is_relation:
                wanted.setdefault(field.related_model, set()).update(v for v in values if v not in (None, "None"))
    found = {related: related.objects.in_bulk(list(pks)) for related, pks in wanted.items()}

    def shown(field: models.Field, value) -> str:
        if value in (None, "None", ""):
            return ""
        if field.is_relation:
            target = found[field.related_model].get(field.related_model._meta.pk.to_python(value))
            return str(target) if target else f"(removed: {value})"
        if isinstance(field, models.DateTimeField):
            moment = datetime.datetime.fromisoformat(value)
            if timezone.is_naive(moment):  # auditlog keeps datetimes as naive UTC
                moment = moment.replace(tzinfo=datetime.UTC)
            return date_format(timezone.localtime(moment), "j M Y H:i")
        if isinstance(field, models.DateField):
            return date_format(datetime.date.fromisoformat(value), "j M Y")
        return str(dict(field.flatchoices).get(value, value)) if field.flatchoices else str(value)

    for entry in entries:
        entry.readable = [
            (str(field.verbose_name), shown(field, old), shown(field, new))
            for field, (old, new) in _logged_fields(entry)
        ]
