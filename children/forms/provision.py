from django import forms

from children.forms.child import DateInput
from children.models import ProvisionArrangement, ProvisionSession
from homes.concurrency import RevisionForm
from homes.form_errors import ClearErrorsMixin


class ArrangementForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = ProvisionArrangement
        fields = ["kind", "provider", "description", "start_date", "end_date", "frequency"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        error_messages = {
            "kind": {"required": "Choose whether it is education or therapy"},
            "provider": {"required": "Enter who provides it"},
            "start_date": {"required": "Enter the date it starts"},
            "frequency": {"required": "Choose how often it happens"},
        }


class ArrangementEditForm(RevisionForm, ArrangementForm):
    """Change an arrangement: managers and deputies may, so the form carries its revision."""


class SessionForm(ClearErrorsMixin, forms.ModelForm):
    """One line of the register. The instance has its arrangement."""

    class Meta:
        model = ProvisionSession
        fields = ["date", "status", "note"]
        widgets = {"date": DateInput(), "status": forms.RadioSelect(attrs={"class": "btn-check"})}
        error_messages = {
            "date": {"required": "Enter the date of the session"},
            "status": {"required": "Choose what happened"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ProvisionSession.Status.choices  # no empty button

    def validate_unique(self) -> None:
        # A day already in the register is corrected in place by the service, not refused.
        pass
