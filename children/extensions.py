"""Places where later apps plug into the child's record without `children` importing them.

`children` comes before `assessments` and `tracker` (which import it), so the child's page,
the chronology and the plan reach their records through these registries, filled in each
app's `AppConfig.ready()`.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from children.brain import Band, Region
    from children.models import Child
    from homes.models import User


@dataclass(frozen=True)
class ChildPanel:
    """A section of the child's page. `context(user, child)` returns the template's context,
    or None to leave the panel out for this person. It must run a constant number of queries."""

    name: str
    template: str
    context: Callable[["User", "Child"], dict | None]
    order: int = 100


@dataclass(frozen=True)
class ChronologyEntry:
    when: datetime.datetime  # timezone-aware; a record with only a date uses midnight, Europe/London
    kind: str  # the ChronologySource's kind
    title: str
    detail: str = ""
    url: str = ""
    author: str = ""


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
class FocusArea:
    """An assessment item where the child is well below age expectation: something a care-plan
    goal can target. Goals keep the item's code and label as text, so a plan stays readable
    whichever instrument version scored it."""

    region: "Region"
    item_code: str
    label: str
    band: "Band"


child_panels: dict[str, ChildPanel] = {}
chronology_sources: dict[str, ChronologySource] = {}
# The latest final assessment's band for each region, or None before any; set by `assessments`.
_region_bands: list[Callable[["Child"], "dict[Region, Band] | None"]] = []
# The latest final assessment's focus areas, bottom-up; set by `assessments`.
_focus_areas: list[Callable[["Child"], "list[FocusArea]"]] = []


def register_child_panel(panel: ChildPanel) -> None:
    child_panels[panel.name] = panel


def register_chronology_source(source: ChronologySource) -> None:
    chronology_sources[source.kind] = source


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


def panels_for(user: "User", child: "Child") -> list[tuple[ChildPanel, dict]]:
    shown = []
    for panel in sorted(child_panels.values(), key=lambda p: p.order):
        context = panel.context(user, child)
        if context is not None:
            shown.append((panel, context))
    return shown
