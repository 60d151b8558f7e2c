"""Demo incidents (issue 10, item 11): a believable, gentle year. A few incidents per child, most
of them read against the child's known triggers and countersigned within the day; one physical
intervention at Willow House by a member of staff whose de-escalation training has lapsed; one
incident still waiting for the manager, and one child's view still to be asked for, so the
dashboard and the task list have something to show. Idempotent: nothing is added twice."""

import datetime

from django.utils import timezone

from children.models import Child, RiskAssessment, Trigger
from homes.demo import Demo
from homes.models import Membership, User
from safeguarding import incident_clocks
from safeguarding.catalogue import ensure_catalogue
from safeguarding.models import ApprovedTechnique, Incident, IncidentCategory
from safeguarding.services.incidents import incident_countersign, incident_record, intervention_record

# (days ago, hour, category names, where, what happened, led up to, communicating, de-escalation,
#  outcome, the child's view)
STORIES = [
    (
        300,
        20,
        ["Damage to property"],
        "Bedroom",
        "Pulled the curtain pole down and threw it across the room.",
        "Family time on the phone ended suddenly when the call dropped.",
        "Fear that mum had hung up on purpose; feeling forgotten.",
        "Stayed at the door, named the feeling quietly, offered to ring back together.",
        "Settled after twenty minutes; we fixed the pole together the next day.",
        "I thought she didn't want to talk to me.",
    ),
    (
        180,
        17,
        ["Harm to others"],
        "Kitchen",
        "Pushed another young person out of the way at the fridge.",
        "Being told 'no' about the last yoghurt in front of the others.",
        "Embarrassment; needing to feel in control of something.",
        "Moved the others away, gave choices, sat with them on the back step.",
        "Apologised later in their own way; agreed a snack shelf of their own.",
        "Everyone was looking at me.",
    ),
    (
        60,
        22,
        ["Self-harm"],
        "Bathroom",
        "Scratched their forearm with a hair grip; superficial marks.",
        "A letter from court about family time arrived that afternoon.",
        "Overwhelmed and not able to say so; wanting the feeling to stop.",
        "Stayed close, used the grounding cards, first aid together, hot drink.",
        "Slept; key worker checked in through the night as agreed.",
        "I didn't know what else to do with it.",
    ),
]
HOLD_STORY = (
    24,
    19,
    "Car park outside the leisure centre",
    "Ran towards the road after the swimming session was cut short.",
    "The session ended early because the pool closed; a change at short notice.",
    "Panic at an unexpected change; needing to get away from the noise.",
    "Called their name calmly, walked alongside, offered the car as a quiet space.",
    "Back home safely; quiet evening with a film.",
    "I just wanted to go. I didn't see the car.",
)


def _manager(home) -> User:
    return Membership.objects.filter(home=home, role=Membership.Role.MANAGER).select_related("user").first().user


def _trigger(child: Child, words: str) -> list[Trigger]:
    found = Trigger.objects.filter(
        assessment__child=child, assessment__status=RiskAssessment.Status.ACTIVE, what__icontains=words
    ).first()
    return [found] if found else []


def _categories(names: list[str]) -> list[IncidentCategory]:
    return list(IncidentCategory.objects.filter(name__in=names))


def seed(demo: Demo) -> None:
    ensure_catalogue()  # a transactional test's flush empties what the data migration loaded
    homes = list(demo.homes.values())
    if Incident.objects.filter(home__in=homes).exists():
        return
    now = timezone.now()
    children = list(Child.objects.in_placement().filter(home__in=homes).select_related("home", "key_worker"))
    for index, child in enumerate(sorted(children, key=lambda c: c.pk)):
        admitted = (timezone.localdate() - child.admission_date).days
        manager = _manager(child.home)
        author = child.key_worker if child.key_worker_id != manager.pk else None
        author = author or User.objects.working_in(child.home).exclude(pk=manager.pk).first()
        stories = STORIES[: 2 + index % 2]
        for number, story in enumerate(stories):
            days, hour, kinds, where, happened, led, communicating, helped, outcome, view = story
            days = min(days, max(admitted - 5, 3)) - number  # after admission, never on the same day
            latest = number == len(stories) - 1
            # The newest incident of the first child waits for their view; the second child's, for
            # the manager (yesterday evening): the dashboard and task list show both.
            pending_view = index == 0 and latest
            waiting = index == 1 and latest
            if pending_view or waiting:
                days = 1 + index
            occurred = (now - datetime.timedelta(days=days)).replace(hour=hour, minute=15, second=0, microsecond=0)
            incident = incident_record(
                home=child.home,
                child=child,
                author=author,
                occurred_at=occurred,
                location=where,
                categories=_categories(kinds),
                staff_involved=[author],
                what_happened=happened,
                led_up_to=led,
                antecedents=_trigger(child, "family time") or _trigger(child, "no"),
                communicating=communicating,
                de_escalation=helped,
                outcome=outcome,
                child_view="" if pending_view else view,
                child_view_not_yet="Did not want to talk about it yet; we will ask gently after school."
                if pending_view
                else "",
                child_view_follow_up_on=timezone.localdate() + datetime.timedelta(days=2) if pending_view else None,
                now=occurred + datetime.timedelta(hours=2),
            )
            if not waiting:
                incident_countersign(
                    incident=incident,
                    manager=manager,
                    manager_comments="Read against the risk assessment; the plan already holds what helps. "
                    "Shared the learning at the team meeting.",
                    now=occurred + datetime.timedelta(hours=20),
                )
    _hold(demo, now)


def _hold(demo: Demo, now: datetime.datetime) -> None:
    """One physical intervention at Willow House, by staff whose training has lapsed (or, if the
    training records hold none such, the first member of care staff)."""
    home = demo.homes.get("willow")
    child = Child.objects.in_placement().filter(home=home).order_by("pk").first() if home else None
    if child is None:
        return
    manager = _manager(home)
    staff = list(User.objects.working_in(home).exclude(pk=manager.pk).order_by("pk"))
    days, hour, where, happened, led, communicating, helped, outcome, view = HOLD_STORY
    occurred = (now - datetime.timedelta(days=days)).replace(hour=hour, minute=5, second=0, microsecond=0)
    gaps = incident_clocks.training_gaps(staff, occurred.date())
    holder = next((person for person in staff if person.pk in gaps), staff[0])
    _lapsed_training(holder, manager, occurred.date(), gaps.get(holder.pk))
    present = [person for person in staff if person.pk != holder.pk][:1]
    incident = incident_record(
        home=home,
        child=child,
        author=holder,
        occurred_at=occurred,
        location=where,
        categories=_categories(["Physical intervention"]),
        staff_involved=[holder, *present],
        what_happened=happened,
        led_up_to=led,
        antecedents=_trigger(child, "change") or _trigger(child, "no"),
        communicating=communicating,
        de_escalation=helped,
        outcome=outcome,
        child_view=view,
        now=occurred + datetime.timedelta(hours=3),
    )
    intervention_record(
        incident=incident,
        child=child,
        author=holder,
        technique=ApprovedTechnique.objects.filter(active=True).order_by("pk").first(),
        started_at=occurred + datetime.timedelta(minutes=4),
        ended_at=occurred + datetime.timedelta(minutes=7),
        held_by=[holder],
        present=present,
        reason="Running towards moving traffic: a hold to prevent injury.",
        tried_first="Calling their name, walking alongside, offering the car as a quiet space.",
        effectiveness="Kept them out of the road; calm within a few minutes of letting go.",
        child_injury="None seen; checked together at home.",
        treatment="",
        necessary_and_proportionate=True,
        proportionality_note="The least restrictive hold, for three minutes, released as soon as it was safe.",
        now=occurred + datetime.timedelta(hours=3),
    )
    incident_countersign(
        incident=incident,
        manager=manager,
        manager_comments="Spoke with both staff and with the young person the next morning. Necessary and "
        "proportionate; the lapsed training is booked for this month.",
        spoke_with_staff=True,
        spoke_with_child=True,
        now=occurred + datetime.timedelta(hours=30),
    )


def _lapsed_training(person: User, manager: User, on: datetime.date, gap: str | None) -> None:
    """Make the story true in the training records: a de-escalation course done long enough ago to
    have lapsed (through the app registry; nothing when the supervision app is not installed)."""
    from django.apps import apps

    if gap is not None and gap != incident_clocks.NO_TRAINING:
        return  # lapsed already
    try:
        TrainingRecord = apps.get_model("supervision", "TrainingRecord")
        Course = apps.get_model("supervision", "Course")
    except LookupError:
        return
    course = Course.objects.filter(name__icontains="physical intervention", valid_for_months__isnull=False).first()
    if course is None:
        return
    completed = on - datetime.timedelta(days=31 * (course.valid_for_months + 2))
    TrainingRecord(person=person, course=course, completed_on=completed, recorded_by=manager).save()
