"""What retention and subject access plug into (issue 15): the change history of their rows, the
administrator's button on a child's page, the confirmations a registered manager or
administrator owes, and each request's one-month clock on the administrators' task list."""

import datetime

from homes.extensions import Task


def disposal_tasks(user, today: datetime.date, until: datetime.date) -> list[Task]:
    """A disposal waiting for this person's confirmation (a manager's or an administrator's)."""
    from django.urls import reverse

    from homes import access
    from records.models import Disposal

    waiting = access.disposals_for(user).filter(status=Disposal.Status.DUE, retain_until__lte=until)
    if user.is_administrator:
        waiting = waiting.filter(administrator_confirmed_by__isnull=True)
    else:
        waiting = waiting.filter(manager_confirmed_by__isnull=True)
    tasks = []
    for disposal in waiting.select_related("child", "person"):
        about = disposal.child.preferred_name if disposal.child else "a member of staff's record"
        tasks.append(
            Task(
                kind="Confirm disposal of a record",
                about=about,
                due=disposal.retain_until,
                url=reverse("disposal_detail", args=[disposal.pk]),
                home_id=disposal.child.home_id if disposal.child else None,
                child_id=disposal.child_id,
            )
        )
    return tasks


def subject_access_tasks(user, today: datetime.date, until: datetime.date) -> list[Task]:
    """The one-month clock of each request not yet released (administrators)."""
    from django.urls import reverse

    from homes import access
    from records.models import SubjectAccessRequest

    tasks = []
    waiting = access.subject_access_requests_for(user).exclude(status=SubjectAccessRequest.Status.RELEASED)
    for request in waiting.select_related("child", "person"):
        if request.due_on <= until:
            about = request.child.preferred_name if request.child else "a member of staff's record"
            tasks.append(
                Task(
                    kind="Answer a subject access request",
                    about=about,
                    due=request.due_on,
                    url=reverse("sar_detail", args=[request.pk]),
                    home_id=request.child.home_id if request.child else None,
                    child_id=request.child_id,
                )
            )
    return tasks


def _child_requests(child):
    from records.models import Redaction, SubjectAccessDownload, SubjectAccessRequest

    return [
        SubjectAccessRequest.objects.filter(child=child).order_by("pk"),
        Redaction.objects.filter(request__child=child).order_by("pk"),
        SubjectAccessDownload.objects.filter(request__child=child).order_by("pk"),
    ]


def _staff_requests(person):
    from records.models import Redaction, SubjectAccessDownload, SubjectAccessRequest

    return [
        SubjectAccessRequest.objects.filter(person=person).order_by("pk"),
        Redaction.objects.filter(request__person=person).order_by("pk"),
        SubjectAccessDownload.objects.filter(request__person=person).order_by("pk"),
    ]


def _child_documents(child):
    from records.models import Document, DocumentDownload, OwnCopy

    return [
        Document.objects.filter(child=child).order_by("pk"),
        DocumentDownload.objects.filter(document__child=child).order_by("pk"),
        OwnCopy.objects.filter(child=child).order_by("pk"),
    ]


def register() -> None:
    from auditlog.registry import auditlog

    from children.extensions import ChildAction, register_child_action
    from homes import access
    from homes.extensions import SubjectAccessSection, TaskSource, register_subject_access_section, register_task_source
    from records.models import (
        Disposal,
        LegalHold,
        Redaction,
        StaffDeparture,
        SubjectAccessDownload,
        SubjectAccessRequest,
        Tombstone,
    )

    # Every disposal, hold, leaving date, request, redaction decision, release and download is in
    # the change history (issue 15, item 6).
    for model in (Disposal, LegalHold, StaffDeparture, Tombstone, Redaction, SubjectAccessDownload):
        auditlog.register(model, exclude_fields=["id"])
    auditlog.register(SubjectAccessRequest, exclude_fields=["id", "progress", "progress_note", "status_changed_at"])
    register_subject_access_section(
        SubjectAccessSection(
            name="records",
            label="Earlier subject access requests",
            child_records=_child_requests,
            staff_records=_staff_requests,
            order=95,
        )
    )
    register_subject_access_section(
        SubjectAccessSection(
            name="documents",
            label="Documents, the memory box and the child's own copy",
            child_records=_child_documents,
            order=50,
        )
    )
    register_task_source(TaskSource(name="subject-access", tasks=subject_access_tasks))
    register_child_action(
        ChildAction(
            name="retention",
            label="Check retention and legal hold",
            url_name="retention_child",
            allowed=lambda user, child: access.can_keep_retention(user),
            order=900,
        )
    )
    register_task_source(TaskSource(name="disposals", tasks=disposal_tasks))
