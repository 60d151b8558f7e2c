from django import forms
from django.forms import inlineformset_factory

from children import extensions
from children.brain import Region
from children.forms.versioning import DraftForm, RowForm, RowFormSet
from children.models import CarePlan, Goal
from homes.models import User, current_membership

FOCUS_AREA_OTHER_REGION = "That assessment item belongs to {region}: choose that domain, or leave the item blank."
REGION_NEEDED = "Choose the brain-map domain this goal addresses."


class CarePlanForm(DraftForm):
    class Meta:
        model = CarePlan
        fields = [*CarePlan.SECTIONS, "review_date"]


class GoalForm(RowForm):
    """A goal, tied to a brain-map domain and optionally to an item the assessment found."""

    focus_area = forms.ChoiceField(
        label="Assessment item (optional)",
        required=False,
        help_text="Items from the latest assessment where the child finds things much harder than others their age.",
    )

    class Meta:
        model = Goal
        fields = ["title", "region", "success_looks_like", "adult_strategies", "lead", "status"]
        widgets = {
            "success_looks_like": forms.Textarea(attrs={"rows": 3}),
            "adult_strategies": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "Enter the goal"},
            "lead": {"required": "Choose who leads on this goal"},
            "status": {"required": "Choose where the goal stands"},
        }

    layout = ("title", ("focus_area", "region"), ("success_looks_like", "adult_strategies"), ("lead", "status"))

    def __init__(self, *args, focus_areas: list[extensions.FocusArea], leads, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads
        self.fields["region"].required = False
        # "region|code" -> (region, code, label); the goal's own item stays choosable even if
        # the latest assessment no longer lists it.
        self.items = {f"{a.region}|{a.item_code}": (a.region, a.item_code, a.label) for a in focus_areas}
        goal = self.instance
        if goal.item_code:
            key = f"{goal.region}|{goal.item_code}"
            self.items.setdefault(key, (goal.region, goal.item_code, goal.item_label))
            self.initial["focus_area"] = key
        self.fields["focus_area"].choices = [("", "—")] + [
            (key, f"{label} ({Region(region).label})") for key, (region, _code, label) in self.items.items()
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        area = self.items.get(cleaned.get("focus_area") or "")
        region = cleaned.get("region")
        if area and region and region != area[0]:
            self.add_error("region", FOCUS_AREA_OTHER_REGION.format(region=Region(area[0]).label))
        elif area:
            cleaned["region"] = area[0]
        elif not region:
            self.add_error("region", REGION_NEEDED)
        cleaned["item_code"], cleaned["item_label"] = (area[1], area[2]) if area else ("", "")
        return cleaned

    def values(self) -> dict:
        values = super().values()
        values.update(item_code=self.cleaned_data["item_code"], item_label=self.cleaned_data["item_label"])
        return values


class GoalFormSet(RowFormSet):
    title = "Goal"
    legend = "Goals"

    def __init__(self, *args, focus_areas: list[extensions.FocusArea], **kwargs) -> None:
        plan = kwargs["instance"]
        leads = User.objects.filter(
            current_membership("memberships__"), memberships__home_id=plan.child.home_id, is_active=True
        )
        super().__init__(*args, form_kwargs={"focus_areas": focus_areas, "leads": leads}, **kwargs)


GoalFormSetFactory = inlineformset_factory(
    CarePlan, Goal, form=GoalForm, formset=GoalFormSet, fields=GoalForm.Meta.fields, extra=1, can_delete=False
)


def care_plan_editor(plan: CarePlan, data=None) -> tuple[CarePlanForm, list[GoalFormSet]]:
    form = CarePlanForm(data, instance=plan)
    goals = GoalFormSetFactory(
        data,
        instance=plan,
        prefix="goals",
        queryset=plan.goals.select_related("lead").order_by("thread_id"),
        focus_areas=extensions.focus_areas_for(plan.child),
    )
    return form, [goals]
