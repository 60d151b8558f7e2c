from django import forms
from django.utils import timezone
from django.utils.html import format_html

from children.forms.key_working import DateTimeInput
from children.models import RiskAssessment
from homes.concurrency import RevisionForm
from homes.form_errors import ClearErrorsMixin
from safeguarding.models import MissingEpisode, MissingUpdate, ReturnInterview

MOMENTS = (
    "last_seen_at",
    "noticed_missing_at",
    "searched_at",
    "called_at",
    "police_told_at",
    "placing_authority_told_at",
    "parents_told_at",
    "returned_at",
)


def _named(form, child) -> dict[str, str]:
    return {"child": child.preferred_name}


class MissingEpisodeForm(ClearErrorsMixin, forms.ModelForm):
    """Record that a child is missing, and the actions taken so far. The instance has its child."""

    exploitation_indicators = forms.MultipleChoiceField(
        label="Signs of exploitation",
        required=False,
        choices=MissingEpisode.Indicator.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick any the home knows of, now or before this episode.",
    )

    # The form's parts, as the template groups them (each a fieldset with a legend).
    GROUPS = (
        ("When and where", ("last_seen_at", "last_seen_details", "noticed_missing_at")),
        ("Risk", ("risk_level", "exploitation_indicators", "exploitation_notes")),
        (
            "What has been done",
            (
                "searched_at",
                "search_details",
                "called_at",
                "police_told_at",
                "police_reference",
                "placing_authority_told_at",
                "parents_told_at",
                "parents_note",
            ),
        ),
    )

    class Meta:
        model = MissingEpisode
        fields = list(MissingEpisode.CONTENT_FIELDS)
        widgets = {
            **{name: DateTimeInput() for name in MOMENTS},
            "last_seen_details": forms.Textarea(attrs={"rows": 2}),
            "exploitation_notes": forms.Textarea(attrs={"rows": 2}),
            "search_details": forms.Textarea(attrs={"rows": 2}),
            "risk_level": forms.RadioSelect(attrs={"class": "btn-check"}),
        }

    error_messages_for = {
        "last_seen_at": {"required": "Enter when {child} was last seen"},
        "noticed_missing_at": {"required": "Enter when staff noticed {child} was missing"},
        "last_seen_details": {"required": "Enter where {child} was last seen and who with"},
        "risk_level": {"required": "Choose the risk to {child} at the time"},
    }

    BUTTON_FIELDS = ("risk_level",)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        child = self.instance.child
        self.fields["risk_level"].choices = MissingEpisode.RiskLevel.choices
        self.fields["last_seen_at"].label = format_html("When {} was last seen", child.preferred_name)
        self.fields["noticed_missing_at"].label = format_html("When staff noticed {} was missing", child.preferred_name)
        if self.instance._state.adding and not self.is_bound:
            self.initial["noticed_missing_at"] = timezone.localtime().replace(second=0, microsecond=0)

    def message_names(self) -> dict[str, str]:
        return _named(self, self.instance.child)

    def groups(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]


class MissingEditForm(RevisionForm, MissingEpisodeForm):
    """Complete or correct the details: several people add to an episode, so it carries its revision."""


class MissingReturnForm(ClearErrorsMixin, RevisionForm, forms.ModelForm):
    class Meta:
        model = MissingEpisode
        fields = list(MissingEpisode.RETURN_FIELDS)
        widgets = {
            "returned_at": DateTimeInput(),
            "return_how": forms.RadioSelect(attrs={"class": "btn-check"}),
            "return_details": forms.Textarea(attrs={"rows": 2}),
            "condition": forms.Textarea(attrs={"rows": 3}),
        }

    BUTTON_FIELDS = ("return_how",)
    error_messages_for = {
        "returned_at": {"required": "Enter when {child} came back"},
        "return_how": {"required": "Choose how {child} came back"},
        "condition": {"required": "Enter how {child} was on return"},
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("returned_at", "return_how", "condition"):
            self.fields[name].required = True
        self.fields["return_how"].choices = MissingEpisode.ReturnHow.choices
        if not self.is_bound and self.instance.returned_at is None:
            self.initial["returned_at"] = timezone.localtime().replace(second=0, microsecond=0)

    def message_names(self) -> dict[str, str]:
        return _named(self, self.instance.child)


class MissingUpdateForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = MissingUpdate
        fields = ["happened_at", "text"]
        widgets = {"happened_at": DateTimeInput(), "text": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"happened_at": {"required": "Enter when it happened"}}

    error_messages_for = {"text": {"required": "Enter what happened"}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["happened_at"] = timezone.localtime().replace(second=0, microsecond=0)


class ReturnInterviewForm(ClearErrorsMixin, forms.ModelForm):
    """The return home interview. The instance has its episode."""

    class Meta:
        model = ReturnInterview
        fields = list(ReturnInterview.CONTENT_FIELDS)
        widgets = {
            "offered_at": DateTimeInput(),
            "held_at": DateTimeInput(),
            "outcome": forms.RadioSelect(attrs={"class": "btn-check"}),
            "child_account": forms.Textarea(attrs={"rows": 4}),
            "changes": forms.Textarea(attrs={"rows": 3}),
            "declined_reason": forms.Textarea(attrs={"rows": 2}),
        }

    BUTTON_FIELDS = ("outcome",)
    error_messages_for = {
        "offered_at": {"required": "Enter when the interview was offered"},
        "interviewer_name": {"required": "Enter who offered the interview"},
        "interviewer_role": {"required": "Enter their organisation or role"},
        "interviewer_independent": {"required": "Confirm the interviewer is independent of the home"},
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        child = self.instance.episode.child
        self.fields["outcome"].choices = ReturnInterview.Outcome.choices
        # Not required by the form: the model says what an independent interviewer means.
        self.fields["interviewer_independent"].required = False
        self.fields["child_account"].label = format_html("In {}'s own words", child.preferred_name)
        self.fields["child_account"].help_text = format_html(
            "{}'s account of where they went and why, as they gave it.", child.preferred_name
        )
        risk = self.fields["risk_assessment"]
        risk.queryset = RiskAssessment.objects.filter(child=child).order_by("-version")
        risk.label_from_instance = lambda ra: f"Version {ra.version} ({ra.get_status_display().lower()})"
        if self.instance._state.adding and not self.is_bound:
            self.initial["offered_at"] = timezone.localtime().replace(second=0, microsecond=0)

    def message_names(self) -> dict[str, str]:
        return _named(self, self.instance.episode.child)


class ReturnInterviewEditForm(RevisionForm, ReturnInterviewForm):
    """Add the interview's outcome later: it carries its revision."""


class MissingCloseForm(ClearErrorsMixin, forms.Form):
    """The manager's review of a returned episode, signed as they close it."""

    manager_review = forms.CharField(
        label="Your review",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you make of the episode and the return home interview, what changes in the child's plan "
        "and risk assessment, and any learning for the team.",
    )

    error_messages_for = {"manager_review": {"required": "Enter your review of the episode before closing it"}}
