import datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone

from children.ages import age_in_years
from homes.concurrency import Revisioned
from homes.models import Home, User

MAX_AGE_AT_ADMISSION = 25

DOB_AFTER_ADMISSION = "The date of birth is after the admission date: please check both dates."
DOB_TOO_OLD = (
    f"This date of birth would make the child over {MAX_AGE_AT_ADMISSION} at admission: please check the year."
)
ADMISSION_IN_FUTURE = "The admission date is in the future: record the admission on the day the child arrives."
DISCHARGE_BEFORE_ADMISSION = "The discharge date is before the admission date."
DISCHARGE_IN_FUTURE = "The discharge date is in the future: record the discharge on the day the child leaves."
DEATH_BEFORE_BIRTH = "The date of death is before the date of birth: check both dates."
DEATH_IN_FUTURE = "The date of death is in the future: check the date."
DISCHARGE_NEEDS_DESTINATION = "Say where the child went on leaving (Schedule 3 asks for the destination)."
KEY_WORKER_NOT_IN_HOME = "The key worker must be a member of staff at the child's home."
HOME_FULL = "{home} is registered for {capacity} children and {capacity} already live there."
ASSESSOR_NOT_ASSESSOR = "The assessor must hold the clinical assessor role or be a clinical lead."


class ChildQuerySet(models.QuerySet["Child"]):
    def in_placement(self) -> "ChildQuerySet":
        return self.filter(discharge_date__isnull=True, archived=False)


class Child(Revisioned):
    """A child in the provider's care, with the Schedule 3 basics of their case record."""

    class Sex(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        INTERSEX = "intersex", "Intersex"
        NOT_RECORDED = "not_recorded", "Not recorded"

    class LegalStatus(models.TextChoices):
        SECTION_20 = "s20", "Accommodated under section 20 (voluntary)"
        CARE_ORDER = "s31", "Full care order (section 31)"
        INTERIM_CARE_ORDER = "s38", "Interim care order (section 38)"
        PLACEMENT_ORDER = "placement_order", "Placement order"
        REMAND = "remand", "Remanded to local authority accommodation"
        POLICE_PROTECTION = "police_protection", "Police protection / emergency protection order"
        SHORT_BREAKS = "short_breaks", "Short breaks (section 17)"
        OTHER = "other", "Other (see notes)"

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="children")

    # Names: the preferred name is what the child is called everywhere in Hearth.
    legal_name = models.CharField(max_length=150, help_text="Full legal name, as on the placement order.")
    preferred_name = models.CharField(max_length=80, help_text="What the child likes to be called.")
    previous_names = models.TextField(blank=True, help_text="Any earlier names, one per line.")

    date_of_birth = models.DateField()
    sex = models.CharField(max_length=20, choices=Sex.choices)
    gender_identity = models.CharField(
        max_length=80, blank=True, help_text="In the child's own words, if they have shared it."
    )
    religion = models.CharField(max_length=80, blank=True)
    ethnicity = models.CharField(max_length=80, blank=True)
    first_language = models.CharField(max_length=80, blank=True)

    legal_status = models.CharField("Legal status of the placement", max_length=30, choices=LegalStatus.choices)
    placing_authority = models.CharField("Placing local authority", max_length=120)
    social_worker_name = models.CharField(max_length=120, blank=True)
    social_worker_phone = models.CharField(max_length=40, blank=True)
    social_worker_email = models.EmailField(blank=True)
    school = models.CharField(max_length=150, blank=True)

    admission_date = models.DateField()
    previous_address = models.TextField("Address before admission", blank=True)
    discharge_date = models.DateField(null=True, blank=True)
    discharge_destination = models.TextField("Destination on leaving", blank=True)
    # Retention (issue 15): a child who dies before 18 has their record kept 15 years after death
    # instead of to their 75th birthday. Recorded by an administrator on the retention page.
    date_of_death = models.DateField(null=True, blank=True)

    key_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_children",
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessed_children",
        help_text="The clinical assessor assigned to the child.",
    )
    archived = models.BooleanField(
        default=False, help_text="Archived records are kept (until the child's 75th birthday) but hidden from lists."
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "children"
        ordering = ["preferred_name", "legal_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(discharge_date__isnull=True)
                | models.Q(discharge_date__gte=models.F("admission_date")),
                name="child_discharge_after_admission",
            ),
            models.CheckConstraint(
                condition=models.Q(date_of_birth__lte=models.F("admission_date")),
                name="child_born_before_admission",
            ),
        ]
        indexes = [
            # The dashboards and children_for() list a home's children in placement.
            models.Index(fields=["home", "discharge_date"], name="child_home_in_placement_idx"),
        ]

    def __str__(self) -> str:
        return self.preferred_name

    @property
    def in_placement(self) -> bool:
        return self.discharge_date is None and not self.archived

    def age_on(self, day: datetime.date) -> int:
        return age_in_years(self.date_of_birth, day)

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    @property
    def days_in_placement(self) -> int:
        end = self.discharge_date or timezone.localdate()
        return (end - self.admission_date).days

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        today = timezone.localdate()
        if self.date_of_birth and self.admission_date:
            age = age_in_years(self.date_of_birth, self.admission_date)
            if self.date_of_birth > self.admission_date:
                errors.setdefault("date_of_birth", []).append(DOB_AFTER_ADMISSION)
            elif age > MAX_AGE_AT_ADMISSION:
                errors.setdefault("date_of_birth", []).append(DOB_TOO_OLD)
        if self.admission_date and self.admission_date > today:
            errors.setdefault("admission_date", []).append(ADMISSION_IN_FUTURE)
        if self.discharge_date:
            if self.admission_date and self.discharge_date < self.admission_date:
                errors.setdefault("discharge_date", []).append(DISCHARGE_BEFORE_ADMISSION)
            if self.discharge_date > today:
                errors.setdefault("discharge_date", []).append(DISCHARGE_IN_FUTURE)
            if not self.discharge_destination.strip():
                errors.setdefault("discharge_destination", []).append(DISCHARGE_NEEDS_DESTINATION)
        key_worker_in_home = User.objects.working_in(self.home_id).filter(pk=self.key_worker_id)
        if self.key_worker_id and self.home_id and not key_worker_in_home.exists():
            errors.setdefault("key_worker", []).append(KEY_WORKER_NOT_IN_HOME)
        if self.assessor_id and not User.objects.assessors().filter(pk=self.assessor_id).exists():
            errors.setdefault("assessor", []).append(ASSESSOR_NOT_ASSESSOR)
        if self._state.adding and self.home_id and not self.discharge_date:
            home = self.home
            if Child.objects.filter(home=home).in_placement().count() >= home.capacity:
                errors.setdefault(NON_FIELD_ERRORS, []).append(HOME_FULL.format(home=home.name, capacity=home.capacity))
        if self.date_of_death:
            if self.date_of_birth and self.date_of_death < self.date_of_birth:
                errors.setdefault("date_of_death", []).append(DEATH_BEFORE_BIRTH)
            if self.date_of_death > today:
                errors.setdefault("date_of_death", []).append(DEATH_IN_FUTURE)
        if errors:
            raise ValidationError(errors)
