"""Demo daily logs and handovers: a realistic month for each home (its usual shift pattern; a log
for each child in placement on most shifts; a completed handover for each shift, read by the
next shift; a few flags, most resolved). Deterministic and idempotent: a home that already has
logs is left alone. Early in the month a few logs use phrases the language check flags, fewer
later, so the home page's measure has something to show and a direction."""

import datetime
import random

from django.utils import timezone

from children.models import Child
from homes.demo import Demo
from homes.models import User
from shifts.models import DailyLog, Handover, HandoverFlag, HandoverRead, ShiftPattern
from shifts.services.handover import _as_json, drafted_sections
from shifts.services.shift_pattern import USUAL_PATTERN

DAYS = 30
Regulation = DailyLog.Regulation

# (regulation, mood, food, school, family time, activities, the child's words)
DAY_LOGS = [
    (
        4,
        "Chatty at breakfast; a wobble about PE kit, settled once we found it together.",
        "Toast and a banana; ate well at tea.",
        "Went in on time; said maths was 'fine'.",
        "",
        "Baked flapjacks after school.",
        "Can we make the chocolate ones next time?",
    ),
    (
        2,
        "A hard afternoon after school: slammed doors and shouted at the dog; "
        "calmer after the trampoline and a hot chocolate with Sam.",
        "Picked at tea; had toast later.",
        "School rang: a falling-out at lunch.",
        "",
        "Trampoline, then Lego in the den.",
        "Nobody at school even likes me.",
    ),
    (
        5,
        "Calm and connected all shift; laughing at the film.",
        "Seconds of the curry.",
        "",
        "Video call with Nan — lots of smiles.",
        "Film night with popcorn.",
        "Nan's coming to my birthday!",
    ),
    (
        3,
        "Unsettled before family time, quiet after; sat close on the sofa.",
        "Ate half of tea.",
        "",
        "Family time with Mum at the contact centre — Mum was late; we waited together.",
        "Drawing.",
        "Why is she always late?",
    ),
    (
        4,
        "Mostly settled; wanted space after school and came down for tea.",
        "Good appetite.",
        "Reading book done.",
        "",
        "Walked the dog up the hill.",
        "",
    ),
]
NIGHT_LOGS = [
    (
        4,
        "Settled by 21:30 after a story.",
        "Slept through; up at 07:00.",
        "Woke once at 02:10, back to sleep with the landing light on.",
    ),
    (
        3,
        "Restless at bedtime; talked about tomorrow's review.",
        "Asleep by 23:00.",
        "Woke at 03:00 upset after a dream; sat with them for twenty minutes.",
    ),
    (5, "Asleep within minutes.", "Slept through.", ""),
]
# Phrases the language check flags, used early in the month and rarely later.
OLD_HABITS = [
    "Kicked off at tea when asked to turn the TV off.",
    "Attention seeking all evening.",
    "Refused to come down for tea.",
]
FLAGS = [
    ("Ring the dentist about the brace appointment; the letter is on the fridge.", True),
    ("School trip form needs signing by Friday.", True),
    ("The back gate latch is broken: keep an eye on the garden.", False),
]


def _pattern(home) -> list[ShiftPattern]:
    if not home.shift_patterns.exists():
        ShiftPattern.objects.bulk_create(
            ShiftPattern(home=home, name=name, starts_at=start, ends_at=end, is_night=night)
            for name, start, end, night in USUAL_PATTERN
        )
    return list(home.shift_patterns.filter(active=True).order_by("starts_at"))


def _seed_home(home, rng: random.Random, today: datetime.date) -> None:
    if DailyLog.objects.filter(child__home=home).exists():
        return
    patterns = _pattern(home)
    staff = list(User.objects.working_in(home).order_by("pk"))
    if not staff:
        return
    children = list(Child.objects.filter(home=home).in_placement())
    logs = []
    for offset in range(DAYS, 0, -1):
        day = today - datetime.timedelta(days=offset)
        for pattern in patterns:
            _, end = pattern.window(day)
            for child in children:
                if day < child.admission_date or rng.random() < 0.08:  # a few shifts go unlogged
                    continue
                author = rng.choice(staff)
                if pattern.is_night:
                    regulation, mood, sleep, follow_up = rng.choice(NIGHT_LOGS)
                    fields = {"mood": mood, "sleep": sleep, "follow_up": follow_up}
                else:
                    regulation, mood, food, school, family, activities, words = rng.choice(DAY_LOGS)
                    if offset > DAYS // 2 and rng.random() < 0.2 or rng.random() < 0.03:
                        mood = rng.choice(OLD_HABITS)
                    fields = {
                        "mood": mood,
                        "food": food,
                        "school": school if day.weekday() < 5 else "",
                        "family_time": family,
                        "activities": activities,
                        "child_words": words,
                    }
                logs.append(
                    DailyLog(
                        child=child,
                        shift=pattern,
                        shift_date=day,
                        regulation=regulation,
                        author=author,
                        signed_at=end - datetime.timedelta(minutes=rng.randint(5, 40)),
                        **fields,
                    )
                )
    DailyLog.objects.bulk_create(logs)

    now = timezone.now()
    for index, (text, resolved) in enumerate(FLAGS):
        raised = now - datetime.timedelta(days=3 + index * 4, hours=2)
        child = children[index % len(children)] if children and index < 2 else None
        HandoverFlag.objects.create(
            home=home,
            child=child,
            text=text,
            raised_by=staff[index % len(staff)],
            raised_at=raised,
            resolved_by=staff[(index + 1) % len(staff)] if resolved else None,
            resolved_at=raised + datetime.timedelta(days=1) if resolved else None,
            resolution="Done, and noted in the diary." if resolved else "",
        )

    for offset in range(DAYS, 0, -1):
        day = today - datetime.timedelta(days=offset)
        for pattern in patterns:
            start, end = pattern.window(day)
            if end > now:
                continue
            writer = rng.choice(staff)
            handover = Handover.objects.create(
                home=home,
                shift=pattern,
                shift_date=day,
                status=Handover.Status.COMPLETED,
                summary=rng.choice(
                    [
                        "A settled shift overall. Keys and phones checked; the car has half a tank.",
                        "Busy teatime. The boiler engineer comes tomorrow at ten: someone needs to be in.",
                        "Quiet shift. Medicines done and signed. The fire door by the kitchen sticks.",
                    ]
                ),
                items=_as_json(drafted_sections(home, start, end)),
                started_by=writer,
                started_at=end - datetime.timedelta(minutes=30),
                completed_by=writer,
                completed_at=end - datetime.timedelta(minutes=5),
            )
            readers = rng.sample([person for person in staff if person != writer], k=min(2, len(staff) - 1))
            HandoverRead.objects.bulk_create(
                HandoverRead(handover=handover, reader=reader, read_at=end + datetime.timedelta(minutes=10 + n * 7))
                for n, reader in enumerate(readers)
            )


def seed(demo: Demo) -> None:
    today = timezone.localdate()
    for key, home in sorted(demo.homes.items()):
        _seed_home(home, random.Random(f"shifts-{key}"), today)
