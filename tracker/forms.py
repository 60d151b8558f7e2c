from crispy_forms.helper import FormHelper
from django import forms

from homes.models import Membership, User
from tracker.models import MonthlyTracker, ReviewMeeting


class TrackerForm(forms.ModelForm):
    class Meta:
        model = MonthlyTracker
        fields = list(MonthlyTracker.ENTERED_FIELDS)
        widgets = {field: forms.Textarea(attrs={"rows": 4}) for field in MonthlyTracker.ENTERED_FIELDS}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class MeetingForm(forms.ModelForm):
    """The manager is chosen from the home's managers and deputies; the assessor is the child's."""

    class Meta:
        model = ReviewMeeting
        fields = ["held_on", "manager", "assessor", "others_present", "decisions"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "others_present": forms.Textarea(attrs={"rows": 3}),
            "decisions": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        child = self.instance.tracker.child
        self.fields["manager"].queryset = User.objects.filter(
            memberships__home_id=child.home_id, memberships__role__in=Membership.MANAGING_ROLES, is_active=True
        )
        self.fields["assessor"].queryset = User.objects.filter(pk=child.assessor_id)
        if child.assessor_id and not self.instance.assessor_id:
            self.initial.setdefault("assessor", child.assessor_id)
        self.helper = FormHelper()
        self.helper.form_tag = False
