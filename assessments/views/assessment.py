from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments import presenters, selectors
from assessments.forms import AssessmentStartForm, CompareForm, CorrectionForm, FinaliseForm, ScoreEntryForm
from assessments.models import Assessment, Item
from assessments.scoring import UNUSUAL_FROM_AGE, UNUSUAL_FROM_PREVIOUS, compare_maps, unusual_items
from assessments.services import assessment as services
from homes import access, concurrency
from homes.submissions import create_once

RELOAD_TO_COMPARE = "Reload the page to see their answers beside yours (yours are kept on this device)."
CHANGED_SINCE_CHECKED = "{message} Check the assessment again as it is now before finalising."
# The hidden field of the "asked first" step of starting an assessment: the person has read the
# questions (a draft already started today, a child who has left) and starts one anyway.
CONFIRMED_FIELD = "confirmed"


def _assessments_of(user, **filters):
    return access.for_children(user, Assessment.objects.filter(**filters), via="child").select_related(
        "child", "child__home", "assessor", "instrument", "corrects"
    )


def _get_assessment(user, assessment_id: int) -> Assessment:
    return access.get_for_children(user, _assessments_of(user), assessment_id, via="child")


@login_required
@require_GET
def assessment_list(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's assessments: the latest brain map, the change over time, every assessment."""
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    assessments = list(_assessments_of(request.user, child=child))
    finals = [a for a in assessments if a.status == Assessment.Status.FINAL]
    maps = selectors.maps_for(finals)
    latest = finals[0] if finals else None
    last_assessed = latest.assessed_on if latest else None
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "child": child,
            "assessments": assessments,
            "latest": latest,
            "pair": presenters.map_pair(latest, maps[latest.pk], prefix="latest") if latest else None,
            "changes": compare_maps(maps[finals[1].pk], maps[latest.pk]) if len(finals) > 1 else None,
            "previous": finals[1] if len(finals) > 1 else None,
            "due": selectors.due_date(child, last_assessed, selectors.interval_for(child.home)),
            "today": timezone.localdate(),
            "can_assess": access.can_assess(request.user, child),
            "can_set_interval": access.can_set_assessment_interval(request.user, child.home),
            "comparable": [a for a in assessments if not a.is_draft],
            **presenters.charts(finals, maps),
        },
    )


def _comparable(user, child):
    return _assessments_of(user, child=child).exclude(status=Assessment.Status.DRAFT)


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def assessment_new(request: HttpRequest, child_id: int) -> HttpResponse:
    """Start a draft. A draft already started today, or a child who has left, is asked about
    first: the form comes back with the question and a button that starts one anyway."""
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_assess(request.user, child))
    access.log_read(request.user, child)
    has_final = Assessment.objects.final().filter(child=child).exists()
    form = AssessmentStartForm(request.POST if request.method == "POST" else None, has_final=has_final)
    draft_today = selectors.draft_started_today(child)
    questions = selectors.start_questions(child, draft_today)
    asking = False
    if request.method == "POST" and form.is_valid():
        if questions and CONFIRMED_FIELD not in request.POST:
            asking = True
        else:
            try:
                assessment = services.assessment_start(child=child, assessor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("assessment_entry", assessment_id=assessment.pk)
    context = {"child": child, "form": form, "questions": questions, "draft_today": draft_today, "asking": asking}
    return render(request, "assessments/assessment_new.html", context)


def _previous_final(user, assessment: Assessment) -> Assessment | None:
    return (
        _assessments_of(
            user, child=assessment.child, status=Assessment.Status.FINAL, assessed_on__lt=assessment.assessed_on
        )
        .order_by("-assessed_on")
        .first()
    )


@login_required
@require_GET
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _get_assessment(request.user, assessment_id)
    access.log_read(request.user, assessment)
    child = assessment.child
    previous = _previous_final(request.user, assessment)
    maps = selectors.maps_for([a for a in (assessment, previous) if a])
    return render(
        request,
        "assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "child": child,
            "pair": presenters.map_pair(assessment, maps[assessment.pk]),
            "previous": previous,
            "changes": compare_maps(maps[previous.pk], maps[assessment.pk]) if previous else None,
            "can_assess": access.can_assess(request.user, child),
            "correction": Assessment.objects.filter(corrects=assessment).first(),
        },
    )


def _entry_form(assessment: Assessment, data=None):
    spec = selectors.instrument_specs([assessment.instrument_id])[assessment.instrument_id]
    item_ids = dict(Item.objects.filter(instrument_id=assessment.instrument_id).values_list("code", "pk"))
    if data is not None:
        return spec, ScoreEntryForm(data, spec=spec, item_ids=item_ids)
    saved = selectors.scores_for([assessment.pk]).get(assessment.pk, {})
    initial = {f"score-{code}": str(value) for code, value in saved.items()}
    initial.update(assessed_on=assessment.assessed_on, notes=assessment.notes, revision=assessment.revision)
    return spec, ScoreEntryForm(initial=initial, spec=spec, item_ids=item_ids)


def _save(form: ScoreEntryForm, assessment: Assessment, user) -> Assessment:
    return services.assessment_save_draft(
        assessment=assessment,
        scores=form.scores(),
        notes=form.cleaned_data["notes"],
        assessed_on=form.cleaned_data["assessed_on"],
        user=user,
        revision=form.cleaned_data["revision"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_entry(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """Every item on one page. "Save draft" keeps what is there; "Check and finalise" saves, then
    opens the check page: nothing here finalises, so no Enter key or stray tap makes it final."""
    assessment = _get_assessment(request.user, assessment_id)
    access.require(access.can_assess(request.user, assessment.child))
    if not assessment.is_draft:
        messages.info(request, services.FINAL_IS_READ_ONLY)
        return redirect("assessment_detail", assessment_id=assessment.pk)
    spec, form = _entry_form(assessment, request.POST if request.method == "POST" else None)
    changes = None
    if request.method == "POST" and form.is_valid():
        try:
            assessment = _save(form, assessment, request.user)
            if "check" in request.POST:
                return redirect("assessment_check", assessment_id=assessment.pk)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request, stale, editor=lambda current, data: [_entry_form(current, data)[1]], yours=[form]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Draft saved.")
            return redirect("assessment_entry", assessment_id=assessment.pk)
    domains = [(domain, [(item, form[f"score-{item.code}"]) for item in domain.items]) for domain in spec.domains]
    access.log_read(request.user, assessment)
    return render(
        request,
        "assessments/assessment_entry.html",
        {
            "assessment": assessment,
            "child": assessment.child,
            "form": form,
            "domains": domains,
            "scale": spec.scale,
            "changes": changes,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_check(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The last look before finalising: the brain map as it will be, the items still unscored
    (finalising is refused while there are any) and the unusual ones; then "Finalise", which
    finalises the draft as it was shown (a save made since sends the assessor back here)."""
    assessment = _get_assessment(request.user, assessment_id)
    access.require(access.can_assess(request.user, assessment.child))
    if not assessment.is_draft:
        messages.info(request, services.FINAL_IS_READ_ONLY)
        return redirect("assessment_detail", assessment_id=assessment.pk)
    form = FinaliseForm(request.POST or None, initial={"revision": assessment.revision})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_finalise(
                assessment=assessment, user=request.user, revision=form.cleaned_data["revision"]
            )
        except concurrency.StaleEdit as stale:
            messages.warning(request, CHANGED_SINCE_CHECKED.format(message=stale.message))
            return redirect("assessment_check", assessment_id=assessment.pk)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The assessment of {assessment.child.preferred_name} is final.")
            return redirect("assessment_detail", assessment_id=assessment.pk)
    access.log_read(request.user, assessment)
    previous = _previous_final(request.user, assessment)
    maps = selectors.maps_for([a for a in (assessment, previous) if a])
    result = maps[assessment.pk]
    return render(
        request,
        "assessments/assessment_check.html",
        {
            "assessment": assessment,
            "child": assessment.child,
            "form": form,
            "pair": presenters.map_pair(assessment, result),
            "unscored": [item for item in result.items if item.score is None],
            "unusual": unusual_items(result, maps[previous.pk] if previous else None),
            "previous": previous,
            "far_from_age": UNUSUAL_FROM_AGE,
            "far_from_previous": UNUSUAL_FROM_PREVIOUS,
        },
    )


@login_required
@require_POST
def assessment_autosave(request: HttpRequest, assessment_id: int) -> JsonResponse:
    """The entry page's periodic save: the same fields as the form, answered in JSON. A save
    from a page opened before someone else's save is refused (409) like the form's: the page
    says who saved, and keeps what was typed on the device until it is reloaded."""
    assessment = _get_assessment(request.user, assessment_id)
    access.require(access.can_assess(request.user, assessment.child))
    _, form = _entry_form(assessment, request.POST)
    if not form.is_valid():
        return JsonResponse({"saved": False, "errors": form.errors.get_json_data()}, status=400)
    try:
        assessment = _save(form, assessment, request.user)
    except concurrency.StaleEdit as stale:
        message = f"{stale.message} {RELOAD_TO_COMPARE}"
        return JsonResponse({"saved": False, "stale": True, "errors": {"__all__": [message]}}, status=409)
    except ValidationError as error:
        return JsonResponse({"saved": False, "errors": {"__all__": error.messages}}, status=409)
    return JsonResponse(
        {
            "saved": True,
            "saved_at": timezone.localtime(assessment.draft_saved_at).isoformat(),
            "scored": assessment.scores.count(),
            "revision": assessment.revision,
        }
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def assessment_correct(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _get_assessment(request.user, assessment_id)
    access.require(access.can_assess(request.user, assessment.child))
    access.log_read(request.user, assessment)
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.assessment_correct(
                assessment=assessment, assessor=request.user, reason=form.cleaned_data["correction_reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The correction starts from the original's scores: change what was wrong.")
            return redirect("assessment_entry", assessment_id=correction.pk)
    return render(request, "assessments/assessment_correct.html", {"assessment": assessment, "form": form})


@login_required
@require_GET
def assessment_compare(request: HttpRequest, child_id: int) -> HttpResponse:
    """Any two of the child's (non-draft) assessments side by side: per domain and per item."""
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    form = CompareForm(request.GET or None, assessments=_comparable(request.user, child))
    context = {"child": child, "form": form}
    if form.is_valid():
        before, after = sorted((form.cleaned_data["before"], form.cleaned_data["after"]), key=lambda a: a.assessed_on)
        maps = selectors.maps_for([before, after])
        context.update(before=before, after=after, changes=compare_maps(maps[before.pk], maps[after.pk]))
    return render(request, "assessments/assessment_compare.html", context)
