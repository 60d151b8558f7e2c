from django import forms
from django.utils import timezone
from django.utils.html import format_html

from children.forms.key_working import DateTimeInput
from homes.concurrency import RevisionForm
from homes.form_errors import ClearErrorsMixin
from safeguarding.models import Consequence


def _name_the_child(form: forms.ModelForm) -> None:
    """Labels and help that speak of the child by their preferred name (escaped by format_html)."""
    name = form.instance.child.preferred_name
    if "child_view" in form.fields:
        form.fields["child_view"].label = format_html("{}'s view", name)
        form.fields["child_view"].help_text = format_html(
            "What {} said about it, in their words. Leave empty if they are not ready to say yet.", name
        )
        form.fields["child_view_pending"].label = format_html("Why {}'s view is not recorded yet", name)
        form.fields["child_view_pending"].help_text = "Only if the view above is empty: when you will ask again."


class ConsequenceForm(ClearErrorsMixin, forms.ModelForm):
    """Record a consequence. The instance must already have its child."""

    class Meta:
        model = Consequence
        fields = list(Consequence.CONTENT_FIELDS)
        widgets = {
            "happened_at": DateTimeInput(),
            "what_happened": forms.Textarea(attrs={"rows": 3}),
            "consequence": forms.Textarea(attrs={"rows": 3}),
            "relates_to_behaviour": forms.Textarea(attrs={"rows": 3}),
            "child_view": forms.Textarea(attrs={"rows": 3}),
            "child_view_pending": forms.Textarea(attrs={"rows": 2}),
            "helped_notes": forms.Textarea(attrs={"rows": 2}),
            "kind": forms.RadioSelect,
            "helped": forms.RadioSelect,
        }
        error_messages = {
            "happened_at": {
                "required": "Enter the date and time it happened",
                "invalid": "The date and time must be real, like 27 3 2026 16:30",
            },
            "what_happened": {"required": "Enter what happened"},
            "kind": {"required": "Choose the kind of consequence"},
            "consequence": {"required": "Enter the consequence"},
            "relates_to_behaviour": {"required": "Enter how the consequence relates to what happened"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _name_the_child(self)
        self.fields["kind"].choices = Consequence.Kind.choices  # no empty radio
        self.fields["helped"].choices = Consequence.Helped.choices
        if self.instance._state.adding and not self.is_bound:
            self.initial["happened_at"] = timezone.localtime().replace(second=0, microsecond=0)


class ConsequenceFollowUpForm(ClearErrorsMixin, RevisionForm, forms.ModelForm):
    """Add the child's view and whether it helped, once known."""

    class Meta:
        model = Consequence
        fields = list(Consequence.FOLLOW_UP_FIELDS)
        widgets = {
            "child_view": forms.Textarea(attrs={"rows": 3}),
            "child_view_pending": forms.Textarea(attrs={"rows": 2}),
            "helped_notes": forms.Textarea(attrs={"rows": 2}),
            "helped": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _name_the_child(self)
        self.fields["helped"].choices = Consequence.Helped.choices
