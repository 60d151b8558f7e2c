"""Incidents: the home's list, recording (from the child's page), the incident, another child's
part, the child's own part and their view, the physical intervention and countersigning."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from children.models import Child
from homes import access
from homes.submissions import create_once
from safeguarding import incident_clocks, incident_prompts
from safeguarding.forms.incidents import (
    REGULATION_35_REVIEW,
    AddChildForm,
    ChildViewForm,
    CountersignForm,
    IncidentForm,
    InterventionForm,
)
from safeguarding.models import BodyMap, Incident, IncidentChild, IncidentRequest, PhysicalIntervention
from safeguarding.services import incidents as services

LIST_PAGE_SIZE = 25


def _incident_queryset():
    return Incident.objects.select_related("home", "author", "countersigned_by").prefetch_related(
        "categories",
        "staff_involved",
        "allegation_against",
        Prefetch("parts", queryset=IncidentChild.objects.select_related("child", "author", "child_view_recorded_by")),
        Prefetch(
            "interventions",
            queryset=PhysicalIntervention.objects.select_related("child", "technique", "author").prefetch_related(
                "held_by", "present"
            ),
        ),
    )


def _get_incident(request: HttpRequest, incident_id: int) -> Incident:
    return get_object_or_404(_incident_queryset().filter(pk__in=access.incidents_for(request.user)), pk=incident_id)


@login_required
@require_GET
def incident_list(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    incidents = (
        access.incidents_for(request.user)
        .filter(home=home)
        .select_related("countersigned_by")
        .prefetch_related(
            "categories",
            Prefetch("parts", queryset=IncidentChild.objects.select_related("child")),
            Prefetch("interventions", queryset=PhysicalIntervention.objects.select_related("child")),
        )
        .order_by("-occurred_at", "-pk")
    )
    page = Paginator(incidents, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    access.log_reads(request.user, {part.child for incident in page for part in incident.parts.all()})
    return render(
        request,
        "safeguarding/incidents/list.html",
        {"home": home, "incidents": page, "rows": [(i, incident_clocks.next_clock(i)) for i in page]},
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def incident_record(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_record_incident_for(request.user, child))
    requested = _requested(request, child)
    if requested is not None and requested.incident_id is not None:
        messages.info(request, f"The incident for this ({requested.kind}) is already recorded.")
        return redirect("incident_detail", incident_id=requested.incident_id)
    access.log_read(request.user, child)  # the form shows the child's triggers
    form = IncidentForm(
        request.POST if request.method == "POST" else None,
        instance=IncidentChild(child=child),
        home=child.home,
        user=request.user,
        initial=services.incident_request_initial(requested) if requested else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.incident_record(
                home=child.home,
                child=child,
                author=request.user,
                requested=requested,
                **form.incident_data(),
                **form.part_data(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The incident and {child.preferred_name}'s part are signed and saved.")
            if services.is_physical_intervention(incident):
                messages.info(request, "Now record the hold itself: Regulation 35 asks for it within 24 hours.")
                return redirect("intervention_record", incident_id=incident.pk)
            return redirect("incident_detail", incident_id=incident.pk)
    return render(
        request,
        "safeguarding/incidents/form.html",
        {"form": form, "child": child, "home": child.home, "requested": requested},
    )


def _requested(request: HttpRequest, child: Child) -> IncidentRequest | None:
    """The incident another app asked for (`?request=`, homes.extensions.open_incident), for this
    child only: anything else answers 404."""
    pk = request.GET.get("request")
    if pk is None:
        return None
    if not pk.isdigit():
        raise Http404
    return get_object_or_404(IncidentRequest.objects.select_related("incident"), pk=pk, child=child)


@login_required
@require_GET
def incident_detail(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = _get_incident(request, incident_id)
    parts = list(incident.parts.all())
    for part in parts:
        access.log_read(request.user, part)
    maps: dict[int, list[BodyMap]] = {}
    for body_map in incident.body_maps.filter(archived=False).annotate(mark_count=Count("marks")).order_by("seen_at"):
        maps.setdefault(body_map.child_id, []).append(body_map)
    holds = list(incident.interventions.all())
    people = {person for hold in holds for person in [*hold.held_by.all(), *hold.present.all()]}
    first_day = min((timezone.localdate(h.started_at) for h in holds), default=timezone.localdate(incident.occurred_at))
    gaps = incident_clocks.training_gaps(people, first_day)
    in_incident = {part.child_id for part in parts}
    can_record = access.can_record_incident(request.user, incident.home)
    return render(
        request,
        "safeguarding/incidents/detail.html",
        {
            "incident": incident,
            "home": incident.home,
            "parts": [(part, maps.get(part.child_id, [])) for part in parts],
            "can_body_map": can_record and not incident.is_countersigned,
            "holds": holds,
            "clocks": incident_clocks.incident_clocks(incident),
            "now": timezone.now(),
            "training_gaps": [(person, gaps[person.pk]) for person in sorted(people, key=str) if person.pk in gaps],
            "is_pi": services.is_physical_intervention(incident),
            "can_record": can_record and not incident.is_countersigned,
            "others": (
                Child.objects.in_placement().filter(home=incident.home).exclude(pk__in=in_incident)
                if can_record and not incident.is_countersigned
                else []
            ),
            "debrief_url": _debrief_url(request, incident),
            "prompts": incident_prompts.prompts_for(request.user, incident),
            "can_countersign": not incident.is_countersigned
            and access.can_countersign_incident(request.user, incident)
            and incident.author_id != request.user.pk,
        },
    )


def _debrief_url(request: HttpRequest, incident: Incident) -> str:
    """A supervision debrief for the staff involved, opened from the incident: the supervision
    app's own form, chosen in advance by its query (no import of that app). Empty for people who
    may not record supervision, or where the app is not installed."""
    if not access.can_supervise_in(request.user, incident.home):
        return ""
    try:
        url = reverse("supervision_record", args=[incident.home_id])
    except NoReverseMatch:
        return ""
    people = [person.pk for person in incident.staff_involved.all() if person.pk != request.user.pk]
    return f"{url}?{urlencode({'kind': 'debrief', 'attendees': people}, doseq=True)}"


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def incident_add_child(request: HttpRequest, incident_id: int, child_id: int) -> HttpResponse:
    incident = _get_incident(request, incident_id)
    child = access.get_child_for(request.user, child_id)
    if child.home_id != incident.home_id:
        raise Http404
    access.require(access.can_record_incident(request.user, incident.home))
    if incident.is_countersigned or incident.parts.filter(child=child).exists():
        already = services.CHILD_ALREADY_IN_INCIDENT.format(child=child.preferred_name)
        messages.info(request, services.ALREADY_COUNTERSIGNED if incident.is_countersigned else already)
        return redirect("incident_detail", incident_id=incident.pk)
    access.log_read(request.user, child)
    form = AddChildForm(request.POST if request.method == "POST" else None, incident=incident, child=child)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "child"}
        try:
            services.incident_add_child(incident=incident, child=child, author=request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{child.preferred_name}'s part of the incident is signed and saved.")
            return redirect("incident_detail", incident_id=incident.pk)
    return render(
        request,
        "safeguarding/incidents/form.html",
        {"form": form, "child": child, "home": incident.home, "incident": incident},
    )


@login_required
@require_GET
def incident_part_detail(request: HttpRequest, part_id: int) -> HttpResponse:
    """The child's part, as their record shows it: no other child's name or account."""
    part = access.get_incident_part_for(request.user, part_id)
    access.log_read(request.user, part)
    incident = Incident.objects.prefetch_related("categories", "staff_involved").get(pk=part.incident_id)
    holds = (
        PhysicalIntervention.objects.filter(incident_id=part.incident_id, child_id=part.child_id)
        .select_related("technique", "author")
        .prefetch_related("held_by", "present")
    )
    return render(
        request,
        "safeguarding/incidents/part.html",
        {
            "part": part,
            "child": part.child,
            "incident": incident,
            "holds": holds,
            "antecedents": part.antecedents.all(),
            "body_maps": part.incident.body_maps.filter(child=part.child, archived=False).annotate(
                mark_count=Count("marks")
            ),
            "can_open_incident": access.incidents_for(request.user).filter(pk=part.incident_id).exists(),
            "can_record_view": part.child_view_pending and access.can_record_incident_for(request.user, part.child),
            "can_revise_risk": bool(part.new_antecedent) and access.can_edit_plans(request.user, part.child),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_part_view(request: HttpRequest, part_id: int) -> HttpResponse:
    """Record the child's view, asked for after the incident."""
    part = access.get_incident_part_for(request.user, part_id)
    access.require(access.can_record_incident_for(request.user, part.child))
    if not part.child_view_pending:
        messages.info(request, f"{part.child.preferred_name}'s view is already recorded.")
        return redirect("incident_part_detail", part_id=part.pk)
    access.log_read(request.user, part)
    form = ChildViewForm(request.POST if request.method == "POST" else None, child=part.child)
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_part_record_view(part=part, user=request.user, child_view=form.cleaned_data["child_view"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{part.child.preferred_name}'s view is signed and saved.")
            return redirect("incident_part_detail", part_id=part.pk)
    return render(
        request, "safeguarding/incidents/child_view_form.html", {"form": form, "part": part, "child": part.child}
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def intervention_record(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = _get_incident(request, incident_id)
    access.require(access.can_record_incident(request.user, incident.home))
    if incident.is_countersigned:
        messages.info(request, services.ALREADY_COUNTERSIGNED)
        return redirect("incident_detail", incident_id=incident.pk)
    for part in incident.parts.all():
        access.log_read(request.user, part)
    form = InterventionForm(
        request.POST if request.method == "POST" else None,
        instance=PhysicalIntervention(incident=incident),
        incident=incident,
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        child = fields.pop("child")
        try:
            services.intervention_record(incident=incident, child=child, author=request.user, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The hold with {child.preferred_name} is signed and saved.")
            return redirect("incident_detail", incident_id=incident.pk)
    return render(
        request,
        "safeguarding/incidents/intervention_form.html",
        {"form": form, "incident": incident, "home": incident.home},
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_countersign(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = _get_incident(request, incident_id)
    access.require(access.can_countersign_incident(request.user, incident))
    if incident.is_countersigned:
        messages.info(request, services.ALREADY_COUNTERSIGNED)
        return redirect("incident_detail", incident_id=incident.pk)
    for part in incident.parts.all():
        access.log_read(request.user, part)
    has_hold = bool(list(incident.interventions.all()))
    form = CountersignForm(request.POST if request.method == "POST" else None, has_hold=has_hold)
    if request.method == "POST" and form.is_valid():
        try:
            services.incident_countersign(incident=incident, manager=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The incident is countersigned and closed.")
            return redirect("incident_detail", incident_id=incident.pk)
    return render(
        request,
        "safeguarding/incidents/countersign.html",
        {
            "form": form,
            "incident": incident,
            "home": incident.home,
            "has_hold": has_hold,
            "regulation": REGULATION_35_REVIEW,
            "clocks": incident_clocks.incident_clocks(incident),
        },
    )


@login_required
@require_POST
def incident_part_risk_revision(request: HttpRequest, part_id: int) -> HttpResponse:
    """Start (or add to) a draft revision of the child's risk assessment with the antecedent this
    incident found, so the team can decide whether it belongs there."""
    part = access.get_incident_part_for(request.user, part_id)
    access.require(access.can_edit_plans(request.user, part.child))
    try:
        draft = services.incident_part_propose_trigger(part=part, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("incident_part_detail", part_id=part.pk)
    messages.success(
        request,
        f"'{part.new_antecedent}' is in a draft of {part.child.preferred_name}'s risk assessment: "
        "check how sure we are and the likely response, then sign it off.",
    )
    return redirect("risk_assessment_edit", risk_assessment_id=draft.pk)
