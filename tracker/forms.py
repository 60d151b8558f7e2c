from crispy_forms.helper import FormHelper
from django import forms

from homes.concurrency import RevisionForm
from homes.form_errors import ClearErrorsMixin
from homes.models import Membership, User, current_membership
from tracker.models import GoalProgress, MonthlyTracker, ReviewMeeting
from tracker.services.goal_progress import EVIDENCE_NEEDED, GoalEntry


class TrackerForm(ClearErrorsMixin, RevisionForm, forms.ModelForm):
    """What is entered at the review; the manager and the assessor both do, so it carries its revision."""

    class Meta:
        model = MonthlyTracker
        fields = list(MonthlyTracker.ENTERED_FIELDS)
        widgets = {field: forms.Textarea(attrs={"rows": 4}) for field in MonthlyTracker.ENTERED_FIELDS}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class MeetingForm(ClearErrorsMixin, RevisionForm, forms.ModelForm):
    """The manager is chosen from the home's managers and deputies; the assessor is the child's.
    Both record and correct it, so it carries its revision."""

    class Meta:
        model = ReviewMeeting
        fields = ["held_on", "manager", "assessor", "others_present", "decisions", "plan_change"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "others_present": forms.Textarea(attrs={"rows": 3}),
            "decisions": forms.Textarea(attrs={"rows": 5}),
            "plan_change": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "held_on": {"required": "Enter the date of the meeting"},
            "manager": {"required": "Choose the manager who held the meeting"},
            "assessor": {"required": "Choose the assessor who held the meeting"},
            "decisions": {"required": "Enter what the meeting decided"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        child = self.instance.tracker.child
        self.fields["manager"].queryset = User.objects.filter(
            current_membership("memberships__"),
            memberships__home_id=child.home_id,
            memberships__role__in=Membership.MANAGING_ROLES,
            is_active=True,
        )
        self.fields["assessor"].queryset = User.objects.filter(pk=child.assessor_id)
        if child.assessor_id and not self.instance.assessor_id:
            self.initial.setdefault("assessor", child.assessor_id)
        self.helper = FormHelper()
        self.helper.form_tag = False


def _period_day(label: str, which: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": f"Enter the {which} day of the period",
            "invalid": f"The {which} day of the period must be a real date",
        },
    )


class EvidenceRequestForm(ClearErrorsMixin, forms.Form):
    period_start = _period_day("From", "first")
    period_end = _period_day("To", "last")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ShareDaysField(forms.IntegerField):
    def __init__(self, **kwargs) -> None:
        from tracker.models.evidence import DEFAULT_SHARE_DAYS

        super().__init__(label="Access for (days)", min_value=1, max_value=90, initial=DEFAULT_SHARE_DAYS, **kwargs)


class ShareWithAccountForm(ClearErrorsMixin, forms.Form):
    email = forms.EmailField(
        label="Inspector's Hearth account (e-mail)",
        error_messages={"required": "Enter the e-mail address of the inspector's Hearth account"},
    )
    days = ShareDaysField()

    def clean_email(self) -> User:
        email = self.cleaned_data["email"].lower()
        inspector = User.objects.filter(email=email, is_active=True).first()
        if inspector is None:
            raise forms.ValidationError(
                "No active account has this e-mail address: ask your administrator to create one."
            )
        return inspector


class ShareWithCodeForm(ClearErrorsMixin, forms.Form):
    recipient = forms.CharField(
        label="Given to (name and organisation)",
        max_length=150,
        error_messages={"required": "Enter who the code is given to: their name and organisation"},
    )
    days = ShareDaysField()


class GoalProgressForm(ClearErrorsMixin, forms.Form):
    """Progress on one goal; one form per open goal, prefixed by the goal's id. Once a goal's
    progress has been recorded it can be corrected but not blanked (a record is never lost)."""

    progress = forms.ChoiceField(
        choices=[("", "Not reviewed yet"), *GoalProgress.Progress.choices], required=False, label="Progress"
    )
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Evidence")

    def __init__(self, *args, row, **kwargs) -> None:
        self.row = row
        recorded = row.progress
        if recorded is not None:
            kwargs.setdefault("initial", {"progress": recorded.progress, "evidence": recorded.evidence})
        super().__init__(*args, prefix=f"goal-{row.goal.pk}", **kwargs)
        self.change_title = f"Goal “{row.goal.title}”"  # names its fields in "theirs beside yours"
        if recorded is not None:
            self.fields["progress"].required = True
            self.fields["progress"].error_messages["required"] = "Choose the progress on this goal"
            self.fields["progress"].choices = GoalProgress.Progress.choices

    def clean(self) -> dict:
        data = super().clean()
        if data.get("progress") and not data.get("evidence", "").strip():
            self.add_error("evidence", EVIDENCE_NEEDED)
        return data

    def entry(self) -> GoalEntry | None:
        if not self.cleaned_data.get("progress"):
            return None
        return GoalEntry(
            goal=self.row.goal, progress=self.cleaned_data["progress"], evidence=self.cleaned_data["evidence"]
        )
