"""The demo's Regulation 45 reviews (issue 12, item 9): Willow House's one before last signed, its
PDF built and its sending to Ofsted recorded within the 28 days; the latest a draft."""

from io import StringIO

import pytest
from django.core.management import call_command

from oversight.models import QualityReview, QualityReviewPdf

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_signed_and_sent_review_and_a_draft():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # idempotent
    signed, draft = QualityReview.objects.filter(home__name="Willow House").order_by("period_start")
    assert signed.is_signed and signed.signed_by.email == "ri@hearth.example"
    assert signed.pdf.status == QualityReviewPdf.Status.READY and signed.pdf.file.read().startswith(b"%PDF")
    assert signed.sent_to_ofsted_on and not signed.sent_late
    assert not draft.is_signed and draft.children_views and not draft.actions
    names = [section["name"] for section in draft.sections]
    assert names[:2] == ["care-and-team", "children-progress"]
    progress = next(section for section in draft.sections if section["name"] == "children-progress")["facts"]
    assert progress["children"] and progress["goals_reviewed"]
