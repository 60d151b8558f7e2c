"""Dashboard panels, home sections, evidence-pack sections, quality-review sections, handover
sections, written records, background queues and the tasks each person must do, from later apps
(overdue assessments, plans, supervision, incidents...), registered in their `AppConfig.ready()`
so that `homes` never imports them."""

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from homes.models import Home, User


# Who a dashboard panel is for. EVERYONE panels get every home the person sees (their own
# supervision, evidence shared with them...); OVERSIGHT panels (overdue reviews, assessments due,
# children without key working) get only the homes the person runs or assesses in, so care staff
# are not led by lists of things that are not theirs to do (issue 13).
EVERYONE = "everyone"
OVERSIGHT = "oversight"


@dataclass(frozen=True)
class DashboardPanel:
    """`context(user, homes)` gets the homes the panel's audience allows (see above) and returns
    the template's context, or None to leave the panel out. A constant number of queries, always."""

    name: str
    template: str
    context: Callable[["User", list["Home"]], dict | None]
    order: int = 100
    audience: str = EVERYONE


dashboard_panels: dict[str, DashboardPanel] = {}


def register_dashboard_panel(panel: DashboardPanel) -> None:
    dashboard_panels[panel.name] = panel


def panels_for(
    user: "User", homes: list["Home"], overseen: list["Home"] | None = None
) -> list[tuple[DashboardPanel, dict]]:
    """The panels to show, in order. `overseen` is the part of `homes` that OVERSIGHT panels
    get (all of them when not given). The panels ask the person's role in each home from their
    memberships read once (`access.roles_known`)."""
    from homes import access

    shown = []
    with access.roles_known(user):
        for panel in sorted(dashboard_panels.values(), key=lambda p: p.order):
            given = overseen if panel.audience == OVERSIGHT and overseen is not None else homes
            context = panel.context(user, given)
            if context is not None:
                shown.append((panel, context))
    return shown


@dataclass(frozen=True)
class HomeSection:
    """A tab of a home's hub (its page and every section page's tab bar): `url_name` takes the
    home's id as its one argument; `predicate(user, home)` says whether the person may open it.
    Apps register their own (the tracker its monthly reviews, later apps incidents or the daily
    log) so that `homes` never imports them; the label is the one name of the section everywhere."""

    label: str
    url_name: str
    order: int = 100
    predicate: Callable[["User", "Home"], bool] = lambda user, home: True


home_sections: dict[str, HomeSection] = {}


def register_home_section(
    label: str, url_name: str, order: int = 100, predicate: Callable[["User", "Home"], bool] | None = None
) -> HomeSection:
    section = HomeSection(label=label, url_name=url_name, order=order, predicate=predicate or (lambda u, h: True))
    home_sections[url_name] = section
    return section


def sections_for(user: "User", home: "Home") -> list[HomeSection]:
    """The home's sections this person may open, in order."""
    return [s for s in sorted(home_sections.values(), key=lambda s: s.order) if s.predicate(user, home)]


@dataclass(frozen=True)
class HomePanel:
    """A part of the home's own page (its register), below its header: `context(user, home)`
    returns the template's context (included with `data` set to it) or None to leave it out for
    this person, in a constant number of queries (the language check's monthly measure...)."""

    name: str
    template: str
    context: Callable[["User", "Home"], dict | None]
    order: int = 100


home_panels: dict[str, HomePanel] = {}


def register_home_panel(panel: HomePanel) -> None:
    home_panels[panel.name] = panel


def home_panels_for(user: "User", home: "Home") -> list[tuple[HomePanel, dict]]:
    shown = []
    for panel in sorted(home_panels.values(), key=lambda p: p.order):
        context = panel.context(user, home)
        if context is not None:
            shown.append((panel, context))
    return shown


# The three judgements of Ofsted's inspection framework for children's homes (SCCIF), in its
# order: the evidence pack's cover says which one each of its files evidences (issue 12).
EXPERIENCES_AND_PROGRESS = "The experiences and progress of children"
HELPED_AND_PROTECTED = "How well children are helped and protected"
LEADERS_AND_MANAGERS = "The effectiveness of leaders and managers"
SCCIF_JUDGEMENTS = (EXPERIENCES_AND_PROGRESS, HELPED_AND_PROTECTED, LEADERS_AND_MANAGERS)


@dataclass(frozen=True)
class EvidenceSection:
    """Files an app contributes to a home's evidence pack for inspectors (the supervision
    compliance summary, say): `files(home, start, end)` yields (file name, content) pairs.
    It runs in a Celery worker, and must put nothing confidential in the pack."""

    name: str
    files: Callable[["Home", datetime.date, datetime.date], Iterable[tuple[str, bytes]]]
    # What the inspector is told the pack holds ("Supervision compliance: 2 documents").
    label: str = ""
    # The SCCIF judgement its files evidence (one of SCCIF_JUDGEMENTS), named on the pack's cover.
    # Leadership by default: a record the home keeps of itself shows how it is led and managed.
    judgement: str = LEADERS_AND_MANAGERS

    def __post_init__(self) -> None:
        if self.judgement not in SCCIF_JUDGEMENTS:
            raise ValueError(f"Evidence section {self.name!r}: {self.judgement!r} is not an SCCIF judgement.")


evidence_sections: dict[str, EvidenceSection] = {}


def register_evidence_section(section: EvidenceSection) -> None:
    evidence_sections[section.name] = section


@dataclass(frozen=True)
class QualityReviewSection:
    """A titled part of a home's Regulation 45 review of the quality of care (issue 12, item 3),
    contributed by the app that owns its records (children's progress, the safeguarding picture,
    supervision, the independent visitor's recommendations...).

    `facts(home, start, end)` gathers what the section says about the review's period (dates
    inclusive) when the review is drafted, in a constant number of queries: a dict of JSON values
    only (strings, numbers, booleans, None, lists and dicts of them; dates as ISO strings), kept
    in the review as drafted so that a signed review never changes; None leaves the section out.
    It must hold no child's full name and nothing confidential (supervision content, a person's
    wellbeing notes, aggregates of fewer than five answers): the review goes to Ofsted.
    `template` renders it, included with `facts` (and `review`) in the page and in the PDF alike,
    so it uses no script, no form and no URL that only works inside Hearth."""

    name: str
    title: str
    facts: Callable[["Home", datetime.date, datetime.date], dict | None]
    template: str
    order: int = 100


quality_review_sections: dict[str, QualityReviewSection] = {}


def register_quality_review_section(section: QualityReviewSection) -> None:
    quality_review_sections[section.name] = section


def quality_review_sections_in_order() -> list[QualityReviewSection]:
    return sorted(quality_review_sections.values(), key=lambda section: (section.order, section.name))


@dataclass(frozen=True)
class AnnexALine:
    """One line of Ofsted's Annex A table for a home and a period: "Admissions: 2"; `children` is
    how many different children the counted records involve (None where the line counts none)."""

    label: str
    number: int
    children: int | None = None


# The one function that draws up a home's Annex A table for a period (the safeguarding app
# registers it, when installed), so the evidence pack's cover shows the same table without
# importing the app that counts it.
annex_a_tables: list[Callable[["Home", datetime.date, datetime.date], list[AnnexALine]]] = []


def register_annex_a_table(table: Callable[["Home", datetime.date, datetime.date], list[AnnexALine]]) -> None:
    annex_a_tables[:] = [table]


def annex_a_for(home: "Home", start: datetime.date, end: datetime.date) -> list[AnnexALine] | None:
    """The home's Annex A table for the period, or None when no installed app counts it."""
    return annex_a_tables[0](home, start, end) if annex_a_tables else None


@dataclass(frozen=True)
class HandoverItem:
    """One line of a shift handover: "Ruby: paracetamol 500 mg at 14:05, for a headache". `attention`
    items (a missed dose, an open missing episode, a flag) are shown first and stand out."""

    text: str
    url: str = ""
    child_id: int | None = None
    when: datetime.datetime | None = None
    attention: bool = False


@dataclass(frozen=True)
class HandoverSection:
    """What an app tells the next shift (the shift's incidents, medicines given or missed, missing
    episodes, tomorrow's appointments...): `items(home, start, end)` lists the home's records
    between two aware datetimes, in a constant number of queries, with no more than the next shift
    needs to know. The shifts app drafts each handover from every registered section."""

    name: str
    label: str
    items: Callable[["Home", datetime.datetime, datetime.datetime], list[HandoverItem]]
    order: int = 100


handover_sections: dict[str, HandoverSection] = {}


def register_handover_section(section: HandoverSection) -> None:
    handover_sections[section.name] = section


@dataclass(frozen=True)
class WrittenRecords:
    """Free text that staff write about children (daily logs, key working, incident accounts,
    handovers), for the trauma-informed language check's monthly measure: `texts(home, start, end)`
    yields `(day, text)` for each entry dated between the two dates (inclusive): its day (in
    London) and its staff-written fields joined, never the child's own quoted words. One query
    however long the period (the home's page reads six months at once)."""

    name: str
    label: str
    texts: Callable[["Home", datetime.date, datetime.date], Iterable[tuple[datetime.date, str]]]


written_records: dict[str, WrittenRecords] = {}


def days_and_texts(rows: Iterable[tuple]) -> Iterator[tuple[datetime.date, str]]:
    """For a `WrittenRecords.texts`: rows of a date or a moment followed by text fields, as
    (day in London, the fields that are not empty joined by new lines)."""
    from django.utils import timezone

    for when, *values in rows:
        day = timezone.localdate(when) if isinstance(when, datetime.datetime) else when
        yield day, "\n".join(value for value in values if value)


def register_written_records(records: WrittenRecords) -> None:
    written_records[records.name] = records


@dataclass(frozen=True)
class QueueCounts:
    """Where the rows a queue's workers build stand (for the administrators' status page)."""

    queued: int
    building: int
    failed: int
    # Queued rows the broker refused: they are sent again once it is back.
    awaiting_builder: int
    oldest_queued_at: datetime.datetime | None


@dataclass(frozen=True)
class BackgroundQueue:
    """Files Celery workers build from rows (review PDFs, evidence packs, MAR charts...):
    `build_task` is the dotted path of the task (a `homes.builds.BuildTask` whose `model` is the
    row's). The status page counts the rows, and the sweep sends lost or refused builds again."""

    name: str
    build_task: str


background_queues: dict[str, BackgroundQueue] = {}


def register_background_queue(queue: BackgroundQueue) -> None:
    background_queues[queue.name] = queue


# How far ahead a person's task list looks: what is overdue, and what falls due in the next two
# weeks (issue 12).
TASK_HORIZON_DAYS = 14


@dataclass(frozen=True)
class Task:
    """One thing a person must do, derived from the records (never typed in): "Care plan review,
    Ruby, due 3 Dec". `kind` says what to do, `about` whom or what it concerns — a child's
    preferred name, a home's or a colleague's name, never a full legal name or any content, since
    tasks go into e-mail digests — and `url` is the page that resolves it."""

    kind: str
    about: str
    due: datetime.date
    url: str
    home_id: int | None = None
    child_id: int | None = None
    # A clock counted in hours (a notification's 24 hours, an interview's 72) ends at a moment:
    # the task is overdue from that moment, not only from the next day.
    due_at: datetime.datetime | None = None

    def is_overdue(self, today: datetime.date) -> bool:
        if self.due_at is not None and self.due == today:
            from django.utils import timezone

            return self.due_at <= timezone.now()
        return self.due < today


@dataclass(frozen=True)
class TaskSource:
    """`tasks(user, today, until)` lists what this person must do that is overdue or falls due on
    or before `until`, in a constant number of queries, reaching records only through
    `homes.access` (a task never reveals a record the person could not open)."""

    name: str
    tasks: Callable[["User", datetime.date, datetime.date], Iterable[Task]]


task_sources: dict[str, TaskSource] = {}


def register_task_source(source: TaskSource) -> None:
    task_sources[source.name] = source


def tasks_for(user: "User", today: datetime.date) -> list[Task]:
    """Everything due for this person, overdue first, then by date."""
    from homes import access

    until = today + datetime.timedelta(days=TASK_HORIZON_DAYS)
    with access.roles_known(user):  # every source's role checks, from one query
        found = [task for source in task_sources.values() for task in source.tasks(user, today, until)]
    return sorted(found, key=lambda task: (task.due, task.kind, task.about))


# The pages a home trend is shown on (issue 12): the provider overview of every home's health, and
# the model's implementation measures (research on implementing the model measures it from the
# records themselves). A trend can be on both.
PROVIDER_OVERVIEW = "overview"
IMPLEMENTATION = "implementation"
# The care cycle and the team side by side (issue 12, item 7): the twelve-month chart on a home's
# page and in its Regulation 45 review — children's progress, team wellbeing, supervision on time.
CARE_AND_TEAM = "care-and-team"


@dataclass(frozen=True)
class SubjectAccessSection:
    """What an app holds about one person (issue 15): the subject-access export writes every row
    these return, with each row's audit history, and retention disposal deletes exactly these rows
    and their files — so a section lists EVERY kind of row the app keeps about the person, versions
    and amendments included (tests/records/test_subject_sections.py checks that every model
    pointing at a child is listed).

    `child_records(child)` returns querysets of the child's record; `staff_records(user)` the rows
    about a member of staff (their supervision, training, wellbeing), not the children's records
    they wrote, which are the children's. `purge_shared(child)` (optional) takes the child out of
    files shared with other children's records (a home's evidence packs) when their record is
    disposed of. Each runs in a Celery worker or a disposal's transaction."""

    name: str
    label: str
    child_records: Callable[[Any], Iterable["QuerySet"]] | None = None
    staff_records: Callable[["User"], Iterable["QuerySet"]] | None = None
    # Rows the export shows but disposal keeps, because they are other people's records too (a
    # group supervision session the person attended): the redaction review weighs them.
    child_shared_records: Callable[[Any], Iterable["QuerySet"]] | None = None
    staff_shared_records: Callable[["User"], Iterable["QuerySet"]] | None = None
    purge_shared: Callable[[Any], int] | None = None
    order: int = 100


subject_access_sections: dict[str, SubjectAccessSection] = {}


def register_subject_access_section(section: SubjectAccessSection) -> None:
    subject_access_sections[section.name] = section


def subject_access_sections_in_order() -> list[SubjectAccessSection]:
    return sorted(subject_access_sections.values(), key=lambda section: (section.order, section.name))


@dataclass(frozen=True)
class IncidentReport:
    """What another app asks to be opened as an incident (a medication error, say): the incidents
    app, when installed, registers an opener that records it and returns the incident's URL."""

    child_id: int
    occurred_at: datetime.datetime
    kind: str  # what happened, in a few words: "Medication error: missed dose"
    summary: str
    recorded_by_id: int
    source: str  # "health.MedicationError"
    source_id: int


incident_openers: list[Callable[[IncidentReport], str | None]] = []


def register_incident_opener(opener: Callable[[IncidentReport], str | None]) -> None:
    """The safeguarding app registers the one function that turns a report into an incident."""
    incident_openers[:] = [opener]


def open_incident(report: IncidentReport) -> str | None:
    """The incident's URL, or None when no app records incidents. Call inside the transaction
    that saves the source record, so the two are saved together or not at all."""
    return incident_openers[0](report) if incident_openers else None


@dataclass(frozen=True)
class HomeTrend:
    """One column of the provider overview or the implementation measures (issue 12):
    `series(homes, months)` gives, for each home's id, one value per month (None where nothing
    could be measured, or where too few people answered to show an aggregate), in a constant
    number of queries however many homes. `better` says which way is good ("higher", "lower"),
    `explanation` what exactly is counted."""

    name: str
    label: str
    series: Callable[[list["Home"], list[datetime.date]], dict[int, list[float | None]]]
    unit: str = ""
    better: str = "higher"
    order: int = 100
    pages: frozenset[str] = frozenset({PROVIDER_OVERVIEW})
    explanation: str = ""


home_trends: dict[str, HomeTrend] = {}


def register_home_trend(trend: HomeTrend) -> None:
    home_trends[trend.name] = trend


def home_trends_on(page: str) -> list[HomeTrend]:
    return sorted((trend for trend in home_trends.values() if page in trend.pages), key=lambda trend: trend.order)
