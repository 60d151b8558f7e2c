"""Demo data for subject access and retention (issue 15, item 7): Jordan, who has moved on, asked
for their record; it was gathered, reviewed (another child's name redacted, the social worker's
details disclosed) and released. A Rowan Lodge child's record is on legal hold. Idempotent."""

import datetime

from django.utils import timezone

from children.models import Activity, Child
from homes.demo import Demo
from records.models import LegalHold, Redaction, SubjectAccessRequest, SubjectKind
from records.subject_access import redaction_decide, sar_build

REDACT_REASON = "Another child: their name is theirs to share; no consent sought, not reasonable to disclose."
DISCLOSE_REASON = "A professional acting in their role: reasonable to disclose."
HOLD_REASON = "Calderdale Council's practice review of the placement (ref. CPR-2026-114): keep everything."


def seed(demo: Demo) -> None:
    administrator = demo.people["admin"]
    jordan = Child.objects.filter(legal_name="Jordan Lee Fairclough").first()
    if jordan and not SubjectAccessRequest.objects.filter(child=jordan).exists():
        friend = Child.objects.filter(home=jordan.home, discharge_date__isnull=True).order_by("pk").first()
        if friend:
            Activity.objects.create(
                child=jordan,
                kind=Activity.Kind.ENRICHMENT,
                date=jordan.discharge_date - datetime.timedelta(days=60),
                duration_minutes=90,
                note=f"Went to the climbing wall with {friend.preferred_name}; Jordan reached the top twice.",
                recorded_by=jordan.key_worker,
            )
        request = SubjectAccessRequest.objects.create(
            kind=SubjectKind.CHILD,
            child=jordan,
            requested_by="Jordan, by e-mail from their personal adviser's office; identity checked in person",
            received_on=timezone.localdate() - datetime.timedelta(days=12),
            opened_by=administrator,
        )
        sar_build(request_id=request.pk)  # the demo builds in place: no worker, no commit to wait for
        for item in request.redactions.all():
            redact = item.kind != Redaction.Kind.CONTACT
            redaction_decide(
                redaction=item,
                decision=Redaction.Decision.REDACT if redact else Redaction.Decision.DISCLOSE,
                reason=REDACT_REASON if redact else DISCLOSE_REASON,
                by=administrator,
            )
        SubjectAccessRequest.objects.filter(pk=request.pk).update(
            released_by=administrator, released_to="Jordan, by hand at the home, with their key worker"
        )
        sar_build(request_id=request.pk)

    held = Child.objects.filter(home=demo.homes["rowan"]).order_by("pk").first()
    if held and not LegalHold.objects.filter(child=held).exists():
        LegalHold.objects.create(kind=SubjectKind.CHILD, child=held, reason=HOLD_REASON, placed_by=administrator)
