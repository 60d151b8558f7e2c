"""One person's record across every app, as the apps' subject-access sections list it
(homes.extensions.SubjectAccessSection): what the subject-access export writes and what
retention disposal deletes."""

from collections.abc import Iterator
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Model, QuerySet

from children.models import Child
from homes.extensions import SubjectAccessSection, subject_access_sections_in_order
from homes.models import User
from records.models import SubjectKind


@dataclass(frozen=True)
class Subject:
    kind: str
    child: Child | None = None
    person: User | None = None

    @classmethod
    def of_child(cls, child: Child) -> "Subject":
        return cls(kind=SubjectKind.CHILD, child=child)

    @classmethod
    def of_staff(cls, person: User) -> "Subject":
        return cls(kind=SubjectKind.STAFF, person=person)

    @property
    def pk(self) -> int:
        return self.child.pk if self.child else self.person.pk


def section_querysets(subject: Subject, *, shared: bool = False) -> Iterator[tuple[SubjectAccessSection, QuerySet]]:
    """Each section's querysets about the person: their own rows, or (shared=True) the rows
    that are other people's records too."""
    for section in subject_access_sections_in_order():
        if subject.kind == SubjectKind.CHILD:
            source = section.child_shared_records if shared else section.child_records
            argument = subject.child
        else:
            source = section.staff_shared_records if shared else section.staff_records
            argument = subject.person
        if source is None:
            continue
        for queryset in source(argument):
            yield section, queryset


def own_rows(subject: Subject) -> list[tuple[type[Model], list]]:
    """(model, primary keys) for every row of the person's own record, read before anything is
    deleted (the sections' querysets follow links that deletion breaks)."""
    found: dict[type[Model], dict] = {}
    for _section, queryset in section_querysets(subject):
        keys = found.setdefault(queryset.model, {})
        keys.update(dict.fromkeys(queryset.values_list("pk", flat=True)))
    return [(model, list(keys)) for model, keys in found.items() if keys]


def audit_entries(model: type[Model], pks: list) -> QuerySet:
    """The audit history (changes and reads) of these rows."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return LogEntry.objects.filter(content_type=content_type, object_pk__in=[str(pk) for pk in pks])


def file_fields(model: type[Model]) -> list[models.FileField]:
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]
