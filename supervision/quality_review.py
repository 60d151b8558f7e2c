"""Team regulation's part of the Regulation 45 review (issue 12, item 3): supervision on time,
training coverage and the team's wellbeing month by month over the period — aggregates only
(wellbeing where at least five people checked in), never a session's content or anyone's note."""

import datetime

from homes import extensions as home_ext
from homes.dates import month_range
from homes.models import Home
from supervision.models.wellbeing import MIN_PEOPLE_FOR_AGGREGATE
from supervision.overview import supervision_on_time, trained_in_the_model, training_gaps
from supervision.services.wellbeing import monthly_aggregates_for_homes


def team_facts(home: Home, start: datetime.date, end: datetime.date) -> dict:
    months = month_range(start, end)
    on_time = supervision_on_time([home], months)[home.pk]
    gaps = training_gaps([home], months)[home.pk]
    trained = trained_in_the_model([home], months)[home.pk]
    wellbeing = monthly_aggregates_for_homes([home], months)[home.pk]
    rows = [
        {
            "month": f"{month:%b %Y}",
            "supervision_on_time": on_time[index],
            "training_gaps": gaps[index],
            "trained_in_the_model": trained[index],
            "wellbeing": wellbeing[index].average,
        }
        for index, month in enumerate(months)
    ]
    return {"rows": rows, "min_people": MIN_PEOPLE_FOR_AGGREGATE}


def register() -> None:
    home_ext.register_quality_review_section(
        home_ext.QualityReviewSection(
            name="team",
            title="The team: supervision, training and wellbeing",
            facts=team_facts,
            template="supervision/quality_review.html",
            order=60,
        )
    )
