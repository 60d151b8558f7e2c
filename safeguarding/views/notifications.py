from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homes import access, builds, concurrency
from homes.submissions import create_once
from safeguarding.forms.notifications import NotificationEditForm, NotificationForm, RecipientForm, SentForm
from safeguarding.models import Notification, NotificationCategory, NotificationPdf, NotificationRecipient
from safeguarding.notify_sources import notify_sources
from safeguarding.services import notification_pdf as pdf_services
from safeguarding.services import notifications as services

LIST_PAGE_SIZE = 25


def _notifications(request: HttpRequest):
    recipients = Prefetch("recipients", queryset=NotificationRecipient.objects.select_related("sent_by"))
    rows = Notification.objects.select_related("home", "category", "child", "about_staff", "created_by")
    return access.notifications_for(request.user, rows.prefetch_related(recipients))


def _get_notification(request: HttpRequest, notification_id: int) -> Notification:
    return get_object_or_404(_notifications(request), pk=notification_id)


def _log_read(request: HttpRequest, notification: Notification) -> None:
    access.log_read(request.user, notification)
    if notification.child_id:
        access.log_read(request.user, notification.child)


@login_required
@require_GET
def notification_list(request: HttpRequest, home_id: int) -> HttpResponse:
    """The home's register of Regulation 40 notifications, those with someone still to tell first."""
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_see_notifications(request.user, home))
    now = timezone.now()
    due = list(services.notifications_due(_notifications(request).filter(home=home)))
    page = Paginator(_notifications(request).filter(home=home), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(n, services.notification_state(n, now)) for n in page]
    access.log_reads(request.user, {n.child for n in [*due, *page] if n.child_id})
    return render(
        request,
        "safeguarding/notifications/list.html",
        {"home": home, "page": page, "rows": rows, "due": [(n, services.notification_state(n, now)) for n in due]},
    )


def _source(request: HttpRequest, home) -> tuple[object | None, dict]:
    """The record a notification starts from (`?from=<model>&source_id=<id>`, carried through the
    POST), within the person's reach and of this home (or 404), and what it fills in."""
    params = request.POST if request.method == "POST" else request.GET
    key, pk = params.get("from", ""), params.get("source_id", "")
    if not key:
        return None, {}
    source = notify_sources.get(key)
    if source is None or not pk.isdigit():
        raise Http404("No such record to notify from.")
    record = source.get(request.user, int(pk))
    prefill = source.prefill(record)
    if prefill.home.pk != home.pk:
        raise Http404("No such record to notify from.")
    asked = params.get("category", "")
    codes = [asked] if asked in prefill.categories else prefill.categories
    category = NotificationCategory.objects.filter(code__in=codes, active=True).first()
    initial = {
        "child": prefill.child_id,
        "event_at": timezone.localtime(prefill.event_at).replace(second=0, microsecond=0),
        "summary": prefill.summary,
        "actions": prefill.actions,
        "category": category.pk if category else None,
    }
    return record, initial


def _notified_already(request: HttpRequest, record, category) -> HttpResponse | None:
    """One notification per record per category: starting another opens the one there is."""
    existing = services.notification_from(record, category)
    if existing is None:
        return None
    notification = _notifications(request).filter(pk=existing.pk).first()
    if notification is None:  # one the person may not read (an allegation about them): say no more
        return None
    messages.info(request, services.OPENED_EXISTING)
    return redirect("notification_detail", notification_id=notification.pk)


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def notification_add(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_notify(request.user, home))
    record, initial = _source(request, home)
    data = request.POST if request.method == "POST" else None
    form = NotificationForm(data, instance=Notification(home=home), initial=initial)
    # The category asked for by the prompt's button (GET) or chosen on the form (POST).
    if form.is_bound:
        category = form.cleaned_data.get("category") if form.is_valid() else None
    else:
        category = initial.get("category") if request.GET.get("category") else None
    if record is not None and category and (opened := _notified_already(request, record, category)):
        return opened
    if request.method == "POST" and form.is_valid():
        try:
            notification = services.notification_start(
                home=home, created_by=request.user, source=record, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The notification is drafted: send it to each recipient and record it here.")
            return redirect("notification_detail", notification_id=notification.pk)
    source = {"from": request.GET.get("from") or request.POST.get("from"), "id": record.pk} if record else None
    return render(
        request,
        "safeguarding/notifications/form.html",
        {"form": form, "home": home, "source": source, "record": record},
    )


@login_required
@require_GET
def notification_detail(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = _get_notification(request, notification_id)
    _log_read(request, notification)
    pdf = NotificationPdf.objects.filter(notification=notification).first()
    return render(
        request,
        "safeguarding/notifications/detail.html",
        {
            "notification": notification,
            "home": notification.home,
            "draft": services.notification_draft(notification),
            "state": services.notification_state(notification),
            "pdf": pdf,
            "can_notify": access.can_notify(request.user, notification.home),
        },
    )


@login_required
@require_GET
def notification_print(request: HttpRequest, notification_id: int) -> HttpResponse:
    """The notification as a printable page: what the people told read, nothing more."""
    notification = _get_notification(request, notification_id)
    _log_read(request, notification)
    return render(
        request,
        "safeguarding/notifications/print.html",
        {
            "notification": notification,
            "draft": services.notification_draft(notification),
            "printed_at": timezone.now(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_edit(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = _get_notification(request, notification_id)
    access.require(access.can_notify(request.user, notification.home))
    form = NotificationEditForm(request.POST if request.method == "POST" else None, instance=notification)
    changes = None
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        revision = fields.pop("revision")
        try:
            services.notification_edit(notification=notification, user=request.user, revision=revision, **fields)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request,
                stale,
                editor=lambda current, data: [NotificationEditForm(data, instance=current)],
                yours=[form],
            )
        else:
            messages.success(request, "The notification has been corrected; what was already sent is kept as sent.")
            return redirect("notification_detail", notification_id=notification.pk)
    _log_read(request, notification)
    return render(
        request,
        "safeguarding/notifications/form.html",
        {"form": form, "home": notification.home, "notification": notification, "changes": changes},
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def notification_recipient_add(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = _get_notification(request, notification_id)
    access.require(access.can_notify(request.user, notification.home))
    form = RecipientForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.notification_add_recipient(notification=notification, **form.cleaned_data)
        messages.success(request, "Added to the people to tell.")
        return redirect("notification_detail", notification_id=notification.pk)
    _log_read(request, notification)
    return render(
        request,
        "safeguarding/notifications/recipient_form.html",
        {"form": form, "notification": notification, "home": notification.home},
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_recipient_sent(request: HttpRequest, recipient_id: int) -> HttpResponse:
    recipients = NotificationRecipient.objects.filter(notification__in=_notifications(request))
    recipient = get_object_or_404(recipients.select_related("notification__home"), pk=recipient_id)
    notification = recipient.notification
    access.require(access.can_notify(request.user, notification.home))
    if recipient.is_sent:
        messages.info(request, services.ALREADY_SENT)
        return redirect("notification_detail", notification_id=notification.pk)
    form = SentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_record_sent(recipient=recipient, sent_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # its fields (sent_at, method) are the form's
        else:
            messages.success(request, f"Recorded as sent to {recipient.name}.")
            return redirect("notification_detail", notification_id=notification.pk)
    _log_read(request, notification)
    return render(
        request,
        "safeguarding/notifications/sent_form.html",
        {"form": form, "recipient": recipient, "notification": notification, "home": notification.home},
    )


@login_required
@require_POST
def notification_pdf_build(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = _get_notification(request, notification_id)
    access.require(access.can_notify(request.user, notification.home))
    pdf = pdf_services.notification_pdf_enqueue(notification=notification, user=request.user)
    if pdf.status == NotificationPdf.Status.READY and pdf.is_current:
        messages.info(request, "The PDF is up to date.")
    else:
        messages.success(request, "The PDF is being made; it appears here when it is ready.")
    return redirect("notification_detail", notification_id=notification.pk)


@login_required
@require_GET
def notification_pdf_download(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = _get_notification(request, notification_id)
    content = builds.open_ready(request, NotificationPdf.objects.filter(notification=notification).first())
    if content is None:
        return redirect("notification_detail", notification_id=notification.pk)
    _log_read(request, notification)
    name = f"notification-{notification.pk}-{timezone.localtime(notification.known_at):%Y-%m-%d}.pdf"
    return FileResponse(content, as_attachment=True, filename=name)
