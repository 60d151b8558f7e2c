"""How incidents show where people work: the child's incidents tab (their parts, per trigger, beside
key-working regulation), the chronology, the monthly tracker's month section, the dashboard and
the task list. Registered in apps.py; `homes` and `children` never import this.

The chronology and the month section have no reader to check (they are drawn for every reader
of the child, and in PDFs), so they leave out allegations against staff: those are read only in
the incident itself, by the people homes.access allows."""

import datetime
from collections import Counter

from django.db.models import Avg, Count, Exists, F, OuterRef, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from children.charts import OKABE_ITO, monthly_bars, nice_maximum
from children.extensions import ChronologyEntry, window
from children.models import Child, KeyWorkingSession
from homes import access
from homes.dates import add_months, month_range, month_start
from homes.extensions import HandoverItem, Task, days_and_texts
from homes.models import Home, User
from safeguarding import incident_clocks, month_charts
from safeguarding.models import Incident, IncidentCategory, IncidentChild, IncidentRequest, PhysicalIntervention
from safeguarding.models.incidents import RECORD_WITHIN

CHART_MONTHS = 6
CHILD_LIST_LIMIT = 50


def _allegation(ref: str) -> Exists:
    return Exists(
        Incident.categories.through.objects.filter(
            incident_id=OuterRef(ref), incidentcategory__rule=IncidentCategory.Rule.ALLEGATION
        )
    )


def unrestricted_parts(child: Child):
    """The child's parts of incidents, leaving out allegations against staff (module docstring)."""
    return IncidentChild.objects.filter(child=child).exclude(_allegation("incident_id"))


def _six_months(until: datetime.date) -> list[datetime.date]:
    last = month_start(until)
    return month_range(add_months(last, -(CHART_MONTHS - 1)), last)


def _month_counts(parts, months: list[datetime.date]) -> dict[datetime.date, int]:
    start = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time.min))
    counts = Counter(
        month_start(timezone.localdate(when))
        for when in parts.filter(incident__occurred_at__gte=start).values_list("incident__occurred_at", flat=True)
    )
    return {month: counts.get(month, 0) for month in months}


# --- the child's incidents tab ------------------------------------------------------------------


def child_incidents_context(user: User, child: Child) -> dict:
    parts = (
        access.incident_parts_for(user)
        .filter(child=child)
        .select_related("incident", "author")
        .prefetch_related("incident__categories")
        .annotate(holds=Count("incident__interventions", filter=Q(incident__interventions__child=child)))
        .order_by("-incident__occurred_at", "-pk")
    )
    return {
        "child": child,
        "parts": list(parts[:CHILD_LIST_LIMIT]),
        "can_record": access.can_record_incident_for(user, child),
    }


def child_triggers_context(user: User, child: Child) -> dict | None:
    """Incidents per trigger over the last six months, and incidents beside the key-working
    regulation ratings month by month: what the monthly review asks "what is changing?" of.
    Triggers are counted by their words, so a trigger carried into a new risk-assessment version
    keeps its count."""
    months = _six_months(timezone.localdate())
    since = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time.min))
    parts = access.incident_parts_for(user).filter(child=child, incident__occurred_at__gte=since)
    per_trigger = dict(
        parts.filter(antecedents__isnull=False)
        .values_list("antecedents__what")
        .annotate(incidents=Count("pk", distinct=True))
        .order_by()
    )
    active = child.risk_assessments.filter(status="active").first()
    triggers = list(active.triggers.all()) if active else []
    rows = [(trigger, per_trigger.pop(trigger.what, 0)) for trigger in triggers]
    new = Counter(parts.exclude(new_antecedent="").values_list("new_antecedent", flat=True))
    counts = _month_counts(parts, months)
    sessions = dict((row["month"], row) for row in _key_working_by_month(child, months))
    monthly = [
        {
            "month": month,
            "incidents": counts[month],
            "sessions": sessions.get(month, {}).get("sessions", 0),
            "before": sessions.get(month, {}).get("before"),
            "after": sessions.get(month, {}).get("after"),
        }
        for month in months
    ]
    chart = monthly_bars(
        [(month, counts[month]) for month in months],
        maximum=nice_maximum(list(counts.values())),
        colour=OKABE_ITO["vermillion"],
        title=f"Incidents involving {child.preferred_name}, by month",
    )
    return {
        "child": child,
        "rows": rows,
        "earlier": sorted(per_trigger.items()),  # triggers of earlier versions no longer listed
        "new": sorted(new.items()),
        "monthly": monthly,
        "chart": chart,
        "has_assessment": active is not None,
    }


def _key_working_by_month(child: Child, months: list[datetime.date]) -> list[dict]:
    """Sessions and the average regulation before and after, per month (one query)."""
    since = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time.min))
    rows = (
        KeyWorkingSession.objects.filter(child=child, archived=False, happened_at__gte=since)
        .annotate(month=TruncMonth("happened_at"))
        .values("month")
        .annotate(sessions=Count("pk"), before=Avg("regulation_before"), after=Avg("regulation_after"))
        .order_by()
    )
    found = []
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        found.append(
            {**row, "month": month_start(month), "before": _round(row["before"]), "after": _round(row["after"])}
        )
    return found


def _round(value) -> float | None:
    return None if value is None else round(float(value), 1)


# --- the chronology ---------------------------------------------------------------------------


def chronology_entries(child: Child, start: datetime.date | None, end: datetime.date | None):
    parts = unrestricted_parts(child).filter(window("incident__occurred_at", start, end, is_datetime=True))
    parts = parts.select_related("incident", "author").order_by("-incident__occurred_at", "-pk")
    for part in parts.iterator(chunk_size=100):
        yield ChronologyEntry(
            when=part.incident.occurred_at,
            kind="incident",
            title=f"Incident: {part.incident.location}",
            detail=part.what_happened,
            url=reverse("incident_part_detail", args=[part.pk]),
            author=str(part.author),
        )


def chronology_count(child: Child, start: datetime.date | None, end: datetime.date | None) -> int:
    return unrestricted_parts(child).filter(window("incident__occurred_at", start, end, is_datetime=True)).count()


# --- the monthly tracker ----------------------------------------------------------------------


def month_context(child: Child, month: datetime.date) -> dict | None:
    """The month's incidents and holds (with their total duration) and a six-month small chart."""
    months = _six_months(month)
    end = add_months(month, 1)
    parts = unrestricted_parts(child)
    in_month = list(
        parts.filter(window("incident__occurred_at", month, end - datetime.timedelta(days=1), is_datetime=True))
        .select_related("incident")
        .prefetch_related("incident__categories")
        .order_by("incident__occurred_at", "pk")
    )
    holds = list(
        PhysicalIntervention.objects.filter(
            child=child, incident__in=[part.incident_id for part in in_month]
        ).select_related("technique")
    )
    counts = _month_counts(
        parts.filter(incident__occurred_at__lt=timezone.make_aware(datetime.datetime.combine(end, datetime.time.min))),
        months,
    )
    # One query for both series of holds: how many, and their minutes (as each hold counts them).
    hold_times = list(
        PhysicalIntervention.objects.filter(child=child, **month_charts.between("started_at", month))
        .exclude(_allegation("incident_id"))
        .values_list("started_at", "ended_at")
    )
    if not in_month and not any(counts.values()) and not hold_times:
        return None
    minutes = [(start, max(1, round((end - start).total_seconds() / 60))) for start, end in hold_times]
    name = child.preferred_name
    hold_charts = [
        month_charts.six_month_chart(
            month_charts.per_month([(start, 1) for start, _ in hold_times], month),
            title=f"Physical interventions with {name}, six months to {month:%B %Y}",
            heading="Physical interventions",
            chart_id=f"holds-chart-{child.pk}-{month:%Y-%m}",
            colour=OKABE_ITO["reddish_purple"],
        ),
        month_charts.six_month_chart(
            month_charts.per_month(minutes, month),
            title=f"Minutes of physical intervention with {name}, six months to {month:%B %Y}",
            heading="Minutes held, in all",
            chart_id=f"hold-minutes-chart-{child.pk}-{month:%Y-%m}",
            colour=OKABE_ITO["orange"],
        ),
    ]
    chart = monthly_bars(
        [(m, counts[m]) for m in months],
        maximum=nice_maximum(list(counts.values())),
        colour=OKABE_ITO["vermillion"],
        title=f"Incidents involving {child.preferred_name}, six months to {month:%B %Y}",
    )
    return {
        "child": child,
        "month": month,
        "parts": in_month,
        "holds": holds,
        "hold_minutes": sum(hold.duration_minutes for hold in holds),
        "chart": chart,
        "counts": [(m, counts[m]) for m in months],
        "hold_charts": hold_charts,
    }


# --- the dashboard and the task list ----------------------------------------------------------


def _pending(user: User, homes) -> list[Incident]:
    return list(
        access.incidents_for(user)
        .filter(home__in=homes, countersigned_at__isnull=True)
        .select_related("home", "author")
        .prefetch_related(
            "categories",
            Prefetch("parts", queryset=IncidentChild.objects.select_related("child")),
            Prefetch("interventions", queryset=PhysicalIntervention.objects.select_related("child")),
        )
        .order_by("occurred_at", "pk")
    )


def dashboard_context(user: User, homes: list[Home]) -> dict | None:
    """Incidents waiting for a manager's countersignature in the homes the person oversees, each with
    its next Regulation 35 clock."""
    mine = [home for home in homes if user.is_administrator or access.runs_home(user, home)]
    if not mine:
        return None
    pending = _pending(user, mine)
    now = timezone.now()
    rows = []
    for incident in pending:
        clock = incident_clocks.next_clock(incident)
        rows.append({"incident": incident, "clock": clock, "overdue": clock is not None and clock.is_overdue(now)})
    # Overdue clocks first, then the clocks falling due soonest, then incidents with no clock.
    rows.sort(key=lambda row: (not row["overdue"], row["clock"] is None, row["clock"].due if row["clock"] else now))
    return {"rows": rows, "now": now}


def tasks(user: User, today: datetime.date, until: datetime.date) -> list[Task]:
    """Incidents and interventions to countersign (the home's managers), holds still to record
    (the incident's author), and children's views to ask for again (the part's author)."""
    found: list[Task] = []
    homes = access.homes_countersigning_incidents(user)
    for incident in _pending(user, homes):
        if incident_clocks.awaiting_hold(incident):
            continue  # the hold is to be recorded first: its author's task, below
        clock = incident_clocks.next_clock(incident)
        due = (
            timezone.localdate(clock.due)
            if clock
            else timezone.localdate(incident.signed_at) + datetime.timedelta(days=7)
        )
        if due > until or incident.author_id == user.pk:
            continue
        kind = "Countersign a physical intervention" if incident.interventions.all() else "Countersign an incident"
        found.append(_task(kind, incident, due, clock.due if clock else None))
    own = access.incidents_for(user).filter(author=user, countersigned_at__isnull=True)
    for incident in own.prefetch_related("categories", "interventions", "parts__child").select_related("home"):
        due_at = incident.occurred_at + RECORD_WITHIN
        due = timezone.localdate(due_at)
        if incident_clocks.awaiting_hold(incident) and due <= until:
            found.append(_task("Record the physical intervention", incident, due, due_at))
    views = (
        access.incident_parts_for(user)
        .filter(author=user, child_view="", child_view_follow_up_on__lte=until)
        .select_related("child")
    )
    for part in views:
        found.append(
            Task(
                kind="Ask for the child's view of an incident",
                about=part.child.preferred_name,
                due=part.child_view_follow_up_on,
                url=reverse("incident_part_view", args=[part.pk]),
                home_id=part.child.home_id,
                child_id=part.child_id,
            )
        )
    return found + _requested_tasks(user, until)


def _requested_tasks(user: User, until: datetime.date) -> list[Task]:
    """Incidents another app asked this person to record (a medication error) and not yet signed:
    left half-way, they are not lost."""
    asked = IncidentRequest.objects.filter(
        requested_by=user, incident__isnull=True, child__in=access.children_for(user)
    ).select_related("child")
    return [
        Task(
            kind=f"Complete and sign the incident ({requested.kind})",
            about=requested.child.preferred_name,
            due=due,
            url=requested.form_url,
            home_id=requested.child.home_id,
            child_id=requested.child_id,
        )
        for requested in asked
        if (due := timezone.localdate(requested.occurred_at + RECORD_WITHIN)) <= until
    ]


def _task(kind: str, incident: Incident, due: datetime.date, due_at: datetime.datetime | None = None) -> Task:
    names = ", ".join(part.child.preferred_name for part in incident.parts.all())
    return Task(
        kind=kind,
        about=names or incident.home.name,
        due=due,
        url=reverse("incident_detail", args=[incident.pk]),
        home_id=incident.home_id,
        due_at=due_at,
    )


# --- the shift handover and the language check ---------------------------------------------------


def handover_items(home: Home, start: datetime.datetime, end: datetime.datetime) -> list[HandoverItem]:
    """The shift's incidents, one line per child (no other child named in it), holds first. No
    allegations against staff: the handover is read by the whole team."""
    parts = (
        IncidentChild.objects.filter(
            incident__home=home, incident__occurred_at__gte=start, incident__occurred_at__lt=end
        )
        .exclude(_allegation("incident_id"))
        .select_related("child", "incident")
        .prefetch_related("incident__categories")
        .annotate(holds=Count("incident__interventions", filter=Q(incident__interventions__child_id=F("child_id"))))
        .order_by("incident__occurred_at", "pk")
    )
    items = []
    for part in parts:
        kinds = ", ".join(category.name.lower() for category in part.incident.categories.all())
        when = timezone.localtime(part.incident.occurred_at)
        view = " Their view is still to be asked for." if part.child_view_pending else ""
        items.append(
            HandoverItem(
                text=f"{part.child.preferred_name}: {kinds} at {when:%H:%M} ({part.incident.location}).{view}",
                url=reverse("incident_part_detail", args=[part.pk]),
                child_id=part.child_id,
                when=part.incident.occurred_at,
                attention=bool(part.holds) or part.child_view_pending,
            )
        )
    return sorted(items, key=lambda item: (not item.attention, item.when))


def written_texts(home: Home, start: datetime.date, end: datetime.date):
    """Staff's own words in incident records (never the child's quoted view), for the
    trauma-informed language check: one text per child's part."""
    parts = IncidentChild.objects.filter(incident__home=home).filter(
        window("incident__occurred_at", start, end, is_datetime=True)
    )
    fields = ("what_happened", "led_up_to", "communicating", "de_escalation", "outcome")
    return days_and_texts(parts.values_list("incident__occurred_at", *fields))


def intervention_texts(home: Home, start: datetime.date, end: datetime.date):
    """Staff's own account of each physical intervention (why, what was tried first, how it
    went), for the same measure: one text per hold."""
    holds = PhysicalIntervention.objects.filter(incident__home=home).filter(
        window("started_at", start, end, is_datetime=True)
    )
    fields = ("reason", "tried_first", "effectiveness", "proportionality_note")
    return days_and_texts(holds.values_list("started_at", *fields))
