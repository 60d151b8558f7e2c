"""Missing episodes and body maps in the monthly tracker (the page, the meeting pack and the
review record) and in the inspector evidence pack (the missing log as CSV and PDF, with the
period's body maps drawn by the same SVG partial as the pages)."""

import datetime
import io
from collections import Counter
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from children.charts import OKABE_ITO, monthly_bars, nice_maximum
from children.extensions import day_start
from children.models import Child
from homes.dates import add_months
from homes.exports import csv_writer
from homes.models import Home
from homes.pdf import html_to_pdf
from safeguarding.models import BodyMap, BodyMark, MissingEpisode
from safeguarding.services.body_maps import body_map_drawing

CHART_MONTHS = 6


def _marks() -> Prefetch:
    return Prefetch("marks", queryset=BodyMark.objects.order_by("pk"))


def _drawn(maps: QuerySet[BodyMap]) -> list[BodyMap]:
    maps = list(maps.select_related("child", "author").prefetch_related(_marks()))
    for body_map in maps:
        body_map.drawn_marks = list(body_map.marks.all())
        body_map.drawing = body_map_drawing(body_map.drawn_marks)
        body_map.drawing_id = f"body-map-{body_map.pk}"
    return maps


def _duration(episode: MissingEpisode) -> str:
    if episode.duration is None:
        return "still missing"
    minutes = int(episode.duration.total_seconds()) // 60
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


# --- the monthly tracker ---------------------------------------------------------------------


def month_context(child: Child, month: datetime.date) -> dict | None:
    """The month's missing episodes (with their interviews) and body maps, and a six-month small
    chart of episodes: four queries. None when there is nothing in the six months."""
    first = add_months(month, 1 - CHART_MONTHS)
    after = add_months(month, 1)
    episodes = list(
        MissingEpisode.objects.filter(
            child=child,
            archived=False,
            noticed_missing_at__gte=day_start(first),
            noticed_missing_at__lt=day_start(after),
        )
        .select_related("return_interview")
        .order_by("noticed_missing_at", "pk")
    )
    maps = _drawn(
        BodyMap.objects.filter(
            child=child, archived=False, seen_at__gte=day_start(month), seen_at__lt=day_start(after)
        ).order_by("seen_at", "pk")
    )
    if not episodes and not maps:
        return None
    per_month = Counter(timezone.localdate(e.noticed_missing_at).replace(day=1) for e in episodes)
    months = [add_months(first, i) for i in range(CHART_MONTHS)]
    values = [(m, float(per_month.get(m, 0))) for m in months]
    this_month = [e for e in episodes if timezone.localdate(e.noticed_missing_at).replace(day=1) == month]
    for episode in this_month:
        episode.lasted = _duration(episode)
        episode.interview = getattr(episode, "return_interview", None)
    return {
        "child": child,
        "episodes": this_month,
        "body_maps": maps,
        "chart": monthly_bars(
            values,
            maximum=nice_maximum([v for _, v in values]),
            colour=OKABE_ITO["vermillion"],
            title=f"Times {child.preferred_name} went missing, each month",
        ),
        "chart_id": f"missing-chart-{child.pk}-{month:%Y-%m}",
        "chart_rows": values,
    }


# --- the evidence pack ----------------------------------------------------------------------


def _episodes_in(home: Home, start: datetime.date, end: datetime.date) -> list[MissingEpisode]:
    episodes = list(
        MissingEpisode.objects.filter(
            child__home=home,
            archived=False,
            noticed_missing_at__gte=day_start(start),
            noticed_missing_at__lt=day_start(end + datetime.timedelta(days=1)),
        )
        .select_related("child", "return_interview")
        .order_by("noticed_missing_at", "pk")
    )
    for episode in episodes:
        episode.lasted = _duration(episode)
        episode.interview = getattr(episode, "return_interview", None)
    return episodes


def _when(moment: datetime.datetime | None) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M}" if moment else ""


LOG_HEADER = [
    "Child",
    "Last seen",
    "Noticed missing",
    "Risk",
    "Signs of exploitation",
    "Police told",
    "Police reference",
    "Placing authority told",
    "Parents told",
    "Returned",
    "How",
    "Time missing",
    "Return interview offered",
    "Offered within 72 hours",
    "Interview outcome",
]


def missing_log_csv(episodes: list[MissingEpisode]) -> bytes:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(LOG_HEADER)
    for e in episodes:
        interview = e.interview
        writer.writerow(
            [
                e.child.preferred_name,
                _when(e.last_seen_at),
                _when(e.noticed_missing_at),
                e.get_risk_level_display(),
                "; ".join(e.indicator_labels()),
                _when(e.police_told_at),
                e.police_reference,
                _when(e.placing_authority_told_at),
                _when(e.parents_told_at),
                _when(e.returned_at),
                e.get_return_how_display(),
                e.lasted,
                _when(interview.offered_at) if interview else "not yet",
                ("yes" if interview.offered_in_time else "no") if interview else "",
                interview.get_outcome_display() if interview else "",
            ]
        )
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read the names' accents right


def evidence_files(home: Home, start: datetime.date, end: datetime.date) -> Iterator[tuple[str, bytes]]:
    """The period's missing log (CSV and PDF) and body maps (in the PDF, drawn): dates, actions
    and outcomes; not the child's account from the interview, which stays in their record. A
    period with neither adds no files (the Annex A table says none went missing)."""
    episodes = _episodes_in(home, start, end)
    maps = _drawn(
        BodyMap.objects.filter(
            child__home=home,
            archived=False,
            seen_at__gte=day_start(start),
            seen_at__lt=day_start(end + datetime.timedelta(days=1)),
        ).order_by("seen_at", "pk")
    )
    if not episodes and not maps:
        return
    yield "missing-from-care-log.csv", missing_log_csv(episodes)
    context = {
        "home": home,
        "start": start,
        "end": end,
        "episodes": episodes,
        "body_maps": maps,
        "children_missing": len({e.child_id for e in episodes}),
        "generated_at": timezone.localtime(),
    }
    yield (
        "missing-from-care-and-body-maps.pdf",
        html_to_pdf(render_to_string("safeguarding/pdf/missing_log.html", context)),
    )
