"""Demo monthly reviews: about ten closed months for every child (fewer for a child admitted
since). Each is reviewed, with progress on the goals of the plan in force, signed by the manager
and the child's assessor, and locked; the month just closed has its meeting pack and awaits its
meeting (so the dashboard shows it once the 20th has passed). This month's trackers are open.
PDFs are built by the tasks, inline when there is no broker."""

import datetime

from django.db import transaction
from django.utils import timezone

from children.models import CarePlan, Child
from homes.demo import DEMO_PASSWORD, Demo
from homes.models import User
from tracker.models import EvidencePack, GoalProgress, MonthlyTracker, ReviewMeeting, ReviewReport
from tracker.months import first_of, next_month, previous_month
from tracker.prefill import goal_rows, plan_in_force
from tracker.services.evidence import evidence_pack_request, evidence_share_with_account
from tracker.services.goal_progress import GoalEntry, goal_progress_record
from tracker.services.meeting import meeting_record, meeting_sign
from tracker.services.report import report_enqueue
from tracker.services.tracker import children_in_placement_during, tracker_open, tracker_open_month, tracker_update

# Ten signed months, and the month just closed awaiting its meeting.
MONTHS_BACK = 11
# Building every month's PDFs inline makes `make run` take minutes (about 140 PDFs): the demo
# builds the last two closed months' and leaves earlier ones to the home month's "Build all".
PDF_MONTHS = 2
MANAGER_OF = {"willow": "manager", "rowan": "rowan_manager"}

# (psychotherapy, education, the child's words, priorities); picked by child and month.
REVIEWS = [
    (
        "Attended all four sessions. Beginning to name feelings before they become overwhelming.",
        "Full attendance. Teachers report she settles faster after break times.",
        "I like my room now. The swimming was the best bit.",
        "Keep the same bedtime routine; plan family time with her nan.",
    ),
    (
        "Missed one session after a hard weekend; the therapist came to the home instead.",
        "Attended 18 of 20 days. Moved to a smaller maths group, which is helping.",
        "School is OK. I don't want to change my key worker.",
        "Support the move to the smaller group; practise the calm-down plan together.",
    ),
    (
        "Using the sensory box with staff before sessions; sessions are longer now.",
        "Reduced timetable while the new support plan starts; enjoying art.",
        "I made a clay bowl for the kitchen.",
        "Build up to full days at school; keep the art club.",
    ),
    (
        "Play therapy continues weekly; more able to stay with difficult feelings.",
        "Good attendance; reading at home every evening with his key worker.",
        "I want to go fishing again with Ffion.",
        "A weekly one-to-one outdoors; prepare for the change of social worker.",
    ),
]
DECISIONS = [
    "Keep the current plan. Add a weekly swim with the key worker. Review sleep in next month's meeting.",
    "Update the plan's education goal to the smaller maths group. Ask the therapist for a note for school.",
    "Keep the current plan. Share the calm-down plan with the new night staff.",
]


# How a goal's progress moves month by month (by how many reviews it has had): mostly emerging
# to progressing, with a setback here and there and a few goals achieved.
TRAJECTORIES = [
    ["no_change", "emerging", "emerging", "progressing", "progressing", "regressed", "emerging", "progressing"],
    ["emerging", "emerging", "progressing", "progressing", "progressing", "emerging", "progressing", "progressing"],
    ["no_change", "no_change", "emerging", "emerging", "regressed", "emerging", "progressing", "progressing"],
    ["emerging", "progressing", "progressing", "regressed", "emerging", "progressing", "progressing", "achieved"],
    ["emerging", "emerging", "progressing", "progressing", "progressing", "progressing", "achieved"],
]
EVIDENCE = {
    "regressed": "A harder month after changes at school; the old pattern came back.",
    "no_change": "Early days: adults are using the strategies, with no clear change yet.",
    "emerging": "First signs, with an adult alongside: staff saw it happen a few times.",
    "progressing": "Seen most weeks now, with less help from adults.",
    "achieved": "Happening unprompted for several weeks; the team agreed it is achieved.",
}
PLAN_CHANGE = "Revise the plan: add a goal about settling for school in the mornings, and update the sleep goal."


def _progress(thread_id: int, reviewed: dict[int, int], child_index: int) -> str:
    if thread_id not in reviewed:
        reviewed[thread_id] = GoalProgress.objects.filter(thread_id=thread_id).count()
    trajectory = TRAJECTORIES[(child_index + thread_id) % len(TRAJECTORIES)]
    step = min(reviewed[thread_id], len(trajectory) - 1)
    reviewed[thread_id] += 1
    return trajectory[step]


def _goal_entries(child: Child, month: datetime.date, child_index: int, reviewed: dict[int, int]) -> list[GoalEntry]:
    entries = []
    for row in goal_rows(child, month, plan_in_force(child, month)):
        progress = _progress(row.goal.thread_id, reviewed, child_index)
        if row.key_working:
            plural = "s" if row.key_working != 1 else ""
            worked = f" Worked on in {row.key_working} key-working session{plural} this month."
        else:
            worked = " Worked on in daily care this month rather than in key working."
        entries.append(GoalEntry(goal=row.goal, progress=progress, evidence=EVIDENCE[progress] + worked))
    return entries


def seed(demo: Demo) -> None:
    today = timezone.localdate()
    this_month = first_of(today)
    months = [this_month]
    for _ in range(MONTHS_BACK):
        months.insert(0, previous_month(months[0]))
    just_closed = months[-2]
    home_keys = {home.pk: key for key, home in demo.homes.items()}
    children = Child.objects.filter(home__in=demo.homes.values()).select_related("home", "assessor")
    reviewed: dict[int, int] = {}  # goal thread → reviews so far, to move along its trajectory
    for index, child in enumerate(children.order_by("pk")):
        # The child whose plan is already being revised: their latest review is what asked for it.
        revising = CarePlan.objects.filter(child=child, status=CarePlan.Status.DRAFT).exists()
        for month_index, month in enumerate(months[:-1]):
            if not children_in_placement_during(month).filter(pk=child.pk).exists():
                continue
            tracker, opened = tracker_open(child=child, month=month)
            if not opened:
                continue  # seeded already
            psychotherapy, education, voice, priorities = REVIEWS[(index + month_index) % len(REVIEWS)]
            tracker_update(
                tracker=tracker,
                psychotherapy_progress=psychotherapy,
                education_progress=education,
                child_voice=voice,
                priorities=priorities,
            )
            goal_progress_record(tracker=tracker, entries=_goal_entries(child, month, index, reviewed))
            with_pdfs = month in months[-1 - PDF_MONTHS : -1]
            if with_pdfs:
                report_enqueue(tracker=tracker, kind=ReviewReport.Kind.MEETING_PACK)
            if month == just_closed or child.assessor is None:
                continue
            manager = demo.people[MANAGER_OF[home_keys[child.home_id]]]
            held_on = min(next_month(month) + datetime.timedelta(days=9), today)
            key_worker_came = child.key_worker_id not in {None, manager.pk}
            meeting = meeting_record(
                tracker=tracker,
                held_on=held_on,
                manager=manager,
                assessor=child.assessor,
                others_present=f"{child.key_worker}, key worker" if key_worker_came else "",
                decisions=DECISIONS[(index + month_index) % len(DECISIONS)],
                plan_change=PLAN_CHANGE if revising and month == months[-3] else "",
            )
            meeting_sign(tracker=tracker, user=manager)
            meeting_sign(tracker=tracker, user=child.assessor, build_record=with_pdfs)
            # The services sign "now"; in the demo's history both signed on the meeting's day.
            signed = timezone.make_aware(datetime.datetime.combine(held_on, datetime.time(15, 30)))
            ReviewMeeting.objects.filter(pk=meeting.pk).update(manager_signed_at=signed, assessor_signed_at=signed)
            MonthlyTracker.objects.filter(pk=tracker.pk).update(locked_at=signed)
    tracker_open_month(month=this_month)
    _inspector_with_a_pack(demo, since=months[-1 - PDF_MONTHS])


INSPECTOR = ("inspector@hearth.example", "Ruth Patel (Ofsted)")


def _inspector_with_a_pack(demo: Demo, *, since: datetime.date) -> None:
    """An inspector's account with Willow House's evidence pack shared with it. The pack is
    built after the demo's transaction commits, once its review PDFs exist (inline without a
    broker; with one, the manager shares it from the pack's page when the worker is done)."""
    email, full_name = INSPECTOR
    inspector = User.objects.filter(email=email).first() or User.objects.create_user(
        email, DEMO_PASSWORD, full_name=full_name
    )
    demo.logins.append(("Inspector (sees only what is shared)", email))
    home, manager = demo.homes["willow"], demo.people["manager"]
    if EvidencePack.objects.filter(home=home).exists():
        return

    def build_and_share() -> None:
        pack = evidence_pack_request(home=home, period_start=since, period_end=timezone.localdate(), user=manager)
        pack.refresh_from_db()
        if pack.status == EvidencePack.Status.READY:
            evidence_share_with_account(pack=pack, inspector=inspector, user=manager)

    transaction.on_commit(build_and_share)  # after the review PDFs' own builds
