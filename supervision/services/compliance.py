"""Supervision compliance: who was supervised when, who is due, who is overdue, and the share
of staff supervised on time month by month. Facts only, never content: this is what managers
and inspectors see (the dashboard, the compliance page, the evidence pack).

Rules:
- staff in scope are the home's managers, deputies and care staff (assessors visit);
- every supervision kind except appraisal counts, and a group counts for each attendee;
- supervision is next due one policy interval after the last (or after starting at the home);
- a person is "on time" at a date when they were supervised within the interval before it;
  people who started less than one interval before are not yet due and are left out.
"""

import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Q
from django.utils import timezone

from homes import dates
from homes.exports import csv_writer
from homes.models import Home, Membership, User
from homes.pdf import html_to_pdf
from supervision.models import Attendance, SupervisionPolicy, SupervisionSession
from supervision.services.wellbeing import WellbeingMonth, monthly_aggregates

MONTHS_SHOWN = 6


@dataclass(frozen=True)
class StaffCompliance:
    person: User
    role: str
    started_on: datetime.date
    last_supervised: datetime.date | None
    next_due: datetime.date
    last_appraisal: datetime.date | None
    appraisal_due: datetime.date
    as_of: datetime.date

    @property
    def overdue(self) -> bool:
        return self.next_due < self.as_of

    @property
    def days_overdue(self) -> int:
        return max((self.as_of - self.next_due).days, 0)

    @property
    def appraisal_overdue(self) -> bool:
        return self.appraisal_due < self.as_of


@dataclass(frozen=True)
class MonthShare:
    month: datetime.date
    due: int
    on_time: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.on_time / self.due) if self.due else None


@dataclass
class HomeCompliance:
    home: Home
    policy: SupervisionPolicy
    as_of: datetime.date
    staff: list[StaffCompliance] = field(default_factory=list)
    months: list[MonthShare] = field(default_factory=list)
    wellbeing: list[WellbeingMonth] = field(default_factory=list)

    @property
    def overdue(self) -> list[StaffCompliance]:
        return [row for row in self.staff if row.overdue]

    @property
    def current(self) -> MonthShare | None:
        return self.months[-1] if self.months else None


# The months of a period, as their first days (homes.dates, under the name the views use).
month_starts = dates.month_range


def last_months(count: int = MONTHS_SHOWN, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """(first day of the month `count - 1` months ago, today)."""
    return dates.last_months(count, today or timezone.localdate())


def compliance_for_homes(
    homes: list[Home], start: datetime.date, end: datetime.date, *, wellbeing: bool = False, staff: bool = True
) -> list[HomeCompliance]:
    """Each home's compliance between the months of `start` and `end`, in four queries
    however many homes and people (plus one per home for the wellbeing trend, if asked).
    `staff=False` leaves out the table of staff in post (and the people in it): the months'
    shares only, in three queries (the provider overview's forty homes)."""
    as_of = min(end, timezone.localdate())
    policies = {p.home_id: p for p in SupervisionPolicy.objects.filter(home__in=homes)}
    # Everyone in post at some point of the period: those who have left since still count in the
    # months they worked (the staff table lists only those in post now).
    memberships = Membership.all_objects.filter(home__in=homes, role__in=Membership.KEY_WORKER_ROLES).filter(
        Q(ended_on__isnull=True, user__is_active=True) | Q(ended_on__gt=start.replace(day=1))
    )
    # Unordered when only counted: the default order joins the homes and people to sort.
    memberships = list(
        memberships.select_related("user").order_by("user__full_name") if staff else memberships.order_by()
    )
    people = {m.user_id for m in memberships}
    supervision = Q(session__kind__in=SupervisionSession.SUPERVISION_KINDS)
    lasts = (
        {
            row["person"]: row
            for row in Attendance.objects.filter(person__in=people, session__held_on__lte=as_of)
            .order_by()
            .values("person")
            .annotate(
                last_supervised=Max("session__held_on", filter=supervision),
                last_appraisal=Max("session__held_on", filter=Q(session__kind=SupervisionSession.Kind.APPRAISAL)),
            )
        }
        if staff
        else {}
    )
    default_interval = datetime.timedelta(weeks=SupervisionPolicy.DEFAULT_SUPERVISION_WEEKS)
    longest = max([p.supervision_interval for p in policies.values()] + [default_interval])
    held: dict[int, list[datetime.date]] = defaultdict(list)
    for person_id, held_on in (
        Attendance.objects.filter(
            supervision,
            person__in=people,
            session__held_on__gte=start.replace(day=1) - longest,
            session__held_on__lte=end,
        )
        .order_by()
        .values_list("person", "session__held_on")
    ):
        held[person_id].append(held_on)

    members_of: dict[int, list[Membership]] = defaultdict(list)
    for m in memberships:
        members_of[m.home_id].append(m)
    result = []
    for home in homes:
        policy = policies.get(home.pk) or SupervisionPolicy(home=home)
        summary = HomeCompliance(home=home, policy=policy, as_of=as_of)
        members = members_of[home.pk]
        for m in members if staff else ():
            if m.ended_on is not None and m.ended_on <= as_of:
                continue  # left: in the months they worked, not in the table of staff in post
            last = lasts.get(m.user_id, {})
            last_supervised, last_appraisal = last.get("last_supervised"), last.get("last_appraisal")
            summary.staff.append(
                StaffCompliance(
                    person=m.user,
                    role=m.get_role_display(),
                    started_on=m.started_on,
                    last_supervised=last_supervised,
                    next_due=(last_supervised or m.started_on) + policy.supervision_interval,
                    last_appraisal=last_appraisal,
                    appraisal_due=policy.appraisal_due_after(last_appraisal or m.started_on),
                    as_of=as_of,
                )
            )
        for month in month_starts(start, end):
            at = min(dates.add_months(month, 1) - datetime.timedelta(days=1), as_of)
            window_start = at - policy.supervision_interval
            due = [m for m in members if m.started_on <= window_start and (m.ended_on is None or m.ended_on > at)]
            on_time = [m for m in due if any(window_start < day <= at for day in held[m.user_id])]
            summary.months.append(MonthShare(month=month, due=len(due), on_time=len(on_time)))
        if wellbeing:
            summary.wellbeing = monthly_aggregates(home, [s.month for s in summary.months])
        result.append(summary)
    return result


@dataclass(frozen=True)
class HomeCounts:
    """A home's row of the provider-wide dashboard: how many of its staff are overdue for
    supervision today, and this month's share supervised on time."""

    home: Home
    overdue: int
    current: MonthShare


def compliance_counts_for_homes(homes: list[Home], today: datetime.date | None = None) -> list[HomeCounts]:
    """`compliance_for_homes`' overdue count and this month's share for each home, as numbers
    only (issue 14): forty homes' staff as plain values, never made into people and rows, in
    three queries (four when someone started too recently to be due by their start date). The
    same rules: staff in post today in the key-working roles, supervised
    on time when the latest supervision (of any home) is within the policy's interval, due one
    interval after it (or after starting, if never supervised)."""
    today = today or timezone.localdate()
    intervals = {p.home_id: p.supervision_interval for p in SupervisionPolicy.objects.filter(home__in=homes)}
    default_interval = SupervisionPolicy().supervision_interval
    in_post = list(
        Membership.all_objects.filter(home__in=homes, role__in=Membership.KEY_WORKER_ROLES)
        .filter(Q(ended_on__isnull=True, user__is_active=True) | Q(ended_on__gt=today))
        .order_by()  # counted, never listed: no join to the homes and people to sort
        .values_list("home_id", "user_id", "started_on")
    )
    supervised = Attendance.objects.filter(
        session__kind__in=SupervisionSession.SUPERVISION_KINDS, session__held_on__lte=today
    )
    # Each person's latest supervision within the longest interval: one older than that cannot
    # make anyone on time, and the sessions' date index reads a few weeks, not five years...
    since = today - max([*intervals.values(), default_interval])
    lasts = dict(
        supervised.filter(person__in={user_id for _, user_id, _ in in_post}, session__held_on__gte=since)
        .values("person")
        .annotate(last=Max("session__held_on"))
        .values_list("person", "last")
    )
    # ...but it still decides when supervision is next due. Only for someone who started too
    # recently to be overdue by their start date does it matter whether they were ever supervised
    # before (elsewhere, say): then they are due one interval after that, and overdue.
    recent = {
        user_id
        for home_id, user_id, started_on in in_post
        if user_id not in lasts and started_on + intervals.get(home_id, default_interval) >= today
    }
    supervised_before = set(supervised.filter(person__in=recent).values_list("person", flat=True).distinct())
    overdue = defaultdict(int)
    due = defaultdict(int)
    on_time = defaultdict(int)
    for home_id, user_id, started_on in in_post:
        interval = intervals.get(home_id, default_interval)
        last = lasts.get(user_id)
        overdue[home_id] += user_id in supervised_before or (last or started_on) + interval < today
        if started_on <= today - interval:  # due this month: in post a whole interval by today
            due[home_id] += 1
            on_time[home_id] += last is not None and last > today - interval
    month = today.replace(day=1)
    return [
        HomeCounts(
            home=home,
            overdue=overdue[home.pk],
            current=MonthShare(month=month, due=due[home.pk], on_time=on_time[home.pk]),
        )
        for home in homes
    ]


def compliance_summary(
    home: Home, start: datetime.date, end: datetime.date, *, wellbeing: bool = False
) -> HomeCompliance:
    return compliance_for_homes([home], start, end, wellbeing=wellbeing)[0]


def compliance_csv(summary: HomeCompliance) -> bytes:
    """The summary as a spreadsheet: dates and counts only, never what was said."""
    out = io.StringIO()
    writer = csv_writer(out)  # names are neutralised against spreadsheet formulas
    writer.writerow([f"Supervision compliance: {summary.home.name}", f"as of {summary.as_of:%d/%m/%Y}"])
    writer.writerow(
        [
            "Policy",
            f"supervision every {summary.policy.supervision_every_weeks} weeks",
            f"appraisal every {summary.policy.appraisal_every_months} months",
        ]
    )
    writer.writerow([])
    writer.writerow(
        ["Member of staff", "Role", "Last supervised", "Next due", "Status", "Last appraisal", "Appraisal due"]
    )
    for row in summary.staff:
        writer.writerow(
            [
                row.person.full_name,
                row.role,
                _date(row.last_supervised),
                _date(row.next_due),
                f"overdue by {row.days_overdue} days" if row.overdue else "on time",
                _date(row.last_appraisal),
                _date(row.appraisal_due),
            ]
        )
    writer.writerow([])
    writer.writerow(["Month", "Staff due", "Supervised on time", "Share on time (%)"])
    for month in summary.months:
        writer.writerow(
            [f"{month.month:%B %Y}", month.due, month.on_time, "" if month.percent is None else month.percent]
        )
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read the names' accents right


def _date(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "never"


def compliance_pdf(summary: HomeCompliance) -> bytes:
    """The summary as a PDF for inspectors, drawn with the page's own SVG chart partial."""
    from django.template.loader import render_to_string

    return html_to_pdf(render_to_string("supervision/pdf/compliance.html", {"summary": summary}))
