from django import forms
from django.utils import timezone

from children.forms.child import DateInput
from children.forms.key_working import DateTimeInput
from children.models import Child
from homes.concurrency import RevisionForm
from homes.form_errors import ClearErrorsMixin
from homes.models import User
from safeguarding.models import Complaint


class ComplaintForm(ClearErrorsMixin, forms.ModelForm):
    """Write down a complaint or representation as it was given. The instance must have its home."""

    class Meta:
        model = Complaint
        fields = list(Complaint.RECORD_FIELDS)
        widgets = {
            "received_at": DateTimeInput(),
            "respond_by": DateInput(),
            "in_their_words": forms.Textarea(attrs={"rows": 5}),
            "kind": forms.RadioSelect,
            "complainant": forms.RadioSelect,
        }
        error_messages = {
            "received_at": {
                "required": "Enter the date and time the complaint was made",
                "invalid": "The date and time must be real, like 27 3 2026 16:30",
            },
            "complainant": {"required": "Choose who complained"},
            "in_their_words": {"required": "Enter what they said, in their words"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        home = self.instance.home
        self.fields["kind"].choices = Complaint.Kind.choices
        self.fields["complainant"].choices = Complaint.Complainant.choices
        self.fields["child"].queryset = Child.objects.in_placement().filter(home=home)
        self.fields["child"].label_from_instance = lambda child: child.preferred_name
        self.fields["about_staff"].queryset = User.objects.working_in(home)
        self.fields["respond_by"].required = False
        self.fields["respond_by"].help_text = "Leave empty for 28 days after it was made."
        if self.instance._state.adding and not self.is_bound:
            self.initial["received_at"] = timezone.localtime().replace(second=0, microsecond=0)


class ComplaintHandleForm(ClearErrorsMixin, RevisionForm, forms.ModelForm):
    """What was done, the outcome and whether the person was satisfied (the home's managers)."""

    class Meta:
        model = Complaint
        fields = list(Complaint.HANDLING_FIELDS)
        widgets = {
            "respond_by": DateInput(),
            "action_taken": forms.Textarea(attrs={"rows": 4}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "satisfied": forms.RadioSelect,
            "status": forms.RadioSelect,
        }
        error_messages = {"respond_by": {"required": "Enter the date to respond by"}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Complaint.Status.choices
        self.fields["satisfied"].choices = [("", "Not known yet"), *Complaint.Satisfied.choices]
