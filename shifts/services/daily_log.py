"""Writing and correcting daily logs. Regulation 36: the service signs each entry with its
author and the time; the author may correct it for a day (the change history keeps what it said
before). A follow-up flagged for the next shift becomes a HandoverFlag, open until resolved."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from children.models import Child
from homes.models import User
from shifts.models import DailyLog, HandoverFlag
from shifts.models.daily_log import ALREADY_LOGGED

EDIT_WINDOW_CLOSED = "This log was signed more than 24 hours ago, so it can no longer be corrected."
ONLY_AUTHOR_EDITS = "Only the person who signed this log can correct it."
FLAG_NEEDS_FOLLOW_UP = "Write what needs following up, or untick the flag for the next shift."
UNFLAGGED = "The flag was taken off when its log was corrected."


def _already_logged(log: DailyLog) -> ValidationError:
    earlier = DailyLog.objects.select_related("author").get(
        child=log.child, shift=log.shift, shift_date=log.shift_date, archived=False
    )
    return ValidationError(ALREADY_LOGGED.format(child=log.child.preferred_name, author=earlier.author))


def _check(log: DailyLog) -> None:
    errors: dict[str, list[str]] = {}
    try:
        log.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if log.flag_for_next_shift and not log.follow_up.strip():
        errors.setdefault("follow_up", []).append(FLAG_NEEDS_FOLLOW_UP)
    if errors:
        raise ValidationError(errors)
    others = DailyLog.objects.filter(child=log.child, shift=log.shift, shift_date=log.shift_date, archived=False)
    if others.exclude(pk=log.pk).exists():
        raise _already_logged(log)


def _sync_flag(log: DailyLog, user: User, now: datetime.datetime) -> None:
    flag = HandoverFlag.objects.filter(daily_log=log).first()
    if log.flag_for_next_shift:
        if flag is None:
            flag = HandoverFlag(
                home_id=log.child.home_id, child=log.child, daily_log=log, raised_by=user, raised_at=now
            )
        if flag.is_open:
            flag.text = log.follow_up.strip()
            flag.full_clean()
            flag.save()
    elif flag is not None and flag.is_open:
        flag.resolved_by, flag.resolved_at, flag.resolution = user, now, UNFLAGGED
        flag.save()


@transaction.atomic
def daily_log_write(*, child: Child, author: User, now: datetime.datetime | None = None, **fields) -> DailyLog:
    now = now or timezone.now()
    log = DailyLog(child=child, author=author, signed_at=now, **fields)
    _check(log)
    try:
        with transaction.atomic():
            log.save()
    except IntegrityError:  # another log for this shift committed since the check (a race)
        raise _already_logged(log) from None
    _sync_flag(log, author, now)
    return log


@transaction.atomic
def daily_log_edit(*, log: DailyLog, editor: User, now: datetime.datetime | None = None, **fields) -> DailyLog:
    """A correction by the author inside the window."""
    if log.author_id != editor.pk:
        raise PermissionDenied(ONLY_AUTHOR_EDITS)
    if not log.is_editable(now):
        raise ValidationError(EDIT_WINDOW_CLOSED)
    for name, value in fields.items():
        if name not in DailyLog.CONTENT_FIELDS and name not in ("shift", "shift_date"):
            raise TypeError(f"Not a daily-log field: {name}")
        setattr(log, name, value)
    _check(log)
    log.save()
    _sync_flag(log, editor, now or timezone.now())
    return log
