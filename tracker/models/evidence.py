import datetime
import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

from homes.builds import BuiltFile
from homes.exports import safe_file_name
from homes.models import Home

# How long an inspector's access lasts unless the manager chooses otherwise.
DEFAULT_SHARE_DAYS = 14
# Access codes: 20 characters of base32, 100 random bits; given to the inspector apart from the link.
CODE_LENGTH = 20


def evidence_upload_to(pack: "EvidencePack", filename: str) -> str:
    return f"evidence/{pack.home_id}/{pack.period_start:%Y-%m-%d}-{pack.period_end:%Y-%m-%d}-{pack.pk}.zip"


def code_digest(code: str) -> str:
    """Codes are random (100 bits) so a plain SHA-256 is enough; Hearth never stores the code."""
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


class EvidencePack(BuiltFile):
    """One ZIP for inspectors: a home's review PDFs for a period, what other apps contribute
    (homes.extensions.evidence_sections), and a CSV index with each file's SHA-256."""

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="evidence_packs")
    period_start = models.DateField("From")
    period_end = models.DateField("To")
    file = models.FileField(upload_to=evidence_upload_to, blank=True)
    file_count = models.PositiveIntegerField(default=0)
    # What the pack holds, per section with files ([{"label": ..., "count": ...}]), written when it
    # is built: the inspector's dashboard says what is inside without opening the ZIP.
    contents = models.JSONField(default=list, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="evidence_period_in_order"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | (~models.Q(file="") & ~models.Q(sha256="")),
                name="evidence_ready_has_file_and_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"Evidence pack for {self.home}, {self.period_start:%d %b %Y} to {self.period_end:%d %b %Y}"

    @property
    def filename(self) -> str:
        return safe_file_name(
            f"{self.home.name} evidence {self.period_start:%Y-%m-%d} to {self.period_end:%Y-%m-%d}.zip"
        )


class EvidenceShareQuerySet(models.QuerySet["EvidenceShare"]):
    def active(self) -> "EvidenceShareQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class EvidenceShare(models.Model):
    """A pack given to an inspector: either to their own Hearth account, or as an access code
    that works with the evidence access page. Both expire, and the manager can revoke them."""

    pack = models.ForeignKey(EvidencePack, on_delete=models.PROTECT, related_name="shares")
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence_shares"
    )
    code_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    recipient = models.CharField(max_length=150, help_text="Who the code was given to (name and organisation).")
    expires_at = models.DateTimeField()
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = EvidenceShareQuerySet.as_manager()

    class Meta:
        ordering = ["-shared_at"]
        constraints = [
            # An account or a code, never both and never neither.
            models.CheckConstraint(
                condition=(models.Q(inspector__isnull=False) & models.Q(code_sha256=""))
                | (models.Q(inspector__isnull=True) & ~models.Q(code_sha256="")),
                name="evidence_share_account_or_code",
            ),
            # The access page finds a share by its code's digest.
            models.UniqueConstraint(
                fields=["code_sha256"], condition=~models.Q(code_sha256=""), name="evidence_share_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pack} shared with {self.recipient}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def by_code(self) -> bool:
        return self.inspector_id is None

    @staticmethod
    def default_expiry() -> datetime.datetime:
        return timezone.now() + datetime.timedelta(days=DEFAULT_SHARE_DAYS)


class EvidenceDownload(models.Model):
    """Each download of a pack: by whom (an account, or a code given to a named recipient)."""

    pack = models.ForeignKey(EvidencePack, on_delete=models.PROTECT, related_name="downloads")
    share = models.ForeignKey(EvidenceShare, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    downloaded_at = models.DateTimeField(default=timezone.now)
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-downloaded_at"]

    def __str__(self) -> str:
        who = self.user or (self.share.recipient if self.share else "someone")
        return f"{who} downloaded {self.pack} at {self.downloaded_at:%Y-%m-%d %H:%M}"
