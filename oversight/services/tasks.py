"""Each person's list of what is due (derived by the task sources every app registers in
homes.extensions) and the daily e-mail digest of it (issue 12, item 4)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from homes.extensions import Task, tasks_for
from homes.models import User
from oversight.models import TaskDigestOptOut

# The navigation's count is worked out at most this often per person: it runs every task source,
# and a count a minute or two old is good enough to say "there is something to do".
TASK_COUNT_SECONDS = 120


def _count_key(user: User, today: datetime.date) -> str:
    return f"tasks-due:{user.pk}:{today.isoformat()}"


def task_count(user: User) -> int:
    count = cached_task_count(user)
    if count is None:
        today = timezone.localdate()
        count = len(tasks_for(user, today))
        cache.set(_count_key(user, today), count, TASK_COUNT_SECONDS)
    return count


def cached_task_count(user: User) -> int | None:
    """The count if it was worked out in the last two minutes, else None: pages show it only then,
    and otherwise leave it to the browser to ask for (`task_count` view), so that no page waits
    on every app's task sources (issue 14)."""
    return cache.get(_count_key(user, timezone.localdate()))


def task_digest_wanted(user: User) -> bool:
    return not TaskDigestOptOut.objects.filter(user=user).exists()


def task_digest_set(*, user: User, wanted: bool) -> None:
    if wanted:
        TaskDigestOptOut.objects.filter(user=user).delete()
    else:
        TaskDigestOptOut.objects.get_or_create(user=user)


@dataclass(frozen=True)
class Digest:
    subject: str
    body: str


def task_digest_for(user: User, today: datetime.date) -> Digest | None:
    """The e-mail for one person, or None when nothing is due. It says what kind of thing is due,
    for whom (a preferred name, never a full name) and when, with a link: the content stays in
    Hearth, behind its login."""
    tasks = tasks_for(user, today)
    if not tasks:
        return None
    overdue = [task for task in tasks if task.is_overdue(today)]
    context = {
        "user": user,
        "overdue": overdue,
        "coming": [task for task in tasks if not task.is_overdue(today)],
        "base_url": settings.HEARTH_BASE_URL.rstrip("/"),
        "today": today,
    }
    subject = f"Hearth: {len(tasks)} thing{'s' if len(tasks) != 1 else ''} due"
    if overdue:
        subject += f", {len(overdue)} overdue"
    return Digest(subject=subject, body=render_to_string("oversight/digest.txt", context))


def send_task_digests(*, today: datetime.date | None = None) -> int:
    """Sends each active person with an e-mail address (and the digest on) their digest; returns
    how many were sent."""
    today = today or timezone.localdate()
    people = User.objects.filter(is_active=True).exclude(email="").exclude(task_digest_opt_out__isnull=False)
    sent = 0
    for person in people.order_by("pk"):
        digest = task_digest_for(person, today)
        if digest is not None:
            send_mail(digest.subject, digest.body, None, [person.email])
            sent += 1
    return sent


def tasks_of(user: User) -> tuple[list[Task], datetime.date]:
    """The person's list for their task page. The navigation's count is set from it, so the page
    runs the task sources once, and the count agrees with the list just shown."""
    today = timezone.localdate()
    tasks = tasks_for(user, today)
    cache.set(_count_key(user, today), len(tasks), TASK_COUNT_SECONDS)
    return tasks, today
