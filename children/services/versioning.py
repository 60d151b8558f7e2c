"""The lifecycle care plans and risk assessments share: start a draft (blank, or copied from
the active version), save it safely against concurrent edits, sign it off.

The concrete services (`care_plan`, `risk_assessment`) say how their rows (goals, triggers,
risks) are copied and saved; the rules live here once."""

import datetime
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from children.models import Child, SignedOffVersion
from homes import concurrency
from homes.concurrency import ROW_OF_ANOTHER_RECORD
from homes.models import User

NOT_A_DRAFT = "This version has been signed off, so it can no longer be changed: revise it to start a new draft."
NOT_ACTIVE = "Only the active version can be revised."
REVIEW_DATE_NEEDED = "Set a review date before signing off."
REVIEW_DATE_PAST = "The review date has passed: choose a date in the future before signing off."
CHANGED_SINCE_READ = (
    "{who} saved this draft after you opened it, so it has not been signed off: read it again, then sign it off."
)
STALE_EDIT = (
    "{who} saved this draft while you were editing it, so your changes have not been saved yet. "
    "What you typed is still in the form: compare it with what is saved now, then save again to keep yours."
)


class DraftExists(Exception):
    """A draft is already open for this child: everyone works on that one."""

    def __init__(self, draft: SignedOffVersion) -> None:
        super().__init__("A draft already exists.")
        self.draft = draft


class StaleEdit(concurrency.StaleEdit):
    """The draft was saved by someone else after the form was opened (said the plans' way)."""

    def __init__(self, current: SignedOffVersion) -> None:
        super().__init__(current, STALE_EDIT.format(who=current.updated_by or current.created_by))


# rows(record) -> the record's rows to copy; copy(row, new_record) saves a copy for the new draft.
RowCopier = Callable[[SignedOffVersion, SignedOffVersion], None]


@transaction.atomic
def version_draft_start(
    *, model: type[SignedOffVersion], child: Child, user: User, copy_rows: RowCopier, sections: list[str]
) -> SignedOffVersion:
    """A new draft: a copy of the active version (its sections and rows) or, for the first, blank."""
    # Lock the child so two people starting a draft at once get one draft, not an error.
    Child.objects.select_for_update().filter(pk=child.pk).first()
    existing = model.objects.filter(child=child, status=model.Status.DRAFT).first()
    if existing is not None:
        raise DraftExists(existing)
    active = model.objects.filter(child=child, status=model.Status.ACTIVE).first()
    latest = model.objects.filter(child=child).aggregate(latest=models.Max("version"))["latest"] or 0
    draft = model(child=child, version=latest + 1, created_by=user, updated_by=user)
    if active is not None:
        for field in [*sections, "review_date"]:
            setattr(draft, field, getattr(active, field))
    draft.full_clean()
    draft.save()
    if active is not None:
        copy_rows(active, draft)
    return draft


@transaction.atomic
def version_draft_save(
    *,
    record: SignedOffVersion,
    user: User,
    revision: int,
    fields: dict,
    save_rows: Callable[[SignedOffVersion], None],
) -> SignedOffVersion:
    """Save a draft opened at `revision`. Raises StaleEdit if someone saved it since then."""
    model = type(record)
    try:
        concurrency.revision_claim(record, revision=revision, user=user, status=model.Status.DRAFT)
    except concurrency.StaleEdit as stale:
        if not stale.current.is_draft:
            raise ValidationError(NOT_A_DRAFT) from None
        raise StaleEdit(stale.current) from None
    current = model.objects.select_related("updated_by", "created_by").get(pk=record.pk)
    for field, value in fields.items():
        setattr(current, field, value)
    current.updated_by = user
    current.full_clean()
    current.save()
    save_rows(current)
    return current


def version_save_rows(
    *, record: SignedOffVersion, model: type[models.Model], fk: str, rows: Iterable[dict], on_new=None
) -> None:
    """Apply a draft's edited rows: each dict holds the row ("row": instance or None for a new
    one), "delete", and the field values. Rows only change while their draft is open."""
    for values in rows:
        row = values.pop("row") or model(**{fk: record})
        if getattr(row, f"{fk}_id") != record.pk:
            raise ValidationError(ROW_OF_ANOTHER_RECORD)
        if values.pop("delete", False):
            if row.pk:
                # Removing a row from an unsigned draft is editing it, not deleting a record: the
                # draft was never signed, and the audit log keeps the removed row's values.
                row.delete()
            continue
        for field, value in values.items():
            setattr(row, field, value)
        if row.pk is None and on_new is not None:
            on_new(row)
        row.full_clean()
        row.save()


@transaction.atomic
def version_sign_off(
    *, record: SignedOffVersion, user: User, revision: int, today: datetime.date | None = None
) -> SignedOffVersion:
    """Make a draft the active version; the previous active version is superseded and kept.
    `revision` is the one the manager read: what is signed off is what they saw."""
    model = type(record)
    current = model.objects.select_for_update(of=("self",)).select_related("updated_by", "created_by").get(pk=record.pk)
    if not current.is_draft:
        raise ValidationError(NOT_A_DRAFT)
    if current.revision != revision:
        raise ValidationError(CHANGED_SINCE_READ.format(who=current.updated_by or current.created_by))
    today = today or timezone.localdate()
    if current.review_date is None:
        raise ValidationError(REVIEW_DATE_NEEDED)
    if current.review_date <= today:
        raise ValidationError(REVIEW_DATE_PAST)
    now = timezone.now()
    # Saved one by one, not with update(), so the change history records each.
    for previous in model.objects.select_for_update().filter(child_id=current.child_id, status=model.Status.ACTIVE):
        previous.status = model.Status.SUPERSEDED
        previous.superseded_at = now
        previous.save(update_fields=["status", "superseded_at", "updated_at"])
    current.status = model.Status.ACTIVE
    current.signed_off_by = user
    current.signed_off_at = now
    current.full_clean()
    current.save()
    return current
