from django import forms
from django.utils import timezone

from children.models import KeyWorkingSession
from homes.models import User


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class KeyWorkingForm(forms.ModelForm):
    """Log or correct a session. The instance must already have its child."""

    # Drawn as large touch buttons rather than small radios (see the template).
    BUTTON_FIELDS = ("regulation_before", "regulation_after")

    class Meta:
        model = KeyWorkingSession
        fields = list(KeyWorkingSession.CONTENT_FIELDS)
        widgets = {
            "happened_at": DateTimeInput(),
            "child_voice": forms.Textarea(attrs={"rows": 4}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "follow_ups": forms.Textarea(attrs={"rows": 2}),
            "regulation_before": forms.RadioSelect(attrs={"class": "btn-check"}),
            "regulation_after": forms.RadioSelect(attrs={"class": "btn-check"}),
        }

    def __init__(self, *args, user: User | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        child = self.instance.child
        for name in self.BUTTON_FIELDS:
            self.fields[name].choices = KeyWorkingSession.Regulation.choices  # no empty button
        self.fields["staff_member"].queryset = User.objects.working_in(child.home_id)
        self.fields["child_voice"].label = f"In {child.preferred_name}'s words"
        self.fields[
            "child_voice"
        ].help_text = f"What {child.preferred_name} said, as they said it: their words, not a summary."
        if self.instance._state.adding and not self.is_bound:
            # model_to_dict has already put None for these: replace, do not setdefault.
            self.initial["staff_member"] = user.pk if user else None
            self.initial["happened_at"] = timezone.localtime().replace(second=0, microsecond=0)


class KeyWorkingAmendForm(KeyWorkingForm):
    reason = forms.CharField(
        label="Reason for the amendment",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why the entry needs changing. The original stays in the record.",
    )

    class Meta(KeyWorkingForm.Meta):
        pass

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The reason first: it is what makes an amendment different from an edit.
        self.order_fields(["reason", *KeyWorkingSession.CONTENT_FIELDS])
