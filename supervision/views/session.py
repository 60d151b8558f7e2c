from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homes import access, concurrency
from homes.audit import add_readable_changes
from homes.submissions import create_once
from supervision.forms import ActionForm, SessionEditForm, SessionForm
from supervision.models import Attendance, SupervisionAction, SupervisionSession
from supervision.services import session as services

HISTORY_PAGE_SIZE = 50
LIST_PAGE_SIZE = 30


@login_required
@require_GET
def session_list(request: HttpRequest, home_id: int) -> HttpResponse:
    """The home's sessions the person may know about: facts only, whoever is reading."""
    home = access.get_home_for(request.user, home_id)
    sessions = (
        access.supervision_sessions_for(request.user)
        .filter(home=home)
        .select_related("supervisor")
        .prefetch_related("attendances__person")
    )
    page = Paginator(sessions, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "supervision/session_list.html",
        {
            "home": home,
            "sessions": page,
            "can_record": access.can_supervise_in(request.user, home),
            "can_oversee": access.can_oversee_staff(request.user, home),
        },
    )


def _prefill(request: HttpRequest) -> dict:
    """What a link may choose in advance (a debrief opened from an incident: `?kind=debrief&
    attendees=3&attendees=5`): a known kind and people's ids. The form offers only the home's staff,
    so an id of anyone else is simply not ticked."""
    if request.method != "GET":
        return {}
    found: dict = {}
    if request.GET.get("kind") in SupervisionSession.Kind.values:
        found["kind"] = request.GET["kind"]
    ids = [int(value) for value in request.GET.getlist("attendees") if value.isdigit()]
    if ids:
        found["attendees"] = ids
    return found


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def session_record(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_supervise_in(request.user, home))
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        instance=SupervisionSession(home=home, supervisor=request.user),
        initial={"held_on": timezone.localdate(), **_prefill(request)},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            session = services.supervision_session_record(
                home=home,
                supervisor=request.user,
                attendees=data.pop("attendees"),
                recorded_by=request.user,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The session is recorded. Add any agreed actions, then sign it.")
            return redirect("supervision_session_detail", session_id=session.pk)
    return render(request, "supervision/session_form.html", {"form": form, "home": home})


@login_required
@require_GET
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.get_supervision_session_for(request.user, session_id)
    can_read = access.can_read_supervision_content(request.user, session)
    can_edit = access.can_edit_supervision(request.user, session)
    actions = list(session.actions.select_related("owner")) if can_read else []
    return render(
        request,
        "supervision/session_detail.html",
        {
            "session": session,
            "attendances": session.attendances.all(),
            "can_read": can_read,
            "can_edit": can_edit,
            "can_sign": access.can_sign_supervision(request.user, session),
            "actions": actions,
            "action_form": ActionForm(session=session) if can_edit else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.get_supervision_session_for(request.user, session_id)
    access.require(access.can_edit_supervision(request.user, session))
    form = SessionEditForm(request.POST if request.method == "POST" else None, instance=session)
    changes = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.supervision_session_update(
                session=session, attendees=data.pop("attendees"), user=request.user, **data
            )
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request, stale, editor=lambda current, data: [SessionEditForm(data, instance=current)], yours=[form]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The session record is saved.")
            return redirect("supervision_session_detail", session_id=session.pk)
    return render(
        request,
        "supervision/session_form.html",
        {"form": form, "home": session.home, "session": session, "changes": changes},
    )


@login_required
@require_POST
def session_sign(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.get_supervision_session_for(request.user, session_id)
    access.require(access.can_sign_supervision(request.user, session))
    services.supervision_session_sign(session=session, user=request.user)
    messages.success(request, "You have signed the record. It can no longer be changed.")
    return redirect("supervision_session_detail", session_id=session.pk)


@login_required
@require_POST
@create_once
def action_add(request: HttpRequest, session_id: int) -> HttpResponse:
    session = access.get_supervision_session_for(request.user, session_id)
    access.require(access.can_edit_supervision(request.user, session))
    form = ActionForm(request.POST, session=session)
    if form.is_valid():
        services.supervision_action_add(session=session, **form.cleaned_data)
        messages.success(request, "Action added.")
    else:
        messages.error(request, "The action was not added: " + " ".join(e for es in form.errors.values() for e in es))
    return redirect("supervision_session_detail", session_id=session.pk)


@login_required
@require_POST
def action_done(request: HttpRequest, action_id: int) -> HttpResponse:
    action = get_object_or_404(access.supervision_actions_for(request.user).select_related("session"), pk=action_id)
    access.require(access.can_complete_action(request.user, action))
    if action.done_on is None:
        services.supervision_action_complete(action=action)
        messages.success(request, f"Marked done: {action.description}")
    if request.POST.get("back") == "session":
        return redirect("supervision_session_detail", session_id=action.session_id)
    return redirect("my_supervision")


@login_required
@require_GET
def session_history(request: HttpRequest, session_id: int) -> HttpResponse:
    """Changes to the record and its signatures. The log never holds the confidential fields
    (see apps.py); the agreed actions' entries are shown only to those who may read the content."""
    session = access.get_supervision_session_for(request.user, session_id)
    session_type = ContentType.objects.get_for_model(SupervisionSession)
    related = Q(content_type=session_type, object_id=session.pk) | Q(
        content_type=ContentType.objects.get_for_model(Attendance),
        object_id__in=[a.pk for a in session.attendances.all()],
    )
    if access.can_read_supervision_content(request.user, session):
        related |= Q(
            content_type=ContentType.objects.get_for_model(SupervisionAction),
            object_id__in=session.actions.values("pk"),
        )
    entries = LogEntry.objects.filter(related).select_related("actor", "content_type").order_by("-timestamp", "-pk")
    changes = Paginator(entries.exclude(action=LogEntry.Action.ACCESS), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("changes")
    )
    add_readable_changes(changes.object_list)
    return render(
        request,
        "supervision/session_history.html",
        {"session": session, "changes": changes, "record_type": session_type},
    )
