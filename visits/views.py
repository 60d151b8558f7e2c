"""The independent visitor's pages (their visits, the home's records during a visit, the report)
and the home's (the signed reports, the responses to each recommendation)."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homes import access, builds, concurrency
from homes.submissions import create_once
from visits import services
from visits.forms import RecommendationForm, ResponseForm, SentForm, VisitChildForm, VisitReportForm
from visits.models import VisitReport, VisitReportPdf
from visits.pdf import report_context, visit_report_pdf_request
from visits.readers import READERS, installed_readers

LIST_PAGE_SIZE = 25


# The visitor's own pages -------------------------------------------------------------------


@login_required
@require_GET
def visit_list(request: HttpRequest) -> HttpResponse:
    """The homes the visitor is appointed to and their visits; for anyone else it does not exist."""
    homes = list(access.visitor_homes(request.user).order_by("name"))
    if not homes:
        raise Http404
    visits = access.visits_for(request.user).select_related("home", "report").order_by("-visit_date", "-pk")
    page = Paginator(visits, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "visits/visit_list.html", {"homes": homes, "visits": page, "today": timezone.localdate()})


@login_required
@require_POST
def visit_start(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_visitor_home_for(request.user, home_id)
    try:
        visit = services.visit_open(visitor=request.user, home=home)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("visit_list")
    return redirect("visit_detail", visit_id=visit.pk)


@login_required
@require_http_methods(["GET", "POST"])
def visit_detail(request: HttpRequest, visit_id: int) -> HttpResponse:
    """The visit: while open, the records to read and the children met (and their consent)."""
    visit = access.get_visit_for(request.user, visit_id)
    is_open = visit.is_open()
    if request.method == "POST" and not is_open:
        raise Http404
    form = VisitChildForm(request.POST if request.method == "POST" else None, visit=visit) if is_open else None
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_child_record(visit=visit, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Saved: {form.cleaned_data['child'].preferred_name}.")
            return redirect("visit_detail", visit_id=visit.pk)
    children_seen = list(visit.children_seen.select_related("child"))
    # The form names every child living at the home (to choose whom they met): like the home's
    # register, the page logs a read of each child it names.
    named = {row.child for row in children_seen} | (set(form.fields["child"].queryset) if form else set())
    access.log_reads(request.user, named)
    return render(
        request,
        "visits/visit_detail.html",
        {
            "visit": visit,
            "home": visit.home,
            "is_open": is_open,
            "form": form,
            "children_seen": children_seen,
            "readers": installed_readers(),
            "supervision": _supervision_installed(),
            "report": VisitReport.objects.filter(visit=visit).first(),
        },
    )


@login_required
@require_POST
def visit_close(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = access.get_visit_for(request.user, visit_id)
    services.visit_close(visit=visit)
    messages.success(request, "The visit is closed. Write your report when you are ready.")
    return redirect("visit_detail", visit_id=visit.pk)


def records_view(kind: str):
    reader = READERS[kind]

    @login_required
    @require_GET
    def view(request: HttpRequest, visit_id: int) -> HttpResponse:
        visit = access.get_open_visit_for(request.user, visit_id)
        records = access.visit_records(visit, kind)
        if records is None:
            raise Http404
        page = Paginator(reader.prepare(records), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        rows = [reader.row(record) for record in page]
        access.log_reads(request.user, {child for row in rows for child in row.children})
        start, end = access.visit_period(visit)
        return render(
            request,
            "visits/records.html",
            {
                "visit": visit,
                "home": visit.home,
                "reader": reader,
                "page": page,
                "rows": rows,
                "start": start,
                "end": end,
            },
        )

    view.__name__ = view.__qualname__ = reader.url_name
    return view


def _supervision_installed() -> bool:
    from django.apps import apps

    return apps.is_installed("supervision")


@login_required
@require_GET
def visit_supervision(request: HttpRequest, visit_id: int) -> HttpResponse:
    """Supervision compliance: who was supervised on time, by month. Never what was said in
    supervision, never anyone's wellbeing."""
    visit = access.get_open_visit_for(request.user, visit_id)
    if not _supervision_installed():
        raise Http404
    from supervision.services.compliance import compliance_summary, last_months

    start, end = last_months(today=visit.visit_date)
    summary = compliance_summary(visit.home, start, end, wellbeing=False)
    return render(request, "visits/supervision.html", {"visit": visit, "home": visit.home, "months": summary.months})


@login_required
@require_GET
def visit_case_record(request: HttpRequest, visit_child_id: int) -> HttpResponse:
    """A child's case record, for a visitor the child agreed may read it, during the visit."""
    row = access.get_consented_child_row(request.user, visit_child_id)
    visit, child = row.visit, row.child
    sections = []
    for reader in installed_readers():
        records = access.visit_records(visit, reader.kind)
        field = "parts__child" if reader.kind == "incidents" else "child"
        found = reader.prepare(records.filter(**{field: child}).distinct())[:LIST_PAGE_SIZE]
        sections.append((reader, [reader.row(record) for record in found]))
    # An incident's row shows every child's part in it, not only this child's: each is a read.
    access.log_reads(request.user, {child} | {shown for _, rows in sections for row in rows for shown in row.children})
    return render(
        request,
        "visits/case_record.html",
        {"visit": visit, "home": visit.home, "child": child, "row": row, "sections": sections},
    )


# The report ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def visit_report_edit(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = access.get_visit_for(request.user, visit_id)
    report = VisitReport.objects.filter(visit=visit).first()
    if report is not None and report.is_signed:
        return redirect("visit_report_detail", visit_report_id=report.pk)
    form = VisitReportForm(request.POST if request.method == "POST" else None, instance=report, visit=visit)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "staff_spoken_with"}
        try:
            report = services.visit_report_save(
                visit=visit, staff_spoken_with=list(form.cleaned_data["staff_spoken_with"]), **fields
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The report is saved. Add your recommendations, then sign it.")
            return redirect("visit_report_detail", visit_report_id=report.pk)
    children_seen = list(visit.children_seen.select_related("child"))
    access.log_reads(request.user, [row.child for row in children_seen])
    return render(
        request,
        "visits/report_form.html",
        {"form": form, "visit": visit, "home": visit.home, "report": report, "children_seen": children_seen},
    )


@login_required
@require_GET
def visit_report_detail(request: HttpRequest, visit_report_id: int) -> HttpResponse:
    report = access.get_visit_report_for(request.user, visit_report_id)
    context = report_context(report)
    access.log_reads(request.user, [row.child for row in context["children_seen"]])
    home = report.visit.home
    context.update(
        can_write=access.can_write_visit_report(request.user, report),
        can_respond=access.can_respond_to_visit_report(request.user, home),
        can_record_sent=access.can_record_visit_report_sent(request.user, report),
        pdf=VisitReportPdf.objects.filter(report=report).first(),
        today=timezone.localdate(),
        response_due=services.response_due(report) if report.is_signed else None,
        is_visitor=report.visit.visitor_id == request.user.pk,
    )
    return render(request, "visits/report_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def recommendation_add(request: HttpRequest, visit_report_id: int) -> HttpResponse:
    report = access.get_visit_report_for(request.user, visit_report_id)
    access.require(access.can_write_visit_report(request.user, report))
    form = RecommendationForm(request.POST or None)
    return _recommendation_form(
        request,
        form,
        report,
        "Add a recommendation",
        "The recommendation is added.",
        lambda text: services.recommendation_add(report=report, text=text),
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_edit(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = access.get_recommendation_for(request.user, recommendation_id)
    report = recommendation.report
    access.require(access.can_write_visit_report(request.user, report))
    form = RecommendationForm(request.POST or None, instance=recommendation)
    return _recommendation_form(
        request,
        form,
        report,
        "Change a recommendation",
        "The recommendation is saved.",
        lambda text: services.recommendation_edit(recommendation=recommendation, text=text),
    )


def _recommendation_form(
    request: HttpRequest, form: RecommendationForm, report: VisitReport, title: str, saved: str, save: Callable
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data["text"])
        except ValidationError as error:  # the report was signed meanwhile
            form.add_error(None, error)
        else:
            messages.success(request, saved)
            return redirect("visit_report_detail", visit_report_id=report.pk)
    return render(
        request,
        "visits/recommendation_form.html",
        {"form": form, "report": report, "home": report.visit.home, "title": title},
    )


@login_required
@require_POST
def visit_report_sign(request: HttpRequest, visit_report_id: int) -> HttpResponse:
    report = access.get_visit_report_for(request.user, visit_report_id)
    access.require(access.can_write_visit_report(request.user, report))
    try:
        services.visit_report_sign(report=report, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The report is signed. Its PDF is being made; record when you send it.")
    return redirect("visit_report_detail", visit_report_id=report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def visit_report_sent(request: HttpRequest, visit_report_id: int) -> HttpResponse:
    report = access.get_visit_report_for(request.user, visit_report_id)
    access.require(access.can_record_visit_report_sent(request.user, report))
    form = SentForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_report_record_sent(
                report=report,
                ofsted_on=form.cleaned_data["sent_to_ofsted_on"],
                placing_authorities_on=form.cleaned_data["sent_to_placing_authorities_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Saved when the report was sent.")
            return redirect("visit_report_detail", visit_report_id=report.pk)
    return render(
        request,
        "visits/sent_form.html",
        {
            "form": form,
            "report": report,
            "home": report.visit.home,
            "is_visitor": report.visit.visitor_id == request.user.pk,
        },
    )


@login_required
@require_POST
def visit_report_pdf(request: HttpRequest, visit_report_id: int) -> HttpResponse:
    report = access.get_visit_report_for(request.user, visit_report_id)
    # Those who send the report (the visitor, the home's managers) make its PDF; others read it.
    access.require(access.can_record_visit_report_sent(request.user, report))
    row = visit_report_pdf_request(report_id=report.pk, queued_by_id=request.user.pk)
    builds.say_queued(request, VisitReportPdf.objects.filter(pk=row.pk), "The PDF is being made.")
    return redirect("visit_report_detail", visit_report_id=report.pk)


@login_required
@require_GET
def visit_report_pdf_download(request: HttpRequest, visit_report_id: int) -> HttpResponse:
    report = access.get_visit_report_for(request.user, visit_report_id)
    handle = builds.open_ready(request, VisitReportPdf.objects.filter(report=report).first())
    if handle is None:
        return redirect("visit_report_detail", visit_report_id=report.pk)
    return FileResponse(handle, as_attachment=True, filename=report.filename, content_type="application/pdf")


# The home's side ----------------------------------------------------------------------------


@login_required
@require_GET
def visit_reports_home(request: HttpRequest, home_id: int) -> HttpResponse:
    """The home's signed reports and every recommendation with its response, open ones first."""
    home = access.get_home_for(request.user, home_id)
    reports = (
        access.visit_reports_for(request.user)
        .filter(visit__home=home, signed_at__isnull=False)
        .select_related("visit__visitor")
        .order_by("-visit__visit_date", "-pk")
    )
    page = Paginator(reports, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    # Every recommendation of the home still not done, not only those of this page's reports.
    actions = list(
        access.recommendations_for(request.user)
        .filter(report__visit__home=home, report__signed_at__isnull=False, done_on__isnull=True)
        .select_related("owner", "report__visit")
        .order_by("due_on", "pk")
    )
    return render(
        request,
        "visits/home.html",
        {
            "home": home,
            "reports": page,
            "actions": actions,
            "today": timezone.localdate(),
            "can_respond": access.can_respond_to_visit_report(request.user, home),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_respond(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = access.get_recommendation_for(request.user, recommendation_id)
    report = recommendation.report
    home = report.visit.home
    access.require(access.can_respond_to_visit_report(request.user, home) and report.is_signed)
    form = ResponseForm(request.POST or None, instance=recommendation)
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_respond(recommendation=recommendation, user=request.user, **form.cleaned_data)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request, stale, editor=lambda current, data: [ResponseForm(data, instance=current)], yours=[form]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your response is saved: it is on the owner's list of what is due.")
            return redirect("visit_report_detail", visit_report_id=report.pk)
    return render(
        request,
        "visits/response_form.html",
        {"form": form, "recommendation": recommendation, "report": report, "home": home, "changes": changes},
    )


@login_required
@require_POST
def recommendation_done(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = access.get_recommendation_for(request.user, recommendation_id)
    access.require(access.can_complete_visit_action(request.user, recommendation))
    try:
        services.recommendation_done(recommendation=recommendation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Marked done.")
    return redirect("visit_report_detail", visit_report_id=recommendation.report_id)
