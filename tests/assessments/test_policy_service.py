from assessments.models import AssessmentPolicy
from assessments.services.policy import assessment_policy_set


def test_setting_the_interval_keeps_one_policy_per_home(home):
    assessment_policy_set(home=home, interval_months=3)
    assessment_policy_set(home=home, interval_months=9)
    assert AssessmentPolicy.objects.get(home=home).interval_months == 9
