"""Missing from care: opening an episode, what is learned and done meanwhile, the return, and
the independent return home interview, with the clocks a manager watches.

Regulation 36: the person who opens an episode signs it; each update, the return and the
interview carry who recorded them and when. The episode and the interview are edited by several
people over hours or days, so their edits are guarded by the revision (homes/concurrency.py)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from children.models import Child
from homes.concurrency import revision_claim
from homes.models import User
from safeguarding.models import MissingEpisode, MissingUpdate, ReturnInterview
from safeguarding.models.missing import INTERVIEW_WITHIN

ALREADY_RETURNED = "{child}'s return is already recorded: correct it with the episode's details."
NOT_RETURNED_YET = "{child} has not come back yet: record the return first, then the return home interview."
INTERVIEW_EXISTS = "A return home interview is already recorded for this episode: open it to add to it."
ALREADY_MISSING = "{child} is already recorded as missing since {since}: add an update to that episode instead."
EPISODE_CLOSED = "This episode has been reviewed and closed by a manager: nothing more can be changed in it."
CLOSE_NOT_RETURNED = "{child} has not come back yet: an episode is closed only after the return is recorded."
CLOSE_NO_INTERVIEW = (
    "Record the return home interview before closing the episode: held, with {child}'s own account, "
    "or declined or did not happen, with why."
)
CLOSE_INTERVIEW_NOT_YET = (
    "The return home interview is still recorded as offered, not yet held: update it to held (with "
    "{child}'s own account) or to declined or did not happen (with why), then close the episode."
)


def _set(record, fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Not a field this service changes: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(record, name, value)


@transaction.atomic
def missing_episode_open(
    *, child: Child, author: User, now: datetime.datetime | None = None, **fields
) -> MissingEpisode:
    """Record that the child is missing (signed by its author). A child already missing has one
    open episode: a second would count the same absence twice."""
    Child.objects.select_for_update().filter(pk=child.pk).first()  # two shifts opening at once
    open_one = MissingEpisode.objects.filter(child=child, archived=False, returned_at__isnull=True).first()
    if open_one is not None:
        since = timezone.localtime(open_one.noticed_missing_at).strftime("%-d %B at %H:%M")
        raise ValidationError(ALREADY_MISSING.format(child=child.preferred_name, since=since))
    episode = MissingEpisode(child=child, author=author, signed_at=now or timezone.now())
    _set(episode, fields, MissingEpisode.CONTENT_FIELDS)
    revision_claim(episode, revision=None, user=author)
    episode.full_clean()
    episode.save()
    return episode


def _refuse_if_closed(episode: MissingEpisode) -> None:
    """A closed episode is read-only: the saved row decides, not the instance a form has filled in."""
    if MissingEpisode.objects.filter(pk=episode.pk, closed_at__isnull=False).exists():
        raise ValidationError(EPISODE_CLOSED)


@transaction.atomic
def missing_episode_update(*, episode: MissingEpisode, user: User, revision: int | None, **fields) -> MissingEpisode:
    """Correct or complete the episode's details and actions (police told, parents told...),
    from a form opened at `revision` (raises StaleEdit when someone saved it since)."""
    _refuse_if_closed(episode)
    revision_claim(episode, revision=revision, user=user)
    _set(episode, fields, MissingEpisode.CONTENT_FIELDS + MissingEpisode.RETURN_FIELDS)
    episode.full_clean()
    episode.save()
    return episode


@transaction.atomic
def missing_return_record(*, episode: MissingEpisode, user: User, revision: int | None, **fields) -> MissingEpisode:
    """The child is back: when, how, where they had been and how they were. Starts the 72-hour
    clock for the return home interview."""
    # The saved row, not `episode`, which a bound form has already filled in.
    if MissingEpisode.objects.filter(pk=episode.pk, returned_at__isnull=False).exists():
        raise ValidationError(ALREADY_RETURNED.format(child=episode.child.preferred_name))
    _refuse_if_closed(episode)
    revision_claim(episode, revision=revision, user=user)
    _set(episode, fields, MissingEpisode.RETURN_FIELDS)
    episode.return_recorded_by = user
    episode.full_clean()
    episode.save()
    return episode


@transaction.atomic
def missing_update_add(
    *, episode: MissingEpisode, author: User, happened_at: datetime.datetime, text: str, now=None
) -> MissingUpdate:
    _refuse_if_closed(episode)
    update = MissingUpdate(
        episode=episode, author=author, happened_at=happened_at, text=text, recorded_at=now or timezone.now()
    )
    update.full_clean()
    update.save()
    return update


@transaction.atomic
def return_interview_record(
    *, episode: MissingEpisode, recorded_by: User, now: datetime.datetime | None = None, **fields
) -> ReturnInterview:
    """The interview offered (and, if it has happened, held or declined)."""
    locked = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    if locked.returned_at is None:
        raise ValidationError(NOT_RETURNED_YET.format(child=episode.child.preferred_name))
    _refuse_if_closed(locked)
    if ReturnInterview.objects.filter(episode=episode).exists():
        raise ValidationError(INTERVIEW_EXISTS)
    interview = ReturnInterview(episode=episode, recorded_by=recorded_by, recorded_at=now or timezone.now())
    _set(interview, fields, ReturnInterview.CONTENT_FIELDS)
    revision_claim(interview, revision=None, user=recorded_by)
    interview.full_clean()
    interview.save()
    return interview


@transaction.atomic
def return_interview_update(
    *, interview: ReturnInterview, user: User, revision: int | None, **fields
) -> ReturnInterview:
    """Add what happened (held: the child's account and what changes; or declined), from a form
    opened at `revision`."""
    _refuse_if_closed(interview.episode)
    revision_claim(interview, revision=revision, user=user)
    _set(interview, fields, ReturnInterview.CONTENT_FIELDS)
    interview.full_clean()
    interview.save()
    return interview


@transaction.atomic
def missing_episode_close(
    *, episode: MissingEpisode, manager: User, manager_review: str, now: datetime.datetime | None = None
) -> MissingEpisode:
    """The manager reviews the returned episode, signs it and closes it: from then on it is
    read-only. The return home interview must have happened or been recorded as not happening,
    so that no closed episode leaves the child's account unasked."""
    locked = MissingEpisode.objects.select_for_update().select_related("child").get(pk=episode.pk)
    name = locked.child.preferred_name
    if locked.is_closed:
        raise ValidationError(EPISODE_CLOSED)
    if locked.returned_at is None:
        raise ValidationError(CLOSE_NOT_RETURNED.format(child=name))
    interview = ReturnInterview.objects.filter(episode=locked).first()
    if interview is None:
        raise ValidationError(CLOSE_NO_INTERVIEW.format(child=name))
    if interview.outcome == ReturnInterview.Outcome.OFFERED:
        raise ValidationError(CLOSE_INTERVIEW_NOT_YET.format(child=name))
    revision_claim(locked, revision=None, user=manager)
    locked.closed_by, locked.closed_at = manager, now or timezone.now()
    locked.manager_review = manager_review.strip()
    locked.full_clean()
    locked.save()
    return locked


# --- clocks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clock:
    """A deadline as the dashboard shows it: when it falls, and how it stands at `now`."""

    due: datetime.datetime
    now: datetime.datetime

    @property
    def overdue(self) -> bool:
        return self.now > self.due

    @property
    def words(self) -> str:
        """ "due in 20 h 5 min" or "overdue by 3 h"."""
        gap = abs(self.due - self.now)
        hours, minutes = divmod(int(gap.total_seconds()) // 60, 60)
        span = f"{hours} h {minutes} min" if hours and minutes else f"{hours} h" if hours else f"{minutes} min"
        return f"overdue by {span}" if self.overdue else f"due in {span}"


def missing_for(episode: MissingEpisode, now: datetime.datetime) -> str:
    """How long an open episode has lasted so far ("5 h 20 min")."""
    minutes = max(int((now - episode.noticed_missing_at).total_seconds()) // 60, 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} d" if days else "", f"{hours} h" if hours else "", f"{minutes} min"]
    return " ".join(part for part in parts if part)


def interview_clock(episode: MissingEpisode, now: datetime.datetime | None = None) -> Clock | None:
    """The 72-hour clock for offering the return home interview: None while the child is
    missing or once an interview has been offered."""
    if episode.returned_at is None:
        return None
    return Clock(due=episode.returned_at + INTERVIEW_WITHIN, now=now or timezone.now())
