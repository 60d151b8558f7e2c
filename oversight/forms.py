from django import forms

from children.forms.child import DateInput
from homes import access
from homes.concurrency import RevisionForm
from homes.form_errors import ClearErrorsMixin
from oversight.models import ImplementationAction, PracticeStatement, QualityReview, SelfAssessment, StatementRating


class RatingsForm(ClearErrorsMixin, RevisionForm, forms.Form):
    """Every statement's rating and evidence; a statement may stay unrated while the team works
    through them (completing asks for all)."""

    def __init__(self, *args, self_assessment: SelfAssessment, statements: list[PracticeStatement], **kwargs) -> None:
        self.instance = self_assessment  # RevisionForm reads the revision from it
        super().__init__(*args, **kwargs)
        rated = {row.statement_id: row for row in StatementRating.objects.filter(self_assessment=self_assessment)}
        self.statements = statements
        for statement in statements:
            row = rated.get(statement.pk)
            self.fields[f"rating_{statement.pk}"] = forms.TypedChoiceField(
                label=statement.text,
                choices=StatementRating.Rating.choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                initial=row.rating if row else None,
            )
            self.fields[f"evidence_{statement.pk}"] = forms.CharField(
                label="What shows it, or what is missing (optional)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=row.evidence if row else "",
            )

    def rows(self) -> list[tuple[PracticeStatement, forms.BoundField, forms.BoundField]]:
        return [(s, self[f"rating_{s.pk}"], self[f"evidence_{s.pk}"]) for s in self.statements]

    def ratings(self) -> dict[int, tuple[int | None, str]]:
        return {
            s.pk: (self.cleaned_data[f"rating_{s.pk}"], self.cleaned_data[f"evidence_{s.pk}"].strip())
            for s in self.statements
        }


class ImplementationActionForm(ClearErrorsMixin, forms.ModelForm):
    class Meta:
        model = ImplementationAction
        fields = ["theme", "description", "owner", "due_on", "protected_hours"]
        widgets = {"due_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}
        labels = {"theme": "Which part of practice"}
        error_messages = {
            "theme": {"required": "Choose which part of practice the action is for"},
            "description": {"required": "Enter what will be done"},
            "owner": {"required": "Choose who will do it"},
            "due_on": {"required": "Enter the date it is due"},
            "protected_hours": {"required": "Enter the protected time agreed, in hours (0 if none)"},
        }

    def __init__(self, *args, self_assessment: SelfAssessment, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = access.staff_of(self_assessment.home).order_by("full_name")
        self.fields["theme"].choices = [("", "Choose…"), *PracticeStatement.Theme.choices]


class QualityReviewNarrativeForm(ClearErrorsMixin, RevisionForm, forms.ModelForm):
    """The manager's part of the review; every part may wait until signing, which asks for all."""

    class Meta:
        model = QualityReview
        fields = list(QualityReview.NARRATIVE_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in QualityReview.NARRATIVE_FIELDS}
        help_texts = {
            "children_views": "What the children say about living here, in their words where you can.",
            "parents_views": "What parents and families say, and how you asked them.",
            "placing_authorities_views": "What social workers and placing authorities say.",
            "staff_views": "What the team says about the care and about being supported.",
        }


class QualityReviewSentForm(ClearErrorsMixin, forms.Form):
    sent_on = forms.DateField(
        label="Date it was sent to Ofsted",
        widget=DateInput(),
        error_messages={"required": "Enter the date the review was sent", "invalid": "Enter a real date"},
    )
