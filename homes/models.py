import datetime

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone

# Titles people put before their name, skipped when greeting them by first name.
TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "rev", "sir", "dame"})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> "User":
        # E-mail addresses are stored lower-case, so people can log in however they type theirs.
        return self.get(email=(username or "").lower())

    def assessors(self) -> models.QuerySet["User"]:
        """People who may be assigned to assess a child: assessors anywhere, and clinical leads."""
        return self.filter(
            (models.Q(memberships__role=Membership.Role.ASSESSOR) & current_membership("memberships__"))
            | models.Q(provider_role=User.ProviderRole.CLINICAL_LEAD),
            is_active=True,
        ).distinct()

    def working_in(self, home: "Home | int") -> models.QuerySet["User"]:
        """Staff of a home who can be a child's key worker (not visiting assessors)."""
        return self.filter(
            current_membership("memberships__"),
            memberships__home=home,
            memberships__role__in=Membership.KEY_WORKER_ROLES,
            is_active=True,
        )

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("Every person needs an e-mail address to log in with.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        fields.setdefault("provider_role", User.ProviderRole.ADMINISTRATOR)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in to Hearth. Each person has their own login (reg 38)."""

    class ProviderRole(models.TextChoices):
        NONE = "", "None (home roles only)"
        ADMINISTRATOR = "administrator", "Provider administrator"
        CLINICAL_LEAD = "clinical_lead", "Clinical lead"
        # The provider's person accountable to Ofsted: oversees every home, signs the six-monthly
        # review of the quality of care (issue 12).
        RESPONSIBLE_INDIVIDUAL = "responsible_individual", "Responsible individual"

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    provider_role = models.CharField(
        max_length=30,
        choices=ProviderRole.choices,
        default=ProviderRole.NONE,
        blank=True,
        help_text="A provider-wide role, on top of any role held in a home.",
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Can use the Django admin site (provider set-up).")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        # "Hello, Samuel", not "Hello, Dr": a greeting uses the first name after any title.
        words = self.full_name.split()
        while len(words) > 1 and words[0].rstrip(".").lower() in TITLES:
            words = words[1:]
        return words[0] if words else self.email

    @property
    def is_administrator(self) -> bool:
        return self.provider_role == self.ProviderRole.ADMINISTRATOR

    @property
    def is_clinical_lead(self) -> bool:
        return self.provider_role == self.ProviderRole.CLINICAL_LEAD

    @property
    def sees_all_homes(self) -> bool:
        return self.provider_role in {
            self.ProviderRole.ADMINISTRATOR,
            self.ProviderRole.CLINICAL_LEAD,
            self.ProviderRole.RESPONSIBLE_INDIVIDUAL,
        }

    @property
    def is_responsible_individual(self) -> bool:
        return self.provider_role == self.ProviderRole.RESPONSIBLE_INDIVIDUAL


class Home(models.Model):
    """A registered children's home run by the provider."""

    name = models.CharField(max_length=120)
    ofsted_urn = models.CharField(
        "Ofsted URN",
        max_length=20,
        unique=True,
        help_text="The unique reference number Ofsted gave the home; quoted in notifications.",
    )
    address = models.TextField()
    capacity = models.PositiveSmallIntegerField(help_text="How many children the home is registered for.")
    registered_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registered_homes",
    )
    key_working_every_days = models.PositiveSmallIntegerField(
        "Key working at least every (days)",
        default=7,
        help_text="A key child with no key working for longer is flagged on their key worker's dashboard.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="home_capacity_at_least_one"),
            models.CheckConstraint(
                condition=models.Q(key_working_every_days__gte=1), name="home_key_working_every_days_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


def current_membership(prefix: str = "", today: "datetime.date | None" = None) -> models.Q:
    """A membership that has not ended: no end date, or one still to come. `prefix` is the lookup
    to the membership from the model filtered ("memberships__" from a User or a Home), so a join
    through memberships counts only current ones (in the same filter() call as its other
    conditions, so they all hold of the same membership)."""
    today = today or timezone.localdate()
    return models.Q(**{f"{prefix}ended_on__isnull": True}) | models.Q(**{f"{prefix}ended_on__gt": today})


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self) -> "MembershipQuerySet":
        return self.filter(current_membership())


class CurrentMembershipManager(models.Manager["Membership"]):
    """The default manager, and so every `user.memberships` and `home.memberships`: a person
    whose membership has ended is no member of the home (issue 12), wherever roles are read."""

    def get_queryset(self) -> MembershipQuerySet:
        return MembershipQuerySet(self.model, using=self._db).current()


class Membership(models.Model):
    """A person's role in one home, from the day they started to the day they left (ended_on:
    from that day on they are no member; the row stays, for starters, leavers and turnover)."""

    class Role(models.TextChoices):
        MANAGER = "manager", "Registered manager"
        DEPUTY_MANAGER = "deputy_manager", "Deputy manager"
        CARE_STAFF = "care_staff", "Care staff"
        ASSESSOR = "assessor", "Clinical assessor"

    # Managing roles run the home: they admit, discharge and edit children's details.
    MANAGING_ROLES = frozenset({Role.MANAGER, Role.DEPUTY_MANAGER})
    KEY_WORKER_ROLES = frozenset({Role.MANAGER, Role.DEPUTY_MANAGER, Role.CARE_STAFF})

    # PROTECT: people and homes are deactivated, never deleted (records hang off both).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(
        "Left on", null=True, blank=True, help_text="The day they left the home: from then on they see nothing of it."
    )

    objects = CurrentMembershipManager()
    # Current and ended alike: the admin, the home's staff history, turnover, subject access.
    all_objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["home__name", "user__full_name"]
        constraints = [
            # One current role per person per home; someone who left and came back has two rows.
            models.UniqueConstraint(
                fields=["user", "home"], condition=models.Q(ended_on__isnull=True), name="membership_one_role_per_home"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.home}"


class SubmissionToken(models.Model):
    """A create form's one-time token (homes/submissions.py), kept once a submit with it has
    saved something, so that submitting the same rendered form again (a double tap, back and
    resubmit, a second tab) makes no second record and goes where the first one went."""

    # Unique: of two submits racing with the same token, the second's INSERT fails and its
    # transaction, with the record it made, is rolled back.
    token = models.CharField(max_length=64, unique=True)
    # PROTECT, as everything hanging off a person: people are deactivated, never deleted.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    redirect_to = models.CharField(max_length=500, help_text="Where the first submit went.")

    class Meta:
        indexes = [
            # submissions._prune() deletes tokens older than KEEP_TOKENS_FOR on each save.
            models.Index(fields=["created_at"], name="submissiontoken_created_idx"),
        ]

    def __str__(self) -> str:
        return f"Form submitted by {self.user} at {self.created_at:%Y-%m-%d %H:%M}"


class Heartbeat(models.Model):
    """When a periodic job last ran, by name: the administrators' status page reads Celery beat's
    ("beat", written every minute by a task beat schedules and a worker runs)."""

    BEAT = "beat"

    name = models.CharField(max_length=50, unique=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.at:%Y-%m-%d %H:%M:%S}"


class ProviderSettings(models.Model):
    """Provider-wide settings. One installation is one provider, so there is one row (pk=1),
    created on first use; administrators edit it in the admin and auditlog keeps its changes."""

    care_staff_need_second_factor = models.BooleanField(
        "Care staff need a second factor",
        default=False,
        help_text=(
            "Off by default: care staff often share an iPad. Managers, deputies, assessors, clinical leads "
            "and administrators always need one."
        ),
    )

    class Meta:
        verbose_name = verbose_name_plural = "provider settings"
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="provider_settings_singleton")]

    def __str__(self) -> str:
        return "Provider settings"

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "ProviderSettings":
        return cls.objects.get_or_create(pk=1)[0]


class SecurityEvent(models.Model):
    """The authentication audit trail: who, when, from where, what. Written by homes.security
    (Django's and axes' signals, the second-factor and password views); administrators read it in
    the admin, and it is never changed or deleted. Counting recent rows is also how the throttles
    (evidence access codes, password resets) work, so they hold across processes."""

    class Kind(models.TextChoices):
        LOGGED_IN = "logged_in", "Logged in (password)"
        LOGIN_FAILED = "login_failed", "Login failed"
        LOCKED_OUT = "locked_out", "Locked out after repeated failures"
        UNLOCKED = "unlocked", "Lockout lifted by an administrator"
        LOGGED_OUT = "logged_out", "Logged out"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        PASSWORD_RESET_REQUESTED = "password_reset_requested", "Password reset requested"
        PASSWORD_RESET_THROTTLED = "password_reset_throttled", "Password reset refused: too many requests"
        PASSWORD_RESET_COMPLETED = "password_reset_completed", "Password reset completed"
        SECOND_FACTOR_ENROLLED = "second_factor_enrolled", "Second factor enrolled"
        SECOND_FACTOR_VERIFIED = "second_factor_verified", "Second factor verified"
        SECOND_FACTOR_FAILED = "second_factor_failed", "Second factor code refused"
        RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used"
        SECOND_FACTOR_RESET = "second_factor_reset", "Second factor reset by an administrator"
        EVIDENCE_CODE_REFUSED = "evidence_code_refused", "Evidence access code refused"
        EVIDENCE_CODE_THROTTLED = "evidence_code_throttled", "Evidence access code refused: too many tries"

    kind = models.CharField(max_length=40, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    # The person the event is about (null when the e-mail typed matches nobody).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="security_events"
    )
    # What was typed or known, lower-cased: kept even when it matches no account.
    email = models.CharField(max_length=254, blank=True)
    # An administrator acting on someone else (second-factor reset, unlock).
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    detail = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            # homes.security.too_many counts recent events of a kind by address or by IP.
            models.Index(fields=["kind", "ip_address", "at"], name="security_event_kind_ip"),
            models.Index(fields=["kind", "email", "at"], name="security_event_kind_email"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.email or self.user or 'unknown'} at {self.at:%Y-%m-%d %H:%M}"
