"""Forms of the subject-access pages (issue 15)."""

from django import forms

from children.forms.child import DateInput
from children.models import Child
from homes.form_errors import ClearErrorsMixin
from homes.models import User
from records.models import Redaction, SubjectKind

CHOOSE_CHILD = "Choose the child whose record is asked for"
CHOOSE_PERSON = "Choose the member of staff whose record is asked for"


class OpenRequestForm(ClearErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Whose record?",
        choices=SubjectKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the request is for a child's record or a member of staff's"},
    )
    child = forms.ModelChoiceField(
        queryset=Child.objects.order_by("legal_name"), required=False, label="Child (or the adult they are now)"
    )
    person = forms.ModelChoiceField(
        queryset=User.objects.order_by("full_name"), required=False, label="Member of staff"
    )
    requested_by = forms.CharField(
        label="Who asked",
        max_length=150,
        help_text="The person themselves, or who asks for them and on what authority.",
        error_messages={"required": "Enter who made the request"},
    )
    received_on = forms.DateField(
        label="Date received",
        widget=DateInput(),
        help_text="The one-month clock starts on this day.",
        error_messages={"required": "Enter the date the request was received"},
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == SubjectKind.CHILD and not data.get("child"):
            self.add_error("child", CHOOSE_CHILD)
        if data.get("kind") == SubjectKind.STAFF and not data.get("person"):
            self.add_error("person", CHOOSE_PERSON)
        return data


class RedactionForm(ClearErrorsMixin, forms.Form):
    decision = forms.ChoiceField(
        choices=[(Redaction.Decision.DISCLOSE, "Disclose"), (Redaction.Decision.REDACT, "Redact")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose disclose or redact"},
    )
    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Consent given, reasonable to disclose (a professional acting in their role), or why it is withheld.",
        error_messages={"required": "Say why you disclose or redact it"},
    )


class ReleaseForm(ClearErrorsMixin, forms.Form):
    released_to = forms.CharField(
        label="Given to",
        max_length=200,
        help_text="Who received it, and how (by hand after checking identity, secure e-mail...).",
        error_messages={"required": "Say who received the export, and how"},
    )
