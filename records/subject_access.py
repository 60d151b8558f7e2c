"""Subject access services (issue 15, item 3): open a request, build the export (a Celery worker),
review third parties' information, release.

The export is one ZIP: `record.json` (every row every app's subject-access section lists for the
person, all fields, with each row's change and read history), `record.pdf` (the same, indexed,
for reading), the files those rows hold, and `README.txt`. It is written to a temporary file and
stored through Django's storage, never held in memory. The review copy shows everything; the
released copy is built again with the reviewer's redactions applied.
"""

import datetime
import hashlib
import json
import logging
import re
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models, transaction
from django.db.models import Count, Model
from django.template.loader import render_to_string
from django.utils import timezone

from children.models import Child
from homes.exports import safe_slug, zip_entry_name
from homes.models import User
from records.models import Redaction, SubjectAccessDownload, SubjectAccessRequest, SubjectKind
from records.subjects import Subject, section_querysets

logger = logging.getLogger(__name__)

ERROR_NOT_QUEUED = (
    "The export could not be started: the background worker could not be reached. "
    "The request is kept: try again in a few minutes."
)
ERROR_RECEIVED_IN_FUTURE = "The date received is in the future: enter the day the request arrived."
ERROR_NOT_READY = "The export is not ready for review yet."
ERROR_UNDECIDED = "Decide every item of the redaction review before releasing: {count} still to decide."
ERROR_ALREADY_RELEASED = "This export has already been released."
ERROR_REASON = "Say why: what was redacted or disclosed, and why (consent, reasonable to disclose, or not)."
ERROR_DECISION = "Choose disclose or redact."
REDACTED = "[redacted]"
ACCOUNT_FIELDS = ("email", "full_name", "provider_role", "is_active", "date_joined", "last_login")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\d)(?:\+44\s?|0)\d(?:[\s-]?\d){8,10}(?!\d)")


class SubjectAccessError(Exception):
    pass


# --- Opening, the clock ---------------------------------------------------------------------------


def sar_open(*, subject: Subject, requested_by: str, received_on: datetime.date, by: User) -> SubjectAccessRequest:
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": ERROR_RECEIVED_IN_FUTURE})
    request = SubjectAccessRequest(
        kind=subject.kind,
        child=subject.child,
        person=subject.person,
        requested_by=requested_by,
        received_on=received_on,
        opened_by=by,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        _enqueue(request)
    return request


def _enqueue(request: SubjectAccessRequest) -> None:
    request_id = request.pk
    transaction.on_commit(lambda: _send(request_id))


def _send(request_id: int) -> None:
    """Hand the request to the builder, on commit. A broker that cannot be reached marks the
    request failed, with its "Try again" button, rather than an error page and a request queued
    for ever; where there is no broker the export is built here, and a failure is marked the same."""
    from records import tasks

    task = tasks.build_subject_access_export
    try:
        task.delay(request_id)
    except Exception as exc:
        if task.app.conf.task_always_eager:
            logger.exception("Subject-access export %s failed inline", request_id)
            sar_mark_failed(request_id=request_id, error=exc)
        else:
            logger.warning("Subject-access export %s not queued: the broker is unreachable (%r)", request_id, exc)
            sar_mark_failed(request_id=request_id, error=ERROR_NOT_QUEUED)


def sar_retry(*, request: SubjectAccessRequest) -> None:
    with transaction.atomic():
        SubjectAccessRequest.objects.filter(pk=request.pk, status=SubjectAccessRequest.Status.FAILED).update(
            status=SubjectAccessRequest.Status.QUEUED, error="", progress=0, status_changed_at=timezone.now()
        )
        _enqueue(request)


def sar_mark_failed(*, request_id: int, error: BaseException | str) -> None:
    SubjectAccessRequest.objects.filter(pk=request_id).exclude(status=SubjectAccessRequest.Status.RELEASED).update(
        status=SubjectAccessRequest.Status.FAILED, error=str(error)[:2000], status_changed_at=timezone.now()
    )


# --- What the export holds ----------------------------------------------------------------------


@dataclass
class ExportRecord:
    model: str
    kind: str
    pk: Any
    fields: dict[str, Any]
    labels: dict[str, str]
    history: list[dict] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    shared: bool = False
    redacted_reason: str = ""


@dataclass
class ExportSection:
    name: str
    label: str
    records: list[ExportRecord] = field(default_factory=list)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _row(instance: Model, people: dict[int, str]) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """Every concrete field (a link as its id, and a person's name beside it), many-to-many links
    as ids, files by name."""
    values: dict[str, Any] = {}
    labels: dict[str, str] = {}
    files: list[str] = []
    for model_field in instance._meta.concrete_fields:
        name = model_field.name
        labels[name] = str(model_field.verbose_name)
        if model_field.is_relation:
            related = getattr(instance, model_field.attname)
            values[name] = related
            if model_field.related_model is User and related is not None:
                values[f"{name}_name"] = people.get(related, "")
                labels[f"{name}_name"] = f"{model_field.verbose_name} (name)"
        elif isinstance(model_field, models.FileField):
            stored = getattr(instance, name)
            values[name] = stored.name or ""
            if stored.name:
                files.append(stored.name)
        else:
            value = _plain(model_field.value_from_object(instance))
            if model_field.choices and value not in (None, ""):
                value = str(dict(model_field.flatchoices).get(value, value))
            values[name] = value
    for relation in instance._meta.many_to_many:
        values[relation.name] = sorted(related.pk for related in getattr(instance, relation.name).all())
        labels[relation.name] = str(relation.verbose_name)
    return values, labels, files


def _histories(model: type[Model], pks: list) -> dict[str, list[dict]]:
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    found: dict[str, list[dict]] = defaultdict(list)
    entries = LogEntry.objects.filter(content_type=content_type, object_pk__in=[str(pk) for pk in pks]).order_by(
        "timestamp", "pk"
    )
    for entry in entries.select_related("actor"):
        found[entry.object_pk].append(
            {
                "at": _plain(entry.timestamp),
                "action": entry.get_action_display(),
                "by": entry.actor.full_name if entry.actor else (entry.actor_email or ""),
                "changes": entry.changes_dict if entry.action != LogEntry.Action.ACCESS else {},
            }
        )
    return found


def _sections(subject: Subject, people: dict[int, str], progress=None) -> list[ExportSection]:
    ordered: dict[str, ExportSection] = {}
    seen: set[tuple[str, Any]] = set()
    work = [(section, queryset, False) for section, queryset in section_querysets(subject)]
    work += [(section, queryset, True) for section, queryset in section_querysets(subject, shared=True)]
    for index, (section, queryset, shared) in enumerate(work):
        export = ordered.setdefault(section.name, ExportSection(name=section.name, label=section.label))
        model = queryset.model
        prefetch = [relation.name for relation in model._meta.many_to_many]
        rows = list(queryset.prefetch_related(*prefetch)) if prefetch else list(queryset)
        histories = _histories(model, [row.pk for row in rows])
        for row in rows:
            key = (model._meta.label, row.pk)
            if key in seen:
                continue
            seen.add(key)
            values, labels, files = _row(row, people)
            export.records.append(
                ExportRecord(
                    model=model._meta.label,
                    kind=str(model._meta.verbose_name).capitalize(),
                    pk=row.pk,
                    fields=values,
                    labels=labels,
                    history=histories.get(str(row.pk), []),
                    files=files,
                    shared=shared,
                )
            )
        if progress:
            progress(int(80 * (index + 1) / len(work)), f"Read {section.label}")
    return list(ordered.values())


def _activity(subject: Subject) -> list[dict]:
    """What a member of staff did in Hearth, as counts (what kind of record, which action): the
    entries themselves are about the children and colleagues they wrote of, not about them."""
    if subject.kind != SubjectKind.STAFF:
        return []
    rows = (
        LogEntry.objects.filter(actor=subject.person)
        .values("content_type__app_label", "content_type__model", "action")
        .annotate(count=Count("pk"))
        .order_by("content_type__app_label", "content_type__model", "action")
    )
    actions = dict(LogEntry.Action.choices)
    return [
        {
            "record": f"{row['content_type__app_label']}.{row['content_type__model']}",
            "action": str(actions.get(row["action"], row["action"])),
            "count": row["count"],
        }
        for row in rows
    ]


def _account(subject: Subject) -> dict[str, Any]:
    if subject.kind != SubjectKind.STAFF:
        return {}
    return {name: _plain(getattr(subject.person, name)) for name in ACCOUNT_FIELDS}


# --- Third parties ------------------------------------------------------------------------------


def _texts(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)


def _excerpt(text: str, term: str) -> str:
    at = text.find(term)
    start = max(at - 40, 0)
    return ("…" if start else "") + text[start : at + len(term) + 40] + ("…" if at + len(term) + 40 < len(text) else "")


def third_parties(subject: Subject, sections: list[ExportSection]) -> dict[tuple[str, str], list[dict]]:
    """(kind, term) -> places: other children named, other people's e-mail addresses and phone
    numbers (and a child's social worker), and records shared with other people."""
    others = Child.objects.exclude(pk=subject.child.pk) if subject.child else Child.objects.all()
    names = set()
    for preferred, legal in others.values_list("preferred_name", "legal_name"):
        names |= {name.strip() for name in (preferred, legal) if len(name.strip()) >= 3}
    # The subject's own names are theirs, not a third party's, even when another child shares one.
    own = {subject.child.preferred_name, subject.child.legal_name} if subject.child else {subject.person.full_name}
    names -= own
    name_pattern = (
        re.compile(r"\b(" + "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)) + r")\b")
        if names
        else None
    )
    own_email = subject.person.email.lower() if subject.person else ""
    found: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for section in sections:
        for record in section.records:
            where = {"section": section.label, "record": f"{record.kind} {record.pk}"}
            if record.shared:
                found[(Redaction.Kind.SHARED, f"{record.kind} {record.pk}")].append(
                    {**where, "field": "", "excerpt": ""}
                )
            for name, value in record.fields.items():
                if name.endswith("_name") and name[:-5] in record.fields:
                    continue  # a colleague's name beside their id: staff acting in their role
                for text in _texts(value):
                    if name_pattern:
                        for match in set(name_pattern.findall(text)):
                            found[(Redaction.Kind.OTHER_CHILD, match)].append(
                                {**where, "field": record.labels.get(name, name), "excerpt": _excerpt(text, match)}
                            )
                    for pattern in (EMAIL, PHONE):
                        for match in set(pattern.findall(text)):
                            if match.lower() != own_email:
                                found[(Redaction.Kind.CONTACT, match.strip())].append(
                                    {**where, "field": record.labels.get(name, name), "excerpt": _excerpt(text, match)}
                                )
            if record.model == "children.Child" and record.fields.get("social_worker_name"):
                term = record.fields["social_worker_name"]
                found[(Redaction.Kind.CONTACT, term)].append({**where, "field": "Social worker name", "excerpt": term})
    return found


def _record_redactions(request: SubjectAccessRequest, found: dict[tuple[str, str], list[dict]]) -> None:
    """New items to decide; items already decided keep their decision (a rebuild after a retry)."""
    existing = {(item.kind, item.term): item for item in request.redactions.all()}
    for (kind, term), places in found.items():
        item = existing.get((kind, term[:200]))
        if item:
            Redaction.objects.filter(pk=item.pk).update(places=places[:200])
        else:
            Redaction.objects.create(request=request, kind=kind, term=term[:200], places=places[:200])


def _apply_redactions(request: SubjectAccessRequest, sections: list[ExportSection]) -> list[dict]:
    redacted = list(request.redactions.filter(decision=Redaction.Decision.REDACT))
    terms = [item.term for item in redacted if item.kind != Redaction.Kind.SHARED]
    withheld = {item.term: item.reason for item in redacted if item.kind == Redaction.Kind.SHARED}
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))) if terms else None

    def scrub(value: Any) -> Any:
        if isinstance(value, str) and pattern:
            return pattern.sub(REDACTED, value)
        if isinstance(value, dict):
            return {key: scrub(item) for key, item in value.items()}
        if isinstance(value, list):
            return [scrub(item) for item in value]
        return value

    for section in sections:
        for record in section.records:
            reason = withheld.get(f"{record.kind} {record.pk}")
            if reason is not None:
                record.fields, record.history, record.files = {}, [], []
                record.redacted_reason = reason
                continue
            record.fields = scrub(record.fields)
            record.history = scrub(record.history)
    return [
        {
            "kind": item.get_kind_display(),
            "what": REDACTED if item.kind != Redaction.Kind.SHARED else item.term,
            "places": len(item.places),
            "reason": item.reason,
        }
        for item in redacted
    ]


# --- The build ----------------------------------------------------------------------------------


def _progress(request_id: int):
    def report(percent: int, note: str) -> None:
        SubjectAccessRequest.objects.filter(pk=request_id).update(progress=percent, progress_note=note[:200])

    return report


def sar_build(*, request_id: int) -> SubjectAccessRequest:
    """Build the export (the review copy, or the released copy once released is asked for)."""
    request = SubjectAccessRequest.objects.select_related("child__home", "person").get(pk=request_id)
    releasing = request.released_by_id is not None and request.status != SubjectAccessRequest.Status.RELEASED
    if request.status == SubjectAccessRequest.Status.RELEASED:
        return request
    SubjectAccessRequest.objects.filter(pk=request.pk).update(
        status=SubjectAccessRequest.Status.BUILDING, status_changed_at=timezone.now(), error=""
    )
    report = _progress(request.pk)
    report(1, "Started")
    subject = Subject.of_child(request.child) if request.child_id else Subject.of_staff(request.person)
    people = dict(User.objects.values_list("pk", "full_name"))
    sections = _sections(subject, people, report)
    if releasing:
        redactions = _apply_redactions(request, sections)
    else:
        _record_redactions(request, third_parties(subject, sections))
        redactions = []
    report(85, "Writing the PDF")
    count = sum(len(section.records) for section in sections)
    now = timezone.now()
    document = {
        "format": "hearth-subject-access/1",
        "generated_at": _plain(now),
        "copy": "released" if releasing else "for review: not for release",
        "request": {
            "received_on": _plain(request.received_on),
            "due_on": _plain(request.due_on),
            "requested_by": request.requested_by,
        },
        "subject": {
            "kind": subject.kind,
            "id": subject.pk,
            "account": _account(subject),
            "activity_in_hearth": _activity(subject),
        },
        "redactions": redactions,
        "sections": [
            {
                "name": section.name,
                "label": section.label,
                "records": [
                    {
                        "model": record.model,
                        "id": record.pk,
                        "shared_with_others": record.shared,
                        **({"withheld": record.redacted_reason} if record.redacted_reason else {}),
                        "fields": record.fields,
                        "history": record.history,
                    }
                    for record in section.records
                ],
            }
            for section in sections
        ],
    }
    pdf = _pdf(request, subject, sections, redactions, releasing, now)
    report(95, "Writing the ZIP")
    storage_files = []
    for section in sections:
        for record in section.records:
            for name in record.files:
                storage_files.append((section, record, name))
    digest = hashlib.sha256()
    with tempfile.TemporaryFile() as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("README.txt", _readme(request, releasing, count))
            archive.writestr("record.json", json.dumps(document, indent=2, ensure_ascii=False, default=str))
            archive.writestr("record.pdf", pdf)
            storage = _storage_of_records(sections)
            for section, record, name in storage_files:
                entry = zip_entry_name(
                    "files", safe_slug(section.name), f"{safe_slug(record.kind)}-{record.pk}", name.rsplit("/", 1)[-1]
                )
                with storage.open(name, "rb") as source, archive.open(entry, "w") as target:
                    while chunk := source.read(1024 * 1024):
                        target.write(chunk)
        handle.seek(0)
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
        handle.seek(0)
        old = request.file.name
        request.file.save("export.zip", File(handle), save=False)
    with transaction.atomic():
        SubjectAccessRequest.objects.filter(pk=request.pk).update(
            file=request.file.name,
            sha256=digest.hexdigest(),
            record_count=count,
            progress=100,
            progress_note="Done",
            status=SubjectAccessRequest.Status.RELEASED if releasing else SubjectAccessRequest.Status.READY,
            released_at=now if releasing else None,
            status_changed_at=now,
        )
    if old and old != request.file.name:
        request.file.storage.delete(old)  # the review copy: only the released copy is kept
    request.refresh_from_db()
    return request


def _storage_of_records(sections: list[ExportSection]):
    from django.core.files.storage import default_storage

    return default_storage


def _readme(request: SubjectAccessRequest, releasing: bool, count: int) -> str:
    state = (
        "the copy released to the person" if releasing else "the REVIEW copy: NOT FOR RELEASE (nothing is redacted yet)"
    )
    return (
        "Everything Hearth holds about one person, answering a subject access request (UK GDPR article 15).\n\n"
        f"This is {state}.\n"
        f"Request received {request.received_on:%d %B %Y}; {count} records.\n\n"
        "record.pdf   the whole record to read, with an index\n"
        "record.json  the same, machine-readable: each record's fields and its history of changes and reads\n"
        "files/       the files the records hold (documents, built PDFs)\n"
        f"\n{REDACTED} marks another person's information that was withheld; record.json lists what and why.\n"
    )


def _pdf(request, subject, sections, redactions, releasing, now) -> bytes:
    from homes.pdf import html_to_pdf

    html = render_to_string(
        "records/pdf/subject_access.html",
        {
            "request": request,
            "subject_name": request.subject_name,
            "sections": sections,
            "redactions": redactions,
            "releasing": releasing,
            "generated_at": now,
            "account": _account(subject),
            "activity": _activity(subject),
        },
    )
    return html_to_pdf(html)


# --- Review and release -------------------------------------------------------------------------


def redaction_decide(*, redaction: Redaction, decision: str, reason: str, by: User) -> Redaction:
    if decision not in {Redaction.Decision.DISCLOSE, Redaction.Decision.REDACT}:
        raise ValidationError({"decision": ERROR_DECISION})
    if not reason.strip():
        raise ValidationError({"reason": ERROR_REASON})
    with transaction.atomic():
        redaction = Redaction.objects.select_for_update(of=("self",)).select_related("request").get(pk=redaction.pk)
        if redaction.request.released_by_id:
            raise ValidationError(ERROR_ALREADY_RELEASED)
        redaction.decision, redaction.reason = decision, reason
        redaction.decided_by, redaction.decided_at = by, timezone.now()
        redaction.full_clean()
        redaction.save()
    return redaction


def sar_release(*, request: SubjectAccessRequest, released_to: str, by: User) -> SubjectAccessRequest:
    """Build the released copy with the redactions applied; the release is logged (who, to whom,
    when) and the review copy is deleted once the released one is written."""
    with transaction.atomic():
        request = SubjectAccessRequest.objects.select_for_update().get(pk=request.pk)
        if request.released_by_id:
            raise ValidationError(ERROR_ALREADY_RELEASED)
        if request.status != SubjectAccessRequest.Status.READY:
            raise ValidationError(ERROR_NOT_READY)
        pending = request.redactions.filter(decision=Redaction.Decision.PENDING).count()
        if pending:
            raise ValidationError(ERROR_UNDECIDED.format(count=pending))
        if not released_to.strip():
            raise ValidationError({"released_to": "Say who received it, and how (by hand, secure e-mail...)."})
        request.released_by, request.released_to = by, released_to
        request.status, request.progress, request.status_changed_at = (
            SubjectAccessRequest.Status.QUEUED,
            0,
            timezone.now(),
        )
        request.save()
        _enqueue(request)
    return request


def sar_download_logged(*, request: SubjectAccessRequest, by: User) -> SubjectAccessDownload:
    return SubjectAccessDownload.objects.create(request=request, user=by, sha256=request.sha256)
