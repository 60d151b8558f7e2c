"""Recording body maps and their marks, and drawing them.

A mark's position arrives as a point on the outline (a tap, or arrow keys moving the marker) or,
from the plain form, as a named part of the body, which places it at that part's centre. Either
way it is stored as coordinates, and the region is worked out from them here."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from children.models import Child
from homes.models import User
from safeguarding import body
from safeguarding.models import BodyMap, BodyMark, Incident, MissingEpisode
from safeguarding.services.missing import EPISODE_CLOSED

NO_POSITION = "Show where the mark is: tap the outline, or choose the part of the body."
NO_MARKS = "A body map needs at least one mark."

MAP_FIELDS = ("seen_at", "context", "notes")
MARK_FIELDS = ("kind", "size", "description", "how_it_happened", "seen_by")


def mark_position(
    *, side: str | None, x: Decimal | None, y: Decimal | None, region: str | None
) -> tuple[str, Decimal, Decimal, str]:
    """(side, x, y, region code) from a point on the outline, or else from a region chosen as
    "side:code" (placed at its centre). Raises ValidationError when neither is given."""
    if side in dict(body.SIDES) and x is not None and y is not None:
        if not (0 <= x <= body.WIDTH and 0 <= y <= body.HEIGHT):
            raise ValidationError({"region": [NO_POSITION]})
        return side, x, y, body.area_at(side, float(x), float(y)).code
    if region and ":" in region:
        side, code = region.split(":", 1)
        area = body.area_named(side, code) if side in dict(body.SIDES) else None
        if area is not None:
            cx, cy = area.centre
            return side, cx, cy, area.code
    raise ValidationError({"region": [NO_POSITION]})


def _new_mark(*, body_map: BodyMap, recorded_by: User, now: datetime.datetime, position: dict, **fields) -> BodyMark:
    side, x, y, region = mark_position(**position)
    mark = BodyMark(body_map=body_map, side=side, x=x, y=y, region=region, recorded_by=recorded_by, recorded_at=now)
    for name in MARK_FIELDS:
        setattr(mark, name, fields[name])
    mark.full_clean()
    mark.save()
    return mark


@transaction.atomic
def body_map_record(
    *,
    child: Child,
    author: User,
    seen_at: datetime.datetime,
    context: str = BodyMap.Context.NOTICED,
    notes: str = "",
    marks: list[dict],
    missing_episode: MissingEpisode | None = None,
    incident: Incident | None = None,
    now: datetime.datetime | None = None,
) -> BodyMap:
    """A signed body map with its marks. Each mark is a dict of MARK_FIELDS plus `position`
    (side, x, y, region: see `mark_position`)."""
    if not marks:
        raise ValidationError(NO_MARKS)
    if missing_episode is not None and missing_episode.is_closed:
        raise ValidationError(EPISODE_CLOSED)
    now = now or timezone.now()
    if missing_episode is not None:
        context = BodyMap.Context.MISSING_RETURN
    elif incident is not None:
        context = BodyMap.Context.INCIDENT
    body_map = BodyMap(
        child=child,
        author=author,
        signed_at=now,
        seen_at=seen_at,
        context=context,
        notes=notes,
        missing_episode=missing_episode,
        incident=incident,
    )
    body_map.full_clean()
    body_map.save()
    for mark in marks:
        _new_mark(body_map=body_map, recorded_by=author, now=now, **mark)
    return body_map


@transaction.atomic
def body_mark_add(
    *, body_map: BodyMap, recorded_by: User, position: dict, now: datetime.datetime | None = None, **fields
) -> BodyMark:
    """Another mark on a map already signed (one found later the same day): signed by whoever adds it."""
    return _new_mark(body_map=body_map, recorded_by=recorded_by, now=now or timezone.now(), position=position, **fields)


# --- drawing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DrawnMark:
    number: int
    x: Decimal
    y: Decimal
    words: str  # "1: bruise on the right forearm (front)"


@dataclass(frozen=True)
class DrawnSide:
    code: str
    label: str
    areas: list[body.Area]
    marks: list[DrawnMark]


def body_map_drawing(marks: list[BodyMark]) -> list[DrawnSide]:
    """Both views of the outline with the marks numbered in order: what the SVG partial draws,
    on a page and in a PDF alike. No query: the marks are passed in."""
    drawn: dict[str, list[DrawnMark]] = {side: [] for side, _ in body.SIDES}
    for number, mark in enumerate(marks, start=1):
        words = f"{number}: {mark.get_kind_display().lower()} on the {mark.region_label.lower()}"
        drawn[mark.side].append(DrawnMark(number=number, x=mark.x, y=mark.y, words=words))
    return [DrawnSide(code=side, label=label, areas=body.AREAS[side], marks=drawn[side]) for side, label in body.SIDES]
