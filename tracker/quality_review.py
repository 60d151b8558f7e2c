"""Children's progress for the Regulation 45 review (issue 12, item 3): for each child placed in
the home during the period — named by initials only, as the review goes to Ofsted — the change
in their brain map at the latest re-assessment, progress on their plan goals at the monthly
reviews, school and therapy attendance, and the child's own words from their monthly reviews.
A constant number of queries however many children."""

import datetime
from collections import Counter, defaultdict

from django.db.models import Q

from assessments.models import Assessment
from assessments.scoring import compare_maps
from assessments.selectors import maps_for
from children.models import Child, ProvisionArrangement, ProvisionSession
from homes import extensions as home_ext
from homes.dates import month_start
from homes.models import Home
from tracker.models import GoalProgress, MonthlyTracker

# How many of a child's monthly reviews' own words the review quotes (the latest first).
WORDS_QUOTED = 2
PROGRESSING = (GoalProgress.Progress.PROGRESSING, GoalProgress.Progress.ACHIEVED)
Session = ProvisionSession.Status


def _day(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def initials(legal_name: str) -> str:
    return "".join(f"{word[0].upper()}." for word in legal_name.split() if word[:1].isalpha()) or "–"


def progress_facts(home: Home, start: datetime.date, end: datetime.date) -> dict | None:
    children = list(
        Child.objects.filter(home=home, admission_date__lte=end)
        .filter(Q(discharge_date__isnull=True) | Q(discharge_date__gte=start))
        .order_by("admission_date", "pk")
    )
    if not children:
        return None
    maps = _brain_map_changes(children, end)
    goals = _goal_progress(children, start, end)
    attendance = _attendance(children, start, end)
    words = _own_words(children, start, end)
    rows = []
    for child in children:
        rows.append(
            {
                "child": initials(child.legal_name),
                "admitted": _day(child.admission_date) if child.admission_date >= start else None,
                "left": _day(child.discharge_date) if child.discharge_date and child.discharge_date <= end else None,
                "brain_map": maps.get(child.pk),
                "goals": goals.get(child.pk, {"reviewed": 0, "progressing": 0, "latest": []}),
                "attendance": attendance.get(child.pk, []),
                "words": words.get(child.pk, []),
            }
        )
    reviewed = sum(row["goals"]["reviewed"] for row in rows)
    progressing = sum(row["goals"]["progressing"] for row in rows)
    return {
        "children": rows,
        "goals_reviewed": reviewed,
        "goals_progressing": progressing,
        "goals_progressing_percent": round(100 * progressing / reviewed) if reviewed else None,
    }


def _brain_map_changes(children: list[Child], end: datetime.date) -> dict[int, dict]:
    """Each child's latest assessment by the period's end against the one before it: the change
    per domain, bottom-up. Seven queries."""
    assessments = list(
        Assessment.objects.final()
        .filter(child__in=children, assessed_on__lte=end)
        .select_related("child")
        .order_by("child_id", "-assessed_on", "-pk")
    )
    by_child: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in assessments:
        if len(by_child[assessment.child_id]) < 2:
            by_child[assessment.child_id].append(assessment)
    wanted = [a for pair in by_child.values() for a in pair]
    maps = maps_for(wanted) if wanted else {}
    found = {}
    for child_id, pair in by_child.items():
        if len(pair) < 2:
            found[child_id] = {"latest": _day(pair[0].assessed_on), "before": None, "domains": []}
            continue
        latest, before = pair
        changes = compare_maps(maps[before.pk], maps[latest.pk])
        found[child_id] = {
            "latest": _day(latest.assessed_on),
            "before": _day(before.assessed_on),
            "domains": [{"name": change.name, "change": change.change} for change in changes],
        }
    return found


def _goal_progress(children: list[Child], start: datetime.date, end: datetime.date) -> dict[int, dict]:
    """How many goals were reviewed at the period's monthly reviews and how many of those were
    progressing or achieved; and each goal's latest progress. One query."""
    rows = (
        GoalProgress.objects.filter(
            tracker__child__in=children, tracker__month__gte=month_start(start), tracker__month__lte=end
        )
        .order_by("tracker__child_id", "tracker__month", "thread_id")
        .values_list("tracker__child_id", "thread_id", "goal__title", "progress")
    )
    tallies: dict[int, Counter] = defaultdict(Counter)
    latest: dict[int, dict[int, tuple[str, str]]] = defaultdict(dict)
    for child_id, thread_id, title, progress in rows:
        tallies[child_id]["reviewed"] += 1
        tallies[child_id]["progressing"] += progress in PROGRESSING
        latest[child_id][thread_id] = (title, progress)
    labels = dict(GoalProgress.Progress.choices)
    return {
        child_id: {
            "reviewed": tally["reviewed"],
            "progressing": tally["progressing"],
            "latest": [{"goal": title, "progress": labels[value]} for title, value in latest[child_id].values()],
        }
        for child_id, tally in tallies.items()
    }


def _attendance(children: list[Child], start: datetime.date, end: datetime.date) -> dict[int, list[dict]]:
    """School and therapy: sessions attended of those that could have happened (a session the
    provider cancelled is not the child's absence). One query."""
    kinds = (ProvisionArrangement.Kind.EDUCATION, ProvisionArrangement.Kind.PSYCHOTHERAPY)
    rows = ProvisionSession.objects.filter(
        arrangement__child__in=children,
        arrangement__kind__in=kinds,
        arrangement__archived=False,
        date__gte=start,
        date__lte=end,
    ).values_list("arrangement__child_id", "arrangement__kind", "status")
    tallies: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for child_id, kind, status in rows:
        if status == Session.CANCELLED_BY_PROVIDER:
            continue
        tallies[(child_id, kind)][0] += status == Session.ATTENDED
        tallies[(child_id, kind)][1] += 1
    found: dict[int, list[dict]] = defaultdict(list)
    labels = dict(ProvisionArrangement.Kind.choices)
    for (child_id, kind), (attended, possible) in sorted(tallies.items()):
        percent = round(100 * attended / possible)
        found[child_id].append({"kind": labels[kind], "attended": attended, "possible": possible, "percent": percent})
    return found


def _own_words(children: list[Child], start: datetime.date, end: datetime.date) -> dict[int, list[dict]]:
    rows = (
        MonthlyTracker.objects.filter(child__in=children, month__gte=month_start(start), month__lte=end)
        .exclude(child_voice="")
        .order_by("child_id", "-month")
        .values_list("child_id", "month", "child_voice")
    )
    found: dict[int, list[dict]] = defaultdict(list)
    for child_id, month, words in rows:
        if len(found[child_id]) < WORDS_QUOTED:
            found[child_id].append({"month": f"{month:%B %Y}", "words": words})
    return found


def register() -> None:
    home_ext.register_quality_review_section(
        home_ext.QualityReviewSection(
            name="children-progress",
            title="The children's progress",
            facts=progress_facts,
            template="tracker/quality_review.html",
            order=20,
        )
    )
