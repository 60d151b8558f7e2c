"""Body maps: marks or injuries seen on a child's body, placed on a front and back outline
(safeguarding/body.py). Used on its own (a bruise noticed at bath time), on a child's return from
a missing episode, or after an incident. Regulation 36: the map and each mark are signed by the
person who recorded them, with the time; marks are added, never rubbed out (a wrong one is
archived with the map's history kept by the audit log)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from children.models import Child
from children.models.records import placement_date_errors
from safeguarding import body

SEEN_IN_FUTURE = "This is in the future: record marks once they have been seen."
POSITION_OFF_OUTLINE = "Place the mark on the outline: tap where it is, or choose the part of the body."
EPISODE_NOT_THIS_CHILDS = "The missing episode must be this child's own."
INCIDENT_NOT_THIS_CHILDS = "The incident must be one this child was part of."


class BodyMap(models.Model):
    class Context(models.TextChoices):
        NOTICED = "noticed", "Noticed during everyday care"
        MISSING_RETURN = "missing_return", "On return from being missing"
        INCIDENT = "incident", "After an incident"

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="body_maps")
    seen_at = models.DateTimeField("When the marks were seen")
    context = models.CharField("When this was", max_length=20, choices=Context.choices, default=Context.NOTICED)
    # On return from a missing episode (safeguarding/models/missing.py); the incidents slice links
    # its own record the same way once it exists.
    missing_episode = models.ForeignKey(
        "safeguarding.MissingEpisode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="body_maps",
    )
    # After an incident (safeguarding/models/incidents.py): the marks seen on the child afterwards.
    incident = models.ForeignKey(
        "safeguarding.Incident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="body_maps",
    )
    notes = models.TextField("Anything else", blank=True, help_text="What else the next person should know.")

    # Regulation 36: signed and dated by the author, set by the service, never by a form.
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["-seen_at", "-pk"]
        indexes = [
            # The child's body-map list, the chronology and the month's section read a child's maps by date.
            models.Index(fields=["child", "-seen_at"], name="body_map_child_seen_idx"),
        ]

    def __str__(self) -> str:
        return f"Body map for {self.child} on {timezone.localtime(self.seen_at):%-d %b %Y}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.seen_at and self.child_id:
            if self.seen_at > timezone.now() + datetime.timedelta(minutes=1):
                errors["seen_at"] = [SEEN_IN_FUTURE]
            else:
                errors.update(
                    placement_date_errors(self.child, timezone.localdate(self.seen_at), "seen_at", SEEN_IN_FUTURE)
                )
        if self.missing_episode_id and self.child_id and self.missing_episode.child_id != self.child_id:
            errors["missing_episode"] = [EPISODE_NOT_THIS_CHILDS]
        if self.incident_id and self.child_id and not self.incident.parts.filter(child_id=self.child_id).exists():
            errors["incident"] = [INCIDENT_NOT_THIS_CHILDS]
        if errors:
            raise ValidationError(errors)


class BodyMark(models.Model):
    class Kind(models.TextChoices):
        BRUISE = "bruise", "Bruise"
        CUT = "cut", "Cut"
        BURN = "burn", "Burn"
        SCRATCH = "scratch", "Scratch"
        MARK = "mark", "Mark"
        OTHER = "other", "Other"

    class Side(models.TextChoices):
        FRONT = body.FRONT, "Front"
        BACK = body.BACK, "Back"

    body_map = models.ForeignKey(BodyMap, on_delete=models.PROTECT, related_name="marks")
    # Where on the outline (safeguarding/body.py's 100 x 200 grid), and the region that point is in.
    side = models.CharField(max_length=5, choices=Side.choices)
    x = models.DecimalField(max_digits=4, decimal_places=1)
    y = models.DecimalField(max_digits=4, decimal_places=1)
    region = models.CharField(max_length=30)
    kind = models.CharField("Type", max_length=10, choices=Kind.choices)
    size = models.CharField(max_length=60, help_text="For example 3 cm by 2 cm, or the size of a 10p coin.")
    description = models.TextField(help_text="Colour, shape, whether it is raised, broken skin...")
    how_it_happened = models.TextField(
        "How it happened, as far as known", help_text="What the child or others said, or that it is not known."
    )
    seen_by = models.CharField("Who saw it", max_length=200, help_text="Everyone who saw the mark.")

    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["body_map", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(x__gte=0, x__lte=body.WIDTH, y__gte=0, y__lte=body.HEIGHT),
                name="body_mark_on_outline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on the {self.region_label.lower()}"

    @property
    def region_label(self) -> str:
        return body.REGION_LABELS.get(f"{self.side}:{self.region}", self.region)

    def clean(self) -> None:
        if self.x is None or self.y is None or not self.side:
            return
        if not (0 <= self.x <= body.WIDTH and 0 <= self.y <= body.HEIGHT) or self.side not in dict(body.SIDES):
            raise ValidationError({"region": [POSITION_OFF_OUTLINE]})
