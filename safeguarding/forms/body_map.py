from django import forms
from django.utils import timezone
from django.utils.html import format_html

from children.forms.key_working import DateTimeInput
from children.models import Child
from homes.form_errors import ClearErrorsMixin
from homes.models import User
from safeguarding import body
from safeguarding.models import BodyMap, BodyMark


class BodyMarkForm(ClearErrorsMixin, forms.Form):
    """One mark. Where it is comes from the outline (a tap or the arrow keys fill `side`, `x`,
    `y` through static/js/body-map.js) or, without a script, from the list of body parts."""

    region = forms.ChoiceField(
        label="Where on the body",
        required=False,
        choices=[("", "Choose the part of the body"), *body.REGION_CHOICES],
        help_text="Tap the outline where the mark is, use the arrow keys on it, or choose the part of the body here.",
    )
    side = forms.ChoiceField(choices=body.SIDES, required=False, widget=forms.HiddenInput)
    x = forms.DecimalField(
        min_value=0, max_value=body.WIDTH, decimal_places=1, required=False, widget=forms.HiddenInput
    )
    y = forms.DecimalField(
        min_value=0, max_value=body.HEIGHT, decimal_places=1, required=False, widget=forms.HiddenInput
    )
    kind = forms.ChoiceField(
        label="Type of mark", choices=BodyMark.Kind.choices, widget=forms.RadioSelect(attrs={"class": "btn-check"})
    )
    size = forms.CharField(max_length=60, help_text=BodyMark._meta.get_field("size").help_text)
    description = forms.CharField(
        label="What it looks like",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=BodyMark._meta.get_field("description").help_text,
    )
    how_it_happened = forms.CharField(
        label="How it happened, as far as known",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What the child or others said, or that it is not known.",
    )
    seen_by = forms.CharField(label="Who saw it", max_length=200, help_text="Everyone who saw the mark.")

    BUTTON_FIELDS = ("kind",)
    POSITION_FIELDS = ("region", "side", "x", "y")

    error_messages_for = {
        "kind": {"required": "Choose the type of mark"},
        "size": {"required": "Enter the size of the mark, like 3 cm by 2 cm"},
        "description": {"required": "Enter what the mark looks like"},
        "how_it_happened": {"required": "Enter how it happened as far as known, or say it is not known"},
        "seen_by": {"required": "Enter who saw the mark"},
    }

    def __init__(self, *args, user: User | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and user is not None:
            self.initial.setdefault("seen_by", user.full_name)

    def clean(self) -> dict:
        cleaned = super().clean()
        has_point = cleaned.get("side") and cleaned.get("x") is not None and cleaned.get("y") is not None
        if not has_point and not cleaned.get("region") and "region" not in self.errors:
            self.add_error("region", "Show where the mark is: tap the outline, or choose the part of the body")
        return cleaned

    def position(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.POSITION_FIELDS}

    def mark_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("kind", "size", "description", "how_it_happened", "seen_by")}


class BodyMapForm(BodyMarkForm):
    """A new body map with its first mark (more can be added on the map's page)."""

    seen_at = forms.DateTimeField(label="When the marks were seen", widget=DateTimeInput())
    context = forms.ChoiceField(label="When this was", choices=BodyMap.Context.choices, widget=forms.RadioSelect)
    notes = forms.CharField(
        label="Anything else",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What else the next person should know.",
    )

    error_messages_for = {
        **BodyMarkForm.error_messages_for,
        "seen_at": {
            "required": "Enter when the marks were seen",
            "invalid": "When the marks were seen must be a real date and time, like 27 3 2026 16:30",
        },
        "context": {"required": "Choose when this was"},
    }

    def __init__(self, *args, child: Child, for_missing_return: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.child = child
        self.order_fields(["seen_at", "context", *self.POSITION_FIELDS])
        self.fields["notes"].help_text = format_html(
            "What else the next person caring for {} should know.", child.preferred_name
        )
        if for_missing_return:
            # The context is the return: the field stays (one form) but offers nothing else.
            self.fields["context"].choices = [
                c for c in BodyMap.Context.choices if c[0] == BodyMap.Context.MISSING_RETURN
            ]
            self.initial["context"] = BodyMap.Context.MISSING_RETURN
        else:
            self.fields["context"].choices = [
                c for c in BodyMap.Context.choices if c[0] != BodyMap.Context.MISSING_RETURN
            ]
        if not self.is_bound:
            self.initial.setdefault("seen_at", timezone.localtime().replace(second=0, microsecond=0))
            self.initial.setdefault("context", BodyMap.Context.NOTICED)

    def message_names(self) -> dict[str, str]:
        return {"child": self.child.preferred_name}

    def map_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("seen_at", "context", "notes")}
