"""Forms of the retention pages (issue 15): a legal hold, lifting it, a child's date of death, a
member of staff's leaving date, and a disposal's confirmation."""

from django import forms

from children.forms.child import DateInput
from homes.form_errors import ClearErrorsMixin


class LegalHoldForm(ClearErrorsMixin, forms.Form):
    reason = forms.CharField(
        label="Why must the record be kept?",
        help_text="The inquiry, claim or request, who made it and its reference.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the record must be kept, and the inquiry or request's reference"},
    )


class LiftHoldForm(ClearErrorsMixin, forms.Form):
    lifted_reason = forms.CharField(
        label="Why can the hold be lifted?",
        help_text="For example: the inquiry has reported, or the claim is settled.",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the hold can be lifted"},
    )


class DateOfDeathForm(ClearErrorsMixin, forms.Form):
    date_of_death = forms.DateField(
        label="Date of death",
        widget=DateInput(),
        error_messages={"required": "Enter the date of death"},
    )


class DepartureForm(ClearErrorsMixin, forms.Form):
    left_on = forms.DateField(
        label="Date they left",
        help_text="Their records are kept for the provider's retention period from this date.",
        widget=DateInput(),
        error_messages={"required": "Enter the date they left"},
    )


class ConfirmDisposalForm(ClearErrorsMixin, forms.Form):
    checked = forms.BooleanField(
        label="I have checked that this record has reached its retention date and no inquiry or claim needs it",
        error_messages={"required": "Tick the box to confirm that you have checked the record may be disposed of"},
    )
