"""Recording an incident, another child's part, a child's view, a physical intervention, and
countersigning. Errors read the GOV.UK way (homes.form_errors), free text keeps a local draft
(static/js/drafts.js), and create forms carry a one-time token (the templates)."""

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import format_html

from children.models import Child, RiskAssessment, Trigger
from homes.form_errors import ClearErrorsMixin
from homes.models import Home, User
from safeguarding.models import ApprovedTechnique, Incident, IncidentCategory, IncidentChild, PhysicalIntervention
from safeguarding.services.incidents import INTERVENTION_FIELDS, PART_FIELDS

# Regulation 35(3)(b), named in the countersigning form (DOMAIN-NOTES: check the regulation's wording).
REGULATION_35_REVIEW = (
    "Regulation 35(3)(b): within 48 hours of the use of the measure, the registered person, or a person "
    "authorised by them, has spoken to the person who used it and to the child about it, and signs the record."
)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class TriggerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, trigger: Trigger) -> str:
        return format_html("{} ({})", trigger.what, trigger.get_certainty_display())


def active_triggers(child: Child) -> QuerySet[Trigger]:
    """The triggers in the child's active risk assessment ("we know / we think / we wonder")."""
    return Trigger.objects.filter(
        assessment__child=child, assessment__status=RiskAssessment.Status.ACTIVE
    ).select_related("assessment")


def now_to_the_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


class PartForm(ClearErrorsMixin, forms.ModelForm):
    """One child's part. The instance must already have its child (for the triggers and names)."""

    class Meta:
        model = IncidentChild
        fields = list(PART_FIELDS)
        widgets = {
            "what_happened": forms.Textarea(attrs={"rows": 4}),
            "led_up_to": forms.Textarea(attrs={"rows": 3}),
            "antecedents": forms.CheckboxSelectMultiple,
            "communicating": forms.Textarea(attrs={"rows": 2}),
            "de_escalation": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "injuries": forms.Textarea(attrs={"rows": 2}),
            # The child's own words are never checked for wording (static/js/language-check.js).
            "child_view": forms.Textarea(attrs={"rows": 3, "data-language-check": "off"}),
            "child_view_follow_up_on": forms.DateInput(attrs={"type": "date"}),
        }
        field_classes = {"antecedents": TriggerChoiceField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.bind_child(self.instance.child if self.instance.child_id else None)

    def bind_child(self, child: Child | None) -> None:
        name = child.preferred_name if child else "the child"
        antecedents = self.fields["antecedents"]
        antecedents.queryset = active_triggers(child) if child else Trigger.objects.none()
        antecedents.help_text = format_html(
            "The triggers in {}'s risk assessment: tick any that seemed to be part of it.", name
        )
        self.fields["communicating"].label = format_html("What {} seemed to be communicating", name)
        self.fields[
            "communicating"
        ].help_text = "Read what happened as communication: what need or feeling was behind it?"
        self.fields["de_escalation"].label = format_html("What staff did to help {} regulate", name)
        self.fields["child_view"].label = format_html("{}'s view, in their words", name)
        self.fields["child_view"].help_text = "Leave empty if you could not ask yet, and say why below."
        self.fields["child_view_not_yet"].label = format_html("If not yet: why not", name)
        self.fields["child_view_follow_up_on"].label = format_html("If not yet: ask {} again by", name)

    def message_names(self) -> dict[str, str]:
        return {"child": self.instance.child.preferred_name if self.instance.child_id else "the child"}


class IncidentForm(PartForm):
    """A new incident and the first child's part (the child whose page it was started from)."""

    occurred_at = forms.DateTimeField(label="When it happened", widget=DateTimeInput())
    location = forms.CharField(label="Where it happened", max_length=150)
    categories = forms.ModelMultipleChoiceField(
        label="What kind of incident",
        queryset=IncidentCategory.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every one that applies.",
    )
    staff_involved = forms.ModelMultipleChoiceField(
        label="Staff involved", queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    witnesses = forms.CharField(
        label="Witnesses",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "Who else saw it (names and roles). Do not name other children here: add their own part after saving."
        ),
    )
    allegation_against = forms.ModelMultipleChoiceField(
        label="If an allegation: who it is about",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They will never see this record; only managers and administrators will.",
    )

    INCIDENT_FIELDS = ("occurred_at", "location", "categories", "staff_involved", "witnesses", "allegation_against")

    def __init__(self, *args, home: Home, user: User | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields([*self.INCIDENT_FIELDS, *PART_FIELDS])
        self.fields["categories"].queryset = IncidentCategory.objects.filter(active=True)
        staff = User.objects.working_in(home).order_by("full_name")
        self.fields["staff_involved"].queryset = staff
        self.fields["allegation_against"].queryset = staff
        if not self.is_bound:
            self.initial.setdefault("occurred_at", now_to_the_minute())
            if user is not None:
                self.initial.setdefault("staff_involved", [user.pk])

    def incident_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.INCIDENT_FIELDS}

    def part_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PART_FIELDS}


class AddChildForm(PartForm):
    """Another child's part of an incident already recorded."""

    child = forms.ModelChoiceField(label="Which child", queryset=Child.objects.none())

    def __init__(self, *args, incident: Incident, child: Child, **kwargs) -> None:
        kwargs["instance"] = IncidentChild(incident=incident, child=child)
        super().__init__(*args, **kwargs)
        already = incident.parts.values("child_id")
        choices = Child.objects.in_placement().filter(home_id=incident.home_id).exclude(pk__in=already)
        self.fields["child"].queryset = choices
        self.fields["child"].widget = forms.HiddenInput()
        self.fields["child"].error_messages["invalid_choice"] = (
            f"{child.preferred_name}'s part is already recorded, or they no longer live at the home."
        )
        self.initial["child"] = child.pk
        self.order_fields(["child", *PART_FIELDS])


class ChildViewForm(ClearErrorsMixin, forms.Form):
    child_view = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, child: Child, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        self.fields["child_view"].label = format_html("{}'s view, in their words", child.preferred_name)

    error_messages_for = {"child_view": {"required": "Enter what {child} said about it, in their words"}}

    def message_names(self) -> dict[str, str]:
        return {"child": self.child.preferred_name}


class InterventionForm(ClearErrorsMixin, forms.ModelForm):
    """The Regulation 35(3)(a) record of a hold."""

    child = forms.ModelChoiceField(label="The child who was held", queryset=Child.objects.none())
    necessary_and_proportionate = forms.TypedChoiceField(
        label="Was the hold necessary and proportionate?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text="Regulation 20: only to prevent injury to anyone (the child included) or serious damage to property.",
    )

    class Meta:
        model = PhysicalIntervention
        fields = list(INTERVENTION_FIELDS)
        widgets = {
            "started_at": DateTimeInput(),
            "ended_at": DateTimeInput(),
            "held_by": forms.CheckboxSelectMultiple,
            "present": forms.CheckboxSelectMultiple,
            "reason": forms.Textarea(attrs={"rows": 3}),
            "tried_first": forms.Textarea(attrs={"rows": 3}),
            "effectiveness": forms.Textarea(attrs={"rows": 2}),
            "child_injury": forms.Textarea(attrs={"rows": 2}),
            "staff_injury": forms.Textarea(attrs={"rows": 2}),
            "treatment": forms.Textarea(attrs={"rows": 2}),
            "proportionality_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, incident: Incident, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["child", *INTERVENTION_FIELDS])
        self.fields["child"].queryset = Child.objects.filter(incident_parts__incident=incident)
        self.fields["technique"].queryset = ApprovedTechnique.objects.filter(active=True)
        self.fields["technique"].help_text = "From the provider's approved list: only techniques staff are trained in."
        staff = User.objects.working_in(incident.home_id).order_by("full_name")
        self.fields["held_by"].queryset = staff
        self.fields["present"].queryset = staff
        self.fields["proportionality_note"].help_text = "Needed when the answer is no; helpful either way."
        if not self.is_bound:
            parts = list(incident.parts.all()[:2])
            if len(parts) == 1:
                self.initial["child"] = parts[0].child_id
            start = timezone.localtime(incident.occurred_at).replace(second=0, microsecond=0)
            self.initial["started_at"] = start


class CountersignForm(ClearErrorsMixin, forms.Form):
    manager_comments = forms.CharField(
        label="Your review",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you make of it, what changes for the child's plan, and any learning for the team.",
    )
    spoke_with_staff = forms.BooleanField(label="I have spoken with the staff who used the hold", required=False)
    spoke_with_child = forms.BooleanField(label="I have spoken with the child about the hold", required=False)

    error_messages_for = {"manager_comments": {"required": "Enter your review of the incident"}}

    def __init__(self, *args, has_hold: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not has_hold:
            del self.fields["spoke_with_staff"]
            del self.fields["spoke_with_child"]
        else:
            self.fields["spoke_with_child"].help_text = REGULATION_35_REVIEW
