"""Demo body maps and missing episodes (issue 10): Tyler goes missing twice from Rowan Lodge and
is offered a return home interview each time (the second return with a body map of a graze);
a bruise noticed at bath time for a child at Willow House. Idempotent: a child who already has
them is left alone."""

import datetime
from decimal import Decimal

from django.utils import timezone

from children.models import Child, RiskAssessment
from homes.demo import Demo
from safeguarding.models import BodyMap, MissingEpisode
from safeguarding.services import body_maps, missing


def _at(days_ago: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _tyler(tyler: Child, staff, manager) -> None:
    if MissingEpisode.objects.filter(child=tyler).exists():
        return
    latest_risk = RiskAssessment.objects.filter(child=tyler).order_by("-version").first()
    episodes = [
        dict(
            days_ago=40,
            last_seen=(16, 10),
            noticed=(17, 30),
            details="Walked out after a phone call, towards the bus stop on Church Street, in his grey hoodie.",
            risk=MissingEpisode.RiskLevel.MEDIUM,
            indicators=["older_associates"],
            notes="Has mentioned 'mates from home' picking him up.",
            back=(22, 45),
            how=MissingEpisode.ReturnHow.CAME_BACK,
            where="Says he went into Knighton to see a friend and lost track of time.",
            condition="Hungry and a bit flat; had a hot meal and talked with Kwame about his mum.",
            account="I just needed to get out. Nobody was getting me, I was going to come back.",
            changes="Tyler and Kwame agreed he can ring the house and say he needs space, and a walk is offered first.",
        ),
        dict(
            days_ago=9,
            last_seen=(19, 0),
            noticed=(19, 40),
            details="Not in his room after tea; last seen in the garden on his phone.",
            risk=MissingEpisode.RiskLevel.HIGH,
            indicators=["older_associates", "vehicles", "out_of_area"],
            notes="A car he did not know picked him up at the end of the lane (a neighbour saw it).",
            back=(8, 15),
            how=MissingEpisode.ReturnHow.POLICE,
            where="Found by police in Wolverhampton at a friend's flat.",
            condition="Tired, cold, a graze on his left knee; slept most of the morning.",
            account="They said I owed them for the trainers. I didn't want to go but I didn't know how to say no.",
            changes="Exploitation concern shared with his social worker; the risk assessment now names the car "
            "and the debt as triggers, and what helps.",
        ),
    ]
    for number, e in enumerate(episodes):
        days = e["days_ago"]
        last_seen = _at(days, *e["last_seen"])
        noticed = _at(days, *e["noticed"])
        episode = missing.missing_episode_open(
            child=tyler,
            author=staff,
            now=noticed + datetime.timedelta(minutes=5),
            last_seen_at=last_seen,
            last_seen_details=e["details"],
            noticed_missing_at=noticed,
            risk_level=e["risk"],
            exploitation_indicators=e["indicators"],
            exploitation_notes=e["notes"],
            searched_at=noticed + datetime.timedelta(minutes=10),
            search_details="The garden, the lane, the park and the bus stop.",
            called_at=noticed + datetime.timedelta(minutes=5),
            police_told_at=noticed + datetime.timedelta(minutes=40),
            police_reference=f"WMP-{2026 - number}-{4410 + number * 37}",
            placing_authority_told_at=noticed + datetime.timedelta(minutes=55),
            parents_told_at=None,
            parents_note="Mum not told: the plan says his social worker tells her.",
        )
        missing.missing_update_add(
            episode=episode,
            author=staff,
            happened_at=noticed + datetime.timedelta(hours=2),
            text="Texted back 'I'm safe' to Kwame's message; did not say where.",
            now=noticed + datetime.timedelta(hours=2, minutes=5),
        )
        back = _at(days - (1 if e["back"][0] < e["noticed"][0] else 0), *e["back"])
        missing.missing_return_record(
            episode=episode,
            user=staff,
            revision=None,
            returned_at=back,
            return_how=e["how"],
            return_details=e["where"],
            condition=e["condition"],
        )
        if number == 1:
            body_maps.body_map_record(
                child=tyler,
                author=staff,
                seen_at=back + datetime.timedelta(minutes=30),
                missing_episode=episode,
                now=back + datetime.timedelta(minutes=45),
                notes="Tyler was happy for Kwame to look; he put a plaster on it himself.",
                marks=[
                    {
                        "position": {"side": "front", "x": Decimal("59.5"), "y": Decimal("150.0"), "region": ""},
                        "kind": "scratch",
                        "size": "4 cm by 2 cm",
                        "description": "Graze, dry, no bleeding, some grit cleaned out.",
                        "how_it_happened": "Tyler said he fell on the steps outside the flat.",
                        "seen_by": "Kwame Mensah",
                    }
                ],
            )
        offered = back + datetime.timedelta(hours=26)
        missing.return_interview_record(
            episode=episode,
            recorded_by=manager,
            now=offered + datetime.timedelta(days=2),
            offered_at=offered,
            interviewer_name="Bethan Morgan",
            interviewer_role="Return interview worker, Powys missing children service",
            interviewer_independent=True,
            outcome="held",
            held_at=offered + datetime.timedelta(days=1),
            child_account=e["account"],
            changes=e["changes"],
            risk_assessment=latest_risk,
        )


def _bath_time(child: Child) -> None:
    if BodyMap.objects.filter(child=child).exists():
        return
    seen = _at(21, 19, 30)
    body_maps.body_map_record(
        child=child,
        author=child.key_worker,
        seen_at=seen,
        now=seen + datetime.timedelta(minutes=20),
        notes=f"{child.preferred_name} was relaxed about it; told the manager at handover.",
        marks=[
            {
                "position": {"side": "front", "x": None, "y": None, "region": "front:right_lower_leg"},
                "kind": "bruise",
                "size": "About the size of a 10p coin",
                "description": "Blue-purple, not raised, not tender to touch.",
                "how_it_happened": f"{child.preferred_name} said it was from football at school.",
                "seen_by": str(child.key_worker),
            }
        ],
    )


def seed(demo: Demo) -> None:
    tyler = Child.objects.filter(home=demo.homes["rowan"], preferred_name="Tyler").first()
    if tyler is not None:
        _tyler(tyler, demo.people["rowan_staff1"], demo.people["rowan_manager"])
    willow = Child.objects.in_placement().filter(home=demo.homes["willow"]).select_related("key_worker")
    first = willow.order_by("admission_date", "pk").first()
    if first is not None and first.key_worker is not None:
        _bath_time(first)
