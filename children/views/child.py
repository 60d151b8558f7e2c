from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from children import extensions
from children.forms.child import ChildEditForm, ChildForm, DischargeForm
from children.models import Child
from children.panels import child_page
from children.services import child as services
from homes import access, concurrency
from homes.audit import add_readable_changes
from homes.paginators import UncountedPage
from homes.submissions import create_once

HISTORY_PAGE_SIZE = 50


@login_required
@require_GET
def child_detail(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's page: who they are in a line, the work to do for them, their latest words,
    then the overview's panels; the rest of the record is in the tabs (`child_section`...)."""
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    return render(
        request,
        "children/child_detail.html",
        {
            "child": child,
            "summary": extensions.summary_for(request.user, child),
            "actions": extensions.actions_for(request.user, child),
            "words": child_page.latest_words(child),
            "panels": extensions.panels_for(request.user, child),
        },
    )


@login_required
@require_GET
def child_details(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's details as Schedule 3 asks for them, with the managers' actions on them."""
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    return render(
        request,
        "children/child_details.html",
        {
            "child": child,
            "can_edit": access.can_edit_child(request.user, child),
            "can_discharge": access.can_discharge(request.user, child) and child.in_placement,
        },
    )


@login_required
@require_GET
def child_section(request: HttpRequest, child_id: int, section: str) -> HttpResponse:
    """A tab of the child's record made of another app's panels (the brain map, the monthly
    reviews): the app routes its URL here with `{"section": name}` and registers the section
    and its panels (children/extensions.py)."""
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    return render(
        request,
        "children/child_section.html",
        {
            "child": child,
            "section": extensions.child_sections[section],
            "panels": extensions.panels_for(request.user, child, section),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def child_admit(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_admit(request.user, home))
    form = ChildForm(request.POST if request.method == "POST" else None, instance=Child(home=home))
    if request.method == "POST" and form.is_valid():
        child = services.child_admit(home=home, **form.cleaned_data)
        messages.success(request, f"{child.preferred_name} has been admitted to {home.name}.")
        return redirect("child_detail", child_id=child.pk)
    return render(request, "children/child_form.html", {"form": form, "home": home, "admitting": True})


@login_required
@require_http_methods(["GET", "POST"])
def child_edit(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_edit_child(request.user, child))
    if request.method == "GET":
        access.log_read(request.user, child)  # the form shows the whole record
    form = ChildEditForm(request.POST if request.method == "POST" else None, instance=child)
    changes = None
    if request.method == "POST" and form.is_valid():
        details = dict(form.cleaned_data)
        try:
            # The form has already applied the values to the instance; the service validates and saves.
            services.child_update(child=child, user=request.user, **details)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request, stale, editor=lambda current, data: [ChildEditForm(data, instance=current)], yours=[form]
            )
        else:
            messages.success(request, f"{child.preferred_name}'s details have been saved.")
            return redirect("child_detail", child_id=child.pk)
    return render(
        request, "children/child_form.html", {"form": form, "home": child.home, "child": child, "changes": changes}
    )


@login_required
@require_http_methods(["GET", "POST"])
def child_discharge(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_discharge(request.user, child))
    if not child.in_placement:
        messages.info(request, f"{child.preferred_name} has already left the home.")
        return redirect("child_detail", child_id=child.pk)
    access.log_read(request.user, child)
    form = DischargeForm(request.POST if request.method == "POST" else None, instance=child)
    if request.method == "POST" and form.is_valid():
        services.child_discharge(child=child, **form.cleaned_data)
        messages.success(request, f"{child.preferred_name}'s discharge has been recorded.")
        return redirect("child_detail", child_id=child.pk)
    return render(request, "children/child_discharge.html", {"form": form, "child": child})


@login_required
@require_GET
def child_history(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_view_history(request.user, child))
    access.log_read(request.user, child)
    entries = (
        LogEntry.objects.get_for_object(child).select_related("actor", "content_type").order_by("-timestamp", "-pk")
    )
    changes = Paginator(entries.exclude(action=LogEntry.Action.ACCESS), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("changes")
    )
    add_readable_changes(changes.object_list)
    # Reads pile up for as long as the child lives here: paged Newer/Older, never counted.
    reads = UncountedPage(entries.filter(action=LogEntry.Action.ACCESS), request.GET.get("reads"), HISTORY_PAGE_SIZE)
    return render(
        request,
        "children/child_history.html",
        {
            "child": child,
            "changes": changes,
            "record_type": ContentType.objects.get_for_model(Child),
            "reads": reads,
        },
    )
