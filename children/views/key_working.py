from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from children.forms.key_working import KeyWorkingAmendForm, KeyWorkingForm
from children.models import KeyWorkingSession
from children.services import key_working as services
from homes import access
from homes.submissions import create_once

LIST_PAGE_SIZE = 20


def _get_session(request: HttpRequest, key_working_id: int) -> KeyWorkingSession:
    sessions = KeyWorkingSession.objects.select_related("child__home", "staff_member", "author")
    return access.get_for_children(request.user, sessions, key_working_id)


@login_required
@require_GET
def key_working_list(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    sessions = (
        child.key_working_sessions.filter(archived=False)
        .select_related("staff_member")
        .prefetch_related("goals_worked_on")
        .annotate(amendment_count=Count("amendments"))
        .order_by("-happened_at", "-pk")  # Meta.ordering does not apply to an aggregate query
    )
    return render(
        request,
        "children/key_working/list.html",
        {
            "child": child,
            "sessions": Paginator(sessions, LIST_PAGE_SIZE).get_page(request.GET.get("page")),
            "can_log": access.can_log_daily_work(request.user, child),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def key_working_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_log_daily_work(request.user, child))
    access.log_read(request.user, child)  # the form shows the child's plan goals
    form = KeyWorkingForm(
        request.POST if request.method == "POST" else None,
        instance=KeyWorkingSession(child=child),
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        session = services.key_working_log(child=child, author=request.user, **form.cleaned_data)
        messages.success(request, f"Key-working session with {child.preferred_name} signed and saved.")
        return redirect("key_working_detail", key_working_id=session.pk)
    return render(request, "children/key_working/form.html", {"form": form, "child": child})


@login_required
@require_GET
def key_working_detail(request: HttpRequest, key_working_id: int) -> HttpResponse:
    sessions = KeyWorkingSession.objects.select_related("child__home", "staff_member", "author")
    sessions = sessions.prefetch_related("amendments__amended_by", "goals_worked_on")
    session = access.get_for_children(request.user, sessions, key_working_id)
    access.log_read(request.user, session)
    original, amendments = services.key_working_versions(session)
    return render(
        request,
        "children/key_working/detail.html",
        {
            "session": session,
            "child": session.child,
            "original": original,
            "amendments": amendments,
            "can_edit": access.can_edit_key_working(request.user, session),
            "can_amend": access.can_amend_key_working(request.user, session),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def key_working_edit(request: HttpRequest, key_working_id: int) -> HttpResponse:
    session = _get_session(request, key_working_id)
    child = session.child
    access.require(access.can_log_daily_work(request.user, child) and session.author_id == request.user.pk)
    if not session.is_editable():
        messages.info(request, services.EDIT_WINDOW_CLOSED)
        return redirect("key_working_amend", key_working_id=session.pk)
    form = KeyWorkingForm(request.POST if request.method == "POST" else None, instance=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.key_working_edit(session=session, editor=request.user, **form.cleaned_data)
        except ValidationError as error:  # the window closed while the form was open
            messages.error(request, " ".join(error.messages))
            return redirect("key_working_amend", key_working_id=session.pk)
        messages.success(request, "Your correction has been saved.")
        return redirect("key_working_detail", key_working_id=session.pk)
    access.log_read(request.user, session)  # the form shows the whole session
    return render(request, "children/key_working/form.html", {"form": form, "child": child, "session": session})


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def key_working_amend(request: HttpRequest, key_working_id: int) -> HttpResponse:
    session = _get_session(request, key_working_id)
    child = session.child
    access.require(access.can_amend_key_working(request.user, session))
    form = KeyWorkingAmendForm(request.POST if request.method == "POST" else None, instance=session)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        reason = fields.pop("reason")
        try:
            services.key_working_amend(session=session, amended_by=request.user, reason=reason, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The amendment has been signed and saved; the original is kept.")
            return redirect("key_working_detail", key_working_id=session.pk)
    access.log_read(request.user, session)  # the form shows the whole session
    return render(
        request,
        "children/key_working/form.html",
        {"form": form, "child": child, "session": session, "amending": True},
    )
