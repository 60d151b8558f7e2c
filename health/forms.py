"""Forms of the health record and the medicines. Each instance comes with its child."""

from django import forms

from children.forms.child import DateInput
from children.forms.key_working import DateTimeInput
from health.models import (
    Appointment,
    Condition,
    DelegatedAuthority,
    Dose,
    HealthAssessment,
    Immunisation,
    MedicationError,
    Prescription,
    Registration,
    StockMovement,
)
from homes.concurrency import RevisionForm
from homes.form_errors import ClearErrorsMixin


class RegistrationForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["kind", "practice", "clinician", "phone", "email", "address", "registered_on"]
        widgets = {"registered_on": DateInput(), "address": forms.Textarea(attrs={"rows": 2})}


class ImmunisationForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = Immunisation
        fields = ["vaccine", "given_on", "given_by", "note"]
        widgets = {"given_on": DateInput()}


class ConditionForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = Condition
        fields = ["kind", "name", "severity", "reaction_and_response"]
        widgets = {"reaction_and_response": forms.Textarea(attrs={"rows": 3})}


class HealthAssessmentForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = HealthAssessment
        fields = ["kind", "due_on"]
        widgets = {"due_on": DateInput()}


class HealthAssessmentDoneForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = HealthAssessment
        fields = ["done_on", "done_by", "outcome"]
        widgets = {"done_on": DateInput(), "outcome": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].required = True
        self.fields["done_by"].required = True


class AppointmentForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["kind", "starts_at", "place", "reason"]
        widgets = {"starts_at": DateTimeInput()}


class AppointmentOutcomeForm(RevisionForm, ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["status", "outcome"]
        widgets = {"outcome": forms.Textarea(attrs={"rows": 4})}


class DelegatedAuthorityForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = DelegatedAuthority
        fields = ["matter", "detail", "home_may_consent", "conditions", "given_by", "given_on"]
        widgets = {"given_on": DateInput(), "conditions": forms.Textarea(attrs={"rows": 2})}


class PrescriptionForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = Prescription
        fields = [
            "medicine",
            "strength",
            "form",
            "dose",
            "units_per_dose",
            "route",
            "times",
            "as_needed",
            "prn_reason",
            "prn_max_doses_24h",
            "prn_min_interval_minutes",
            "controlled",
            "start_date",
            "end_date",
            "prescriber",
            "instructions",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "instructions": forms.Textarea(attrs={"rows": 2}),
        }


class PrescriptionStopForm(ClearErrorsMixin, forms.Form):
    stopped_reason = forms.CharField(label="Why it is stopped", max_length=280)


class StockForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = StockMovement
        fields = ["kind", "quantity", "on", "note"]
        widgets = {"on": DateInput()}


class PrnDoseForm(ClearErrorsMixin, forms.ModelForm):
    """An "as needed" dose: why, and when (now unless given earlier and recorded late)."""

    witness_password = forms.CharField(
        label="Witness's password", required=False, widget=forms.PasswordInput(attrs={"autocomplete": "off"})
    )

    class Meta:
        model = Dose
        fields = ["given_at", "prn_reason", "note", "witness"]
        widgets = {"given_at": DateTimeInput()}

    def __init__(self, *args, witnesses=None, controlled: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prn_reason"].required = True
        if controlled:
            self.fields["witness"].queryset = witnesses
            self.fields["witness"].required = True
            self.fields["witness_password"].required = True
        else:
            del self.fields["witness"]
            del self.fields["witness_password"]


class PrnEffectForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = Dose
        fields = ["effect", "effect_note"]
        widgets = {"effect": forms.RadioSelect}
        labels = {"effect_note": "Anything to add"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["effect"].required = True
        self.fields["effect"].choices = Dose.Effect.choices


class MedicationErrorForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = MedicationError
        fields = ["prescription", "kind", "occurred_at", "what_happened", "action_taken"]
        widgets = {
            "occurred_at": DateTimeInput(),
            "what_happened": forms.Textarea(attrs={"rows": 3}),
            "action_taken": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, prescriptions=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prescription"].queryset = prescriptions
        self.fields["prescription"].label = "Medicine (if it concerns one)"
