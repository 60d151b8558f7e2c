import pytest
from django.db.models import Count

from children.models import Child
from tests.utils import seed_demo
from tracker.demo import MONTHS_BACK, PDF_MONTHS
from tracker.models import GoalProgress, MonthlyTracker, ReviewMeeting, ReviewReport
from tracker.months import first_of


@pytest.mark.django_db
def test_the_demo_has_ten_months_of_signed_reviews_with_moving_goal_progress_and_is_idempotent():
    seed_demo()
    tables = (MonthlyTracker, ReviewMeeting, ReviewReport, GoalProgress)
    counts = [model.objects.count() for model in tables]
    seed_demo()
    assert [model.objects.count() for model in tables] == counts

    locked = MonthlyTracker.objects.locked()
    assert all(tracker.meeting.fully_signed for tracker in locked.select_related("meeting"))
    # About ten signed months per child placed long enough; fewer for those admitted since.
    signed = dict(locked.values_list("child__preferred_name").annotate(n=Count("pk")).order_by())
    assert max(signed.values()) == MONTHS_BACK - 1
    assert sum(1 for n in signed.values() if n == MONTHS_BACK - 1) >= 4
    for child in Child.objects.in_placement():
        first = MonthlyTracker.objects.filter(child=child).order_by("month").first()
        assert first.month >= first_of(child.admission_date)  # no month before the child arrived
    # Progress moves: mostly emerging and progressing, some setbacks, a few achieved.
    spread = dict(GoalProgress.objects.values_list("progress").annotate(n=Count("pk")).order_by())
    assert spread["progressing"] + spread["emerging"] > len(GoalProgress.objects.all()) / 2
    assert spread["regressed"] >= 1 and 1 <= spread["achieved"] < spread["progressing"]
    # The PDFs of the last closed months are queued (built inline after commit); earlier ones are
    # left to "Build all".
    pdf_months = {r.tracker.month for r in ReviewReport.objects.select_related("tracker")}
    assert len(pdf_months) == PDF_MONTHS
    assert ReviewMeeting.objects.exclude(plan_revision=None).exists()  # a review started a plan revision
    unreviewed = MonthlyTracker.objects.filter(meeting__isnull=True).exclude(child_voice="")
    assert unreviewed.exists()  # the month just closed awaits its meeting
