"""Retention (issue 15, item 4): the dates with a fixed today, legal holds, the nightly listing,
the two confirmations, and disposal leaving only a tombstone."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from children.models import Child, KeyWorkingSession
from homes.extensions import SubjectAccessSection, subject_access_sections
from homes.models import Membership, User
from records import retention
from records.models import Disposal, LegalHold, StaffDeparture, Tombstone
from records.retention import (
    ERROR_NOT_ALLOWED,
    ERROR_NOT_YET,
    ERROR_ON_HOLD,
    ERROR_SAME_PERSON,
    RetentionError,
    add_years,
    child_retain_until,
    disposal_confirm,
    disposals_list_due,
    legal_hold_lift,
    legal_hold_place,
    staff_record_departure,
    staff_retain_until,
)
from records.subjects import Subject, own_rows
from supervision.models import Attendance, SupervisionSession, TrainingRecord
from tests.factories import ChildFactory, UserFactory, member
from tests.records.world import full_child_record, full_staff_record
from tracker.models import EvidencePack

TODAY = datetime.date(2026, 12, 2)


def old_child(home, *, born: datetime.date, died: datetime.date | None = None, **fields) -> Child:
    """A child's record from long ago (admitted at 12, left at 17)."""
    return ChildFactory(
        home=home,
        date_of_birth=born,
        admission_date=add_years(born, 12),
        discharge_date=add_years(born, 17) if not died or died > add_years(born, 17) else died,
        discharge_destination="Moved on to supported lodgings",
        date_of_death=died,
        **fields,
    )


# --- Dates ----------------------------------------------------------------------------------


def test_a_childs_record_is_kept_until_their_75th_birthday(home):
    child = old_child(home, born=datetime.date(1951, 12, 3))
    assert child_retain_until(child) == datetime.date(2026, 12, 3)


def test_born_on_29_february_the_record_is_kept_to_1_march_never_earlier(home):
    child = old_child(home, born=datetime.date(1952, 2, 29))
    assert child_retain_until(child) == datetime.date(2027, 3, 1)


def test_a_child_who_died_before_18_is_kept_15_years_after_death(home):
    child = old_child(home, born=datetime.date(1995, 5, 1), died=datetime.date(2010, 6, 30))
    assert child_retain_until(child) == datetime.date(2025, 6, 30)


def test_a_person_who_died_after_18_is_kept_to_their_75th_birthday(home):
    child = old_child(home, born=datetime.date(1990, 5, 1), died=datetime.date(2010, 6, 30))
    assert child_retain_until(child) == datetime.date(2065, 5, 1)


def test_staff_records_are_kept_six_years_after_leaving_by_default(home, administrator):
    person = member(home)
    assert staff_retain_until(None) is None
    departure = staff_record_departure(person=person, left_on=datetime.date(2020, 8, 31), by=administrator)
    assert staff_retain_until(departure) == datetime.date(2026, 8, 31)


def test_the_staff_retention_period_is_configurable(settings, home, administrator):
    settings.STAFF_RETENTION_YEARS = 10
    departure = staff_record_departure(person=member(home), left_on=datetime.date(2020, 8, 31), by=administrator)
    assert staff_retain_until(departure) == datetime.date(2030, 8, 31)


def test_a_date_of_death_before_birth_or_in_the_future_is_refused(home, administrator):
    child = old_child(home, born=datetime.date(1995, 5, 1))
    with pytest.raises(ValidationError):
        retention.child_record_death(child=child, date_of_death=datetime.date(1990, 1, 1), by=administrator)
    with pytest.raises(ValidationError):
        retention.child_record_death(child=child, date_of_death=datetime.date(2099, 1, 1), by=administrator)


# --- The nightly listing ----------------------------------------------------------------------


def test_the_nightly_task_lists_records_on_their_date_and_not_a_day_before(home, administrator):
    due = old_child(home, born=datetime.date(1951, 12, 2))
    tomorrow = old_child(home, born=datetime.date(1951, 12, 3))
    young = ChildFactory(home=home)
    left = member(home)
    staff_record_departure(person=left, left_on=datetime.date(2020, 12, 2), by=administrator)
    staying = member(home)
    staff_record_departure(person=staying, left_on=datetime.date(2020, 12, 3), by=administrator)

    listed = disposals_list_due(today=TODAY)

    assert {(d.child_id, d.person_id) for d in listed} == {(due.pk, None), (None, left.pk)}
    assert Disposal.objects.get(child=due).retain_until == TODAY
    assert not Disposal.objects.filter(child__in=[tomorrow, young]).exists()
    assert not Disposal.objects.filter(person=staying).exists()


def test_the_listing_runs_again_without_listing_twice(home):
    old_child(home, born=datetime.date(1940, 1, 1))
    assert len(disposals_list_due(today=TODAY)) == 1
    assert disposals_list_due(today=TODAY) == []
    assert Disposal.objects.count() == 1


def test_a_record_on_legal_hold_is_not_listed(home, administrator):
    child = old_child(home, born=datetime.date(1940, 1, 1))
    legal_hold_place(subject=Subject.of_child(child), reason="Independent inquiry, ref IICSA/123", by=administrator)
    assert disposals_list_due(today=TODAY) == []


def test_the_beat_task_lists_due_records(home):
    from records.tasks import list_records_due_for_disposal

    old_child(home, born=datetime.date(1940, 1, 1))
    assert list_records_due_for_disposal() == 1


# --- Holds ------------------------------------------------------------------------------------


def test_a_hold_needs_a_reason_and_one_at_a_time(home, administrator):
    subject = Subject.of_child(old_child(home, born=datetime.date(1940, 1, 1)))
    with pytest.raises(ValidationError):
        legal_hold_place(subject=subject, reason="  ", by=administrator)
    hold = legal_hold_place(subject=subject, reason="Claim ref 42", by=administrator)
    with pytest.raises(ValidationError):
        legal_hold_place(subject=subject, reason="Another", by=administrator)
    legal_hold_lift(hold=hold, reason="Claim settled", by=administrator)
    assert not retention.active_hold(subject)


def test_a_hold_placed_after_listing_stops_the_disposal(home, manager, administrator):
    child = old_child(home, born=datetime.date(1940, 1, 1))
    (disposal,) = disposals_list_due(today=TODAY)
    disposal_confirm(disposal=disposal, by=manager, today=TODAY)
    legal_hold_place(subject=Subject.of_child(child), reason="Police request", by=administrator)
    with pytest.raises(RetentionError) as error:
        disposal_confirm(disposal=disposal, by=administrator, today=TODAY)
    assert str(error.value) == ERROR_ON_HOLD
    assert Child.objects.filter(pk=child.pk).exists()


# --- Confirmations ------------------------------------------------------------------------------


def test_disposal_needs_a_manager_and_an_administrator(home, manager, deputy, administrator):
    child = old_child(home, born=datetime.date(1940, 1, 1))
    (disposal,) = disposals_list_due(today=TODAY)
    with pytest.raises(RetentionError) as error:
        disposal_confirm(disposal=disposal, by=deputy, today=TODAY)
    assert str(error.value) == ERROR_NOT_ALLOWED
    other_administrator = UserFactory(provider_role=User.ProviderRole.ADMINISTRATOR)
    disposal_confirm(disposal=disposal, by=administrator, today=TODAY)
    with pytest.raises(RetentionError):
        disposal_confirm(disposal=disposal, by=other_administrator, today=TODAY)
    assert Child.objects.filter(pk=child.pk).exists()  # one confirmation deletes nothing

    disposal = disposal_confirm(disposal=disposal, by=manager, today=TODAY)
    assert disposal.status == Disposal.Status.DISPOSED
    assert not Child.objects.filter(pk=child.pk).exists()


def test_the_administrator_cannot_also_confirm_as_manager(home, administrator):
    Membership.objects.create(user=administrator, home=home, role=Membership.Role.MANAGER)
    old_child(home, born=datetime.date(1940, 1, 1))
    (disposal,) = disposals_list_due(today=TODAY)
    disposal_confirm(disposal=disposal, by=administrator, today=TODAY)
    disposal.refresh_from_db()
    assert not retention.access.can_confirm_disposal_as_manager(administrator, disposal)
    with pytest.raises(RetentionError):
        disposal_confirm(disposal=disposal, by=administrator, today=TODAY)


def test_a_corrected_date_stops_a_listed_disposal(home, manager, administrator):
    child = old_child(home, born=datetime.date(1940, 1, 1))
    (disposal,) = disposals_list_due(today=TODAY)
    Child.objects.filter(pk=child.pk).update(
        date_of_birth=datetime.date(1960, 1, 1), admission_date=datetime.date(1972, 1, 1), discharge_date=None
    )
    with pytest.raises(RetentionError) as error:
        disposal_confirm(disposal=disposal, by=manager, today=TODAY)
    assert str(error.value) == ERROR_NOT_YET.format(date=datetime.date(2035, 1, 1))


def test_same_person_constraint_message_is_distinct():
    assert ERROR_SAME_PERSON != ERROR_NOT_ALLOWED


# --- Disposal -----------------------------------------------------------------------------------


def _dispose(disposal, manager, administrator):
    disposal_confirm(disposal=disposal, by=manager, today=TODAY)
    return disposal_confirm(disposal=disposal, by=administrator, today=TODAY)


def test_disposal_deletes_every_row_file_and_history_entry_and_keeps_a_tombstone(
    home, manager, administrator, django_capture_on_commit_callbacks
):
    child = old_child(home, born=datetime.date(1940, 1, 1))
    record = full_child_record(child, manager=manager)
    other_record_session = KeyWorkingSession.objects.create(
        **{
            f.name: getattr(record["children.KeyWorkingSession"], f.name)
            for f in KeyWorkingSession._meta.concrete_fields
            if f.name not in {"id", "child"}
        },
        child=ChildFactory(home=home),
    )
    report_file = record["tracker.ReviewReport"].file.name
    document_file = record["records.Document"].file.name
    pack = record["evidence_pack"]
    pack_file = pack.file.name
    # A pack of the home for a period of the child's placement holds their review PDFs.
    EvidencePack.objects.filter(pk=pack.pk).update(
        period_start=datetime.date(1955, 1, 1), period_end=datetime.date(1955, 12, 31)
    )
    later_pack = full_child_record(ChildFactory(home=home), manager=manager)["evidence_pack"]
    rows = own_rows(Subject.of_child(child))
    assert LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Child), object_id=child.pk).exists()
    hold = legal_hold_place(
        subject=Subject.of_child(child), reason=f"Inquiry into {child.legal_name}", by=administrator
    )
    legal_hold_lift(hold=hold, reason="Reported", by=administrator)
    (disposal,) = disposals_list_due(today=TODAY)

    with django_capture_on_commit_callbacks(execute=True):
        _dispose(disposal, manager, administrator)
    assert not LegalHold.objects.filter(pk=hold.pk).exists()

    for label, row in record.items():
        if label != "evidence_pack":
            assert not type(row)._base_manager.filter(pk=row.pk).exists(), f"{label} survived disposal"
    for model, pks in rows:
        content_type = ContentType.objects.get_for_model(model)
        assert not LogEntry.objects.filter(content_type=content_type, object_pk__in=map(str, pks)).exists()
    assert not default_storage.exists(report_file)
    assert not default_storage.exists(pack_file)
    pack.refresh_from_db()
    assert pack.file.name == "" and pack.status == EvidencePack.Status.FAILED
    assert default_storage.exists(later_pack.file.name)  # a pack from after the placement is kept
    # Another child's record is untouched.
    assert KeyWorkingSession.objects.filter(pk=other_record_session.pk).exists()

    tombstone = Tombstone.objects.get()
    assert tombstone.kind == "child" and tombstone.record_number == child.pk
    assert tombstone.record_started == child.admission_date
    assert tombstone.record_ended == child.discharge_date
    assert (tombstone.manager, tombstone.administrator) == (manager, administrator)
    assert tombstone.rows_deleted == sum(len(pks) for _, pks in rows)
    assert tombstone.files_deleted == 4  # the review PDF, the pack, the memory-box picture and its thumbnail
    assert not default_storage.exists(document_file)
    # No content: nothing of the child's name in the tombstone or the disposal's history.
    disposal.refresh_from_db()
    assert disposal.child_id is None and disposal.status == Disposal.Status.DISPOSED
    for text in (str(tombstone.__dict__), *LogEntry.objects.values_list("changes_text", flat=True)):
        assert child.legal_name not in text
    assert LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Tombstone)).exists()


def test_a_staff_record_disposal_keeps_the_account_for_the_childrens_records(home, manager, administrator):
    person = member(home, full_name="Sam Leaver")
    record = full_staff_record(person, home, supervisor=manager)
    session = KeyWorkingSession.objects.create(
        child=ChildFactory(home=home, key_worker=manager),
        staff_member=person,
        author=person,
        happened_at=record["session"].created_at,
        signed_at=record["session"].created_at,
        duration_minutes=30,
        topic="Football",
        regulation_before=3,
        regulation_after=4,
    )
    staff_record_departure(person=person, left_on=datetime.date(2019, 1, 1), by=administrator)
    (disposal,) = disposals_list_due(today=TODAY)
    _dispose(disposal, manager, administrator)

    assert not SupervisionSession.objects.filter(pk=record["session"].pk).exists()
    assert not TrainingRecord.objects.filter(person=person).exists()
    assert not Attendance.objects.filter(person=person).exists()
    assert not Membership.objects.filter(user=person).exists()
    assert not StaffDeparture.objects.filter(person=person).exists()
    # The group session is the other attendees' record too: it stays, without this person.
    assert SupervisionSession.objects.filter(pk=record["group"].pk).exists()
    person.refresh_from_db()
    assert not person.is_active and person.email.endswith("@records.invalid") and not person.has_usable_password()
    assert KeyWorkingSession.objects.get(pk=session.pk).author == person  # the child's record keeps its author
    assert Tombstone.objects.get().kind == "staff"


def test_a_row_outside_every_section_stops_the_disposal_whole(home, manager, administrator):
    child = old_child(home, born=datetime.date(1940, 1, 1))
    record = full_child_record(child, manager=manager)
    (disposal,) = disposals_list_due(today=TODAY)
    disposal_confirm(disposal=disposal, by=manager, today=TODAY)
    saved = subject_access_sections.pop("assessments")  # as if an app forgot to register
    try:
        with pytest.raises(RetentionError):
            disposal_confirm(disposal=disposal, by=administrator, today=TODAY)
    finally:
        subject_access_sections["assessments"] = saved
    assert Child.objects.filter(pk=child.pk).exists()
    assert KeyWorkingSession.objects.filter(pk=record["children.KeyWorkingSession"].pk).exists()
    assert not Tombstone.objects.exists()


def test_every_model_pointing_at_a_child_is_in_a_section():
    """A new app's model that refers to a child (directly or through another of the child's
    records) must be listed by a subject-access section, or the export misses it and disposal
    is refused."""
    child_models = {apps.get_model("children", "Child")}
    listed = set()
    for section in subject_access_sections.values():
        if section.child_records:
            listed |= {queryset.model for queryset in section.child_records(Child(pk=0))}
    exempt = {Disposal, LegalHold}  # retention's own bookkeeping, cleared at disposal
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            if model in child_models or model in exempt:
                continue
            links = [f for f in model._meta.concrete_fields if f.is_relation and f.related_model in child_models]
            if links:
                child_models.add(model)
                changed = True
    assert child_models - listed == set()


def test_sections_registered_for_every_app_that_holds_personal_records():
    assert {"children", "assessments", "tracker", "supervision", "homes"} <= set(subject_access_sections)
    assert all(isinstance(section, SubjectAccessSection) for section in subject_access_sections.values())
