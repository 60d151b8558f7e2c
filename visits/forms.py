from django import forms

from children.forms.child import DateInput
from homes import access
from homes.concurrency import RevisionForm
from homes.form_errors import ClearErrorsMixin
from visits.models import Recommendation, Visit, VisitReport


class VisitChildForm(ClearErrorsMixin, forms.Form):
    child = forms.ModelChoiceField(queryset=None, label="Child", empty_label="Choose…")
    spoke_with = forms.BooleanField(label="I spoke with them", required=False, initial=True)
    consent_to_records = forms.BooleanField(
        label="They agreed to me reading their case record",
        required=False,
        help_text="Regulation 44: a child's case record is read only with their consent.",
    )

    def __init__(self, *args, visit: Visit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["child"]
        field.queryset = access.visit_children(visit).order_by("preferred_name")
        field.label_from_instance = lambda child: child.preferred_name


class VisitReportForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = VisitReport
        fields = [
            "staff_spoken_with",
            "others_spoken_with",
            "looked_at",
            "safeguarded",
            "safeguarded_notes",
            "wellbeing_promoted",
            "wellbeing_notes",
        ]
        widgets = {
            "staff_spoken_with": forms.CheckboxSelectMultiple,
            "safeguarded": forms.RadioSelect,
            "wellbeing_promoted": forms.RadioSelect,
            "others_spoken_with": forms.Textarea(attrs={"rows": 2}),
            "looked_at": forms.Textarea(attrs={"rows": 4}),
            "safeguarded_notes": forms.Textarea(attrs={"rows": 4}),
            "wellbeing_notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, visit: Visit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        staff = self.fields["staff_spoken_with"]
        staff.queryset = access.staff_of(visit.home).order_by("full_name")
        staff.label_from_instance = lambda person: person.full_name
        for name in ("safeguarded", "wellbeing_promoted"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
            self.fields[name].required = False  # a draft may leave them; signing asks for both


class RecommendationForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"text": {"required": "Enter the recommendation"}}


class ResponseForm(ClearErrorsMixin, RevisionForm, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["action", "owner", "due_on"]
        widgets = {"action": forms.Textarea(attrs={"rows": 3}), "due_on": DateInput()}
        error_messages = {
            "action": {"required": "Enter what will be done"},
            "owner": {"required": "Choose who will do it"},
            "due_on": {"required": "Enter the date it is due"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].required = True
        owner = self.fields["owner"]
        owner.queryset = access.staff_of(self.instance.report.visit.home).order_by("full_name")
        owner.label_from_instance = lambda person: person.full_name
        owner.empty_label = "Choose…"


class SentForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = VisitReport
        fields = ["sent_to_ofsted_on", "sent_to_placing_authorities_on"]
        widgets = {"sent_to_ofsted_on": DateInput(), "sent_to_placing_authorities_on": DateInput()}
