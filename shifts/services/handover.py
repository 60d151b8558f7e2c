"""Drafting, completing and reading shift handovers; raising and resolving flags.

A handover is drafted from every registered homes.extensions.HandoverSection (this app's daily
logs and flags; incidents, medicines, missing episodes, appointments from other apps) over the
shift's window. While it is being written the page shows the records as they are; completing it
keeps the items as they stood, signed by whoever completed it, and only then can the incoming
shift mark it read, each person once."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from children.models import Child
from homes.concurrency import revision_claim
from homes.extensions import HandoverItem, handover_sections
from homes.models import Home, User
from shifts.models import Handover, HandoverFlag, HandoverRead, ShiftPattern

SHIFT_NOT_STARTED = "This shift has not started yet: a handover is written at the end of its shift."
ALREADY_COMPLETED = "This handover was completed by {who} at {when}: it can no longer be changed."
NOT_COMPLETED = "This handover is still being written: mark it read once the outgoing shift has completed it."
FLAG_ALREADY_RESOLVED = "This flag was resolved by {who} at {when}."


@dataclass(frozen=True)
class DraftedSection:
    label: str
    items: list[HandoverItem]


def drafted_sections(home: Home, start: datetime.datetime, end: datetime.datetime) -> list[DraftedSection]:
    """Every registered section's items for the home between the two moments, attention first.
    Sections with nothing to say are left out."""
    shown = []
    for section in sorted(handover_sections.values(), key=lambda s: s.order):
        items = sorted(section.items(home, start, end), key=lambda item: not item.attention)
        if items:
            shown.append(DraftedSection(label=section.label, items=items))
    return shown


def _as_json(sections: list[DraftedSection]) -> list[dict]:
    return [
        {
            "label": section.label,
            "items": [
                {
                    "text": item.text,
                    "url": item.url,
                    "child_id": item.child_id,
                    "when": item.when.isoformat() if item.when else None,
                    "attention": item.attention,
                }
                for item in section.items
            ],
        }
        for section in sections
    ]


def _from_json(saved: list[dict]) -> list[DraftedSection]:
    return [
        DraftedSection(
            label=section["label"],
            items=[
                HandoverItem(
                    text=item["text"],
                    url=item.get("url", ""),
                    child_id=item.get("child_id"),
                    when=datetime.datetime.fromisoformat(item["when"]) if item.get("when") else None,
                    attention=item.get("attention", False),
                )
                for item in section["items"]
            ],
        )
        for section in saved
    ]


def handover_sections_of(handover: Handover) -> list[DraftedSection]:
    """What the page shows: the items as completed, or (while being written) as the records are now."""
    if handover.is_completed:
        return _from_json(handover.items)
    start, end = handover.shift.window(handover.shift_date)
    return drafted_sections(handover.home, start, end)


@transaction.atomic
def handover_start(
    *, home: Home, shift: ShiftPattern, shift_date: datetime.date, user: User, now: datetime.datetime | None = None
) -> tuple[Handover, bool]:
    """The home's handover for the shift: the one already started (by anyone), or a new draft.
    Returns it and whether it is new."""
    now = now or timezone.now()
    existing = Handover.objects.filter(home=home, shift=shift, shift_date=shift_date).first()
    if existing is not None:
        return existing, False
    handover = Handover(home=home, shift=shift, shift_date=shift_date, started_by=user, started_at=now)
    handover.full_clean(validate_constraints=False)
    if shift.window(shift_date)[0] > now:
        raise ValidationError({"shift_date": [SHIFT_NOT_STARTED]})
    revision_claim(handover, revision=None, user=user)
    try:
        with transaction.atomic():
            handover.save()
    except IntegrityError:  # someone else started it at the same moment
        return Handover.objects.get(home=home, shift=shift, shift_date=shift_date), False
    return handover, True


def _refuse_if_completed(handover: Handover) -> None:
    if handover.is_completed:
        when = timezone.localtime(handover.completed_at).strftime("%-d %B %Y at %H:%M")
        raise ValidationError(ALREADY_COMPLETED.format(who=handover.completed_by, when=when))


@transaction.atomic
def handover_save(
    *,
    handover: Handover,
    user: User,
    summary: str,
    revision: int | None = None,
    complete: bool = False,
    now: datetime.datetime | None = None,
) -> Handover:
    """Save the outgoing shift's words, read at `revision` (raises concurrency.StaleEdit if
    someone saved since); with `complete`, sign it and keep the drafted items as they stand."""
    now = now or timezone.now()
    # Completed before the form was opened: refused here. Completed while it was open: the row
    # no longer matches the draft status, and the save is refused as stale, beside what it says.
    _refuse_if_completed(handover)
    revision_claim(handover, revision=revision, user=user, status=Handover.Status.DRAFT)
    handover.summary = summary
    if complete:
        start, end = handover.shift.window(handover.shift_date)
        handover.items = _as_json(drafted_sections(handover.home, start, end))
        handover.status = Handover.Status.COMPLETED
        handover.completed_by, handover.completed_at = user, now
    handover.full_clean()
    handover.save()
    return handover


@transaction.atomic
def handover_mark_read(*, handover: Handover, reader: User, now: datetime.datetime | None = None) -> HandoverRead:
    """The person has read the completed handover (once: reading it again changes nothing)."""
    if not handover.is_completed:
        raise ValidationError(NOT_COMPLETED)
    read, _ = HandoverRead.objects.get_or_create(
        handover=handover, reader=reader, defaults={"read_at": now or timezone.now()}
    )
    return read


@transaction.atomic
def handover_flag_raise(
    *, home: Home, raised_by: User, text: str, child: Child | None = None, now: datetime.datetime | None = None
) -> HandoverFlag:
    flag = HandoverFlag(home=home, child=child, text=text.strip(), raised_by=raised_by, raised_at=now or timezone.now())
    flag.full_clean()
    flag.save()
    return flag


@transaction.atomic
def handover_flag_resolve(
    *, flag: HandoverFlag, resolved_by: User, resolution: str, now: datetime.datetime | None = None
) -> HandoverFlag:
    flag = HandoverFlag.objects.select_for_update(of=("self",)).select_related("resolved_by").get(pk=flag.pk)
    if not flag.is_open:
        when = timezone.localtime(flag.resolved_at).strftime("%-d %B %Y at %H:%M")
        raise ValidationError(FLAG_ALREADY_RESOLVED.format(who=flag.resolved_by, when=when))
    flag.resolved_by, flag.resolved_at, flag.resolution = resolved_by, now or timezone.now(), resolution.strip()
    flag.full_clean()
    flag.save()
    return flag
