from django import forms
from django.utils import timezone

from children.forms.key_working import DateTimeInput
from children.models import Child
from homes.concurrency import RevisionForm
from homes.form_errors import ClearErrorsMixin
from homes.models import User
from safeguarding.models import Notification, NotificationCategory, NotificationRecipient


class NotificationForm(ClearErrorsMixin, forms.ModelForm):
    """Start a notification (the instance has its home; from a record, its first values)."""

    class Meta:
        model = Notification
        fields = list(Notification.CONTENT_FIELDS)
        widgets = {
            "event_at": DateTimeInput(),
            "known_at": DateTimeInput(),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "actions": forms.Textarea(attrs={"rows": 4}),
            "category": forms.RadioSelect,
        }
        error_messages = {
            "category": {"required": "Choose what kind of event it was"},
            "event_at": {
                "required": "Enter when it happened",
                "invalid": "When it happened must be a real date and time, like 27 3 2026 16:30",
            },
            "known_at": {
                "required": "Enter when the home knew",
                "invalid": "When the home knew must be a real date and time, like 27 3 2026 16:30",
            },
            "summary": {"required": "Enter what happened"},
            "actions": {"required": "Enter what the home has done"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        home = self.instance.home
        category = self.fields["category"]
        category.queryset = NotificationCategory.objects.filter(active=True)
        category.empty_label = None
        category.label_from_instance = lambda c: f"{c.name} ({c.regulation})"
        self.fields["child"].queryset = Child.objects.filter(home=home, archived=False)
        self.fields["child"].label_from_instance = lambda child: child.preferred_name
        self.fields["about_staff"].queryset = User.objects.working_in(home)
        if self.instance._state.adding and not self.is_bound:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial.setdefault("event_at", now)
            self.initial.setdefault("known_at", self.initial["event_at"])


class NotificationEditForm(RevisionForm, NotificationForm):
    pass


class SentForm(ClearErrorsMixin, forms.Form):
    """That a recipient has been told: when, how, and their reference."""

    sent_at = forms.DateTimeField(label="When it was sent", widget=DateTimeInput())
    method = forms.ChoiceField(label="How", choices=NotificationRecipient.Method.choices, widget=forms.RadioSelect)
    reference = forms.CharField(label="Their reference", required=False, max_length=100)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["sent_at"] = timezone.localtime().replace(second=0, microsecond=0)


class RecipientForm(ClearErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label="Who", choices=NotificationRecipient.Kind.choices)
    name = forms.CharField(label="Name or team", max_length=200)
