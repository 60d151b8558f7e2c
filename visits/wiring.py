"""How the visits app joins the rest of Hearth (homes.extensions): the visitor's dashboard panel,
the home's tab, the task list, the provider overview's open actions, the evidence pack, subject
access and the PDF queue. Registered from VisitsConfig.ready(), so no other app imports visits."""

import datetime
from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from homes import access
from homes.dates import add_months, month_start
from homes.extensions import (
    EVERYONE,
    LEADERS_AND_MANAGERS,
    BackgroundQueue,
    DashboardPanel,
    EvidenceSection,
    HomeTrend,
    QualityReviewSection,
    SubjectAccessSection,
    Task,
    TaskSource,
    register_background_queue,
    register_dashboard_panel,
    register_evidence_section,
    register_home_section,
    register_home_trend,
    register_quality_review_section,
    register_subject_access_section,
    register_task_source,
)
from homes.models import Home, User
from visits.models import Recommendation, VisitChild, VisitorAppointment, VisitReport
from visits.services import response_due

REPORT_TASK = "Regulation 44 report"
VISIT_TASK = "Regulation 44 visit"
ACTION_TASK = "Independent visitor's recommendation"
RESPOND_TASK = "Respond to the independent visitor"


def month_end(day: datetime.date) -> datetime.date:
    return add_months(month_start(day), 1) - datetime.timedelta(days=1)


def _visitor_panel(user: User, homes: list[Home]) -> dict | None:
    """The visitor's homes, today's visit and their reports (nothing for anyone else)."""
    appointed = list(access.visitor_homes(user).order_by("name"))
    if not appointed:
        return None
    today = timezone.localdate()
    visits = {visit.home_id: visit for visit in access.visits_for(user).filter(visit_date=today)}
    return {"rows": [(home, visits.get(home.pk)) for home in appointed], "today": today}


def _tasks(user: User, today: datetime.date, until: datetime.date) -> Iterator[Task]:
    # The visitor: each visit's report until it is signed (by the end of the visit's month), and
    # this month's visit to each home they are appointed to.
    appointed = list(access.visitor_homes(user))
    if appointed:
        visits = access.visits_for(user).filter(Q(report__isnull=True) | Q(report__signed_at__isnull=True))
        for visit in visits.select_related("home"):
            yield Task(
                kind=REPORT_TASK,
                about=visit.home.name,
                due=month_end(visit.visit_date),
                url=reverse("visit_report_edit", args=[visit.pk]),
                home_id=visit.home_id,
            )
        visited = set(
            access.visits_for(user).filter(visit_date__gte=month_start(today)).values_list("home_id", flat=True)
        )
        for home in appointed:
            if home.pk not in visited and month_end(today) <= until:
                yield Task(
                    kind=VISIT_TASK, about=home.name, due=month_end(today), url=reverse("visit_list"), home_id=home.pk
                )
        return
    # An action's owner, and the home's managers for every open action and every report still
    # waiting for their response. Each action once: its owner's list, else the managers'.
    run = access.homes_run_by(user)
    actions = (
        access.recommendations_for(user)
        .filter(Q(owner=user) | Q(report__visit__home__in=run), responded_at__isnull=False, done_on__isnull=True)
        .filter(due_on__lte=until)
        .select_related("report__visit__home")
    )
    for action in actions:
        yield Task(
            kind=ACTION_TASK,
            about=action.report.visit.home.name,
            due=action.due_on,
            url=reverse("visit_report_detail", args=[action.report_id]),
            home_id=action.report.visit.home_id,
        )
    # A report is waiting while one of its recommendations has no response (one with none waits
    # for nothing: a filter across the reverse key would match it too).
    unanswered = Recommendation.objects.filter(report=OuterRef("pk"), responded_at__isnull=True)
    waiting = (
        access.visit_reports_for(user)
        .filter(Exists(unanswered), visit__home__in=run, signed_at__isnull=False)
        .select_related("visit__home")
    )
    for report in waiting:
        due = response_due(report)
        if due <= until:
            yield Task(
                kind=RESPOND_TASK,
                about=report.visit.home.name,
                due=due,
                url=reverse("visit_report_detail", args=[report.pk]),
                home_id=report.visit.home_id,
            )


def open_actions_series(homes: list[Home], months: list[datetime.date]) -> dict[int, list[float | None]]:
    """For each home, how many of the independent visitor's recommendations were still not done
    at the end of each month (or today, for this month), counted from the report's signing. One
    query however many homes."""
    if not homes or not months:
        return {}
    today = timezone.localdate()
    ends = [min(month_end(month), today) for month in months]
    rows = Recommendation.objects.filter(
        report__visit__home__in=homes, report__signed_at__isnull=False, report__signed_at__date__lte=ends[-1]
    ).filter(Q(done_on__isnull=True) | Q(done_on__gt=months[0]))
    counts: dict[int, list[float | None]] = {home.pk: [0.0] * len(months) for home in homes}
    for home_id, signed_at, done_on in rows.order_by().values_list(
        "report__visit__home_id", "report__signed_at", "done_on"
    ):
        signed_on = timezone.localdate(signed_at)
        for index, end in enumerate(ends):
            if signed_on <= end and (done_on is None or done_on > end):
                counts[home_id][index] += 1
    return counts


def evidence_files(home: Home, start: datetime.date, end: datetime.date) -> Iterator[tuple[str, bytes]]:
    """Each signed report of a visit in the period, as its PDF (the one already built, else
    made now)."""
    from visits.pdf import report_pdf_bytes

    reports = (
        VisitReport.objects.filter(
            visit__home=home, signed_at__isnull=False, visit__visit_date__gte=start, visit__visit_date__lte=end
        )
        .select_related("visit__home", "visit__visitor", "signed_by")
        .order_by("visit__visit_date")
    )
    for report in reports:
        yield (f"regulation-44/{report.visit.visit_date:%Y-%m-%d}-regulation-44-report.pdf", report_pdf_bytes(report))


def quality_review_facts(home: Home, start: datetime.date, end: datetime.date) -> dict:
    """For the Regulation 45 review: the recommendations of the period's signed reports and what
    was done about each (owners by name: staff, never children). Two queries."""
    from visits.services import recommendations_in

    rows = recommendations_in(home, start, end)
    reports = VisitReport.objects.filter(
        visit__home=home, signed_at__isnull=False, visit__visit_date__gte=start, visit__visit_date__lte=end
    ).count()
    return {
        "reports": reports,
        "done": sum(1 for row in rows if row.done_on),
        "recommendations": [
            {
                "visit_date": row.report.visit.visit_date.isoformat(),
                "text": row.text,
                "action": row.action,
                "owner": row.owner.full_name if row.owner else "",
                "due_on": row.due_on.isoformat() if row.due_on else "",
                "done_on": row.done_on.isoformat() if row.done_on else "",
            }
            for row in rows
        ],
    }


def _child_records(child) -> list:
    return [VisitChild.objects.filter(child=child)]


def _staff_records(user: User) -> list:
    return [VisitorAppointment.objects.filter(visitor=user)]


def register() -> None:
    register_dashboard_panel(
        DashboardPanel(
            name="visits", template="visits/_dashboard_panel.html", context=_visitor_panel, order=1, audience=EVERYONE
        )
    )
    register_home_section("Independent visits", "visit_reports_home", order=75)
    register_task_source(TaskSource(name="visits", tasks=_tasks))
    register_home_trend(
        HomeTrend(
            name="visit-actions",
            label="Visitor's actions open",
            series=open_actions_series,
            better="lower",
            order=90,
            explanation="The independent visitor's recommendations not yet done at the end of each month.",
        )
    )
    register_evidence_section(
        EvidenceSection(
            name="visits",
            files=evidence_files,
            label="Regulation 44 independent visitor's reports",
            # How leaders use independent scrutiny: the visitor's findings and what was done.
            judgement=LEADERS_AND_MANAGERS,
        )
    )
    register_subject_access_section(
        SubjectAccessSection(
            name="visits",
            label="Independent visits",
            child_records=_child_records,
            staff_records=_staff_records,
            order=95,
        )
    )
    register_quality_review_section(
        QualityReviewSection(
            name="visits",
            title="The independent visitor's recommendations and what was done",
            facts=quality_review_facts,
            template="visits/_quality_review_section.html",
            order=60,
        )
    )

    pdfs = BackgroundQueue(name="Regulation 44 report PDFs", build_task="visits.tasks.build_visit_report_pdf")
    register_background_queue(pdfs)
