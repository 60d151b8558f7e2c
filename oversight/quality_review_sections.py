"""Oversight's parts of the Regulation 45 review (issue 12, item 3): the care-and-team chart (item
7, also on the home's page), the model's implementation measures over the period, month by month
(every home trend registered for the implementation measures page), and the signed review's PDF
in the evidence pack."""

import datetime

from homes.dates import month_range
from homes.extensions import (
    IMPLEMENTATION,
    LEADERS_AND_MANAGERS,
    EvidenceSection,
    HomePanel,
    QualityReviewSection,
    home_trends_on,
    register_evidence_section,
    register_home_panel,
    register_quality_review_section,
)
from homes.models import Home


def implementation_measures(home: Home, start: datetime.date, end: datetime.date) -> dict | None:
    """Each implementation measure's monthly values over the period, beside the months."""
    months = month_range(start, end)
    trends = home_trends_on(IMPLEMENTATION)
    if not trends:
        return None
    rows = []
    for trend in trends:
        values = trend.series([home], months).get(home.pk, [None] * len(months))
        rows.append({"label": trend.label, "unit": trend.unit, "explanation": trend.explanation, "values": values})
    return {"months": [f"{month:%b %Y}" for month in months], "rows": rows}


def signed_reviews(home: Home, start: datetime.date, end: datetime.date):
    """The PDF of each review signed for a period overlapping the pack's (built now if its own
    PDF is not ready: the pack must not wait for it)."""
    from oversight.models import QualityReview, QualityReviewPdf
    from oversight.services.quality_review import quality_review_pdf_bytes

    reviews = QualityReview.objects.filter(
        home=home, signed_at__isnull=False, period_start__lte=end, period_end__gte=start
    ).select_related("home", "signed_by")
    built = {
        row.review_id: row
        for row in QualityReviewPdf.objects.filter(review__in=reviews, status=QualityReviewPdf.Status.READY)
    }
    for review in reviews:
        content = None
        if review.pk in built:
            try:
                with built[review.pk].file.open("rb") as pdf:
                    content = pdf.read()
            except (FileNotFoundError, OSError):
                content = None
        if content is None:
            content = quality_review_pdf_bytes(review)
        yield f"quality-of-care-review-{review.period_start:%Y-%m}.pdf", content


def register() -> None:
    from oversight import care_and_team

    register_home_panel(
        HomePanel(
            name="care-and-team",
            template="oversight/_care_and_team_panel.html",
            context=care_and_team.home_panel,
            order=40,
        )
    )
    register_quality_review_section(
        QualityReviewSection(
            name="care-and-team",
            title="The care cycle and the team, side by side",
            facts=care_and_team.review_facts,
            template="oversight/quality_review/sections/care_and_team.html",
            order=10,
        )
    )
    register_quality_review_section(
        QualityReviewSection(
            name="implementation-measures",
            title="Putting the model into practice: the implementation measures",
            facts=implementation_measures,
            template="oversight/quality_review/sections/measures.html",
            order=90,
        )
    )
    register_evidence_section(
        EvidenceSection(
            name="quality-reviews",
            files=signed_reviews,
            label="Regulation 45 reviews of the quality of care",
            judgement=LEADERS_AND_MANAGERS,
        )
    )
