"""Retention services (issue 15, item 4): retention dates, legal holds, the nightly listing of
records that reached their date, the two confirmations, and disposal itself.

Disposal deletes every row the apps' subject-access sections list for the person (so exactly the
person's record, versions, amendments and built PDFs included), those rows' files and audit
history, and takes the person out of shared files (evidence packs). Every model protects its
links (PROTECT), so the rows are deleted directly, in any order, and the database's deferred
foreign keys are checked before the transaction commits: a row outside the sections still
pointing at the record stops the disposal whole, and nothing is lost."""

import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from children.ages import age_in_years
from children.models import Child
from homes import access
from homes.concurrency import revision_claim
from homes.extensions import subject_access_sections_in_order
from homes.models import Membership, User
from records.models import Disposal, LegalHold, StaffDeparture, SubjectKind, Tombstone
from records.subjects import Subject, audit_entries, file_fields, own_rows

CHILD_RETENTION_YEARS = 75  # Regulation 36: until the child's 75th birthday
AFTER_DEATH_YEARS = 15  # a child who dies before 18: 15 years after death
DIED_BEFORE = 18

ERROR_NOT_DUE = "This record is no longer waiting for disposal."
ERROR_ON_HOLD = "This record is on legal hold: nothing can be disposed of until the hold is lifted."
ERROR_NOT_YET = "This record is kept until {date:%d %B %Y}: it cannot be disposed of before then."
ERROR_NOT_ALLOWED = "Only a registered manager of the record's home or an administrator can confirm a disposal."
ERROR_ALREADY_CONFIRMED = "You have already confirmed this disposal: it needs the other person's confirmation."
ERROR_SAME_PERSON = "A disposal needs two different people: a registered manager and an administrator."
ERROR_STILL_REFERENCED = (
    "The record could not be disposed of: other records still refer to it ({detail}). Nothing was deleted."
)
ERROR_HOLD_EXISTS = "This record is already on legal hold."
ERROR_HOLD_LIFTED = "This hold has already been lifted."
ERROR_REASON_NEEDED = "Say why."
ERROR_LEFT_IN_FUTURE = "The leaving date is in the future: record it on or after the day they leave."


class RetentionError(Exception):
    pass


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later; 29 February becomes 1 March (the later date: never early)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return datetime.date(day.year + years, 3, 1)


def child_retain_until(child: Child) -> datetime.date:
    if child.date_of_death and age_in_years(child.date_of_birth, child.date_of_death) < DIED_BEFORE:
        return add_years(child.date_of_death, AFTER_DEATH_YEARS)
    return add_years(child.date_of_birth, CHILD_RETENTION_YEARS)


def staff_retain_until(departure: StaffDeparture | None) -> datetime.date | None:
    """None while no leaving date is recorded: a member of staff's record runs from their leaving."""
    if departure is None:
        return None
    return add_years(departure.left_on, settings.STAFF_RETENTION_YEARS)


def retain_until(subject: Subject) -> datetime.date | None:
    if subject.kind == SubjectKind.CHILD:
        return child_retain_until(subject.child)
    return staff_retain_until(StaffDeparture.objects.filter(person=subject.person).first())


def _subject_filter(subject: Subject) -> Q:
    return Q(child=subject.child) if subject.kind == SubjectKind.CHILD else Q(person=subject.person)


def active_hold(subject: Subject) -> LegalHold | None:
    return LegalHold.objects.filter(_subject_filter(subject), lifted_at__isnull=True).first()


def subject_of(disposal: Disposal) -> Subject:
    if disposal.kind == SubjectKind.CHILD:
        return Subject.of_child(disposal.child)
    return Subject.of_staff(disposal.person)


# --- Holds, dates of death, leaving dates ------------------------------------------------------


def legal_hold_place(*, subject: Subject, reason: str, by: User) -> LegalHold:
    if not reason.strip():
        raise ValidationError({"reason": ERROR_REASON_NEEDED})
    with transaction.atomic():
        if active_hold(subject):
            raise ValidationError(ERROR_HOLD_EXISTS)
        hold = LegalHold(kind=subject.kind, child=subject.child, person=subject.person, reason=reason, placed_by=by)
        hold.full_clean()
        hold.save()
    return hold


def legal_hold_lift(*, hold: LegalHold, reason: str, by: User) -> LegalHold:
    if not reason.strip():
        raise ValidationError({"lifted_reason": ERROR_REASON_NEEDED})
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if hold.lifted_at:
            raise ValidationError(ERROR_HOLD_LIFTED)
        hold.lifted_at, hold.lifted_by, hold.lifted_reason = timezone.now(), by, reason
        hold.full_clean()
        hold.save()
    return hold


def child_record_death(*, child: Child, date_of_death: datetime.date, by: User) -> Child:
    """An administrator's entry (no multi-editor form): saved unconditionally, and the child's
    open edit forms become stale, as any other save makes them."""
    with transaction.atomic():
        revision_claim(child, revision=None, user=by)
        child.date_of_death = date_of_death
        child.full_clean()
        child.save()
    return child


def staff_record_departure(*, person: User, left_on: datetime.date, by: User) -> StaffDeparture:
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": ERROR_LEFT_IN_FUTURE})
    departure, _ = StaffDeparture.objects.update_or_create(
        person=person, defaults={"left_on": left_on, "recorded_by": by, "recorded_at": timezone.now()}
    )
    return departure


# --- The nightly listing ------------------------------------------------------------------------


def disposals_list_due(*, today: datetime.date | None = None) -> list[Disposal]:
    """List every record that has reached its retention date, is not on legal hold and is not
    already listed. Idempotent (the beat task runs nightly, and again after a missed night)."""
    today = today or timezone.localdate()
    held_children = LegalHold.objects.filter(lifted_at__isnull=True, child__isnull=False).values("child_id")
    held_people = LegalHold.objects.filter(lifted_at__isnull=True, person__isnull=False).values("person_id")
    listed_children = Disposal.objects.filter(status=Disposal.Status.DUE, child__isnull=False).values("child_id")
    listed_people = Disposal.objects.filter(status=Disposal.Status.DUE, person__isnull=False).values("person_id")

    # Narrowed in the database, decided exactly in Python (birthdays on 29 February, death before 18).
    candidates = (
        Child.objects.filter(
            Q(date_of_birth__lte=add_years(today, -CHILD_RETENTION_YEARS) + datetime.timedelta(days=1))
            | Q(date_of_death__lte=add_years(today, -AFTER_DEATH_YEARS) + datetime.timedelta(days=1))
        )
        .exclude(pk__in=held_children)
        .exclude(pk__in=listed_children)
    )
    listed = []
    with transaction.atomic():
        for child in candidates:
            until = child_retain_until(child)
            if until <= today:
                listed.append(Disposal.objects.create(kind=SubjectKind.CHILD, child=child, retain_until=until))
        departures = (
            StaffDeparture.objects.filter(
                left_on__lte=add_years(today, -settings.STAFF_RETENTION_YEARS) + datetime.timedelta(days=1)
            )
            .exclude(person_id__in=held_people)
            .exclude(person_id__in=listed_people)
            .select_related("person")
        )
        for departure in departures:
            until = staff_retain_until(departure)
            if until <= today:
                listed.append(
                    Disposal.objects.create(kind=SubjectKind.STAFF, person=departure.person, retain_until=until)
                )
    return listed


# --- Confirmation and disposal ------------------------------------------------------------------


def disposal_confirm(*, disposal: Disposal, by: User, today: datetime.date | None = None) -> Disposal:
    """A manager's or an administrator's confirmation. The second of the two carries the
    disposal out, in the same transaction."""
    today = today or timezone.localdate()
    with transaction.atomic():
        disposal = (
            Disposal.objects.select_for_update(of=("self",)).select_related("child", "person").get(pk=disposal.pk)
        )
        _check_disposable(disposal, today)
        now = timezone.now()
        if by.is_administrator:
            if disposal.administrator_confirmed_by_id:
                raise RetentionError(ERROR_ALREADY_CONFIRMED)
            if disposal.manager_confirmed_by_id == by.pk:
                raise RetentionError(ERROR_SAME_PERSON)
            disposal.administrator_confirmed_by, disposal.administrator_confirmed_at = by, now
        elif access.can_confirm_disposal_as_manager(by, disposal):
            if disposal.manager_confirmed_by_id:
                raise RetentionError(ERROR_ALREADY_CONFIRMED)
            disposal.manager_confirmed_by, disposal.manager_confirmed_at = by, now
        else:
            raise RetentionError(ERROR_NOT_ALLOWED)
        disposal.full_clean()
        disposal.save()
        if disposal.manager_confirmed_by_id and disposal.administrator_confirmed_by_id:
            _carry_out(disposal)
    return disposal


def _check_disposable(disposal: Disposal, today: datetime.date) -> None:
    if disposal.status != Disposal.Status.DUE:
        raise RetentionError(ERROR_NOT_DUE)
    subject = subject_of(disposal)
    if active_hold(subject):
        raise RetentionError(ERROR_ON_HOLD)
    # The dates may have changed since the listing (a date of death corrected, a leaving date).
    until = retain_until(subject)
    if until is None or until > today:
        raise RetentionError(ERROR_NOT_YET.format(date=until or today))


def _record_dates(subject: Subject) -> tuple[datetime.date | None, datetime.date | None]:
    if subject.kind == SubjectKind.CHILD:
        child = subject.child
        return child.admission_date, child.date_of_death or child.discharge_date
    started = (
        Membership.all_objects.filter(user=subject.person).order_by("started_on").values_list("started_on", flat=True)
    )
    departure = StaffDeparture.objects.filter(person=subject.person).first()
    return started.first(), departure.left_on if departure else None


def _auto_through_tables(model) -> list[tuple[type, str]]:
    """The many-to-many link tables Django made for the model (forward and reverse), with the
    column that points at the model: raw deletion does not clear them."""
    links = []
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        if through._meta.auto_created:
            links.append((through, field.m2m_field_name()))
    for relation in model._meta.related_objects:
        if relation.many_to_many and relation.through._meta.auto_created:
            links.append((relation.through, relation.field.m2m_reverse_field_name()))
    return links


def _raw_delete(queryset) -> int:
    """One DELETE, no signals and no on_delete handling: the foreign keys are checked at the end."""
    return queryset.order_by()._raw_delete(connection.alias) or 0


def _carry_out(disposal: Disposal) -> Tombstone:
    """Inside the confirming transaction: delete the record, keep the tombstone."""
    subject = subject_of(disposal)
    started, ended = _record_dates(subject)
    rows = own_rows(subject)
    files: list[tuple[object, str]] = []
    audit_deleted = rows_deleted = 0
    for model, pks in rows:
        for field in file_fields(model):
            # order_by(): a default ordering across a link would join rows already deleted.
            stored = model._base_manager.filter(pk__in=pks).exclude(**{field.name: ""}).order_by()
            names = stored.values_list(field.name, flat=True)
            files.extend((field.storage, name) for name in names)
        for through, column in _auto_through_tables(model):
            through._base_manager.filter(**{f"{column}__in": pks}).delete()
        audit_deleted += _raw_delete(audit_entries(model, pks))
        rows_deleted += _raw_delete(model._base_manager.filter(pk__in=pks))

    # Holds and listings about the person go with the record (a lifted hold's reason can name them).
    holds = list(LegalHold.objects.filter(_subject_filter(subject)).values_list("pk", flat=True))
    audit_deleted += _raw_delete(audit_entries(LegalHold, holds))
    _raw_delete(LegalHold.objects.filter(pk__in=holds))
    Disposal.objects.filter(pk=disposal.pk).update(
        child=None, person=None, status=Disposal.Status.DISPOSED, closed_at=timezone.now()
    )
    Disposal.objects.filter(_subject_filter(subject)).exclude(pk=disposal.pk).update(
        child=None, person=None, status=Disposal.Status.WITHDRAWN
    )
    if subject.kind == SubjectKind.STAFF:
        person = subject.person
        StaffDeparture.objects.filter(person=person).delete()
        audit_deleted += _raw_delete(audit_entries(User, [person.pk]))
        # The account stays, anonymised: the children's records they signed keep their name.
        User.objects.filter(pk=person.pk).update(
            email=f"disposed-{person.pk}@records.invalid", is_active=False, password=make_password(None)
        )
    try:
        # Deferred foreign keys, checked now: a row outside the sections still pointing at the record.
        connection.check_constraints()
    except IntegrityError as error:
        raise RetentionError(ERROR_STILL_REFERENCED.format(detail=error)) from error

    shared = 0
    if subject.kind == SubjectKind.CHILD:
        for section in subject_access_sections_in_order():
            if section.purge_shared:
                shared += section.purge_shared(subject.child)

    tombstone = Tombstone(
        disposal=disposal,
        kind=subject.kind,
        record_number=subject.pk,
        record_started=started,
        record_ended=ended,
        retain_until=disposal.retain_until,
        manager=disposal.manager_confirmed_by,
        administrator=disposal.administrator_confirmed_by,
        rows_deleted=rows_deleted,
        files_deleted=len(files) + shared,
        audit_entries_deleted=audit_deleted,
    )
    tombstone.full_clean()
    tombstone.save()
    disposal.status = Disposal.Status.DISPOSED

    def delete_files() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return tombstone
