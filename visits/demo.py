"""Demo: an independent visitor for Willow House with six monthly reports, each signed and sent,
and the manager's tracked responses — most done, one open, one overdue (issue 12, item 9).
Idempotent, like every app's demo."""

import datetime

from django.utils import timezone

from children.models import Child
from homes.dates import add_months, month_start
from homes.demo import DEMO_PASSWORD, Demo
from homes.models import User
from visits import services
from visits.models import Recommendation, Visit, VisitChild, VisitorAppointment, VisitReport

VISITOR = ("visitor@hearth.example", "Martin Oyelaran (independent visitor)")

# One report a month, oldest first: (what they looked at, the judgement on wellbeing, recommendations).
# The manager's action for each month's recommendation, in the same order.
ACTIONS = [
    "Clear the small front room and put a phone stand and cushions in it.",
    "Ask the coordinator to the March team meeting and minute it.",
    "Key workers ask each child at key working and write their words in the log.",
    "Book Owen and Zara onto the next refresher course.",
    "Get three quotes and have the fence repaired.",
    "Take the children to choose it together on a Saturday.",
]

REPORTS = [
    (
        "Daily logs for two weeks, the incident log and the complaints log.",
        "yes",
        ["Agree a quiet space for family time calls."],
    ),
    (
        "The missing-from-care log and two return home interviews.",
        "yes",
        ["Invite the local police missing person coordinator to a team meeting."],
    ),
    (
        "Consequences recorded since my last visit; the fire drill log.",
        "partly",
        ["Write down what the children said about the new bedtime routine."],
    ),
    (
        "Physical interventions and the manager's reviews of them.",
        "yes",
        ["Book the two newest staff onto de-escalation refresher training."],
    ),
    (
        "Supervision compliance and the daily logs.",
        "partly",
        ["Repair the garden fence so the children can use the garden again."],
    ),
    (
        "Complaints since my last visit and the menu the children chose.",
        "yes",
        ["Give each child a say in the new sofa for the lounge."],
    ),
]


def seed(demo: Demo) -> None:
    email, full_name = VISITOR
    visitor = User.objects.filter(email=email).first() or User.objects.create_user(
        email, DEMO_PASSWORD, full_name=full_name
    )
    demo.logins.append(("Independent visitor (Regulation 44)", email))
    home = demo.homes["willow"]
    if VisitorAppointment.objects.filter(visitor=visitor).exists():
        return
    today = timezone.localdate()
    first_month = add_months(month_start(today), -len(REPORTS))
    services.visitor_appoint(visitor=visitor, home=home, starts_on=first_month - datetime.timedelta(days=30))
    manager = demo.people["manager"]
    owners = [demo.people["deputy"], demo.people["staff"], manager]
    children = list(Child.objects.filter(home=home, discharge_date__isnull=True).order_by("pk"))
    for index, (looked_at, wellbeing, recommendations) in enumerate(REPORTS):
        visit_date = add_months(first_month, index) + datetime.timedelta(days=9)
        signed_on = visit_date + datetime.timedelta(days=2)
        visit = Visit.objects.create(
            home=home,
            visitor=visitor,
            visit_date=visit_date,
            opened_at=_at(visit_date, 10),
            closed_at=_at(visit_date, 15),
        )
        for number, child in enumerate(children[:2]):
            VisitChild.objects.create(
                visit=visit,
                child=child,
                spoke_with=True,
                consent_to_records=number == 0,
                recorded_at=_at(visit_date, 11),
            )
        report = services.visit_report_save(
            visit=visit,
            staff_spoken_with=[manager, demo.people["staff"]],
            others_spoken_with="A child's social worker, by phone." if index % 2 else "",
            looked_at=looked_at,
            safeguarded=VisitReport.Judgement.YES,
            safeguarded_notes="Staff knew each child's triggers and what helps; records were signed on time.",
            wellbeing_promoted=wellbeing,
            wellbeing_notes="The children spoke warmly of their key workers."
            + (" Some things in the recommendations still hold the home back." if wellbeing == "partly" else ""),
        )
        for text in recommendations:
            services.recommendation_add(report=report, text=text)
        services.visit_report_sign(report=report, user=visitor)
        VisitReport.objects.filter(pk=report.pk).update(
            signed_at=_at(signed_on, 17),
            sent_to_ofsted_on=signed_on + datetime.timedelta(days=1),
            sent_to_placing_authorities_on=signed_on + datetime.timedelta(days=1),
        )
        for recommendation in Recommendation.objects.filter(report=report):
            _respond(
                recommendation, index=index, manager=manager, owner=owners[index % len(owners)], signed_on=signed_on
            )


def _respond(
    recommendation: Recommendation, *, index: int, manager: User, owner: User, signed_on: datetime.date
) -> None:
    """The four oldest are done; the fifth (the garden fence) is overdue; the latest is open."""
    today = timezone.localdate()
    due = (
        signed_on + datetime.timedelta(days=21)
        if index < 4
        else (today - datetime.timedelta(days=5) if index == 4 else today + datetime.timedelta(days=20))
    )
    services.recommendation_respond(
        revision=None,
        recommendation=recommendation,
        user=manager,
        action=ACTIONS[index],
        owner=owner,
        due_on=due,
    )
    Recommendation.objects.filter(pk=recommendation.pk).update(
        responded_at=_at(signed_on + datetime.timedelta(days=4), 9)
    )
    if index < 4:
        services.recommendation_done(recommendation=recommendation, day=due - datetime.timedelta(days=3))


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
