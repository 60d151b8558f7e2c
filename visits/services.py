"""Regulation 44 visits: appointing a visitor, opening and closing a visit, the children met and
their consent, the report (signed = fixed), the manager's response to each recommendation tracked
to done, and the recommendations of a period for the Regulation 45 review."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from children.models import Child
from homes import access
from homes.concurrency import revision_claim
from homes.models import Home, User
from visits.models import Recommendation, Visit, VisitChild, VisitorAppointment, VisitReport

VISITOR_WORKS_HERE = "An independent visitor must be independent: {person} holds a role in the provider's homes."
VISIT_CLOSED = "This visit is closed: the home's records can be read only on the day, while the visit is open."
CHILD_NOT_AT_HOME = "Choose a child who lives at {home}."
REPORT_SIGNED = "This report is signed: it can no longer change."
NOT_READY_TO_SIGN = "Before signing, say whether children are safeguarded and their wellbeing promoted."
NOT_SIGNED_YET = "The report is not signed yet."
OWNER_NOT_AT_HOME = "Choose someone who works at {home}."
NOT_RESPONDED = "Respond to the recommendation (an action, who and by when) before marking it done."
SENT_BEFORE_SIGNED = "The report was signed on {date}: it cannot have been sent before."
SENT_IN_FUTURE = "The date it was sent cannot be in the future."
SENT_NOT_CLEARED = "It was recorded as sent on {date}: enter the date it was sent (it cannot be cleared)."
ALREADY_DONE = "This action was marked done on {date}: its response can no longer change."

# Regulation 44 asks for the report by the end of the month in which the visit took place.
# The manager's response is due within this many days of the report being signed: Hearth's
# default, a fortnight, puts it on the task list from the day of signing (the list looks two weeks
# ahead) and has it done before the next monthly visit.
RESPONSE_DAYS = 14


def visitor_appoint(
    *, visitor: User, home: Home, starts_on: datetime.date, ends_on: datetime.date | None = None
) -> VisitorAppointment:
    """Visitors, like inspectors, have their own accounts with no role in any home."""
    if visitor.memberships.exists() or visitor.provider_role:
        raise ValidationError({"visitor": VISITOR_WORKS_HERE.format(person=visitor)})
    appointment = VisitorAppointment(visitor=visitor, home=home, starts_on=starts_on, ends_on=ends_on)
    appointment.full_clean()
    appointment.save()
    return appointment


def visit_open(*, visitor: User, home: Home) -> Visit:
    """Today's visit to the home, opened now (or the one already open today)."""
    today = timezone.localdate()
    try:
        with transaction.atomic():
            visit, _ = Visit.objects.get_or_create(visitor=visitor, home=home, visit_date=today)
    except IntegrityError:  # two taps at once: the other made it
        visit = Visit.objects.get(visitor=visitor, home=home, visit_date=today)
    if visit.closed_at is not None:
        raise ValidationError(VISIT_CLOSED)
    return visit


def visit_close(*, visit: Visit) -> Visit:
    if visit.closed_at is None:
        visit.closed_at = timezone.now()
        visit.save(update_fields=["closed_at"])
    return visit


def visit_child_record(*, visit: Visit, child: Child, spoke_with: bool, consent_to_records: bool) -> VisitChild:
    """Record (or correct, during the visit) that the visitor met a child and whether the child
    agreed to the visitor reading their case record."""
    if not visit.is_open():
        raise ValidationError(VISIT_CLOSED)
    # The children met are part of the report: once it is signed, they are fixed with it.
    if VisitReport.objects.filter(visit=visit, signed_at__isnull=False).exists():
        raise ValidationError(REPORT_SIGNED)
    if not access.visit_children(visit).filter(pk=child.pk).exists():
        raise ValidationError({"child": CHILD_NOT_AT_HOME.format(home=visit.home.name)})
    row, _ = VisitChild.objects.update_or_create(
        visit=visit,
        child=child,
        defaults={"spoke_with": spoke_with, "consent_to_records": consent_to_records, "recorded_at": timezone.now()},
    )
    return row


def _refuse_if_signed(report: VisitReport) -> None:
    if report.is_signed:
        raise ValidationError(REPORT_SIGNED)


@transaction.atomic
def visit_report_save(*, visit: Visit, staff_spoken_with: list[User], **fields) -> VisitReport:
    """Write (or go on writing) the visit's report: every field but the recommendations."""
    # Lock the visit first: with no report yet there is no row to lock, and two first saves
    # (a double click) would both insert one.
    Visit.objects.select_for_update().filter(pk=visit.pk).values_list("pk").get()
    report = VisitReport.objects.select_for_update().filter(visit=visit).first() or VisitReport(visit=visit)
    _refuse_if_signed(report)
    staff_ids = set(access.staff_of(visit.home).values_list("pk", flat=True))
    if any(person.pk not in staff_ids for person in staff_spoken_with):
        raise ValidationError({"staff_spoken_with": OWNER_NOT_AT_HOME.format(home=visit.home.name)})
    for name, value in fields.items():
        setattr(report, name, value)
    report.full_clean()
    report.save()
    report.staff_spoken_with.set(staff_spoken_with)
    return report


def _lock_unsigned(report_id: int) -> VisitReport:
    """The report's row, locked until the transaction ends, and refused if signed: signing takes
    the same lock, so no recommendation is added or changed after the signature."""
    report = VisitReport.objects.select_for_update(of=("self",)).get(pk=report_id)
    _refuse_if_signed(report)
    return report


@transaction.atomic
def recommendation_add(*, report: VisitReport, text: str) -> Recommendation:
    report = _lock_unsigned(report.pk)
    recommendation = Recommendation(report=report, text=text)
    recommendation.full_clean()
    recommendation.save()
    return recommendation


@transaction.atomic
def recommendation_edit(*, recommendation: Recommendation, text: str) -> Recommendation:
    _lock_unsigned(recommendation.report_id)
    recommendation.text = text
    recommendation.full_clean()
    recommendation.save(update_fields=["text"])
    return recommendation


@transaction.atomic
def visit_report_sign(*, report: VisitReport, user: User) -> VisitReport:
    report = VisitReport.objects.select_for_update().get(pk=report.pk)
    _refuse_if_signed(report)
    if not report.safeguarded or not report.wellbeing_promoted:
        raise ValidationError(NOT_READY_TO_SIGN)
    report.signed_at, report.signed_by = timezone.now(), user
    report.save(update_fields=["signed_at", "signed_by"])
    transaction.on_commit(lambda: _build_pdf(report.pk, user.pk))
    return report


def _build_pdf(report_id: int, user_id: int) -> None:
    """The signed report's PDF, when the PDF part of this app is there (it always is; the hook
    keeps signing independent of the worker being reachable)."""
    from visits.pdf import visit_report_pdf_request

    visit_report_pdf_request(report_id=report_id, queued_by_id=user_id)


def _refresh_pdf(report_id: int) -> None:
    from visits.pdf import visit_report_pdf_refresh

    visit_report_pdf_refresh(report_id)


@transaction.atomic
def visit_report_record_sent(
    *, report: VisitReport, ofsted_on: datetime.date | None, placing_authorities_on: datetime.date | None
) -> VisitReport:
    """When the signed report went to Ofsted and to the placing authorities (the only things that
    change on a signed report)."""
    report = VisitReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if not report.is_signed:
        raise ValidationError(NOT_SIGNED_YET)
    signed_on = timezone.localdate(report.signed_at)
    for field, day in (("sent_to_ofsted_on", ofsted_on), ("sent_to_placing_authorities_on", placing_authorities_on)):
        if day is None and getattr(report, field) is not None:
            raise ValidationError({field: SENT_NOT_CLEARED.format(date=f"{getattr(report, field):%-d %B %Y}")})
        if day is not None and day < signed_on:
            raise ValidationError({field: SENT_BEFORE_SIGNED.format(date=f"{signed_on:%-d %B %Y}")})
        if day is not None and day > timezone.localdate():
            raise ValidationError({field: SENT_IN_FUTURE})
    report.sent_to_ofsted_on = ofsted_on
    report.sent_to_placing_authorities_on = placing_authorities_on
    report.full_clean()
    report.save(update_fields=["sent_to_ofsted_on", "sent_to_placing_authorities_on"])
    _refresh_pdf(report.pk)
    return report


@transaction.atomic
def recommendation_respond(
    *,
    recommendation: Recommendation,
    user: User,
    revision: int | None,
    action: str,
    owner: User,
    due_on: datetime.date,
) -> Recommendation:
    """The manager's response, from a form opened at `revision` (raises StaleEdit when someone
    responded since: the deputy and the manager may both have the page open)."""
    report = recommendation.report
    if not report.is_signed:
        raise ValidationError(NOT_SIGNED_YET)
    # The row as saved now, locked: an action marked done meanwhile keeps the response it was done to.
    done_on = Recommendation.objects.select_for_update().values_list("done_on", flat=True).get(pk=recommendation.pk)
    if done_on is not None:
        raise ValidationError(ALREADY_DONE.format(date=f"{done_on:%-d %B %Y}"))
    revision_claim(recommendation, revision=revision, user=user)
    if not access.staff_of(report.visit.home).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": OWNER_NOT_AT_HOME.format(home=report.visit.home.name)})
    recommendation.action, recommendation.owner, recommendation.due_on = action, owner, due_on
    recommendation.responded_by, recommendation.responded_at = user, timezone.now()
    recommendation.full_clean()
    recommendation.save()
    _refresh_pdf(report.pk)
    return recommendation


@transaction.atomic
def recommendation_done(*, recommendation: Recommendation, day: datetime.date | None = None) -> Recommendation:
    if recommendation.responded_at is None:
        raise ValidationError(NOT_RESPONDED)
    if recommendation.done_on is None:
        recommendation.done_on = day or timezone.localdate()
        recommendation.save(update_fields=["done_on"])
        _refresh_pdf(recommendation.report_id)
    return recommendation


def response_due(report: VisitReport) -> datetime.date:
    return timezone.localdate(report.signed_at) + datetime.timedelta(days=RESPONSE_DAYS)


def recommendations_in(home: Home, start: datetime.date, end: datetime.date) -> list[Recommendation]:
    """The recommendations of the reports signed for visits in the period, with what was done
    (for the Regulation 45 review): in visit order, one query."""
    return list(
        Recommendation.objects.filter(
            report__visit__home=home,
            report__signed_at__isnull=False,
            report__visit__visit_date__gte=start,
            report__visit__visit_date__lte=end,
        )
        .select_related("report__visit", "owner")
        .order_by("report__visit__visit_date", "pk")
    )
