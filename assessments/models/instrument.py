"""The instrument is data, not code: domains, items, the scale and age-typical expectations
are rows loaded from a JSON file (see assessments/services/instrument.py). Nothing of an
instrument is ever deleted (every link is PROTECT): brain maps were scored against it."""

from django.db import models

from children.brain import Region


class Instrument(models.Model):
    """One version of an assessment instrument. Assessments keep the version they were scored
    with, so loading a new version never changes an existing brain map."""

    name = models.CharField(max_length=150)
    version = models.CharField(max_length=30)
    description = models.TextField(blank=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "-loaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="instrument_unique_name_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class ScalePoint(models.Model):
    """A labelled point of the instrument's scoring scale (0 = not yet developed ...)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="scale_points")
    value = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=80)

    class Meta:
        ordering = ["instrument", "value"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "value"], name="scalepoint_unique_value"),
        ]

    def __str__(self) -> str:
        return f"{self.value} – {self.label}"


class AgeBand(models.Model):
    """An age range the expectations are given for: from_months inclusive, to_months exclusive.
    The loader refuses gaps and overlaps, so the bands tile birth to 18 years."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="age_bands")
    label = models.CharField(max_length=40)
    from_months = models.PositiveSmallIntegerField()
    to_months = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["instrument", "from_months"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "from_months"], name="ageband_unique_start"),
            models.CheckConstraint(condition=models.Q(to_months__gt=models.F("from_months")), name="ageband_not_empty"),
        ]

    def __str__(self) -> str:
        return self.label


class Domain(models.Model):
    """A group of items in one brain region; shown bottom-up (brainstem first)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="domains")
    region = models.CharField(max_length=20, choices=Region.choices)
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(help_text="Bottom-up order of the domain in the instrument.")

    class Meta:
        ordering = ["instrument", "position"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "region"], name="domain_one_per_region"),
        ]

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """One function scored in an assessment (sleep, waiting, empathy...)."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="items")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="items")
    code = models.CharField(max_length=12)
    label = models.CharField(max_length=120)
    description = models.TextField(help_text="What to observe.")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["domain__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="item_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class Expectation(models.Model):
    """What a typical child scores on an item at an age band."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="expectations")
    age_band = models.ForeignKey(AgeBand, on_delete=models.PROTECT, related_name="expectations")
    expected = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "age_band"], name="expectation_one_per_band"),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} at {self.age_band}: {self.expected}"
