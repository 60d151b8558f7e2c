"""The appraisal falls due in calendar months (homes.dates.add_months), as training expiry does."""

import datetime

from supervision.models import SupervisionPolicy


def test_a_yearly_appraisal_is_due_on_the_same_day_next_year(home):
    policy = SupervisionPolicy(home=home, appraisal_every_months=12)
    assert policy.appraisal_due_after(datetime.date(2024, 3, 1)) == datetime.date(2025, 3, 1)  # not 28 Feb
    assert policy.appraisal_due_after(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)


def test_a_six_monthly_appraisal_ends_on_a_short_months_last_day(home):
    policy = SupervisionPolicy(home=home, appraisal_every_months=6)
    assert policy.appraisal_due_after(datetime.date(2025, 8, 31)) == datetime.date(2026, 2, 28)
