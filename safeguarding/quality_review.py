"""Safeguarding's part of the Regulation 45 review (issue 12, item 3): the period's Annex A table
(admissions, restraint, missing episodes, complaints, notifications...) beside the six months
before it, and incidents, physical interventions, missing episodes and notifications still to
send month by month — counts only, no child named."""

import datetime

from homes import extensions as home_ext
from homes.dates import add_months, month_range
from homes.models import Home
from safeguarding.annex_a import annex_a_table
from safeguarding.overview import incidents, interventions, missing_episodes, notifications_open


def safeguarding_facts(home: Home, start: datetime.date, end: datetime.date) -> dict:
    months = month_range(start, end)
    before_start = add_months(start, -len(months))
    before = {line.label: line for line in annex_a_table(home, before_start, start - datetime.timedelta(days=1))}
    lines = [
        {
            "label": line.label,
            "number": line.number,
            "children": line.children,
            "before": before[line.label].number if line.label in before else None,
        }
        for line in annex_a_table(home, start, end)
    ]
    series = [
        ("Incidents", incidents([home], months)[home.pk]),
        ("Physical interventions", interventions([home], months)[home.pk]),
        ("Missing episodes", missing_episodes([home], months)[home.pk]),
        ("Notifications still to send at the month's end", notifications_open([home], months)[home.pk]),
    ]
    return {
        "lines": lines,
        "before": f"{before_start:%b %Y} to {add_months(start, -1):%b %Y}",
        "months": [f"{month:%b %Y}" for month in months],
        "series": [{"label": label, "values": values} for label, values in series],
    }


def register() -> None:
    home_ext.register_quality_review_section(
        home_ext.QualityReviewSection(
            name="safeguarding",
            title="Keeping children safe: the safeguarding picture, complaints and notifications",
            facts=safeguarding_facts,
            template="safeguarding/quality_review.html",
            order=40,
        )
    )
