from django import forms

from children.forms.child import DateInput
from children.models import Activity
from homes.form_errors import ClearErrorsMixin


class ActivityForm(ClearErrorsMixin, forms.ModelForm):
    """One quick entry. Type and domain are big touch buttons; the instance has its child."""

    class Meta:
        model = Activity
        fields = ["kind", "date", "duration_minutes", "region", "note"]
        widgets = {
            "kind": forms.RadioSelect(attrs={"class": "btn-check"}),
            "region": forms.RadioSelect(attrs={"class": "btn-check"}),
            "date": DateInput(),
            "duration_minutes": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "step": 5}),
            "note": forms.TextInput(attrs={"placeholder": "A line about how it went"}),
        }
        error_messages = {
            "kind": {"required": "Choose what you did together"},
            "date": {"required": "Enter the date of the activity"},
            "duration_minutes": {"required": "Enter how long it lasted, in minutes"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Activity.Kind.choices  # no empty button
        self.fields["region"].choices = [("", "Not one domain"), *self.fields["region"].choices[1:]]
