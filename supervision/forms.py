from django import forms

from children.forms.child import DateInput
from homes import access
from homes.concurrency import RevisionForm
from homes.form_errors import ClearErrorsMixin
from homes.models import Home, User, current_membership
from supervision.models import (
    Course,
    SupervisionAction,
    SupervisionArrangement,
    SupervisionPolicy,
    SupervisionSession,
    TrainingRecord,
)
from supervision.models.wellbeing import WellbeingCheckIn


class SessionForm(ClearErrorsMixin, forms.ModelForm):
    """Record or correct a session. The instance must already have its home and supervisor."""

    attendees = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        label="Supervisee(s)",
        help_text="One person for individual sessions; everyone who attended for a group.",
        error_messages={"required": "Choose who was supervised"},
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.MultipleChoiceField(
        choices=SupervisionSession.Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = SupervisionSession
        fields = ["kind", "held_on", "duration_minutes", "attendees", "themes", "coping_rating", "notes", "next_on"]
        widgets = {
            "held_on": DateInput(),
            "next_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "coping_rating": "Individual sessions only: the supervisee's own answer.",
            "notes": "Only the supervisee, you and the clinical lead can read these.",
        }
        error_messages = {
            "kind": {"required": "Choose whether it was an individual or a group session"},
            "held_on": {"required": "Enter the date of the session"},
            "duration_minutes": {"required": "Enter how long the session lasted, in minutes"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        session = self.instance
        self.fields["attendees"].queryset = (
            access.staff_of(session.home).exclude(pk=session.supervisor_id).order_by("full_name")
        )
        if session.pk:
            self.initial["attendees"] = [a.person_id for a in session.attendances.all()]

    def clean_themes(self) -> list[str]:
        return list(self.cleaned_data["themes"])


class SessionEditForm(RevisionForm, SessionForm):
    """Correct a session before anyone signs it, carrying the revision it was opened at."""


class ActionForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = SupervisionAction
        fields = ["description", "owner", "due_on"]
        widgets = {"due_on": DateInput()}
        error_messages = {
            "description": {"required": "Enter what is to be done"},
            "owner": {"required": "Choose who will do it"},
            "due_on": {"required": "Enter the date it is due"},
        }

    def __init__(self, *args, session: SupervisionSession, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.session = session
        people = [session.supervisor_id, *(a.person_id for a in session.attendances.all())]
        self.fields["owner"].queryset = User.objects.filter(pk__in=people)


class PolicyForm(ClearErrorsMixin, RevisionForm, forms.ModelForm):
    class Meta:
        model = SupervisionPolicy
        fields = ["supervision_every_weeks", "appraisal_every_months"]
        error_messages = {
            "supervision_every_weeks": {"required": "Enter how many weeks there are between supervision sessions"},
            "appraisal_every_months": {"required": "Enter how many months there are between appraisals"},
        }


class TrainingRecordForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = TrainingRecord
        fields = ["person", "course", "completed_on", "evidence"]
        widgets = {"completed_on": DateInput()}
        labels = {"person": "Member of staff", "evidence": "Evidence (certificate)"}
        help_texts = {"evidence": "PDF, PNG or JPEG, up to 10 MB."}
        error_messages = {
            "person": {"required": "Choose the member of staff who did the training"},
            "course": {"required": "Choose the course"},
            "completed_on": {"required": "Enter the date the training was completed"},
            "evidence": {"required": "Choose the certificate file"},
        }

    def __init__(self, *args, people, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["course"].queryset = Course.objects.filter(active=True)


class CheckInForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = WellbeingCheckIn
        fields = ["home", "score", "private_note"]
        widgets = {"score": forms.HiddenInput(), "private_note": forms.Textarea(attrs={"rows": 2})}
        labels = {"private_note": "Anything you want your supervisor to know? (optional, private)"}
        error_messages = {
            "score": {
                code: "Choose how you are, from 1 to 5"
                for code in ("required", "invalid", "invalid_choice", "min_value", "max_value")
            },
            "home": {"required": "Choose where you are working today"},
        }

    # The score is sent by the button tapped (checkin.html): the summary links to the first one.
    error_anchors = {"score": "score-1"}

    def __init__(self, *args, person: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        homes = Home.objects.filter(current_membership("memberships__"), memberships__user=person)
        self.fields["home"].queryset = homes
        self.fields["home"].empty_label = None
        if len(homes) == 1:
            self.fields["home"].widget = forms.HiddenInput()
            self.initial["home"] = homes[0].pk


class ArrangementForm(ClearErrorsMixin, forms.ModelForm):
    """Name a member of staff's supervisor at a home (the home comes from the page)."""

    class Meta:
        model = SupervisionArrangement
        fields = ["person", "supervisor", "since"]
        widgets = {"since": DateInput()}
        labels = {"person": "Member of staff"}
        help_texts = {"since": "Their supervisor reads the check-ins they record from this day on."}
        error_messages = {
            "person": {"required": "Choose the member of staff"},
            "supervisor": {"required": "Choose their supervisor"},
            "since": {"required": "Enter the date the arrangement starts"},
        }

    def __init__(self, *args, home: Home, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.home = home
        self.fields["person"].queryset = access.staff_of(home).order_by("full_name")
        self.fields["supervisor"].queryset = access.supervisors_in(home).order_by("full_name")
