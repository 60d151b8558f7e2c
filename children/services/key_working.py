"""Logging, correcting and amending key-working sessions.

Regulation 36: the service signs each entry with its author and the time. Inside the
correction window the author may edit it; after that a change is an amendment with a reason
that keeps the values the entry held before."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from children.models import Child, Goal, KeyWorkingAmendment, KeyWorkingSession
from homes.models import User

EDIT_WINDOW_CLOSED = (
    "This entry was signed more than 24 hours ago, so it can no longer be edited: amend it, giving a reason."
)
ONLY_AUTHOR_EDITS = "Only the person who signed this entry can edit it."
AMENDMENT_NEEDS_REASON = "Say why the entry needs amending."
AMENDMENT_CHANGES_NOTHING = "Nothing has changed: amend at least one detail, or go back."

GOALS = "goals_worked_on"


def key_working_snapshot(session: KeyWorkingSession, goals: list[Goal] | None = None) -> dict:
    """The content fields as JSON-ready values (foreign keys as ids, times in ISO format, the
    goals worked on as sorted ids). `goals` are ones about to be set; by default, the saved ones."""
    values = {}
    for name in KeyWorkingSession.CONTENT_FIELDS:
        if name == GOALS:
            chosen = session.goals_worked_on.all() if goals is None else goals
            values[name] = sorted(goal.pk for goal in chosen)
            continue
        field = KeyWorkingSession._meta.get_field(name)
        value = getattr(session, field.attname)
        # One instant, one text: the database gives UTC and a form the local time (BST in summer),
        # so an amendment that changed nothing would otherwise have "changed" the time.
        values[name] = value.astimezone(datetime.UTC).isoformat() if isinstance(value, datetime.datetime) else value
    return values


def _apply(session: KeyWorkingSession, fields: dict) -> list[Goal] | None:
    """Set the content fields on the session; return the goals worked on if they are given
    (a many-to-many is set only once the session is saved, by `_save`)."""
    unknown = set(fields) - set(KeyWorkingSession.CONTENT_FIELDS)
    if unknown:
        raise TypeError(f"Not a key-working content field: {sorted(unknown)}")
    goals = fields.pop(GOALS, None)
    for name, value in fields.items():
        setattr(session, name, value)
    return None if goals is None else list(goals)


def _save(session: KeyWorkingSession, goals: list[Goal] | None) -> None:
    errors: dict[str, list[str]] = {}
    for check in (session.full_clean, lambda: session.clean_goals(goals or [])):
        try:
            check()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    session.save()
    if goals is not None:
        session.goals_worked_on.set(goals)


@transaction.atomic
def key_working_log(*, child: Child, author: User, now: datetime.datetime | None = None, **fields) -> KeyWorkingSession:
    session = KeyWorkingSession(child=child, author=author, signed_at=now or timezone.now())
    _save(session, _apply(session, fields))
    return session


@transaction.atomic
def key_working_edit(
    *, session: KeyWorkingSession, editor: User, now: datetime.datetime | None = None, **fields
) -> KeyWorkingSession:
    """A correction by the author inside the window (the change history keeps the old values)."""
    if session.author_id != editor.pk:
        raise PermissionDenied(ONLY_AUTHOR_EDITS)
    if not session.is_editable(now):
        raise ValidationError(EDIT_WINDOW_CLOSED)
    _save(session, _apply(session, fields))
    return session


@transaction.atomic
def key_working_amend(
    *, session: KeyWorkingSession, amended_by: User, reason: str, now: datetime.datetime | None = None, **fields
) -> KeyWorkingAmendment:
    if not reason.strip():
        raise ValidationError({"reason": [AMENDMENT_NEEDS_REASON]})
    # What the entry held before comes from the database (locked), not from `session`, which
    # a bound form may already have changed.
    before = key_working_snapshot(KeyWorkingSession.objects.select_for_update().get(pk=session.pk))
    goals = _apply(session, fields)
    after = key_working_snapshot(session, goals)
    changed = [name for name in KeyWorkingSession.CONTENT_FIELDS if before[name] != after[name]]
    if not changed:
        raise ValidationError(AMENDMENT_CHANGES_NOTHING)
    _save(session, goals)
    amendment = KeyWorkingAmendment(
        session=session,
        reason=reason.strip(),
        previous_values=before,
        changed_fields=changed,
        amended_by=amended_by,
        amended_at=now or timezone.now(),
    )
    amendment.full_clean()
    amendment.save()
    return amendment


# --- reading the versions back -------------------------------------------------------------


@dataclass(frozen=True)
class FieldValue:
    label: str
    value: str


@dataclass(frozen=True)
class AmendmentView:
    amendment: KeyWorkingAmendment
    changes: list[tuple[str, str, str]]  # (label, before, after)


def _display(
    values: dict, staff_names: dict[int, str], goal_titles: dict[int, str], child_name: str
) -> dict[str, FieldValue]:
    shown = {}
    for name in KeyWorkingSession.CONTENT_FIELDS:
        field = KeyWorkingSession._meta.get_field(name)
        value = values.get(name, [] if name == GOALS else None)  # entries amended before goals were recorded
        if name == "staff_member":
            text = staff_names.get(value, "(someone no longer listed)")
        elif name == GOALS:
            text = "; ".join(goal_titles.get(pk, "(a goal no longer listed)") for pk in value)
        elif name == "happened_at":
            text = f"{timezone.localtime(datetime.datetime.fromisoformat(value)):%-d %B %Y, %H:%M}"
        elif field.choices:
            text = str(dict(field.choices).get(value, value))
        else:
            text = str(value)
        label = f"In {child_name}'s words" if name == "child_voice" else str(field.verbose_name).capitalize()
        shown[name] = FieldValue(label=label, value=text)
    return shown


def key_working_versions(session: KeyWorkingSession) -> tuple[dict[str, FieldValue], list[AmendmentView]]:
    """The entry as first signed, and each amendment with what it changed (label, before,
    after). Expects `session.child` loaded and `session.amendments` prefetched with
    `amended_by`, and `session.goals_worked_on` prefetched; two more queries at most."""
    amendments = list(session.amendments.all())
    if not amendments:
        return {}, []
    snapshots = [a.previous_values for a in amendments] + [key_working_snapshot(session)]
    staff_ids = {snapshot["staff_member"] for snapshot in snapshots}
    staff_names = dict(User.objects.filter(pk__in=staff_ids).values_list("pk", "full_name"))
    goal_ids = {pk for snapshot in snapshots for pk in snapshot.get(GOALS, [])}
    goal_titles = dict(Goal.objects.filter(pk__in=goal_ids).values_list("pk", "title"))
    child_name = session.child.preferred_name
    shown = [_display(snapshot, staff_names, goal_titles, child_name) for snapshot in snapshots]
    views = [
        AmendmentView(
            amendment=amendment,
            changes=[(shown[i][n].label, shown[i][n].value, shown[i + 1][n].value) for n in amendment.changed_fields],
        )
        for i, amendment in enumerate(amendments)
    ]
    return shown[0], views


def sessions_per_goal_thread(goals: list[Goal]) -> dict[int, int]:
    """{goal thread id: how many sessions worked on that goal}, counting each session once
    across every version of the plan. One query."""
    rows = (
        KeyWorkingSession.objects.filter(archived=False, goals_worked_on__thread_id__in={g.thread_id for g in goals})
        .values_list("goals_worked_on__thread_id")
        .annotate(sessions=Count("pk", distinct=True))
        .order_by()
    )
    return dict(rows)
