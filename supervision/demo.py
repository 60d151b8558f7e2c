"""Demo team regulation: a year of supervision for every member of staff, with realistic gaps
(some people overdue today), group reflective practice and peer support, a training matrix
with expiring and expired courses, and wellbeing check-ins (enough at Willow House for the
monthly aggregate to show; too few at Rowan Lodge, which shows why it is hidden).

Idempotent: people are matched by e-mail, and each kind of record is only created when the
demo homes have none yet."""

import datetime
import random

from django.utils import timezone

from homes.demo import DEMO_PASSWORD, RECENT_STARTERS, Demo
from homes.models import Membership, User
from supervision.models import (
    Attendance,
    Course,
    SupervisionAction,
    SupervisionArrangement,
    SupervisionSession,
    TrainingRecord,
    WellbeingCheckIn,
)

# More staff than the logins, so a home has enough people for the wellbeing aggregate.
EXTRA_STAFF = [
    ("willow_staff3", "Oluwaseun Adebayo", "oluwaseun.adebayo@hearth.example", "willow"),
    ("willow_staff4", "Beth Carter", "beth.carter@hearth.example", "willow"),
    ("rowan_staff3", "Dylan Evans", "dylan.evans@hearth.example", "rowan"),
]

# supervisee key: (supervisor key, weeks since last supervision today, skip rate through the year)
SUPERVISION = {
    "manager": ("lead", 2, 0.1),
    "deputy": ("manager", 3, 0.1),
    "staff": ("deputy", 1, 0.15),  # Jess: her latest session awaits her signature
    "willow_staff2": ("deputy", 7, 0.3),  # Ffion: overdue
    "willow_staff3": ("manager", 2, 0.2),
    "willow_staff4": ("deputy", 9, 0.35),  # Beth: overdue
    "rowan_manager": ("lead", 3, 0.1),
    "rowan_staff1": ("rowan_manager", 2, 0.15),
    "rowan_staff2": ("rowan_manager", 6, 0.3),  # Hannah: overdue
    "rowan_staff3": ("rowan_manager", 1, 0.2),
}
OVERDUE_APPRAISAL = {"rowan_staff1"}

NOTES = [
    "Talked through a hard evening with {child}: what helped was staying close and keeping the voice low.",
    "Reflected on feeling worn down after a run of night shifts; agreed to protect time off this week.",
    "Explored how {child}'s early experiences show up at bedtime, and how the team can keep routines predictable.",
    "Discussed a disagreement in the team about consequences; linked it back to PACE and connection first.",
    "Celebrated progress: {child} asked for help instead of leaving the room. Thought about how to notice this more.",
    "Checked in on wellbeing after the incident on Saturday. Feeling steadier; knows how to reach the on-call manager.",
]
ACTIONS = [
    "Book a place on the next PACE refresher",
    "Write up the calming plan with {child} and share it at handover",
    "Take the two days of leave owed before the end of the month",
    "Read the chapter on co-regulation before the next group",
    "Shadow the deputy at the next review meeting",
]
CHILD_NAMES = ["Siobhán", "Zoë", "Kacper", "Amara"]
GROUP_NOTES = (
    "Reflective practice: the team brought a recent difficult moment and thought together about what it meant."
)


def seed(demo: Demo) -> None:
    today = timezone.localdate()
    rng = random.Random(6)  # noqa: S311 - demo data, not security
    _extra_staff(demo, today)
    homes = list(demo.homes.values())
    _arrangements(demo, today)
    if not SupervisionSession.objects.filter(home__in=homes).exists():
        _supervision(demo, today, rng)
    if not TrainingRecord.objects.filter(person__memberships__home__in=homes).exists():
        _training(demo, today, rng)
    if not WellbeingCheckIn.objects.filter(home__in=homes).exists():
        _wellbeing(demo, today, rng)


def _extra_staff(demo: Demo, today: datetime.date) -> None:
    for key, full_name, email, home_key in EXTRA_STAFF:
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, DEMO_PASSWORD, full_name=full_name
        )
        demo.people[key] = user
        Membership.objects.get_or_create(
            user=user, home=demo.homes[home_key], defaults={"role": Membership.Role.CARE_STAFF}
        )
    # The demo's staff have worked at their homes for years, so a year of supervision is due.
    Membership.objects.filter(
        home__in=demo.homes.values(), started_on__gt=today - datetime.timedelta(days=730)
    ).exclude(user__email__in=RECENT_STARTERS).update(started_on=today - datetime.timedelta(days=900))


def _home_of(demo: Demo, person: User):
    return next(home for home in demo.homes.values() if home.memberships.filter(user=person).exists())


def _arrangements(demo: Demo, today: datetime.date) -> None:
    """Every member of staff has a named supervisor, who has supervised them for the demo's year."""
    for key, (supervisor_key, _weeks, _skip) in SUPERVISION.items():
        person = demo.people[key]
        home = _home_of(demo, person)
        if not SupervisionArrangement.objects.filter(person=person, home=home, until=None).exists():
            SupervisionArrangement.objects.create(
                person=person,
                supervisor=demo.people[supervisor_key],
                home=home,
                since=today - datetime.timedelta(days=400),
                set_by=demo.people["manager"] if home == demo.homes["willow"] else demo.people["rowan_manager"],
            )


def _supervision(demo: Demo, today: datetime.date, rng: random.Random) -> None:
    now = timezone.now()
    themes = SupervisionSession.Theme.values
    for key, (supervisor_key, weeks_since, skip_rate) in SUPERVISION.items():
        person, supervisor = demo.people[key], demo.people[supervisor_key]
        home = _home_of(demo, person)
        held_on = today - datetime.timedelta(weeks=weeks_since)
        dates = []
        while held_on > today - datetime.timedelta(days=365):
            dates.append(held_on)
            held_on -= datetime.timedelta(weeks=4 + (2 if rng.random() < skip_rate else 0), days=rng.randint(-3, 3))
        for index, day in enumerate(dates):
            latest = index == 0
            session = SupervisionSession.objects.create(
                home=home,
                kind=SupervisionSession.Kind.INDIVIDUAL,
                supervisor=supervisor,
                recorded_by=supervisor,
                held_on=day,
                duration_minutes=rng.choice([45, 60, 60, 75, 90]),
                next_on=day + datetime.timedelta(weeks=4),
                themes=rng.sample(themes[:-1], rng.randint(2, 4)),
                coping_rating=rng.choice([2, 3, 3, 4, 4, 4, 5]),
                notes=rng.choice(NOTES).format(child=rng.choice(CHILD_NAMES)),
                supervisor_signed_at=now - datetime.timedelta(days=(today - day).days - 1),
            )
            awaiting = latest and key == "staff"
            Attendance.objects.create(
                session=session,
                person=person,
                signed_at=None if awaiting else now - datetime.timedelta(days=(today - day).days - 2),
            )
            if index < 3 or rng.random() < 0.3:
                due = day + datetime.timedelta(weeks=3)
                SupervisionAction.objects.create(
                    session=session,
                    description=rng.choice(ACTIONS).format(child=rng.choice(CHILD_NAMES)),
                    owner=person if rng.random() < 0.8 else supervisor,
                    due_on=due,
                    done_on=None if index == 0 or (index < 3 and rng.random() < 0.3) else min(due, today),
                )
        appraisal_on = today - datetime.timedelta(days=400 if key in OVERDUE_APPRAISAL else rng.randint(30, 300))
        appraisal = SupervisionSession.objects.create(
            home=home,
            kind=SupervisionSession.Kind.APPRAISAL,
            supervisor=supervisor,
            recorded_by=supervisor,
            held_on=appraisal_on,
            duration_minutes=90,
            themes=["training", "wellbeing"],
            notes="Annual appraisal: looked back at the year and agreed development goals.",
            supervisor_signed_at=now - datetime.timedelta(days=(today - appraisal_on).days),
        )
        Attendance.objects.create(
            session=appraisal, person=person, signed_at=now - datetime.timedelta(days=(today - appraisal_on).days)
        )
    _groups(demo, today, rng, now)


def _groups(demo: Demo, today: datetime.date, rng: random.Random, now: datetime.datetime) -> None:
    groups = [
        ("willow", SupervisionSession.Kind.REFLECTIVE_PRACTICE, "assessor", ["deputy", "staff", "willow_staff3"]),
        ("rowan", SupervisionSession.Kind.PEER_SUPPORT, "rowan_manager", ["rowan_staff1", "rowan_staff3"]),
    ]
    for home_key, kind, facilitator_key, regulars in groups:
        for months_ago in range(1, 12, 2):
            day = today - datetime.timedelta(days=30 * months_ago + rng.randint(0, 6))
            session = SupervisionSession.objects.create(
                home=demo.homes[home_key],
                kind=kind,
                supervisor=demo.people[facilitator_key],
                recorded_by=demo.people[facilitator_key],
                held_on=day,
                duration_minutes=90,
                themes=["children", "team", "practice"],
                notes=GROUP_NOTES,
                supervisor_signed_at=now - datetime.timedelta(days=(today - day).days),
            )
            for key in regulars:
                Attendance.objects.create(
                    session=session,
                    person=demo.people[key],
                    signed_at=now - datetime.timedelta(days=(today - day).days),
                )


def _training(demo: Demo, today: datetime.date, rng: random.Random) -> None:
    courses = list(Course.objects.filter(active=True))
    people = {m.user for m in Membership.objects.filter(home__in=demo.homes.values()).select_related("user")}
    records = []
    for person in sorted(people, key=lambda p: p.pk):
        for course in courses:
            roll = rng.random()
            if roll < 0.1:
                continue  # missing
            months = course.valid_for_months or 36
            if roll < 0.22:
                completed = today - datetime.timedelta(days=months * 30 + rng.randint(10, 120))  # expired
            elif roll < 0.37:
                completed = today - datetime.timedelta(days=months * 30 - rng.randint(5, 50))  # expiring
            else:
                completed = today - datetime.timedelta(days=rng.randint(20, months * 30 - 90))
            records.append(TrainingRecord(person=person, course=course, completed_on=completed))
    for record in records:
        record.save()  # save() works out the expiry date


def _wellbeing(demo: Demo, today: datetime.date, rng: random.Random) -> None:
    now = timezone.now()
    checkins = []
    for membership in Membership.objects.filter(home__in=demo.homes.values()).exclude(role=Membership.Role.ASSESSOR):
        mood = rng.choice([3, 3.5, 4, 4.5])
        for days_ago in range(2, 180, rng.choice([6, 7, 9])):
            score = max(1, min(5, round(mood + rng.uniform(-1.4, 1.2))))
            checkins.append(
                WellbeingCheckIn(
                    person_id=membership.user_id,
                    home_id=membership.home_id,
                    recorded_at=now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 8)),
                    score=score,
                    private_note="Tired after a run of late shifts." if score <= 2 and rng.random() < 0.5 else "",
                )
            )
    WellbeingCheckIn.objects.bulk_create(checkins)
