"""Consequences: what happened, what the adults did about it and why, the child's view, and
whether it helped. Regulation 19(3) (with regulation 20 for restraint) lists measures that are
never used as a consequence; they are data (`ProhibitedMeasure`, seeded from the regulation), so
that a consequence describing one is refused with a message naming the rule."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from children.models import Child
from children.models.records import placement_date_errors
from homes.concurrency import Revisioned

CONSEQUENCE_IN_FUTURE = "This is in the future: record a consequence after it has happened."
CHILD_VIEW_OR_WHY_NOT = "Enter {child}'s view, or why it is not recorded yet"
PROHIBITED_MEASURE = (
    "{name} is never used as a consequence ({regulation}: {explanation}). Choose a different consequence. "
    "If this has already happened, tell the registered manager today: it is a safeguarding matter."
)


class ProhibitedMeasure(models.Model):
    """A measure the regulations forbid as a consequence, with the rule's reference and the
    phrases that, written in a consequence, mean it. Phrases are whole words and narrow on
    purpose ("no dinner", not "dinner"), so an ordinary account is never refused by mistake."""

    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=150)
    regulation = models.CharField(max_length=60, help_text="Which rule forbids it, e.g. “Regulation 19(3)(a)”.")
    explanation = models.CharField(max_length=300, help_text="What the rule says, in plain words.")
    phrases = models.TextField(
        blank=True,
        help_text=(
            "One per line: words in a consequence that mean this measure (whole words, any case); "
            "“...” stands for up to three words between, as in “family time ... cancelled”."
        ),
    )
    order = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.regulation})"

    def phrase_list(self) -> list[str]:
        return [line.strip() for line in self.phrases.splitlines() if line.strip()]

    def found_in(self, text: str) -> bool:
        words = _normalise(text)
        return any(re.search(_pattern(phrase), words) for phrase in self.phrase_list())

    def refusal(self) -> str:
        return PROHIBITED_MEASURE.format(name=self.name, regulation=self.regulation, explanation=self.explanation)


def _normalise(text: str) -> str:
    """Lower case, curly apostrophes straight, runs of spaces and line breaks as one space."""
    return " ".join(text.replace("’", "'").lower().split())


def _pattern(phrase: str) -> str:
    """A phrase as a whole-word pattern; "..." in it stands for up to three words between its
    parts ("family time ... cancelled" finds "family time on Saturday cancelled")."""
    parts = [re.escape(_normalise(part)) for part in phrase.split("...") if part.strip()]
    return r"(?<!\w)" + r"(?:\W+\w+){0,3}\W+".join(parts) + r"(?!\w)"


def prohibited_measures_in(text: str) -> list[ProhibitedMeasure]:
    """The active prohibited measures a piece of writing describes (one query)."""
    if not text or not text.strip():
        return []
    return [measure for measure in ProhibitedMeasure.objects.filter(active=True) if measure.found_in(text)]


class Consequence(Revisioned):
    """A consequence after something happened, read the trauma-informed way: tied to what the
    child was communicating, explained to them, and judged by whether it helped."""

    class Kind(models.TextChoices):
        REPAIR = "repair", "Putting things right (repair or reparation)"
        NATURAL = "natural", "A natural consequence"
        REFLECT = "reflect", "Time with an adult to talk it through"
        RESTORATIVE = "restorative", "A restorative conversation with the person affected"
        PRIVILEGE = "privilege", "A short pause of a privilege, explained to the child"
        OTHER = "other", "Something else (describe it)"

    class Helped(models.TextChoices):
        NOT_YET = "not_yet", "Too early to say"
        YES = "yes", "It helped"
        PARTLY = "partly", "It helped a little"
        NO = "no", "It did not help"

    # What a follow-up (the child's view given later, whether it helped) may change.
    FOLLOW_UP_FIELDS = ("child_view", "child_view_pending", "helped", "helped_notes")
    CONTENT_FIELDS = (
        "happened_at",
        "what_happened",
        "kind",
        "consequence",
        "relates_to_behaviour",
        *FOLLOW_UP_FIELDS,
    )

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="consequences")
    happened_at = models.DateTimeField("When it happened")
    what_happened = models.TextField("What happened", help_text="What led to the consequence, as it happened.")
    kind = models.CharField("Kind of consequence", max_length=20, choices=Kind.choices)
    consequence = models.TextField("The consequence", help_text="What the adults did, and for how long.")
    relates_to_behaviour = models.TextField(
        "How it relates to what happened",
        help_text="Why this consequence fits what happened, and how it was explained to the child.",
    )
    child_view = models.TextField("The child's view", blank=True)
    child_view_pending = models.TextField("Why the child's view is not recorded yet", blank=True)
    helped = models.CharField("Did it help?", max_length=10, choices=Helped.choices, default=Helped.NOT_YET)
    helped_notes = models.TextField("What you noticed afterwards", blank=True)

    # Regulation 36: signed and dated by the author, set by the service, never by a form.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["-happened_at", "-pk"]
        indexes = [
            # The child's consequences page, the chronology and the monthly tracker read a child's
            # consequences newest first, or in a month.
            models.Index(fields=["child", "-happened_at"], name="consequence_child_when_idx"),
        ]

    def __str__(self) -> str:
        return f"Consequence for {self.child} on {timezone.localtime(self.happened_at):%-d %b %Y}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.happened_at and self.child_id:
            if self.happened_at > timezone.now():
                errors["happened_at"] = [CONSEQUENCE_IN_FUTURE]
            else:
                day = timezone.localdate(self.happened_at)
                errors.update(placement_date_errors(self.child, day, "happened_at", CONSEQUENCE_IN_FUTURE))
        if self.child_id and not self.child_view.strip() and not self.child_view_pending.strip():
            errors["child_view"] = [CHILD_VIEW_OR_WHY_NOT.format(child=self.child.preferred_name)]
        found = prohibited_measures_in(self.consequence)
        if found:
            errors["consequence"] = [measure.refusal() for measure in found]
        if errors:
            raise ValidationError(errors)
