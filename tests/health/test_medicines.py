"""Medicines and the MAR, with a fixed clock: doses due, overdue and missed, one record per dose
(the service and the database), PRN limits, the witness for controlled drugs, did-it-help."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from health.models import Dose, MedicationError, Prescription, StockMovement
from health.schedule import DUE, LATER, MISSED, RECORDED, due_at
from health.selectors import chart, stock_for
from health.services import medicines as services
from homes import extensions
from homes.models import Membership
from tests.factories import ChildFactory, member
from tests.health.factories import (
    ConditionFactory,
    DoseFactory,
    PrescriptionFactory,
    PrnPrescriptionFactory,
    StockMovementFactory,
)
from tests.utils import count_queries, today

PASSWORD = "witness-password-1"


def at(hour: int, minute: int = 0, days: int = 0) -> datetime.datetime:
    return due_at(today() + datetime.timedelta(days=days), datetime.time(hour, minute))


@pytest.fixture
def clock(monkeypatch):
    """Set the time: clock(8, 10) is 08:10 today, Europe/London."""

    def set_to(hour: int, minute: int = 0, days: int = 0) -> datetime.datetime:
        moment = at(hour, minute, days)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_to


@pytest.fixture
def melatonin(child):
    return PrescriptionFactory(child=child)


@pytest.fixture
def paracetamol(child):
    return PrnPrescriptionFactory(child=child)


def statuses(child, now):
    regular, _ = chart([child], at(0), at(0, days=1))
    return [(f"{timezone.localtime(item.due_at):%H:%M}", item.status(now)) for item in regular]


# --- doses due, overdue, missed -------------------------------------------------------------


def test_doses_are_due_an_hour_either_side_then_missed(child, melatonin, staff):
    assert statuses(child, at(6, 59)) == [("08:00", LATER), ("20:00", LATER)]
    assert statuses(child, at(7, 0)) == [("08:00", DUE), ("20:00", LATER)]
    assert statuses(child, at(9, 0)) == [("08:00", DUE), ("20:00", LATER)]
    assert statuses(child, at(9, 1)) == [("08:00", MISSED), ("20:00", LATER)]
    services.dose_record(prescription=melatonin, due_at=at(8), outcome="given", recorded_by=staff, now=at(9, 30))
    assert statuses(child, at(21, 30)) == [("08:00", RECORDED), ("20:00", MISSED)]


def test_no_dose_is_due_before_the_start_after_the_end_or_once_stopped(child, staff):
    PrescriptionFactory(child=child, start_date=today() + datetime.timedelta(days=1))
    PrescriptionFactory(
        child=child, start_date=today() - datetime.timedelta(days=9), end_date=today() - datetime.timedelta(days=1)
    )
    stopped = PrescriptionFactory(child=child)
    services.prescription_stop(prescription=stopped, stopped_reason="GP stopped it")
    assert statuses(child, at(8)) == []


def test_a_dose_cannot_be_recorded_more_than_an_hour_early(melatonin, staff):
    with pytest.raises(ValidationError) as refused:
        services.dose_record(prescription=melatonin, due_at=at(20), outcome="given", recorded_by=staff, now=at(18, 59))
    assert refused.value.messages == [services.TOO_EARLY.format(due="20:00", earliest="19:00")]


def test_only_the_charts_times_can_be_recorded(melatonin, staff):
    with pytest.raises(ValidationError) as refused:
        services.dose_record(prescription=melatonin, due_at=at(9), outcome="given", recorded_by=staff, now=at(9))
    assert refused.value.messages == [services.NOT_DUE.format(medicine=melatonin)]


def test_not_given_needs_its_reason_code(melatonin, staff):
    with pytest.raises(ValidationError):
        services.dose_record(prescription=melatonin, due_at=at(8), outcome="not_given", recorded_by=staff, now=at(8))
    dose = services.dose_record(
        prescription=melatonin, due_at=at(8), outcome="not_given", reason="A", recorded_by=staff, now=at(8)
    )
    assert dose.code == "A"


# --- the same dose twice --------------------------------------------------------------------


def test_the_same_dose_is_refused_a_second_time_saying_by_whom(melatonin, staff, deputy):
    services.dose_record(prescription=melatonin, due_at=at(8), outcome="given", recorded_by=staff, now=at(8, 2))
    with pytest.raises(ValidationError) as refused:
        services.dose_record(prescription=melatonin, due_at=at(8), outcome="refused", recorded_by=deputy, now=at(8, 5))
    assert refused.value.messages == [services.ALREADY_RECORDED.format(who=staff, when="08:02")]
    assert Dose.objects.count() == 1


def test_the_database_refuses_a_second_record_of_a_dose(melatonin, staff):
    fields = {
        "prescription": melatonin,
        "child": melatonin.child,
        "due_at": at(8),
        "outcome": "given",
        "given_at": at(8),
        "recorded_by": staff,
    }
    Dose.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Dose.objects.create(**fields)


def test_two_taps_on_the_chart_make_one_record_and_say_so(client_for, staff, melatonin, clock):
    clock(8, 5)
    client = client_for(staff)
    url = reverse("dose_record", args=[melatonin.pk])
    data = {"due_at": at(8).isoformat(), "outcome": "given"}
    assert client.post(url, data).status_code == 302
    page = client.post(url, data, follow=True).text
    assert "already recorded by" in page
    assert Dose.objects.count() == 1


# --- as needed (PRN) ------------------------------------------------------------------------


def test_a_prn_dose_inside_the_minimum_interval_is_refused_saying_when(paracetamol, staff):
    services.prn_dose_give(
        prescription=paracetamol, given_at=at(10), prn_reason="Headache", recorded_by=staff, now=at(10)
    )
    with pytest.raises(ValidationError) as refused:
        services.prn_dose_give(
            prescription=paracetamol, given_at=at(13, 59), prn_reason="Still", recorded_by=staff, now=at(13, 59)
        )
    child = paracetamol.child.preferred_name
    assert refused.value.messages == [
        services.PRN_INTERVAL.format(child=child, medicine=paracetamol, last="10:00", interval="4 hours", next="14:00")
    ]
    services.prn_dose_give(prescription=paracetamol, given_at=at(14), prn_reason="Still", recorded_by=staff, now=at(14))


def test_a_prn_dose_beyond_the_most_in_24_hours_is_refused(paracetamol, staff, clock):
    clock(23)
    for hour in (0, 5, 10, 15):
        DoseFactory(prescription=paracetamol, given_at=at(hour), recorded_by=staff)
    with pytest.raises(ValidationError) as refused:
        services.prn_dose_give(
            prescription=paracetamol, given_at=at(22), prn_reason="Toothache", recorded_by=staff, now=at(22)
        )
    # Twenty-four hours after the first of the four: midnight, but 23:00 on the day the clocks go
    # back (a day of 25 hours) and 01:00 the next day on the day they go forward.
    next_at = timezone.localtime(at(0).astimezone(datetime.UTC) + datetime.timedelta(hours=24))  # real hours
    assert refused.value.messages == [
        services.PRN_MAX.format(
            child=paracetamol.child.preferred_name,
            count=4,
            medicine=paracetamol,
            time="22:00",
            max=4,
            next=f"{next_at:%H:%M}" if next_at.date() == today() else f"{next_at:%H:%M on %-d %B}",
        )
    ]


def test_the_prn_form_says_why_it_was_refused(client_for, staff, paracetamol, clock):
    clock(12)
    DoseFactory(prescription=paracetamol, given_at=at(11), recorded_by=staff)
    response = client_for(staff).post(
        reverse("prn_give", args=[paracetamol.pk]), {"given_at": "", "prn_reason": "Headache"}
    )
    assert response.status_code == 200
    response = client_for(staff).post(
        reverse("prn_give", args=[paracetamol.pk]),
        {"given_at": at(12).strftime("%Y-%m-%dT%H:%M"), "prn_reason": "Headache"},
    )
    assert "it needs at least 4 hours between doses, so the next can be given from 15:00" in response.text
    assert Dose.objects.count() == 1


def test_whether_a_prn_dose_helped_is_asked_an_hour_later(paracetamol, staff):
    dose = services.prn_dose_give(
        prescription=paracetamol, given_at=at(10), prn_reason="Headache", recorded_by=staff, now=at(10)
    )
    with pytest.raises(ValidationError) as refused:
        services.prn_effect_record(dose=dose, effect="helped", effect_note="", recorded_by=staff, now=at(10, 30))
    assert refused.value.messages == [services.EFFECT_TOO_SOON.format(time="11:00")]
    services.prn_effect_record(dose=dose, effect="helped", effect_note="Back to playing", recorded_by=staff, now=at(11))
    dose.refresh_from_db()
    assert dose.effect == "helped" and dose.effect_by == staff


def test_a_regular_medicine_is_not_given_as_needed(melatonin, staff):
    with pytest.raises(ValidationError):
        services.prn_dose_give(prescription=melatonin, given_at=at(8), prn_reason="x", recorded_by=staff, now=at(8))


def test_a_prn_prescription_needs_its_limits(child, manager):
    with pytest.raises(ValidationError) as refused:
        services.prescription_add(
            child=child,
            created_by=manager,
            medicine="Ibuprofen",
            form="tablet",
            dose="1",
            as_needed=True,
            start_date=today(),
            prescriber="GP",
        )
    assert set(refused.value.message_dict) >= {"prn_reason", "prn_max_doses_24h", "prn_min_interval_minutes"}


# --- controlled drugs -----------------------------------------------------------------------


@pytest.fixture
def methylphenidate(child):
    return PrescriptionFactory(
        child=child, medicine="Methylphenidate", strength="10 mg", times="08:00", controlled=True
    )


@pytest.fixture
def witness(home):
    person = member(home, Membership.Role.CARE_STAFF, full_name="Priya Shah")
    person.set_password(PASSWORD)
    person.save()
    return person


def give_cd(prescription, staff, **kwargs):
    return services.dose_record(
        prescription=prescription, due_at=at(8), outcome="given", recorded_by=staff, now=at(8), **kwargs
    )


def test_a_controlled_drug_needs_a_witness_with_their_password(methylphenidate, staff, witness, other_home):
    with pytest.raises(ValidationError) as refused:
        give_cd(methylphenidate, staff)
    assert refused.value.messages == [services.WITNESS_NEEDED.format(medicine=methylphenidate)]
    with pytest.raises(ValidationError, match="someone other"):
        give_cd(methylphenidate, staff, witness=staff, witness_password=PASSWORD)
    stranger = member(other_home)
    with pytest.raises(ValidationError, match="member of staff of"):
        give_cd(methylphenidate, staff, witness=stranger, witness_password=PASSWORD)
    with pytest.raises(ValidationError) as refused:
        give_cd(methylphenidate, staff, witness=witness, witness_password="wrong")
    assert refused.value.messages == [services.WITNESS_PASSWORD]
    dose = give_cd(methylphenidate, staff, witness=witness, witness_password=PASSWORD)
    assert dose.witness == witness


def test_a_refused_controlled_drug_needs_no_witness(methylphenidate, staff):
    dose = services.dose_record(
        prescription=methylphenidate, due_at=at(8), outcome="refused", recorded_by=staff, now=at(8)
    )
    assert dose.code == "R" and dose.witness is None


# --- pages ----------------------------------------------------------------------------------


def test_the_round_shows_each_childs_doses_and_allergies_and_records_a_tap(
    client_for, staff, home, child, melatonin, clock
):
    clock(8, 5)
    other = ChildFactory(home=home, preferred_name="Tyler")
    PrescriptionFactory(child=other, medicine="Sertraline", times="08:00")
    ConditionFactory(child=other, name="Peanuts")
    client = client_for(staff)
    url = reverse("medicines_round", args=[home.pk])
    page = client.get(url).text
    assert "Siobhán" in page and "Tyler" in page and "Sertraline" in page and "Allergies:</strong> Peanuts" in page
    assert page.count("Due now") == 2
    response = client.post(
        reverse("dose_record", args=[melatonin.pk]), {"due_at": at(8).isoformat(), "outcome": "refused", "next": url}
    )
    assert response.url == url
    assert Dose.objects.get().outcome == Dose.Outcome.REFUSED


def test_the_round_runs_constant_queries(client_for, staff, home, child, melatonin):
    url = reverse("medicines_round", args=[home.pk])
    one = count_queries(client_for(staff), url)
    for _ in range(3):
        other = ChildFactory(home=home)
        PrescriptionFactory(child=other)
        PrnPrescriptionFactory(child=other)
        ConditionFactory(child=other)
    assert count_queries(client_for(staff), url) == one


def test_the_childs_medicines_page_runs_constant_queries(client_for, staff, child, melatonin):
    url = reverse("medicines", args=[child.pk])
    one = count_queries(client_for(staff), url)
    for _ in range(3):
        StockMovementFactory(prescription=PrnPrescriptionFactory(child=child))
        DoseFactory(prescription=PrnPrescriptionFactory(child=child))
    assert count_queries(client_for(staff), url) == one


def test_persona_matrix(client_for, manager, staff, assessor, child, melatonin, clock):
    clock(8)
    tap = reverse("dose_record", args=[melatonin.pk])
    assert client_for(staff).get(tap).status_code == 405
    assert client_for(assessor).post(tap, {"due_at": at(8).isoformat(), "outcome": "given"}).status_code == 403
    assert client_for(assessor).get(reverse("medicines", args=[child.pk])).status_code == 200
    assert client_for(assessor).get(reverse("mar_month", args=[child.pk])).status_code == 200
    for name, args in (
        ("prescription_add", [child.pk]),
        ("stock_add", [melatonin.pk]),
        ("prescription_stop", [melatonin.pk]),
    ):
        assert client_for(staff).get(reverse(name, args=args)).status_code == 403, name
        assert client_for(manager).get(reverse(name, args=args)).status_code == 200, name


def test_a_manager_adds_a_prescription(client_for, manager, child):
    response = client_for(manager).post(
        reverse("prescription_add", args=[child.pk]),
        {
            "medicine": "Sertraline",
            "strength": "50 mg",
            "form": "tablet",
            "dose": "1 tablet",
            "units_per_dose": "1",
            "route": "oral",
            "times": "8:00,20.00",
            "start_date": today().isoformat(),
            "prescriber": "Dr Patel",
        },
    )
    assert response.status_code == 302
    assert Prescription.objects.get().times == "08:00, 20:00"


def test_times_that_are_not_times_are_refused(client_for, manager, child):
    response = client_for(manager).post(
        reverse("prescription_add", args=[child.pk]),
        {
            "medicine": "Sertraline",
            "form": "tablet",
            "dose": "1 tablet",
            "units_per_dose": "1",
            "route": "oral",
            "times": "breakfast",
            "start_date": today().isoformat(),
            "prescriber": "Dr Patel",
        },
    )
    assert response.status_code == 200 and "24-hour clock times" in response.text


def test_missed_doses_and_doses_due_show_on_the_dashboard(client_for, staff, child, melatonin, clock):
    PrescriptionFactory(child=child, medicine="Sertraline", times="10:00")
    clock(9, 30)
    page = client_for(staff).get(reverse("dashboard")).text
    assert "Missed:" in page and "Melatonin" in page
    assert "Due now:" in page and "Sertraline" in page


def test_the_handover_tells_of_doses_given_missed_allergies_and_tomorrows_appointments(
    home, child, melatonin, staff, clock
):
    from tests.health.factories import AppointmentFactory

    clock(21, 30)
    ConditionFactory(child=child, name="Penicillin")
    services.dose_record(prescription=melatonin, due_at=at(8), outcome="refused", recorded_by=staff, now=at(8))
    AppointmentFactory(child=child, starts_at=at(10, days=1), reason="Eye test", kind="optician")
    AppointmentFactory(child=child, starts_at=at(10, days=3), reason="Later on")
    sections = {s.name: s for s in extensions.handover_sections.values()}
    medicines = [i.text for i in sections["medicines"].items(home, at(7), at(22))]
    assert any("08:00 refused" in text for text in medicines)
    assert any("20:00 was not recorded" in text for text in medicines)
    assert [i.text for i in sections["allergies"].items(home, at(7), at(22))] == [
        "Siobhán: allergic to Penicillin (severe (anaphylaxis risk))"
    ]
    tomorrow = [i.text for i in sections["appointments"].items(home, at(7), at(22))]
    assert len(tomorrow) == 1 and "Eye test" in tomorrow[0]


def test_a_medication_error_opens_an_incident_when_an_app_records_them(
    client_for, staff, child, melatonin, monkeypatch
):
    reports = []
    monkeypatch.setattr(extensions, "incident_openers", [lambda report: reports.append(report) or "/incidents/1/"])
    response = client_for(staff).post(
        reverse("medication_error_add", args=[child.pk]),
        {
            "prescription": melatonin.pk,
            "kind": "missed",
            "occurred_at": timezone.localtime(timezone.now() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "what_happened": "Left for school before the 8 am dose",
            "action_taken": "Rang 111 for advice",
        },
    )
    assert response.status_code == 302
    error = MedicationError.objects.get()
    assert error.incident_url == "/incidents/1/"
    assert reports[0].source_id == error.pk and reports[0].kind == "Medication error: missed dose"


def test_without_an_incidents_app_the_error_is_still_recorded(staff, child, monkeypatch):
    monkeypatch.setattr(extensions, "incident_openers", [])
    error = services.medication_error_record(
        child=child,
        recorded_by=staff,
        kind="wrong_dose",
        occurred_at=timezone.now(),
        what_happened="x",
        action_taken="y",
    )
    assert error.pk and error.incident_url == ""


def test_the_month_chart_in_the_paper_layout(client_for, staff, child, melatonin, clock):
    clock(21, 30)
    services.dose_record(prescription=melatonin, due_at=at(8), outcome="refused", recorded_by=staff, now=at(8))
    page = client_for(staff).get(reverse("mar_month", args=[child.pk])).text
    assert "MAR chart" in page and ">R<" in page.replace("</td>", "<").replace('mar-box">', ">")
    assert "mar-missed" in page  # the 20:00 dose, not recorded


def test_stock_balance_from_the_last_count(child, melatonin, staff):
    StockMovementFactory(prescription=melatonin, kind=StockMovement.Kind.RECEIVED, quantity=28)
    for hour in (8, 20):
        DoseFactory(prescription=melatonin, due_at=at(hour, days=-1), given_at=at(hour, days=-1), outcome="given")
    stock = stock_for([melatonin])[melatonin.pk]
    assert stock.expected == 26
    StockMovementFactory(prescription=melatonin, kind=StockMovement.Kind.COUNTED, quantity=25)
    stock = stock_for([melatonin])[melatonin.pk]
    assert stock.expected == 25 and stock.discrepancy == -1


# --- races, on PostgreSQL ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_people_giving_the_same_prn_at_once_give_one_dose_on_postgresql(home, staff, deputy):
    from django.db import connection

    from tests.utils import at_the_same_time

    if connection.vendor != "postgresql":
        pytest.skip("needs a database that runs the two at the same time")
    paracetamol = PrnPrescriptionFactory(child=ChildFactory(home=home, key_worker=staff))
    now = timezone.now()

    def give(person):
        def run():
            try:
                services.prn_dose_give(
                    prescription=paracetamol, given_at=now, prn_reason="Headache", recorded_by=person, now=now
                )
                return "given"
            except ValidationError:
                return "refused"

        return run

    assert sorted(at_the_same_time(give(staff), give(deputy))) == ["given", "refused"]
    assert Dose.objects.filter(prescription=paracetamol).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_taps_on_the_same_dose_at_once_record_one_on_postgresql(home, staff, deputy):
    from django.db import connection

    from tests.utils import at_the_same_time

    if connection.vendor != "postgresql":
        pytest.skip("needs a database that runs the two at the same time")
    melatonin = PrescriptionFactory(child=ChildFactory(home=home, key_worker=staff))
    moment = due_at(timezone.localdate(), datetime.time(8))

    def tap(person):
        def run():
            try:
                services.dose_record(
                    prescription=melatonin, due_at=moment, outcome="given", recorded_by=person, now=moment
                )
                return "recorded"
            except ValidationError as error:
                return error.messages[0]

        return run

    outcomes = sorted(at_the_same_time(tap(staff), tap(deputy)), key=len)
    assert outcomes[0] == "recorded"
    assert outcomes[1] in {services.ALREADY_RECORDED_NOW} or outcomes[1].startswith("This dose was already recorded")
    assert Dose.objects.filter(prescription=melatonin).count() == 1
