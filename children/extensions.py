"""Places where later apps plug into the child's record without `children` importing them.

`children` comes before `assessments` and `tracker` (which import it), so the child's page,
the chronology and the plan reach their records through these registries, filled in each
app's `AppConfig.ready()`.
"""

import datetime
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse
from django.utils import timezone

if TYPE_CHECKING:
    from children.brain import Band, Region
    from children.models import Child
    from homes.models import Home, User


# The child's page (issue 13) is built from five registries, so a later app adds its part
# without `children` importing it:
# - summary items: the line under the child's name (age, days at home, key worker, assessor;
#   the health app adds allergies), `register_child_summary_item`;
# - actions: the large buttons for the work ("Log key working", "Add daily care"; later
#   incidents, the daily log...), shown only to people who may do it, `register_child_action`;
# - sections: the tabs of the child's record, each a page with its own URL whose view logs the
#   read, `register_child_section`;
# - panels: what a section page shows from another app, `register_child_panel` (the overview's
#   panels have section OVERVIEW; a panel with its own section is shown on that section's page);
# - chronology sources, below.
# The monthly tracker (page and both review PDFs) takes a later app's part of the month through
# `register_month_section` (the month's incidents, daily logs...), so `tracker` imports none of them.
OVERVIEW = "overview"


@dataclass(frozen=True)
class ChildPanel:
    """A part of one of the child's section pages (`section`: the overview, or a section's name
    registered with `register_child_section` whose URL shows `children.views.child.child_section`).
    `context(user, child)` returns the template's context, or None to leave the panel out for
    this person. It must run a constant number of queries."""

    name: str
    template: str
    context: Callable[["User", "Child"], dict | None]
    order: int = 100
    section: str = OVERVIEW


@dataclass(frozen=True)
class ChildSummaryItem:
    """One part of the photo-free summary under the child's name. `text(user, child)` returns
    a short phrase ("14 years old", "allergies: peanuts") or None to leave it out; `important`
    items stand out (allergies). Constant queries: most need none (the child comes with its
    home, key worker and assessor)."""

    name: str
    text: Callable[["User", "Child"], str | None]
    order: int = 100
    important: bool = False


@dataclass(frozen=True)
class ChildAction:
    """A piece of work done for the child, as a large button at the top of their page.
    `label` starts with a verb and says what it does ("Log key working"); the page adds "for
    <child>" for screen readers. `url_name` is reversed with `child_id` (plus `fragment`);
    `allowed(user, child)` decides whether the person sees it (the view refuses anyway)."""

    name: str
    label: str
    url_name: str
    allowed: Callable[["User", "Child"], bool]
    order: int = 100
    fragment: str = ""


@dataclass(frozen=True)
class ChildSection:
    """A tab of the child's record: a page with its own URL (`url_name`, reversed with
    `child_id`), marked as the current page where `section` matches `name`. `allowed(user,
    child)` hides it from people the page would refuse (None: everyone who reads the child)."""

    name: str
    label: str
    url_name: str
    order: int = 100
    allowed: Callable[["User", "Child"], bool] | None = None


@dataclass(frozen=True)
class ShownAction:
    label: str
    url: str


@dataclass(frozen=True)
class ChronologyEntry:
    when: datetime.datetime  # timezone-aware; a record with only a date uses midnight, Europe/London
    kind: str  # the ChronologySource's kind
    title: str
    detail: str = ""
    url: str = ""
    author: str = ""
    # Orders a source's entries at the same moment, largest first (the record's pk): with `when`
    # it says exactly where a page stopped, so the next page continues there (keyset paging).
    key: int = 0


@dataclass(frozen=True)
class Older:
    """Where the chronology's previous page stopped, as one source must continue: its entries
    after the position (`when`, `key`) in its own order (newest first, then the largest key), i.e.
    older than `when`, or at `when` with a smaller key. `key` is an int or ±infinity: +inf keeps
    every entry at `when` (the page stopped at a source shown after this one at that moment),
    -inf none (it stopped at a source shown before this one)."""

    when: datetime.datetime
    key: float = math.inf

    def admits(self, when: datetime.datetime, key: float) -> bool:
        return when < self.when or (when == self.when and key < self.key)

    def filter(self, queryset: models.QuerySet, field: str, key_field: str = "pk") -> models.QuerySet:
        """`queryset` narrowed to the records after this position, by one date or datetime field
        and an integer key field: the query an index on (child, field, key) answers directly,
        so page 200 costs what page 1 does."""
        is_datetime = isinstance(queryset.model._meta.get_field(field), models.DateTimeField)
        when = self.when
        if not is_datetime:
            day = timezone.localdate(when)
            if day_start(day) < when:  # a record on that day sits at its midnight, before `when`
                return queryset.filter(**{f"{field}__lte": day})
            when = day
        if self.key == math.inf:
            return queryset.filter(**{f"{field}__lte": when})
        if self.key == -math.inf:
            return queryset.filter(**{f"{field}__lt": when})
        return queryset.filter(
            models.Q(**{f"{field}__lt": when}) | models.Q(**{field: when, f"{key_field}__lt": self.key})
        )


@dataclass(frozen=True)
class ChronologySource:
    """One kind of dated record in the child's timeline. `entries(child, start, end)` yields its
    entries between the dates (inclusive, either may be None), NEWEST FIRST, using one query
    however many there are (stream with `QuerySet.iterator()` so a page need not load them all:
    see children/services/chronology.py). Use `dated()` for the dates and `day_start()` for
    the moment of a record that has only a date, below, so every source treats them alike."""

    kind: str
    label: str
    entries: Callable[["Child", datetime.date | None, datetime.date | None], Iterable[ChronologyEntry]]
    # Optional: how many entries `entries` would yield, in one COUNT query, for summaries that
    # need only the number (the monthly tracker's); without it the entries are counted one by one.
    count: Callable[["Child", datetime.date | None, datetime.date | None], int] | None = None
    # True when `entries` also takes `older=` (an `Older` or None) and yields only the entries
    # after that position, each with its `key`: the next page then starts in the query (use
    # `Older.filter`). Without it the chronology reads the source from its newest entry and skips
    # what earlier pages showed, which costs more the deeper the page.
    keyset: bool = False

    def count_between(self, child: "Child", start: datetime.date | None, end: datetime.date | None) -> int:
        if self.count is not None:
            return self.count(child, start, end)
        return sum(1 for _ in self.entries(child, start, end))


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day`, Europe/London: where a record with only a date sits."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def window(field: str, start: datetime.date | None, end: datetime.date | None, *, is_datetime: bool) -> models.Q:
    """A source's records between the dates (inclusive, either may be None), as a filter on
    one date or datetime field. Any date the chronology's form accepts works, the last day
    there is included (it has no next day to stop before)."""
    query = models.Q()
    if start:
        query &= models.Q(**{f"{field}__gte": day_start(start) if is_datetime else start})
    if end and not is_datetime:
        query &= models.Q(**{f"{field}__lte": end})
    elif end and end < datetime.date.max:
        query &= models.Q(**{f"{field}__lt": day_start(end + datetime.timedelta(days=1))})
    return query


def dated(queryset: models.QuerySet, field: str, start: datetime.date | None, end: datetime.date | None):
    """`queryset` narrowed to the chronology's window on one of its model's date or datetime fields."""
    is_datetime = isinstance(queryset.model._meta.get_field(field), models.DateTimeField)
    return queryset.filter(window(field, start, end, is_datetime=is_datetime))


def in_window(when: datetime.datetime, start: datetime.date | None, end: datetime.date | None) -> bool:
    """Whether a moment worked out in Python (not filtered in the query) falls in the window."""
    day = timezone.localdate(when)
    return (start is None or day >= start) and (end is None or day <= end)


@dataclass(frozen=True)
class MonthSection:
    """A later app's part of the child's month in the monthly tracker: the page, the meeting pack
    and the review record all include `template` with `data` set to `context(child, month)`
    (`month` is the month's first day), and a heading of `label`. `context` returns None to leave
    the section out, and runs a constant number of queries. The template must also draw in a PDF:
    no script, charts as SVG (children.charts), nothing confidential beyond the review's own."""

    name: str
    label: str
    template: str
    context: Callable[["Child", datetime.date], dict | None]
    order: int = 100


@dataclass(frozen=True)
class MovingOnSection:
    """A later app's part of the moving-on pack a child takes with them when they leave (issue
    15): the health summary, say. The pack includes `template` with `data` set to
    `context(child)` under a heading of `label`; `context` returns None to leave the section out.
    The template is written to the child ("you") and must draw in a PDF (no script)."""

    name: str
    label: str
    template: str
    context: Callable[["Child"], dict | None]
    order: int = 100


@dataclass(frozen=True)
class BeforeShiftSection:
    """A later app's part of a home's before-shift sheet (the printable page staff read before a
    shift). `context(user, home, children)` gets the children living in the home (already
    read-logged) and returns the template's context (included at the top of the sheet, above the
    children, with `data` set to it) or None to leave it out; `child_notes(children)` returns, for
    any child, short important notes shown under that child's name ("Allergic to penicillin").
    Both in a constant number of queries."""

    name: str
    order: int = 100
    template: str = ""
    context: Callable[["User", "Home", list["Child"]], dict | None] | None = None
    child_notes: Callable[[list["Child"]], dict[int, list[str]]] | None = None


@dataclass(frozen=True)
class FocusArea:
    """An assessment item where the child is well below age expectation: something a care-plan
    goal can target. Goals keep the item's code and label as text, so a plan stays readable
    whichever instrument version scored it."""

    region: "Region"
    item_code: str
    label: str
    band: "Band"


child_panels: dict[str, ChildPanel] = {}
child_summary_items: dict[str, ChildSummaryItem] = {}
child_actions: dict[str, ChildAction] = {}
child_sections: dict[str, ChildSection] = {}
chronology_sources: dict[str, ChronologySource] = {}
month_sections: dict[str, MonthSection] = {}
before_shift_sections: dict[str, BeforeShiftSection] = {}
moving_on_sections: dict[str, MovingOnSection] = {}
# The latest final assessment's band for each region, or None before any; set by `assessments`.
_region_bands: list[Callable[["Child"], "dict[Region, Band] | None"]] = []
# The latest final assessment's focus areas, bottom-up; set by `assessments`.
_focus_areas: list[Callable[["Child"], "list[FocusArea]"]] = []


def register_child_panel(panel: ChildPanel) -> None:
    child_panels[panel.name] = panel


def register_child_summary_item(item: ChildSummaryItem) -> None:
    child_summary_items[item.name] = item


def register_child_action(action: ChildAction) -> None:
    child_actions[action.name] = action


def register_child_section(section: ChildSection) -> None:
    child_sections[section.name] = section


def register_chronology_source(source: ChronologySource) -> None:
    chronology_sources[source.kind] = source


def register_month_section(section: MonthSection) -> None:
    month_sections[section.name] = section


def month_sections_for(child: "Child", month: datetime.date) -> list[tuple[MonthSection, dict]]:
    """The later apps' parts of the child's month, in order, leaving out those with nothing to show."""
    shown = []
    for section in sorted(month_sections.values(), key=lambda s: s.order):
        context = section.context(child, month)
        if context is not None:
            shown.append((section, context))
    return shown


def register_moving_on_section(section: MovingOnSection) -> None:
    moving_on_sections[section.name] = section


def moving_on_sections_for(child: "Child") -> list[tuple[MovingOnSection, dict]]:
    """The later apps' parts of the child's moving-on pack, in order, leaving out empty ones."""
    shown = []
    for section in sorted(moving_on_sections.values(), key=lambda s: s.order):
        context = section.context(child)
        if context is not None:
            shown.append((section, context))
    return shown


def register_before_shift_section(section: BeforeShiftSection) -> None:
    before_shift_sections[section.name] = section


def before_shift_for(
    user: "User", home: "Home", children: list["Child"]
) -> tuple[list[tuple[BeforeShiftSection, dict]], dict[int, list[str]]]:
    """The sheet's sections with their context, in order, and each child's notes from every app."""
    shown, notes = [], {}
    for section in sorted(before_shift_sections.values(), key=lambda s: s.order):
        if section.context is not None:
            context = section.context(user, home, children)
            if context is not None:
                shown.append((section, context))
        if section.child_notes is not None:
            for child_id, texts in section.child_notes(children).items():
                notes.setdefault(child_id, []).extend(texts)
    return shown, notes


def register_region_bands(provider: Callable[["Child"], "dict[Region, Band] | None"]) -> None:
    _region_bands[:] = [provider]


def latest_region_bands(child: "Child") -> "dict[Region, Band] | None":
    """How the child's latest final assessment placed each brain region, if there is one."""
    return _region_bands[0](child) if _region_bands else None


def register_focus_areas(provider: Callable[["Child"], "list[FocusArea]"]) -> None:
    _focus_areas[:] = [provider]


def focus_areas_for(child: "Child") -> "list[FocusArea]":
    """The suggested focus areas from the child's latest final assessment, bottom-up."""
    return _focus_areas[0](child) if _focus_areas else []


def panels_for(user: "User", child: "Child", section: str = OVERVIEW) -> list[tuple[ChildPanel, dict]]:
    shown = []
    for panel in sorted(child_panels.values(), key=lambda p: p.order):
        if panel.section != section:
            continue
        context = panel.context(user, child)
        if context is not None:
            shown.append((panel, context))
    return shown


def summary_for(user: "User", child: "Child") -> list[tuple[ChildSummaryItem, str]]:
    """The summary's items with their text, in order, leaving out those with nothing to say."""
    shown = []
    for item in sorted(child_summary_items.values(), key=lambda i: i.order):
        text = item.text(user, child)
        if text:
            shown.append((item, text))
    return shown


def actions_for(user: "User", child: "Child") -> list[ShownAction]:
    """The actions this person may take for the child, in order, with their URLs."""
    return [
        ShownAction(
            label=action.label,
            url=reverse(action.url_name, kwargs={"child_id": child.pk})
            + (f"#{action.fragment}" if action.fragment else ""),
        )
        for action in sorted(child_actions.values(), key=lambda a: a.order)
        if action.allowed(user, child)
    ]


def sections_for(user: "User", child: "Child") -> list[tuple[ChildSection, str]]:
    """The tabs of the child's record this person may open, in order, with their URLs."""
    return [
        (section, reverse(section.url_name, kwargs={"child_id": child.pk}))
        for section in sorted(child_sections.values(), key=lambda s: s.order)
        if section.allowed is None or section.allowed(user, child)
    ]
