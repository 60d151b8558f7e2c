"""The Regulation 45 review of the quality of care (issue 12, item 3): every six months Hearth
drafts it for a home from the records of the period (each registered QualityReviewSection gathers
its facts, kept as JSON so the signed review never changes); the manager adds the narrative and
signs; a worker builds the PDF; the date it was sent to Ofsted is recorded against the 28-day
clock. Periods are half-years: January to June, July to December."""

import datetime
import json

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from homes import builds
from homes.concurrency import revision_claim
from homes.extensions import quality_review_sections, quality_review_sections_in_order
from homes.models import Home, User
from homes.pdf import html_to_pdf
from oversight.models import QualityReview, QualityReviewPdf

ALREADY_SIGNED = "This review is signed: it can no longer change."
ALREADY_DRAFTED = "{home} already has a review for {period}: open it to carry on."
PERIOD_NOT_ENDED = "A review covers a period that has ended: {period} ends on {end:%-d %B %Y}."
NARRATIVE_MISSING = "Add {fields} before signing."
NOT_SIGNED = "Sign the review before recording that it was sent to Ofsted."
SENT_BEFORE_SIGNED = "The review was signed on {signed:%-d %B %Y}: it cannot have been sent before that."
SENT_IN_FUTURE = "The date it was sent cannot be in the future."
ALREADY_SENT = "The review was already recorded as sent to Ofsted on {sent:%-d %B %Y}."
NOT_SIGNED_FOR_PDF = "Sign the review before making its PDF."
BUILD_TASK = "oversight.tasks.build_quality_review_pdf"

# Regulation 45(4): the report reaches Ofsted within 28 days of the review's completion; Hearth
# counts from the period's end, the latest the review can be completed (QualityReview.due_on).
SUBMIT_WITHIN_DAYS = 28


# --- periods -------------------------------------------------------------------------------------


def period_containing(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The half-year `day` falls in: 1 January to 30 June, or 1 July to 31 December."""
    if day.month <= 6:
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 6, 30)
    return datetime.date(day.year, 7, 1), datetime.date(day.year, 12, 31)


def last_ended_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The latest half-year that ended before `today`."""
    start, _ = period_containing(today)
    return period_containing(start - datetime.timedelta(days=1))


def period_words(start: datetime.date, end: datetime.date) -> str:
    return f"{start:%B %Y} to {end:%B %Y}"


# --- drafting ------------------------------------------------------------------------------------


def gather_sections(home: Home, start: datetime.date, end: datetime.date) -> list[dict]:
    """Every registered section's facts for the period, as plain JSON values."""
    gathered = []
    for section in quality_review_sections_in_order():
        facts = section.facts(home, start, end)
        if facts is None:
            continue
        gathered.append(
            {
                "name": section.name,
                "title": section.title,
                "facts": json.loads(json.dumps(facts, cls=DjangoJSONEncoder)),
            }
        )
    return gathered


def quality_review_draft(
    *, home: Home, user: User, period_start: datetime.date, today: datetime.date | None = None
) -> QualityReview:
    """Draft the home's review of the half-year starting on `period_start`, from its records."""
    start, end = period_containing(period_start)
    today = today or timezone.localdate()
    if end >= today:
        raise ValidationError(PERIOD_NOT_ENDED.format(period=period_words(start, end), end=end))
    review = QualityReview(
        home=home,
        period_start=start,
        period_end=end,
        sections=gather_sections(home, start, end),
        drafted_at=timezone.now(),
        drafted_by=user,
    )
    review.full_clean(validate_constraints=False, validate_unique=False)
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:
        raise ValidationError(ALREADY_DRAFTED.format(home=home.name, period=period_words(start, end))) from None
    return review


@transaction.atomic
def quality_review_redraft(*, review: QualityReview, user: User) -> QualityReview:
    """Gather the period's facts again (records corrected since the draft); the narrative stays."""
    _refuse_if_signed(review)
    revision_claim(review, revision=None, user=user, signed_at__isnull=True)
    review.sections = gather_sections(review.home, review.period_start, review.period_end)
    review.drafted_at, review.drafted_by = timezone.now(), user
    review.save(update_fields=["sections", "drafted_at", "drafted_by"])
    return review


@transaction.atomic
def quality_review_write(*, review: QualityReview, user: User, revision: int | None, **narrative: str) -> QualityReview:
    """Save the manager's narrative, as read at `revision` (concurrency.StaleEdit if someone saved
    since)."""
    _refuse_if_signed(review)
    unknown = set(narrative) - set(QualityReview.NARRATIVE_FIELDS)
    if unknown:
        raise TypeError(f"Not narrative: {sorted(unknown)}")
    revision_claim(review, revision=revision, user=user, signed_at__isnull=True)
    for name, value in narrative.items():
        setattr(review, name, value.strip())
    review.full_clean(validate_constraints=False, validate_unique=False)
    review.save(update_fields=list(narrative))
    return review


def _refuse_if_signed(review: QualityReview) -> None:
    if review.is_signed or QualityReview.objects.filter(pk=review.pk, signed_at__isnull=False).exists():
        raise ValidationError(ALREADY_SIGNED)


# --- signing, the PDF and sending to Ofsted --------------------------------------------------------


@transaction.atomic
def quality_review_sign(*, review: QualityReview, user: User) -> QualityReview:
    """Sign the review: from now on it never changes. The PDF is queued once committed."""
    review = QualityReview.objects.select_for_update().get(pk=review.pk)
    _refuse_if_signed(review)
    missing = [
        str(QualityReview._meta.get_field(name).verbose_name).lower()
        for name in QualityReview.NARRATIVE_FIELDS
        if not getattr(review, name).strip()
    ]
    if missing:
        raise ValidationError(NARRATIVE_MISSING.format(fields=_and(missing)))
    review.signed_at, review.signed_by = timezone.now(), user
    review.save(update_fields=["signed_at", "signed_by"])
    _queue_pdf(review, user)
    return review


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@transaction.atomic
def quality_review_pdf_request(*, review: QualityReview, user: User) -> QualityReviewPdf:
    """Build the signed review's PDF (again, after a failure)."""
    if not QualityReview.objects.filter(pk=review.pk, signed_at__isnull=False).exists():
        raise ValidationError(NOT_SIGNED_FOR_PDF)
    return _queue_pdf(review, user)


def _queue_pdf(review: QualityReview, user: User) -> QualityReviewPdf:
    row, _ = QualityReviewPdf.objects.select_for_update().get_or_create(review=review, defaults={"queued_by": user})
    return builds.requeue(row, BUILD_TASK, queued_by=user)


def quality_review_pdf_bytes(review: QualityReview) -> bytes:
    return html_to_pdf(render_to_string("oversight/quality_review/pdf.html", pdf_context(review)))


def quality_review_pdf_build(*, pdf_id: int) -> QualityReviewPdf:
    return builds.build(QualityReviewPdf, pdf_id, _render, name=lambda row: "review.pdf")


def _render(row: QualityReviewPdf) -> bytes:
    return quality_review_pdf_bytes(QualityReview.objects.select_related("home", "signed_by").get(pk=row.review_id))


@transaction.atomic
def quality_review_record_sent(
    *, review: QualityReview, user: User, sent_on: datetime.date, today: datetime.date | None = None
) -> QualityReview:
    """Record the date the signed review was sent to Ofsted (once: it is part of the record)."""
    review = QualityReview.objects.select_for_update().get(pk=review.pk)
    today = today or timezone.localdate()
    if not review.is_signed:
        raise ValidationError(NOT_SIGNED)
    if review.sent_to_ofsted_on is not None:
        raise ValidationError(ALREADY_SENT.format(sent=review.sent_to_ofsted_on))
    if sent_on > today:
        raise ValidationError({"sent_on": SENT_IN_FUTURE})
    signed_on = timezone.localdate(review.signed_at)
    if sent_on < signed_on:
        raise ValidationError({"sent_on": SENT_BEFORE_SIGNED.format(signed=signed_on)})
    review.sent_to_ofsted_on, review.sent_recorded_by = sent_on, user
    review.save(update_fields=["sent_to_ofsted_on", "sent_recorded_by"])
    return review


# --- what the page and the PDF show ---------------------------------------------------------------

GENERIC_SECTION_TEMPLATE = "oversight/quality_review/_section_facts.html"


def sections_to_show(review: QualityReview) -> list[dict]:
    """The review's sections as drafted, each with the template its app renders it with now (a
    section whose app is gone is shown plainly rather than lost)."""
    shown = []
    for section in review.sections:
        registered = quality_review_sections.get(section["name"])
        shown.append({**section, "template": registered.template if registered else GENERIC_SECTION_TEMPLATE})
    return shown


def narrative(review: QualityReview) -> list[tuple[str, str]]:
    return [
        (str(QualityReview._meta.get_field(name).verbose_name), getattr(review, name))
        for name in QualityReview.NARRATIVE_FIELDS
    ]


def pdf_context(review: QualityReview) -> dict:
    return {
        "review": review,
        "home": review.home,
        "sections": sections_to_show(review),
        "narrative": narrative(review),
        "document_title": "Regulation 45 review of the quality of care, "
        + period_words(review.period_start, review.period_end),
        "generated_at": timezone.now(),
    }
