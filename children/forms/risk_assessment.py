from django import forms
from django.forms import inlineformset_factory

from children.forms.versioning import DraftForm, RowForm, RowFormSet
from children.models import Risk, RiskAssessment, Trigger


class RiskAssessmentForm(DraftForm):
    class Meta:
        model = RiskAssessment
        fields = [*RiskAssessment.SECTIONS, "review_date"]


class TriggerForm(RowForm):
    class Meta:
        model = Trigger
        fields = ["what", "likely_response", "certainty"]
        widgets = {"likely_response": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "what": {"required": "Enter what the trigger is"},
            "certainty": {"required": "Choose how sure the team is of this trigger"},
        }

    layout = (("what", "certainty"), "likely_response")


class RiskForm(RowForm):
    class Meta:
        model = Risk
        fields = ["description", "likelihood", "severity", "agreed_response"]
        widgets = {"agreed_response": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "description": {"required": "Enter the risk"},
            "likelihood": {"required": "Choose how likely it is"},
            "severity": {"required": "Choose how serious it would be"},
            "agreed_response": {"required": "Enter what the team has agreed to do"},
        }

    layout = ("description", ("likelihood", "severity"), "agreed_response")


class TriggerFormSet(RowFormSet):
    title = "Trigger"
    legend = "Triggers: what can bring back a sense of danger"


class RiskFormSet(RowFormSet):
    title = "Risk"
    legend = "Risks and the agreed response"


TriggerFormSetFactory = inlineformset_factory(
    RiskAssessment, Trigger, form=TriggerForm, formset=TriggerFormSet, fields=TriggerForm.Meta.fields, extra=2
)
RiskFormSetFactory = inlineformset_factory(
    RiskAssessment, Risk, form=RiskForm, formset=RiskFormSet, fields=RiskForm.Meta.fields, extra=1
)


def risk_assessment_editor(assessment: RiskAssessment, data=None) -> tuple[RiskAssessmentForm, list[RowFormSet]]:
    return RiskAssessmentForm(data, instance=assessment), [
        TriggerFormSetFactory(data, instance=assessment, prefix="triggers"),
        RiskFormSetFactory(data, instance=assessment, prefix="risks"),
    ]
