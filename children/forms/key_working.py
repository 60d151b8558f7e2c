from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html

from children.models import CarePlan, Goal, KeyWorkingSession
from homes.form_errors import ClearErrorsMixin
from homes.models import User


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class GoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, goal: Goal) -> str:
        return format_html("{} · {}", goal.title, goal.region_label)


def goal_choices(session: KeyWorkingSession):
    """The open goals of the child's active plan, and any goals the session already records
    (kept even when the plan has moved on, so an edit does not drop them unseen)."""
    chosen = Q(pk__in=session.goals_worked_on.all()) if session.pk else Q(pk__in=[])
    in_plan = Q(plan__child_id=session.child_id, plan__status=CarePlan.Status.ACTIVE, status__in=Goal.OPEN)
    return Goal.objects.filter(in_plan | chosen).order_by("-plan__version", "thread_id")


class KeyWorkingForm(ClearErrorsMixin, forms.ModelForm):
    """Log or correct a session. The instance must already have its child."""

    # Drawn as large touch buttons rather than small radios and checkboxes (see the template).
    BUTTON_FIELDS = ("regulation_before", "regulation_after")
    GOALS_FIELD = "goals_worked_on"
    # Said instead of an empty list of goals (set in __init__).
    goals_note = ""

    class Meta:
        model = KeyWorkingSession
        fields = list(KeyWorkingSession.CONTENT_FIELDS)
        widgets = {
            "happened_at": DateTimeInput(),
            # The child's own words are never checked for wording (static/js/language-check.js).
            "child_voice": forms.Textarea(attrs={"rows": 4, "data-language-check": "off"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "follow_ups": forms.Textarea(attrs={"rows": 2}),
            "regulation_before": forms.RadioSelect(attrs={"class": "btn-check"}),
            "regulation_after": forms.RadioSelect(attrs={"class": "btn-check"}),
            "goals_worked_on": forms.CheckboxSelectMultiple(attrs={"class": "btn-check"}),
        }
        field_classes = {"goals_worked_on": GoalChoiceField}
        error_messages = {
            "staff_member": {"required": "Choose who held the session"},
            "happened_at": {
                "required": "Enter the date and time of the session",
                "invalid": "The date and time of the session must be real, like 27 3 2026 16:30",
            },
            "duration_minutes": {"required": "Enter how long the session lasted, in minutes"},
            "topic": {"required": "Enter what the session was about"},
        }

    error_messages_for = {
        "child_voice": {"required": "Enter what {child} said"},
        "regulation_before": {"required": "Choose how regulated {child} seemed before the session"},
        "regulation_after": {"required": "Choose how regulated {child} seemed after the session"},
    }

    def __init__(self, *args, user: User | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        child = self.instance.child
        for name in self.BUTTON_FIELDS:
            self.fields[name].choices = KeyWorkingSession.Regulation.choices  # no empty button
        self.fields["staff_member"].queryset = User.objects.working_in(child.home_id)
        goals = self.fields[self.GOALS_FIELD]
        goals.queryset = goal_choices(self.instance)
        # crispy's own template renders help texts with `|safe` (ours, templates/bootstrap5/layout/
        # help_text.html, no longer does), and labels may be unescaped elsewhere: anything holding
        # the child's name is built with format_html, which escapes the name.
        goals.help_text = format_html("Tick the goals in {}'s plan that this session worked on.", child.preferred_name)
        if not goals.queryset.exists():
            if child.care_plans.filter(status=CarePlan.Status.ACTIVE).exists():
                self.goals_note = f"{child.preferred_name}'s plan has no open goals at the moment."
            else:
                self.goals_note = f"{child.preferred_name} has no active care plan yet, so there are no goals to tick."
        voice = self.fields["child_voice"]
        voice.label = format_html("In {}'s words", child.preferred_name)
        voice.help_text = format_html(
            "What {} said, as they said it: their words, not a summary.", child.preferred_name
        )
        if self.instance._state.adding and not self.is_bound:
            # model_to_dict has already put None for these: replace, do not setdefault.
            self.initial["staff_member"] = user.pk if user else None
            self.initial["happened_at"] = timezone.localtime().replace(second=0, microsecond=0)

    def message_names(self) -> dict[str, str]:
        return {"child": self.instance.child.preferred_name}


class KeyWorkingAmendForm(KeyWorkingForm):
    reason = forms.CharField(
        label="Reason for the amendment",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why the entry needs changing. The original stays in the record.",
        error_messages={"required": "Enter why the entry needs changing"},
    )

    class Meta(KeyWorkingForm.Meta):
        pass

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The reason first: it is what makes an amendment different from an edit.
        self.order_fields(["reason", *KeyWorkingSession.CONTENT_FIELDS])
