"""Demo health records and medicines (issue 11): allergies, registrations, delegated authority,
appointments and health assessments for every child in placement; prescriptions for two
Willow House children (one "as needed") with a month of MAR holding a refusal and a missed dose
(and the medication error recorded for it). Idempotent: a child who already has prescriptions
or a health record is left alone. Today's doses are left for the demo's medicines round."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from children.models import Child
from health.models import (
    Appointment,
    Condition,
    DelegatedAuthority,
    Dose,
    HealthAssessment,
    Immunisation,
    MedicationError,
    Prescription,
    Registration,
    StockMovement,
)
from health.schedule import due_at
from homes.demo import Demo

MAR_DAYS = 30
ALLERGIES = {
    "Siobhán": (
        "Penicillin",
        Condition.Severity.SEVERE,
        "Hives and swelling of the lips: call 999, give her adrenaline pen.",
    )
}


def _record(child: Child, by, today: datetime.date, rng: random.Random) -> None:
    if Registration.objects.filter(child=child).exists():
        return
    Registration.objects.create(
        child=child,
        kind=Registration.Kind.GP,
        practice="Riverside Surgery",
        clinician="Dr Anil Patel",
        phone="01422 555 0101",
        address="4 Bridge Gate, Hebden Bridge",
        registered_on=child.admission_date,
        recorded_by=by,
    )
    Registration.objects.create(
        child=child,
        kind=Registration.Kind.DENTIST,
        practice="Calder Valley Dental",
        phone="01422 555 0177",
        registered_on=child.admission_date + datetime.timedelta(days=21),
        recorded_by=by,
    )
    Registration.objects.create(
        child=child,
        kind=Registration.Kind.OPTICIAN,
        practice="Market Street Opticians",
        phone="01422 555 0190",
        recorded_by=by,
    )
    if child.preferred_name in ALLERGIES:
        name, severity, response = ALLERGIES[child.preferred_name]
        Condition.objects.create(
            child=child,
            kind=Condition.Kind.ALLERGY,
            name=name,
            severity=severity,
            reaction_and_response=response,
            recorded_by=by,
        )
    elif rng.random() < 0.5:
        Condition.objects.create(
            child=child,
            kind=Condition.Kind.ALLERGY,
            name="House dust mite",
            severity=Condition.Severity.MILD,
            reaction_and_response="Sneezing; antihistamine helps.",
            recorded_by=by,
        )
    Condition.objects.create(
        child=child,
        kind=Condition.Kind.CONDITION,
        name="Mild asthma" if rng.random() < 0.4 else "Eczema",
        reaction_and_response="Follow the plan in the health folder.",
        recorded_by=by,
    )
    Immunisation.objects.create(
        child=child,
        vaccine="HPV",
        given_on=today - datetime.timedelta(days=200),
        given_by="School nursing team",
        recorded_by=by,
    )
    initial_on = child.admission_date + datetime.timedelta(days=20)
    HealthAssessment.objects.create(
        child=child,
        kind=HealthAssessment.Kind.INITIAL,
        due_on=child.admission_date + datetime.timedelta(days=28),
        done_on=initial_on,
        done_by="Looked-after children's nurse",
        outcome="Generally well; dental check and eye test recommended.",
        recorded_by=by,
    )
    HealthAssessment.objects.create(
        child=child,
        kind=HealthAssessment.Kind.REVIEW,
        due_on=today + datetime.timedelta(days=rng.randint(-5, 20)),
        recorded_by=by,
    )
    Appointment.objects.create(
        child=child,
        kind=Appointment.Kind.DENTIST,
        starts_at=due_at(today - datetime.timedelta(days=40), datetime.time(15, 30)),
        place="Calder Valley Dental",
        reason="Check-up",
        status=Appointment.Status.ATTENDED,
        outcome="No fillings needed; brushing going well.",
        recorded_by=by,
        outcome_by=by,
        outcome_at=timezone.now(),
    )
    Appointment.objects.create(
        child=child,
        kind=Appointment.Kind.OPTICIAN,
        starts_at=due_at(today + datetime.timedelta(days=1), datetime.time(10, 0)),
        place="Market Street Opticians",
        reason="Eye test",
        recorded_by=by,
    )
    for matter, may, conditions in (
        (DelegatedAuthority.Matter.HAIRCUTS, True, "Not colouring without asking the social worker."),
        (DelegatedAuthority.Matter.OVERNIGHT, True, "With friends' families the home has met."),
        (DelegatedAuthority.Matter.SCHOOL_TRIPS, True, ""),
        (
            DelegatedAuthority.Matter.MEDICAL,
            True,
            "Routine treatment; anything under anaesthetic goes to the social worker.",
        ),
        (DelegatedAuthority.Matter.PHOTOGRAPHS, False, "Ask the social worker: no photographs online."),
    ):
        DelegatedAuthority.objects.create(
            child=child,
            matter=matter,
            home_may_consent=may,
            conditions=conditions,
            given_by=f"{child.social_worker_name or 'The social worker'}, social worker",
            given_on=child.admission_date + datetime.timedelta(days=7),
            recorded_by=by,
        )


def _mar(
    child: Child,
    prescriptions: list[Prescription],
    staff: list,
    today: datetime.date,
    rng: random.Random,
    refuse_on: int,
    miss_on: int,
) -> None:
    """A month of the chart up to yesterday: given by the staff on shift, one refusal, one missed."""
    for days_ago in range(MAR_DAYS, 0, -1):
        day = today - datetime.timedelta(days=days_ago)
        for prescription in prescriptions:
            if prescription.as_needed or not prescription.active_on(day):
                continue
            for time in prescription.time_list:
                moment = due_at(day, time)
                if days_ago == miss_on and time.hour < 12:
                    continue  # the missed dose: nobody recorded it
                outcome = Dose.Outcome.REFUSED if days_ago == refuse_on and time.hour < 12 else Dose.Outcome.GIVEN
                Dose.objects.create(
                    prescription=prescription,
                    child=child,
                    due_at=moment,
                    outcome=outcome,
                    given_at=moment + datetime.timedelta(minutes=rng.randint(0, 25)),
                    recorded_by=rng.choice(staff),
                    note="Said it tastes horrible; offered again later, still did not want it."
                    if outcome == Dose.Outcome.REFUSED
                    else "",
                )
    missed_day = today - datetime.timedelta(days=miss_on)
    MedicationError.objects.create(
        child=child,
        prescription=prescriptions[0],
        kind=MedicationError.Kind.MISSED,
        occurred_at=due_at(missed_day, datetime.time(9, 30)),
        what_happened="The morning dose was not given: the round was interrupted when a school taxi came early.",
        action_taken=(
            "Rang the GP surgery: advised to give the next dose as normal. Manager told; the round now starts at 07:45."
        ),
        recorded_by=staff[0],
    )


def seed(demo: Demo) -> None:
    today = timezone.localdate()
    staff = [demo.people[key] for key in ("staff", "deputy", "manager") if key in demo.people]
    for child in Child.objects.in_placement().select_related("home", "key_worker").order_by("pk"):
        rng = random.Random(f"health {child.legal_name}")
        _record(child, child.key_worker or staff[0], today, rng)
    willow = list(Child.objects.in_placement().filter(home=demo.homes["willow"]).order_by("pk")[:2])
    if len(willow) < 2 or Prescription.objects.filter(child__in=willow).exists():
        return
    manager = demo.people["manager"]
    first, second = willow
    start = today - datetime.timedelta(days=MAR_DAYS + 20)
    sertraline = Prescription.objects.create(
        child=first,
        medicine="Sertraline",
        strength="50 mg",
        form=Prescription.Form.TABLET,
        dose="1 tablet",
        times="08:00",
        start_date=start,
        prescriber="Dr Anil Patel, Riverside Surgery",
        instructions="With breakfast.",
        created_by=manager,
    )
    melatonin = Prescription.objects.create(
        child=first,
        medicine="Melatonin",
        strength="2 mg",
        form=Prescription.Form.TABLET,
        dose="1 tablet",
        times="20:00",
        start_date=start,
        prescriber="Dr Anil Patel, Riverside Surgery",
        instructions="Half an hour before bed.",
        created_by=manager,
    )
    montelukast = Prescription.objects.create(
        child=second,
        medicine="Montelukast",
        strength="5 mg",
        form=Prescription.Form.TABLET,
        dose="1 chewable tablet",
        times="08:00",
        start_date=start,
        prescriber="Dr Anil Patel, Riverside Surgery",
        created_by=manager,
    )
    paracetamol = Prescription.objects.create(
        child=second,
        medicine="Paracetamol",
        strength="500 mg",
        form=Prescription.Form.TABLET,
        dose="1 tablet",
        as_needed=True,
        prn_reason="Pain, headache or a temperature",
        prn_max_doses_24h=4,
        prn_min_interval_minutes=240,
        start_date=start,
        prescriber="Dr Anil Patel, Riverside Surgery",
        instructions="Check nothing else with paracetamol has been given.",
        created_by=manager,
    )
    for prescription, quantity in ((sertraline, 28), (melatonin, 30), (montelukast, 28), (paracetamol, 16)):
        StockMovement.objects.create(
            prescription=prescription,
            kind=StockMovement.Kind.CARRIED_FORWARD,
            quantity=Decimal(quantity),
            on=today - datetime.timedelta(days=MAR_DAYS),
            recorded_by=manager,
        )
        StockMovement.objects.create(
            prescription=prescription,
            kind=StockMovement.Kind.RECEIVED,
            quantity=Decimal(28),
            on=today - datetime.timedelta(days=12),
            note="Monthly repeat from the pharmacy",
            recorded_by=manager,
        )
    rng = random.Random("health MAR")
    _mar(first, [sertraline, melatonin], staff, today, rng, refuse_on=9, miss_on=4)
    _mar(second, [montelukast], staff, today, rng, refuse_on=15, miss_on=22)
    for days_ago, hour, why, effect in (
        (18, 16, "Headache after school", Dose.Effect.HELPED),
        (6, 19, "Period pain", Dose.Effect.PARTLY),
    ):
        given = due_at(today - datetime.timedelta(days=days_ago), datetime.time(hour, 10))
        Dose.objects.create(
            prescription=paracetamol,
            child=second,
            outcome=Dose.Outcome.GIVEN,
            given_at=given,
            prn_reason=why,
            recorded_by=staff[0],
            effect=effect,
            effect_by=staff[0],
            effect_at=given + datetime.timedelta(hours=1),
        )
