from django.db import transaction

from assessments.models import AssessmentPolicy
from homes.models import Home


@transaction.atomic
def assessment_policy_set(*, home: Home, interval_months: int) -> AssessmentPolicy:
    policy = AssessmentPolicy.for_home(home, for_update=True)
    policy.interval_months = interval_months
    policy.full_clean()
    policy.save()
    return policy
