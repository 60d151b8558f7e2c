import datetime

from django import forms
from django.utils import timezone
from django.utils.html import format_html

from children.forms.child import DateInput
from homes.concurrency import RevisionForm
from homes.form_errors import ClearErrorsMixin
from shifts.models import DailyLog, Handover, HandoverFlag, ShiftPattern


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%H:%M", **kwargs)


class ShiftPatternForm(ClearErrorsMixin, forms.ModelForm):
    """Add a shift to the home's pattern. The instance has its home."""

    class Meta:
        model = ShiftPattern
        fields = ["name", "starts_at", "ends_at", "is_night"]
        widgets = {"starts_at": TimeInput(), "ends_at": TimeInput()}
        error_messages = {
            "name": {"required": "Enter what staff call the shift, like Early"},
            "starts_at": {"required": "Enter when the shift starts, like 07:00", "invalid": "Enter a time, like 07:00"},
            "ends_at": {"required": "Enter when the shift ends, like 15:00", "invalid": "Enter a time, like 15:00"},
        }


class ShiftPatternEditForm(RevisionForm, ShiftPatternForm):
    """Change a shift: the home's manager and deputies may, so the form carries its revision."""

    class Meta(ShiftPatternForm.Meta):
        fields = [*ShiftPatternForm.Meta.fields, "active"]


class DailyLogForm(ClearErrorsMixin, forms.ModelForm):
    """Write or correct a child's log for a shift. The instance has its child."""

    BUTTON_FIELDS = ("regulation",)

    class Meta:
        model = DailyLog
        fields = [
            "shift",
            "shift_date",
            "regulation",
            "mood",
            "food",
            "sleep",
            "school",
            "family_time",
            "activities",
            "follow_up",
            "flag_for_next_shift",
            "child_words",
        ]
        widgets = {
            "shift_date": DateInput(),
            "regulation": forms.RadioSelect(attrs={"class": "btn-check"}),
            "mood": forms.Textarea(attrs={"rows": 3}),
            "food": forms.Textarea(attrs={"rows": 2}),
            "sleep": forms.Textarea(attrs={"rows": 2}),
            "school": forms.Textarea(attrs={"rows": 2}),
            "family_time": forms.Textarea(attrs={"rows": 2}),
            "activities": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            # The child's own words are never checked for wording: they are theirs (static/js/language-check.js).
            "child_words": forms.Textarea(attrs={"rows": 3, "data-language-check": "off"}),
        }
        error_messages = {
            "shift": {"required": "Choose the shift this log is for"},
            "shift_date": {
                "required": "Enter the date the shift started",
                "invalid": "The date the shift started must be a real date, like 27 3 2026",
            },
        }

    error_messages_for = {
        "regulation": {"required": "Choose how regulated {child} seemed across the shift"},
        "mood": {"required": "Write how {child} seemed through the shift"},
    }

    def __init__(self, *args, shift: tuple[ShiftPattern, datetime.date] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        child = self.instance.child
        self.fields["regulation"].choices = DailyLog.Regulation.choices  # no empty button
        patterns = ShiftPattern.objects.filter(home_id=child.home_id)
        if self.instance.pk:
            patterns = patterns.filter(pk=self.instance.shift_id) | patterns.filter(active=True)
        else:
            patterns = patterns.filter(active=True)
        self.fields["shift"].queryset = patterns
        self.fields["shift"].empty_label = None
        self.fields["mood"].label = "Mood and regulation"
        self.fields["mood"].help_text = format_html(
            "How {} seemed through the shift, what was hard and what helped.", child.preferred_name
        )
        words = self.fields["child_words"]
        words.label = format_html("In {}'s words", child.preferred_name)
        words.help_text = format_html(
            "Anything {} said, as they said it: their words, not a summary.", child.preferred_name
        )
        if self.instance._state.adding and not self.is_bound:
            if shift is not None:
                self.initial["shift"], self.initial["shift_date"] = shift[0].pk, shift[1]
            else:
                self.initial["shift_date"] = timezone.localdate()

    def message_names(self) -> dict[str, str]:
        return {"child": self.instance.child.preferred_name}


class HandoverStartForm(ClearErrorsMixin, forms.Form):
    """Which shift's handover to write: the home's shifts, and the date the shift started."""

    shift = forms.ModelChoiceField(
        queryset=ShiftPattern.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose the shift you are handing over"},
    )
    shift_date = forms.DateField(
        label="Date the shift started",
        widget=DateInput(),
        error_messages={
            "required": "Enter the date the shift started",
            "invalid": "The date the shift started must be a real date, like 27 3 2026",
        },
    )

    def __init__(self, *args, home, shift: tuple[ShiftPattern, datetime.date] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shift"].queryset = ShiftPattern.objects.filter(home=home, active=True)
        if shift is not None and not self.is_bound:
            self.initial = {"shift": shift[0].pk, "shift_date": shift[1]}


class HandoverForm(ClearErrorsMixin, RevisionForm, forms.ModelForm):
    """The outgoing shift's own words on the handover: several of them may write it, so the form
    carries its revision."""

    class Meta:
        model = Handover
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}


class FlagForm(ClearErrorsMixin, forms.ModelForm):
    """Raise a flag for the next shift. The instance has its home."""

    class Meta:
        model = HandoverFlag
        fields = ["child", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"text": {"required": "Write what the next shift needs to do or know"}}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from children.models import Child

        self.fields["child"].queryset = Child.objects.filter(home_id=self.instance.home_id).in_placement()
        self.fields["child"].empty_label = "The whole home"
        self.fields["child"].label = "About"
        self.fields["child"].label_from_instance = lambda child: child.preferred_name


class FlagResolveForm(ClearErrorsMixin, forms.Form):
    resolution = forms.CharField(
        label="How it was resolved",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Write how the flag was resolved"},
    )
