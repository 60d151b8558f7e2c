from django.db import transaction

from assessments.models import AssessmentPolicy
from homes.concurrency import revision_claim
from homes.models import Home, User


@transaction.atomic
def assessment_policy_set(
    *, home: Home, interval_months: int, user: User | None = None, revision: int | None = None
) -> AssessmentPolicy:
    """Set the home's interval, as read at `revision` (raises concurrency.StaleEdit if another
    manager saved it since). A home without a policy row gets one, at the defaults' revision."""
    policy, _ = AssessmentPolicy.objects.select_for_update().get_or_create(home=home)
    revision_claim(policy, revision=revision, user=user)
    policy.interval_months = interval_months
    policy.full_clean()
    policy.save()
    return policy
