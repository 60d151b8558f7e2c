from django import forms
from django.utils import timezone

from assessments.models import AdverseExperience, Assessment, AssessmentPolicy, HistoryPeriod
from assessments.scoring import InstrumentSpec
from children.forms.child import DateInput
from homes.concurrency import RevisionForm
from homes.form_errors import ClearErrorsMixin


class AssessmentStartForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["assessed_on", "kind", "notes"]
        widgets = {"assessed_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "assessed_on": {"required": "Enter the date of the assessment"},
            "kind": {"required": "Choose whether this is the first assessment or a review"},
        }

    def __init__(self, *args, has_final: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].initial = timezone.localdate()
        self.fields["kind"].initial = Assessment.Kind.REVIEW if has_final else Assessment.Kind.INITIAL


class ScoreEntryForm(ClearErrorsMixin, RevisionForm, forms.Form):
    """Every item of the instrument as an optional choice of scale point, named `score-<code>`,
    and the draft's revision: assessors of the home and clinical leads may work on one draft."""

    assessed_on = forms.DateField(
        label="Date of assessment",
        widget=DateInput(),
        error_messages={"required": "Enter the date of the assessment"},
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, spec: InstrumentSpec, item_ids: dict[str, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.item_ids = item_ids
        choices = [(str(value), f"{value} {label}") for value, label in spec.scale]
        # The score buttons are drawn by hand (assessment_entry.html): the error summary links to
        # each item's first button.
        self.error_anchors = {f"score-{item.code}": f"score-{item.code}-{spec.scale[0][0]}" for item in spec.items}
        for item in spec.items:
            self.fields[f"score-{item.code}"] = forms.TypedChoiceField(
                label=f"{item.code} {item.label}",
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    def scores(self) -> dict[int, int]:
        """Item id → score for the items answered. An unanswered radio group is not submitted,
        so items left out keep their saved score (an autosave never clears anything)."""
        return {
            pk: self.cleaned_data[f"score-{code}"]
            for code, pk in self.item_ids.items()
            if self.cleaned_data.get(f"score-{code}") is not None
        }


class FinaliseForm(RevisionForm, forms.Form):
    """The check page's "Finalise": only the revision the draft was checked at."""


class CorrectionForm(ClearErrorsMixin, forms.Form):
    correction_reason = forms.CharField(
        label="What was wrong", widget=forms.Textarea(attrs={"rows": 3}), help_text="Readers of the record see this."
    )


class CompareForm(ClearErrorsMixin, forms.Form):
    before = forms.ModelChoiceField(queryset=Assessment.objects.none(), label="Earlier")
    after = forms.ModelChoiceField(queryset=Assessment.objects.none(), label="Later")

    def __init__(self, *args, assessments, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["before"].queryset = assessments
        self.fields["after"].queryset = assessments
        self.fields["before"].label_from_instance = self.fields["after"].label_from_instance = _assessment_label

    def clean(self) -> dict:
        data = super().clean()
        if data.get("before") and data.get("after") and data["before"] == data["after"]:
            raise forms.ValidationError("Choose two different assessments to compare.")
        return data


def _assessment_label(assessment: Assessment) -> str:
    return f"{assessment.assessed_on:%d %b %Y} · {assessment.get_kind_display()} ({assessment.get_status_display()})"


PERIOD_FIELDS = ("adversity", "relational_health", "notes")


class HistoryForm(ClearErrorsMixin, RevisionForm, forms.Form):
    """The summary and, for each period the child has reached, adversity, relational health and
    notes; assessors and clinical leads edit it, so it carries the history's revision."""

    summary = forms.CharField(
        label="What is known, and from whom", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, periods: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.periods = periods
        for period in periods:
            self.fields[f"{period}-adversity"] = forms.TypedChoiceField(
                label="Adversity",
                choices=[("", "Not known")] + [(str(v), label) for v, label in HistoryPeriod.Adversity.choices],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"{period}-relational_health"] = forms.TypedChoiceField(
                label="Relational health",
                choices=[("", "Not known")] + [(str(v), label) for v, label in HistoryPeriod.RelationalHealth.choices],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"{period}-notes"] = forms.CharField(
                label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def rows(self) -> list[tuple[str, list]]:
        return [
            (
                HistoryPeriod.Period(period).label,
                [self[f"{period}-{name}"] for name in PERIOD_FIELDS],
            )
            for period in self.periods
        ]

    def period_answers(self) -> dict[str, dict]:
        return {
            period: {
                name: self.cleaned_data[f"{period}-{name}"] for name in ("adversity", "relational_health", "notes")
            }
            for period in self.periods
        }


class AdverseExperienceForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = AdverseExperience
        fields = ["category", "other_description", "certainty", "source", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2}), "certainty": forms.RadioSelect}
        error_messages = {
            "category": {"required": "Choose the kind of experience"},
            "certainty": {"required": "Choose how certain it is that this happened"},
            "source": {"required": "Enter where this is known from"},
        }

    def clean(self) -> dict:
        data = super().clean()
        if data.get("category") == AdverseExperience.Category.OTHER and not data.get("other_description", "").strip():
            self.add_error("other_description", "Describe the experience when you choose 'Other'.")
        return data


class PolicyForm(ClearErrorsMixin, RevisionForm, forms.ModelForm):
    class Meta:
        model = AssessmentPolicy
        fields = ["interval_months"]
        error_messages = {"interval_months": {"required": "Enter how many months there are between re-assessments"}}
