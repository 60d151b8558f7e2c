import pytest

from shifts.models import DailyLog, Handover, HandoverFlag, HandoverRead, ShiftPattern
from tests.utils import seed_demo

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (ShiftPattern, DailyLog, Handover, HandoverRead, HandoverFlag))


def test_each_home_has_a_month_of_logs_and_read_handovers_and_seeding_again_adds_nothing():
    from children.models import Child

    seed_demo()
    counts = _counts()
    seed_demo()
    assert _counts() == counts
    for child in Child.objects.in_placement():
        assert child.daily_logs.count() >= 40, child
    for handover in Handover.objects.all()[:20]:
        assert handover.is_completed and handover.items and handover.reads.exists()
    assert HandoverFlag.objects.filter(resolved_at__isnull=True).exists()
    assert HandoverFlag.objects.filter(resolved_at__isnull=False).exists()
    # Every log passes the same rules as one written by hand.
    for log in DailyLog.objects.select_related("child", "shift")[:60]:
        log.full_clean()
