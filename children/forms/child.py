from django import forms

from children.models import Child
from homes.concurrency import RevisionForm
from homes.form_errors import ClearErrorsMixin
from homes.models import User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ChildForm(ClearErrorsMixin, forms.ModelForm):
    """Admit a child or correct their details. The instance must already have its home."""

    class Meta:
        model = Child
        fields = [
            "preferred_name",
            "legal_name",
            "previous_names",
            "date_of_birth",
            "sex",
            "gender_identity",
            "religion",
            "ethnicity",
            "first_language",
            "legal_status",
            "placing_authority",
            "social_worker_name",
            "social_worker_phone",
            "social_worker_email",
            "school",
            "admission_date",
            "previous_address",
            "key_worker",
            "assessor",
        ]
        widgets = {
            "date_of_birth": DateInput(),
            "admission_date": DateInput(),
            "previous_names": forms.Textarea(attrs={"rows": 2}),
            "previous_address": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "preferred_name": {"required": "Enter the name the child likes to be called"},
            "legal_name": {"required": "Enter the child's legal name"},
            "date_of_birth": {"required": "Enter the child's date of birth"},
            "sex": {"required": "Choose the child's sex"},
            "legal_status": {"required": "Choose the legal status of the placement"},
            "placing_authority": {"required": "Enter the local authority that placed the child"},
            "admission_date": {"required": "Enter the date the child came to live at the home"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        home = self.instance.home
        self.fields["key_worker"].queryset = User.objects.working_in(home)
        self.fields["assessor"].queryset = User.objects.assessors()


class ChildEditForm(RevisionForm, ChildForm):
    """Correct a child's details: several people may, so the form carries its revision."""


class DischargeForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = Child
        fields = ["discharge_date", "discharge_destination"]
        widgets = {
            "discharge_date": DateInput(),
            "discharge_destination": forms.Textarea(attrs={"rows": 3}),
        }

    error_messages_for = {
        "discharge_date": {
            "required": "Enter the date {child} left",
            "invalid": "The date {child} left must be a real date",
        },
        "discharge_destination": {"required": "Enter where {child} went"},
    }

    def message_names(self) -> dict[str, str]:
        return {"child": self.instance.preferred_name}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["discharge_date"].required = True
        self.fields["discharge_destination"].required = True
