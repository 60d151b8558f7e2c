"""The pages care plans and risk assessments share: the child's versions, one version, start
or revise a draft, edit a draft safely, sign off. `care_plan` and `risk_assessment` bind them
to their models with a `Kind`."""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from children.models import Child, SignedOffVersion
from children.services import versioning as services
from homes import access, concurrency
from homes.audit import add_readable_changes


@dataclass(frozen=True)
class Kind:
    model: type[SignedOffVersion]
    noun: str  # "plan", "risk assessment"
    url: str  # URL-name prefix: "care_plan", "risk_assessment"
    section: str  # its tab of the child's record: "plan", "risk"
    detail_queryset: Callable[[], QuerySet]
    editor: Callable  # (record, data) -> (form, formsets)
    start: Callable  # service: (child=, user=) -> draft
    save: Callable  # (record, user, revision, form, formsets) -> record
    sign_off: Callable  # service: (record, user, revision) -> record
    rows: tuple[type[models.Model], ...] = ()  # row models whose changes belong in a version's history
    detail_context: Callable[[SignedOffVersion], dict] = dataclasses.field(default=lambda record: {})
    form_context: Callable[[SignedOffVersion], dict] = dataclasses.field(default=lambda record: {})

    def template(self, page: str) -> str:
        return f"children/{self.url}/{page}.html"


def _permissions(user, child: Child) -> dict:
    return {
        "can_edit": access.can_edit_plans(user, child),
        "can_sign_off": access.can_sign_off_plans(user, child),
        "can_view_history": access.can_view_history(user, child),
    }


def version_list(request: HttpRequest, kind: Kind, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    versions = kind.model.objects.filter(child=child).select_related("created_by", "signed_off_by")
    return render(
        request,
        kind.template("list"),
        {"child": child, "versions": versions, "kind": kind, **_permissions(request.user, child)},
    )


def current(request: HttpRequest, kind: Kind, child_id: int) -> HttpResponse:
    """The child's tab for this kind of record (a stable URL): the version in force, else the
    draft being written, else the list of versions with the button to start one. That page
    logs the read."""
    child = access.get_child_for(request.user, child_id)
    Status = kind.model.Status
    record = (
        kind.model.objects.filter(child=child, status__in=[Status.ACTIVE, Status.DRAFT])
        # The active version first ("active" sorts before "draft"), then the newest.
        .order_by("status", "-version")
        .first()
    )
    if record is None:
        return redirect(f"{kind.url}_list", child.pk)
    return redirect(f"{kind.url}_detail", record.pk)


def detail(request: HttpRequest, kind: Kind, pk: int) -> HttpResponse:
    record = access.get_for_children(request.user, kind.detail_queryset(), pk)
    access.log_read(request.user, record)
    return render(
        request,
        kind.template("detail"),
        {
            "record": record,
            "child": record.child,
            "kind": kind,
            **_permissions(request.user, record.child),
            "open_draft": kind.model.objects.filter(child=record.child, status=kind.model.Status.DRAFT)
            .exclude(pk=record.pk)
            .first(),
            **kind.detail_context(record),
        },
    )


def start(request: HttpRequest, kind: Kind, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_edit_plans(request.user, child))
    try:
        draft = kind.start(child=child, user=request.user)
    except services.DraftExists as exists:
        messages.info(request, "A draft is already open: carry on with it here.")
        return redirect(f"{kind.url}_edit", exists.draft.pk)
    messages.success(request, f"Version {draft.version} has been started as a draft.")
    return redirect(f"{kind.url}_edit", draft.pk)


def _parts(kind: Kind, record: SignedOffVersion, data) -> list:
    form, formsets = kind.editor(record, data)
    return [form, *formsets]


def edit(request: HttpRequest, kind: Kind, pk: int) -> HttpResponse:
    record = access.get_for_children(request.user, kind.model.objects.select_related("child__home"), pk)
    access.require(access.can_edit_plans(request.user, record.child))
    if request.method == "GET":
        if not record.is_draft:
            messages.info(request, services.NOT_A_DRAFT)
            return redirect(f"{kind.url}_detail", record.pk)
        access.log_read(request.user, record)
    data = request.POST if request.method == "POST" else None
    form, formsets = kind.editor(record, data)
    changes = None
    if data is not None and form.is_valid() and all(formset.is_valid() for formset in formsets):
        try:
            kind.save(record, request.user, form.cleaned_data["revision"], form, formsets)
        except services.StaleEdit as stale:
            parts, changes = concurrency.theirs_beside_yours(
                request, stale, editor=lambda current, data: _parts(kind, current, data), yours=[form, *formsets]
            )
            form, *formsets = parts
        except ValidationError as error:
            # Signed off meanwhile, say: the message shows above what was typed, kept for copying.
            form.add_error(None, error)
        else:
            messages.success(request, f"The draft {kind.noun} has been saved.")
            return redirect(f"{kind.url}_detail", record.pk)
    return render(
        request,
        kind.template("form"),
        {
            "record": record,
            "child": record.child,
            "kind": kind,
            "form": form,
            "formsets": formsets,
            "changes": changes,
            **kind.form_context(record),
        },
    )


def sign_off(request: HttpRequest, kind: Kind, pk: int) -> HttpResponse:
    record = access.get_for_children(request.user, kind.model.objects.select_related("child__home"), pk)
    access.require(access.can_sign_off_plans(request.user, record.child))
    revision = request.POST.get("revision", "")
    try:
        # A missing or garbled revision cannot match, so nothing unseen is signed off.
        kind.sign_off(record, request.user, int(revision) if revision.isdigit() else 0)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Version {record.version} is signed off and is now the active {kind.noun}.")
    return redirect(f"{kind.url}_detail", record.pk)


HISTORY_PAGE_SIZE = 50


def history(request: HttpRequest, kind: Kind, pk: int) -> HttpResponse:
    """Every change to one version and its rows (deleted rows too), with who and when."""
    record = access.get_for_children(request.user, kind.model.objects.select_related("child__home"), pk)
    access.require(access.can_view_history(request.user, record.child))
    access.log_read(request.user, record)
    types = ContentType.objects.get_for_models(kind.model, *kind.rows)
    # Both halves are answered by indexes made for them (homes/migrations/0008).
    rows = Q(content_type__in=[types[row] for row in kind.rows], additional_data__record_id=record.pk)
    entries = (
        LogEntry.objects.filter(Q(content_type=types[kind.model], object_id=record.pk) | rows)
        .exclude(action=LogEntry.Action.ACCESS)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    add_readable_changes(page.object_list)
    return render(
        request,
        "children/versioning/history.html",
        {"record": record, "child": record.child, "kind": kind, "changes": page, "record_type": types[kind.model]},
    )
