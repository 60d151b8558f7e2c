"""What team regulation asks of people this fortnight (issue 12's task list): supervision records
to sign, supervision actions they own, supervision and training renewals of the staff of the homes
they run, and their own training renewals. Never a word of supervision content: only what kind of
thing is due, whose, and when."""

import datetime
from collections.abc import Iterator

from django.urls import reverse

from homes import access
from homes.extensions import Task, TaskSource, register_task_source
from homes.models import Home, User
from supervision.models import SupervisionSession
from supervision.services.compliance import compliance_for_homes, last_months
from supervision.services.training import MatrixRow, training_for, training_matrix


def _signatures(user: User) -> Iterator[Task]:
    # Two indexed queries rather than one OR across a join with DISTINCT.
    as_supervisor = SupervisionSession.objects.filter(supervisor=user, supervisor_signed_at__isnull=True)
    as_attendee = SupervisionSession.objects.filter(
        attendances__person=user, attendances__signed_at__isnull=True
    ).exclude(supervisor=user)
    for session in [*as_supervisor, *as_attendee]:
        yield Task(
            kind="Sign the supervision record",
            about=f"{session.get_kind_display()}, {session.held_on:%-d %b %Y}",
            due=session.held_on,
            url=reverse("supervision_session_detail", args=[session.pk]),
            home_id=session.home_id,
        )


def _actions(user: User, until: datetime.date) -> Iterator[Task]:
    actions = access.supervision_actions_for(user).filter(owner=user, done_on__isnull=True, due_on__lte=until)
    for action in actions.select_related("session"):
        yield Task(
            kind="Supervision action",
            about=f"from {action.session.held_on:%-d %b %Y}",
            due=action.due_on,
            url=reverse("supervision_session_detail", args=[action.session_id]),
            home_id=action.session.home_id,
        )


def _staff(
    user: User, run: list[Home], matrix: dict[int, list[MatrixRow]], today: datetime.date, until: datetime.date
) -> Iterator[Task]:
    if not run:
        return
    for summary in compliance_for_homes(run, *last_months(1, today=today)):
        for row in summary.staff:
            if row.next_due <= until and row.person != user:
                yield Task(
                    kind="Supervision due",
                    about=row.person.full_name,
                    due=row.next_due,
                    url=reverse("supervision_compliance", args=[summary.home.pk]),
                    home_id=summary.home.pk,
                )
    for home_id, rows in matrix.items():
        for row in rows:
            for cell in row.cells:
                expires = cell.record.expires_on if cell.record else None
                if expires and expires <= until and row.person != user:
                    yield Task(
                        kind="Training renewal",
                        about=f"{row.person.full_name}: {cell.course.name}",
                        due=expires,
                        url=reverse("training_matrix", args=[home_id]),
                        home_id=home_id,
                    )


def _own_training(
    user: User, matrix: dict[int, list[MatrixRow]], today: datetime.date, until: datetime.date
) -> Iterator[Task]:
    # A manager's own row is in the matrix of the home they run: not read a second time.
    mine = next((row.cells for rows in matrix.values() for row in rows if row.person == user), None)
    for cell in mine if mine is not None else training_for(user, today):
        expires = cell.record.expires_on if cell.record else None
        if expires and expires <= until:
            yield Task(kind="Your training renewal", about=cell.course.name, due=expires, url=reverse("my_supervision"))


def _tasks(user: User, today: datetime.date, until: datetime.date) -> Iterator[Task]:
    yield from _signatures(user)
    yield from _actions(user, until)
    run = list(access.homes_run_by(user))
    matrix = training_matrix(run, today) if run else {}
    yield from _staff(user, run, matrix, today, until)
    yield from _own_training(user, matrix, today, until)


def register() -> None:
    register_task_source(TaskSource(name="team-regulation", tasks=_tasks))
