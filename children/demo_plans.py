"""Demo care plans and risk assessments: for each child in placement an active plan (most with
an earlier, superseded version) and an active risk assessment; one plan whose review is
overdue and one revision in draft. Called from `children.demo.seed`; idempotent."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from children import extensions
from children.brain import Region
from children.models import CarePlan, Child, Goal, GoalThread, Risk, RiskAssessment, Trigger
from homes.demo import Demo
from homes.models import Membership


@dataclass(frozen=True)
class DemoGoal:
    region: Region
    title: str
    success: str
    strategies: str


GOALS = [
    DemoGoal(
        Region.BRAINSTEM,
        "Feel safe enough to settle at bedtime",
        "Asleep within half an hour on most nights, without an adult staying in the room.",
        "The same wind-down every night: bath, warm drink, story, night light. Low voices after eight.",
    ),
    DemoGoal(
        Region.DIENCEPHALON,
        "Notice when my body is getting wound up, and use something that calms it",
        "Asks for or chooses a calming activity (trampoline, music, weighted blanket) before things boil over.",
        "Name what we see with curiosity, not blame (PACE). Offer rhythm: a walk, drumming, swinging.",
    ),
    DemoGoal(
        Region.LIMBIC,
        "Trust one adult at home enough to tell them when something is wrong",
        "Seeks out the key worker when upset at least once a week, and lets them help.",
        "Protected one-to-one time twice a week. Repair after every rupture, the same day if possible.",
    ),
    DemoGoal(
        Region.CORTEX,
        "Get back into a full school day",
        "Attends school four days out of five for a half term, with a plan for the hard moments.",
        "Daily check-in with the designated teacher; a card to leave class for a quiet space when needed.",
    ),
]

# (what matters to me, what I want), in the children's own words.
VOICES = [
    ("My nan and my dog Biscuit. People not going through my stuff.", "To go back to football on Saturdays."),
    ("Seeing my little brother. Having my own room with a lock.", "To stay here until I'm ready to move on."),
    ("My music. Being listened to the first time.", "To get my phone back at night and be trusted."),
    ("Mum, even when it's hard. My drawings.", "To go on the school trip and not get sent home."),
]

TRIGGERS = [
    (
        "Raised voices, especially men's",
        "Freezes, then may run to their room or out of the house.",
        Trigger.Certainty.KNOWN,
    ),
    ("Being told 'no' in front of other young people", "Shouts, may throw what is in reach.", Trigger.Certainty.LIKELY),
    ("Changes to family time at short notice", "Withdraws; refuses food that evening.", Trigger.Certainty.KNOWN),
    ("Doors banging at night", "Wakes frightened; may not settle again.", Trigger.Certainty.WONDER),
]
# (early signs of distress, what helps, what makes it worse), one set per child in turn.
SIGNS_AND_HELPS = [
    (
        "Goes quiet and pulls the hood up; paces; answers in single words; stops eating.",
        "A calm adult they know nearby, not too close. A warm drink. Music in the car. Time, not questions.",
        "Lots of questions at once; being watched by other young people; a raised voice.",
    ),
    (
        "Gets giggly and loud, then very still; picks at the skin on the hands.",
        "Something to hold or squeeze; the trampoline; sitting side by side rather than face to face.",
        "Being told to calm down; being sent to the bedroom alone.",
    ),
    (
        "Talks fast about being treated unfairly; clenches the jaw; slams the bedroom door.",
        "Being believed first and problem-solved later; a drive or a walk with the key worker; drumming.",
        "Arguing the facts in the moment; other young people joining in.",
    ),
    (
        "Stops making eye contact; hides under the duvet; says 'I don't care'.",
        "A weighted blanket; a familiar story read aloud; being told the plan for the rest of the day.",
        "Surprises and last-minute changes; unfamiliar staff at bedtime.",
    ),
]
RISKS = [
    (
        "Going missing after a hard moment",
        "medium",
        "high",
        "Stay with them after family time; agreed check-in call; follow the missing-from-care protocol.",
    ),
    ("Hurting themselves when overwhelmed", "low", "high", "Stay close; remove sharp items calmly; tell the manager."),
]


def _people(child: Child) -> tuple:
    memberships = list(child.home.memberships.select_related("user"))
    managers = [m.user for m in memberships if m.role == Membership.Role.MANAGER] or [m.user for m in memberships]
    return managers[0], child.key_worker or managers[0]


def _version(model, child, *, version, status, manager, started, signed=None, superseded=None, review, **fields):
    record = model(
        child=child,
        version=version,
        status=status,
        created_by=manager,
        created_at=started,
        updated_by=manager,
        signed_off_by=manager if signed else None,
        signed_off_at=signed,
        superseded_at=superseded,
        review_date=review,
        **fields,
    )
    record.full_clean()
    record.save()
    return record


def _goals(child: Child, lead, plan: CarePlan, previous: list[Goal], count: int) -> list[Goal]:
    areas = {area.region: area for area in extensions.focus_areas_for(child)}
    made = []
    for index, goal in enumerate(GOALS[:count]):
        area = areas.get(goal.region)
        earlier = next((g for g in previous if g.title == goal.title), None)
        made.append(
            Goal.objects.create(
                plan=plan,
                thread=earlier.thread if earlier else GoalThread.objects.create(child=child),
                title=goal.title,
                region=goal.region,
                item_code=area.item_code if area else "",
                item_label=area.label if area else "",
                success_looks_like=goal.success,
                adult_strategies=goal.strategies,
                lead=lead,
                status=Goal.Status.WORKING if earlier or index == 0 else Goal.Status.PLANNED,
            )
        )
    return made


def _plan(child: Child, index: int, today: datetime.date) -> None:
    manager, key_worker = _people(child)
    now = timezone.now()
    admitted = child.admission_date
    voice = {
        "what_matters_to_me": VOICES[index % len(VOICES)][0],
        "what_i_want": VOICES[index % len(VOICES)][1],
        "education": f"{child.school or 'School to be agreed'}; the designated teacher meets the key worker termly.",
        "psychotherapy": "Weekly sessions with the home's therapist; the team uses the therapist's advice in the plan.",
        "health": "Registered with the local GP and dentist; annual health assessment due in spring.",
        "family_time": "Supervised family time with Mum every other Saturday; phone calls on Wednesdays.",
        "boundaries": "Home by nine on school nights; phones downstairs at ten. Adults explain the why.",
    }
    previous: list[Goal] = []
    version = 1
    long_placement = (today - admitted).days > 200
    if long_placement:
        started = timezone.make_aware(
            datetime.datetime.combine(admitted + datetime.timedelta(days=14), datetime.time(10))
        )
        first = _version(
            CarePlan,
            child,
            version=1,
            status=CarePlan.Status.SUPERSEDED,
            manager=manager,
            started=started,
            signed=started + datetime.timedelta(days=3),
            superseded=now - datetime.timedelta(days=60),
            review=(now - datetime.timedelta(days=60)).date(),
            **voice,
        )
        previous = _goals(child, key_worker, first, [], 2)
        version = 2
    # One plan's review date has passed, so the dashboard has something overdue to show.
    review = today - datetime.timedelta(days=5) if index == 0 else today + datetime.timedelta(days=60 + 7 * index)
    started = now - datetime.timedelta(days=62)
    active = _version(
        CarePlan,
        child,
        version=version,
        status=CarePlan.Status.ACTIVE,
        manager=manager,
        started=max(started, timezone.make_aware(datetime.datetime.combine(admitted, datetime.time(10)))),
        signed=now - datetime.timedelta(days=60),
        review=review,
        **voice,
    )
    goals = _goals(child, key_worker, active, previous, 4 if index % 2 else 3)
    if index == 1:
        # A revision in progress: the team is writing version N+1.
        draft = _version(
            CarePlan,
            child,
            version=version + 1,
            status=CarePlan.Status.DRAFT,
            manager=manager,
            started=now - datetime.timedelta(days=2),
            review=today + datetime.timedelta(days=90),
            **{**voice, "what_i_want": "To go on the residential trip with school."},
        )
        for goal in goals:
            Goal.objects.create(**{**_copy(goal), "plan": draft})


def _copy(goal: Goal) -> dict:
    return {
        field: getattr(goal, field)
        for field in [
            "thread",
            "title",
            "region",
            "item_code",
            "item_label",
            "success_looks_like",
            "adult_strategies",
            "lead",
            "status",
        ]
    }


def _risk_assessment(child: Child, index: int, today: datetime.date) -> None:
    manager, _ = _people(child)
    now = timezone.now()
    assessment = _version(
        RiskAssessment,
        child,
        version=1,
        status=RiskAssessment.Status.ACTIVE,
        manager=manager,
        started=now - datetime.timedelta(days=40),
        signed=now - datetime.timedelta(days=39),
        review=today + datetime.timedelta(days=30 + 5 * index),
        early_signs=SIGNS_AND_HELPS[index % len(SIGNS_AND_HELPS)][0],
        what_helps=SIGNS_AND_HELPS[index % len(SIGNS_AND_HELPS)][1],
        what_makes_it_worse=SIGNS_AND_HELPS[index % len(SIGNS_AND_HELPS)][2],
    )
    for what, response, certainty in TRIGGERS[index % 2 : index % 2 + 3]:
        Trigger.objects.create(assessment=assessment, what=what, likely_response=response, certainty=certainty)
    for description, likelihood, severity, response in RISKS[: 1 + index % 2]:
        Risk.objects.create(
            assessment=assessment,
            description=description,
            likelihood=likelihood,
            severity=severity,
            agreed_response=response,
        )


def seed(demo: Demo) -> None:
    today = timezone.localdate()
    children = Child.objects.in_placement().select_related("home", "key_worker").order_by("-home__name", "pk")
    for index, child in enumerate(children):
        if not CarePlan.objects.filter(child=child).exists():
            _plan(child, index, today)
        if not RiskAssessment.objects.filter(child=child).exists():
            _risk_assessment(child, index, today)
