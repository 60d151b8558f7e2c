"""Demo consequences, complaints and a notification at Willow House: a gentle year, read the
trauma-informed way. Idempotent: each kind is created only when the home has none yet."""

import datetime

from django.utils import timezone

from children.models import Child
from homes.demo import Demo
from safeguarding.models import Complaint, Consequence, Notification, NotificationCategory
from safeguarding.services.complaints import complaint_handle, complaint_record
from safeguarding.services.notifications import notification_record_sent, notification_start

# (child, days ago, hour, kind, what happened, consequence, how it relates, child's view, helped)
CONSEQUENCES = [
    (
        "Siobhán",
        140,
        19,
        Consequence.Kind.REPAIR,
        "Threw a mug at the kitchen wall after a phone call with mum was cut short.",
        "Swept up with Jess, then chose a new mug together at the weekend from her own money (£2).",
        "Putting right what broke; we named the hurt about the call before talking about the mug.",
        "I didn't mean to break it, I was sad about mum. Picking the new one was OK.",
        Consequence.Helped.YES,
    ),
    (
        "Siobhán",
        45,
        21,
        Consequence.Kind.PRIVILEGE,
        "Stayed on the tablet past the agreed time and shouted when asked to stop.",
        "Tablet stayed in the office the next evening; we played cards together instead.",
        "A short pause of the thing that was hard to stop, with an adult close, not sent away.",
        "Cards were better than I thought. I still think the time is too short.",
        Consequence.Helped.PARTLY,
    ),
    (
        "Seun",
        9,
        16,
        Consequence.Kind.RESTORATIVE,
        "Called Kacper names at the dinner table after Kacper teased him about football.",
        "A restorative conversation with Kacper and Tom the next morning.",
        "Both boys had hurt each other; talking it through repairs the relationship both need.",
        "",
        Consequence.Helped.NOT_YET,
    ),
]


def _at(days_ago: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _child(home, name: str) -> Child | None:
    return Child.objects.filter(home=home, preferred_name=name).first()


def seed(demo: Demo) -> None:
    home = demo.homes["willow"]
    manager, staff, deputy = demo.people["manager"], demo.people["staff"], demo.people["deputy"]
    if not Consequence.objects.filter(child__home=home).exists():
        for name, days, hour, kind, what, consequence, relates, view, helped in CONSEQUENCES:
            child = _child(home, name)
            if child is None:
                continue
            when = _at(days, hour)
            record = Consequence(
                child=child,
                author=staff,
                signed_at=when + datetime.timedelta(hours=1),
                happened_at=when,
                kind=kind,
                what_happened=what,
                consequence=consequence,
                relates_to_behaviour=relates,
                child_view=view,
                child_view_pending="" if view else "Too cross to talk about it yet; Jess will ask after school.",
                helped=helped,
            )
            record.full_clean()
            record.save()

    zoe = _child(home, "Zoë")
    if zoe is not None and not Complaint.objects.filter(home=home).exists():
        made = _at(60, 18)
        complaint = complaint_record(
            home=home,
            recorded_by=staff,
            now=made + datetime.timedelta(minutes=30),
            kind=Complaint.Kind.COMPLAINT,
            received_at=made,
            complainant=Complaint.Complainant.CHILD,
            child=zoe,
            in_their_words="I only get to ring my nan on Sundays and she's the one who understands me.",
            advocate="Coram Voice (Lauren)",
        )
        complaint_handle(
            complaint=complaint,
            user=manager,
            revision=None,
            now=made + datetime.timedelta(days=9),
            action_taken="Talked with Zoë and her social worker; checked the care plan allows more calls.",
            outcome="Zoë rings her nan on Wednesdays as well as Sundays, from the quiet room.",
            satisfied=Complaint.Satisfied.YES,
            status=Complaint.Status.CLOSED,
        )
        complaint_record(
            home=home,
            recorded_by=deputy,
            kind=Complaint.Kind.COMPLAINT,
            received_at=_at(4, 10),
            complainant=Complaint.Complainant.NEIGHBOUR,
            complainant_name="Mr Hill, 14 Orchard Lane",
            in_their_words="Music from the garden late on Friday night woke my grandchildren.",
        )

    seun = _child(home, "Seun")
    category = NotificationCategory.objects.filter(code="police-serious").first()
    if seun is not None and category is not None and not Notification.objects.filter(home=home).exists():
        known = _at(75, 23)
        notification = notification_start(
            home=home,
            created_by=manager,
            now=known + datetime.timedelta(hours=1),
            category=category,
            child=seun,
            event_at=known - datetime.timedelta(minutes=40),
            known_at=known,
            summary=(
                "Police brought S. home at 23:00 after he was found in the town centre with older young people "
                "not known to the home. No injuries; he was frightened and tired."
            ),
            actions=(
                "Welcomed home with food and a warm drink; checked for injuries with his agreement; on-call "
                "manager told; return conversation planned for the morning; risk assessment to be reviewed."
            ),
        )
        for recipient in notification.recipients.all():
            notification_record_sent(
                recipient=recipient,
                sent_by=manager,
                sent_at=known + datetime.timedelta(hours=10),
                method="online_form" if recipient.kind == "ofsted" else "email",
                reference="NOT-2291" if recipient.kind == "ofsted" else "",
            )
