"""Demo key working, daily care and provision: about a year for each child in placement
(or since they arrived), deterministic and idempotent (a child who already has records of a
kind is left alone). Called from children.demo.seed after the plans, whose goals the sessions
work on."""

import datetime
import random

from django.utils import timezone

from children.brain import Region
from children.models import (
    Activity,
    Child,
    Goal,
    KeyWorkingAmendment,
    KeyWorkingSession,
    ProvisionArrangement,
    ProvisionSession,
)
from children.services.key_working import key_working_snapshot
from homes.demo import Demo
from homes.models import User

DAYS_OF_HISTORY = 365
Regulation = KeyWorkingSession.Regulation
Status = ProvisionSession.Status

# (topic, the child's words, what the adult noticed, agreed follow-up)
KEY_WORKING = [
    (
        "Settling in and what feels safe",
        "I like that my door locks from the inside. Can the landing light stay on?",
        "Quiet at first; relaxed once we walked the house together and chose where things go.",
        "Leave the landing light on at night; check in again on Friday.",
    ),
    (
        "Family time on Saturday",
        "I want to see my nan more than once a month. She's the only one who remembers my birthday.",
        "Talked about Nan with a big smile, then went quiet about mum.",
        "Ask the social worker about an extra visit with Nan.",
    ),
    (
        "Worries about school",
        "What if nobody talks to me at lunch? Last time I ate in the toilets.",
        "Fidgeting and picking at sleeves; settled when we drew a map of the dinner hall.",
        "Visit the school together before Monday and find the quiet room.",
    ),
    (
        "A hard night on Tuesday",
        "I didn't mean to smash the mug. My head just went loud and I couldn't stop it.",
        "Able to name the feeling in the body (hot, buzzing) — a first.",
        "Try the weighted blanket and the den when it gets loud; practise the breathing on the trampoline.",
    ),
    (
        "Choosing my bedroom colours",
        "Green, like the woods at Hardcastle. Not baby green. Proper green.",
        "Animated and full of ideas; held the paint chart for ages.",
        "Buy the paint at the weekend and decorate together.",
    ),
    (
        "Feeling left out at football",
        "They only pass to their mates. I'm rubbish anyway so what's the point.",
        "Harsh on themselves; softened when we remembered last week's save.",
        "Go to the park for shooting practice on Thursday.",
    ),
    (
        "Missing home",
        "I miss my mum's cooking. Can we make her stew? Nobody here knows how.",
        "Tearful, then laughed when planning the shopping list.",
        "Cook the stew together on Saturday and send Mum a photo.",
    ),
    (
        "Review of my plan",
        "I want to do more stuff on my own, like go to the shop. I'm not a baby.",
        "Clear and confident about what they want; listened to the reasons for the steps.",
        "Try a walk to the corner shop with a phone check-in.",
    ),
    (
        "Sleep",
        "I wake up when the boiler bangs and then I think someone's coming in.",
        "Yawning and flat; relieved to hear the boiler noise is normal.",
        "Put a white-noise speaker in the room; show how the boiler works in daylight.",
    ),
    (
        "Getting ready for the review meeting",
        "Will my social worker be there? I want to say I like it here but I don't want to talk about dad.",
        "Wanted to write the words down rather than say them in the room.",
        "Write a letter for the review together; agree a signal for a break.",
    ),
    (
        "Good news",
        "I got a merit for my poem! Miss read it out and nobody laughed.",
        "Bouncing; wanted to phone everyone.",
        "Put the certificate on the fridge and in the memory box.",
    ),
    (
        "Phone and online worries",
        "Someone added me to a group chat and they're saying stuff about me.",
        "Anxious but trusted us with it — named it as brave.",
        "Block and report together; let the designated teacher know.",
    ),
    (
        "Birthday plans",
        "Can we go bowling? And can Nan come? I don't want a big fuss.",
        "Shy about being the centre of attention; clear about a small party.",
        "Book bowling for four and invite Nan.",
    ),
    (
        "After a visit to dad",
        "He said he'd come next time and he never does. I'm not bothered.",
        "Said 'not bothered' but curled up on the sofa; accepted a hot chocolate.",
        "Keep the evening quiet; check in tomorrow after school.",
    ),
    (
        "Learning to swim",
        "I did a whole width without the float! Can we go again on Sunday?",
        "Proud and chatty all the way home.",
        "Go swimming again on Sunday.",
    ),
    (
        "Faith and culture",
        "Can I go to the celebration at my aunty's? I want to wear my new outfit.",
        "Lit up talking about family traditions.",
        "Arrange transport for the celebration with the placing authority.",
    ),
]

# (kind, region, minutes, note)
ACTIVITIES = [
    (Activity.Kind.SOOTHING, Region.BRAINSTEM, 20, "Weighted blanket and a story before bed"),
    (Activity.Kind.SOOTHING, Region.DIENCEPHALON, 30, "Trampoline, then drumming in the garden"),
    (Activity.Kind.SOOTHING, Region.BRAINSTEM, 15, "Warm bath with music; asked for the lavender"),
    (Activity.Kind.ENRICHMENT, Region.LIMBIC, 90, "Baked bread together and shared it at tea"),
    (Activity.Kind.ENRICHMENT, Region.DIENCEPHALON, 60, "Walked the dog up to Heptonstall"),
    (Activity.Kind.ENRICHMENT, Region.CORTEX, 45, "Chess club at the library"),
    (Activity.Kind.ENRICHMENT, Region.LIMBIC, 120, "Climbing wall with two friends"),
    (Activity.Kind.ENRICHMENT, Region.DIENCEPHALON, 60, "Swimming: a width without the float"),
    (Activity.Kind.FAMILY_TIME, Region.LIMBIC, 120, "Family time with Nan at the café"),
    (Activity.Kind.FAMILY_TIME, "", 60, "Video call with a brother"),
    (Activity.Kind.EDUCATION, Region.CORTEX, 45, "Homework at the kitchen table; spellings"),
    (Activity.Kind.EDUCATION, Region.CORTEX, 30, "Reading together: two chapters"),
    (Activity.Kind.HEALTH, "", 60, "Dentist check-up; coped well with the waiting room"),
    (Activity.Kind.HEALTH, Region.DIENCEPHALON, 40, "Cooked a meal together and ate at the table"),
    (Activity.Kind.OTHER, Region.LIMBIC, 30, "Planted bulbs in the garden"),
]


def _history_start(child: Child, today: datetime.date) -> datetime.date:
    return max(child.admission_date, today - datetime.timedelta(days=DAYS_OF_HISTORY))


def _staff_of(child: Child) -> list[User]:
    return list(User.objects.working_in(child.home_id).order_by("pk"))


def _key_working(child: Child, rng: random.Random, today: datetime.date) -> None:
    if child.key_working_sessions.exists():
        return
    staff = _staff_of(child)
    day = _history_start(child, today) + datetime.timedelta(days=2)
    sessions = []
    index = 0
    while day < today:
        topic, voice, notes, follow_up = KEY_WORKING[index % len(KEY_WORKING)]
        # The key worker does most sessions; others cover leave and shifts.
        worker = child.key_worker if child.key_worker and rng.random() < 0.8 else rng.choice(staff)
        before = rng.choice(
            [Regulation.HARD_TIME, Regulation.UNSETTLED, Regulation.UNSETTLED, Regulation.MOSTLY_SETTLED]
        )
        happened = timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.choice([16, 17, 19]), 30)))
        sessions.append(
            KeyWorkingSession(
                child=child,
                staff_member=worker,
                happened_at=happened,
                duration_minutes=rng.choice([25, 30, 40, 45, 60]),
                topic=topic,
                child_voice=voice,
                notes=notes,
                regulation_before=before,
                regulation_after=min(before + rng.choice([0, 1, 1, 2]), Regulation.CALM),
                follow_ups=follow_up,
                author=worker,
                signed_at=happened + datetime.timedelta(minutes=rng.randint(40, 180)),
            )
        )
        index += 1
        day += datetime.timedelta(days=rng.randint(5, 9))
    KeyWorkingSession.objects.bulk_create(sessions)


def _goals_worked_on(child: Child, rng: random.Random) -> None:
    """About two sessions in three worked on one or two open goals of the plan in force at the
    time (so the goals' counts on the plan page run across versions)."""
    links = KeyWorkingSession.goals_worked_on.through
    if links.objects.filter(keyworkingsession__child=child).exists():
        return
    plans = list(
        child.care_plans.filter(signed_off_at__isnull=False).prefetch_related("goals").order_by("signed_off_at")
    )
    made = []
    # Amended sessions keep what they were signed with (the amendment holds the original).
    for session in child.key_working_sessions.filter(amendments__isnull=True).order_by("happened_at", "pk"):
        in_force = [plan for plan in plans if plan.signed_off_at <= session.happened_at]
        goals = [goal for goal in in_force[-1].goals.all() if goal.status in Goal.OPEN] if in_force else []
        if not goals or rng.random() < 0.35:
            continue
        for goal in rng.sample(goals, k=min(len(goals), rng.choice([1, 1, 2]))):
            made.append(links(keyworkingsession_id=session.pk, goal_id=goal.pk))
    links.objects.bulk_create(made)


def _amendment(child: Child) -> None:
    """One amendment, so the demo shows how an entry changes after 24 hours."""
    if KeyWorkingAmendment.objects.filter(session__child=child).exists():
        return
    sessions = list(child.key_working_sessions.order_by("happened_at", "pk"))
    if len(sessions) <= 3:
        return
    session = sessions[-3]
    previous = key_working_snapshot(session)
    session.duration_minutes += 15
    session.save(update_fields=["duration_minutes"])
    KeyWorkingAmendment.objects.create(
        session=session,
        reason="The session carried on over tea; I recorded only the first part.",
        previous_values=previous,
        changed_fields=["duration_minutes"],
        amended_by=session.author,
        amended_at=session.signed_at + datetime.timedelta(days=2),
    )


def _activities(child: Child, rng: random.Random, today: datetime.date) -> None:
    if child.activities.exists():
        return
    staff = _staff_of(child)
    day = _history_start(child, today)
    activities = []
    while day <= today:
        for _ in range(rng.choice([0, 1, 1, 2])):
            kind, region, minutes, note = rng.choice(ACTIVITIES)
            activities.append(
                Activity(
                    child=child,
                    kind=kind,
                    date=day,
                    duration_minutes=minutes,
                    region=region,
                    note=note,
                    recorded_by=rng.choice(staff),
                )
            )
        day += datetime.timedelta(days=1)
    Activity.objects.bulk_create(activities)


def _is_school_holiday(day: datetime.date) -> bool:
    return day.month == 8 or (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 3)


def _register(
    arrangement: ProvisionArrangement, rng: random.Random, today: datetime.date, days: list[datetime.date], staff
) -> None:
    statuses = [Status.ATTENDED] * 17 + [Status.DID_NOT_ATTEND, Status.CANCELLED_BY_PROVIDER, Status.CANCELLED_BY_HOME]
    ProvisionSession.objects.bulk_create(
        ProvisionSession(arrangement=arrangement, date=day, status=rng.choice(statuses), recorded_by=rng.choice(staff))
        for day in days
        if day < today
    )


def _provision(child: Child, rng: random.Random, today: datetime.date, manager: User) -> None:
    if child.provision_arrangements.exists():
        return
    staff = _staff_of(child)
    start = _history_start(child, today)
    if child.school and child.school != "Not in education":
        school = ProvisionArrangement.objects.create(
            child=child,
            kind=ProvisionArrangement.Kind.EDUCATION,
            provider=child.school,
            description="Full timetable with a named key adult",
            start_date=start,
            frequency=ProvisionArrangement.Frequency.DAILY,
            created_by=manager,
        )
        days = [start + datetime.timedelta(days=n) for n in range((today - start).days)]
        _register(school, rng, today, [d for d in days if d.weekday() < 5 and not _is_school_holiday(d)], staff)
    therapy = ProvisionArrangement.objects.create(
        child=child,
        kind=ProvisionArrangement.Kind.PSYCHOTHERAPY,
        provider="Calder Valley Therapy Service"
        if child.home.name == "Willow House"
        else "Marches Child Psychotherapy",
        description=rng.choice(["Dramatherapy", "Dyadic developmental psychotherapy", "Play therapy"]),
        start_date=start + datetime.timedelta(days=21),
        frequency=ProvisionArrangement.Frequency.WEEKLY,
        created_by=manager,
    )
    weekly = [
        therapy.start_date + datetime.timedelta(weeks=n) for n in range((today - therapy.start_date).days // 7 + 1)
    ]
    _register(therapy, rng, today, weekly, staff)
    if rng.random() < 0.5:
        # An earlier arrangement that ended, so the page shows a finished one too.
        ended = ProvisionArrangement.objects.create(
            child=child,
            kind=ProvisionArrangement.Kind.OTHER_THERAPY,
            provider="Sensory Steps Occupational Therapy",
            description="Sensory integration block",
            start_date=start + datetime.timedelta(days=7),
            end_date=min(start + datetime.timedelta(days=90), today),
            frequency=ProvisionArrangement.Frequency.FORTNIGHTLY,
            created_by=manager,
        )
        span = (ended.end_date - ended.start_date).days // 14 + 1
        _register(ended, rng, today, [ended.start_date + datetime.timedelta(weeks=2 * n) for n in range(span)], staff)


def seed(demo: Demo) -> None:
    today = timezone.localdate()
    managers = {"Willow House": demo.people["manager"], "Rowan Lodge": demo.people["rowan_manager"]}
    for child in Child.objects.in_placement().select_related("home", "key_worker"):
        rng = random.Random(child.legal_name)  # the same history on every machine
        _key_working(child, rng, today)
        _goals_worked_on(child, rng)
        _amendment(child)
        _activities(child, rng, today)
        _provision(child, rng, today, managers.get(child.home.name, child.key_worker))
