import datetime

from homes import extensions
from homes.extensions import Task, TaskSource, register_task_source, tasks_for
from tests.factories import UserFactory

TODAY = datetime.date(2026, 12, 1)


def test_tasks_come_from_every_source_overdue_first_within_the_horizon(monkeypatch, db):
    monkeypatch.setattr(extensions, "task_sources", {})
    seen = []

    def plans(user, today, until):
        seen.append((today, until))
        return [Task(kind="Care plan review", about="Ruby", due=TODAY + datetime.timedelta(days=3), url="/p/")]

    def visits(user, today, until):
        return [Task(kind="Supervision", about="Jess", due=TODAY - datetime.timedelta(days=2), url="/s/")]

    register_task_source(TaskSource(name="plans", tasks=plans))
    register_task_source(TaskSource(name="visits", tasks=visits))

    tasks = tasks_for(UserFactory(), TODAY)

    assert [task.kind for task in tasks] == ["Supervision", "Care plan review"]
    assert tasks[0].is_overdue(TODAY) and not tasks[1].is_overdue(TODAY)
    assert seen == [(TODAY, TODAY + datetime.timedelta(days=extensions.TASK_HORIZON_DAYS))]


def test_a_clock_counted_in_hours_is_overdue_from_its_moment_on_its_day():
    from django.utils import timezone

    now, today = timezone.now(), timezone.localdate()
    minute = datetime.timedelta(minutes=1)

    def notify(due_at):
        return Task(kind="Send a notification", about="Ruby", due=today, url="/n/", due_at=due_at)

    assert notify(now - minute).is_overdue(today)
    assert not notify(now + minute).is_overdue(today)
    assert not Task(kind="Care plan review", about="Ruby", due=today, url="/p/").is_overdue(today)
