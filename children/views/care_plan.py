from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from children import extensions
from children.brain import Band, Region
from children.forms.care_plan import care_plan_editor
from children.models import CarePlan, Goal
from children.selectors import goals_by_region
from children.services import care_plan as services
from children.services import key_working
from children.views import versioning
from children.views.versioning import Kind
from homes.submissions import create_once

# The regions that must be steady before reasoning-based work can land: regulate, relate, reason.
FOUNDATIONS = (Region.BRAINSTEM, Region.DIENCEPHALON)


def sequencing_prompt(plan: CarePlan, goals: list[Goal]) -> list[Region]:
    """The foundation regions in the significant band, when the plan has cognitive goals.
    A prompt for the team, not a block: the plan can still be signed off."""
    if not any(goal.region == Region.CORTEX for goal in goals):
        return []
    bands = extensions.latest_region_bands(plan.child) or {}
    return [region for region in FOUNDATIONS if bands.get(region) == Band.SIGNIFICANT]


def _detail_context(plan: CarePlan) -> dict:
    goals = list(plan.goals.all())
    sessions = key_working.sessions_per_goal_thread(goals)
    for goal in goals:
        goal.key_working_count = sessions.get(goal.thread_id, 0)
    return {
        "goals_by_region": goals_by_region(goals),
        "sequencing": sequencing_prompt(plan, goals),
    }


def _save(plan: CarePlan, user, revision: int, form, formsets) -> CarePlan:
    return services.care_plan_save(
        plan=plan, user=user, revision=revision, fields=form.values(), goals=formsets[0].values()
    )


PLANS = Kind(
    model=CarePlan,
    noun="plan",
    url="care_plan",
    section="plan",
    detail_queryset=lambda: CarePlan.objects.select_related(
        "child__home", "created_by", "updated_by", "signed_off_by"
    ).prefetch_related(
        Prefetch(
            "goals",
            queryset=Goal.objects.select_related("lead").prefetch_related(
                Prefetch(
                    "thread__goals",
                    queryset=Goal.objects.select_related("plan").order_by("-plan__version"),
                )
            ),
        )
    ),
    rows=(Goal,),
    editor=care_plan_editor,
    start=services.care_plan_start,
    save=_save,
    sign_off=lambda plan, user, revision: services.care_plan_sign_off(plan=plan, user=user, revision=revision),
    detail_context=_detail_context,
    # Writers see the prompt too, for the goals saved so far.
    form_context=lambda plan: {"sequencing": sequencing_prompt(plan, list(plan.goals.all()))},
)


@login_required
@require_GET
def care_plan_list(request: HttpRequest, child_id: int) -> HttpResponse:
    return versioning.version_list(request, PLANS, child_id)


@login_required
@require_GET
def child_plan(request: HttpRequest, child_id: int) -> HttpResponse:
    return versioning.current(request, PLANS, child_id)


@login_required
@require_GET
def care_plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    return versioning.detail(request, PLANS, plan_id)


@login_required
@require_POST
@create_once
def care_plan_start(request: HttpRequest, child_id: int) -> HttpResponse:
    return versioning.start(request, PLANS, child_id)


@login_required
@require_http_methods(["GET", "POST"])
def care_plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    return versioning.edit(request, PLANS, plan_id)


@login_required
@require_POST
def care_plan_sign_off(request: HttpRequest, plan_id: int) -> HttpResponse:
    return versioning.sign_off(request, PLANS, plan_id)


@login_required
@require_GET
def care_plan_history(request: HttpRequest, plan_id: int) -> HttpResponse:
    return versioning.history(request, PLANS, plan_id)
