from django.db import transaction

from homes.concurrency import revision_claim
from homes.models import Home, User
from supervision.models import SupervisionPolicy


@transaction.atomic
def supervision_policy_set(
    *,
    home: Home,
    supervision_every_weeks: int,
    appraisal_every_months: int,
    user: User | None = None,
    revision: int | None = None,
) -> SupervisionPolicy:
    """Set the home's policy, as read at `revision` (raises concurrency.StaleEdit if another
    manager saved it since). A home without a policy row gets one, at the defaults' revision."""
    policy, _ = SupervisionPolicy.objects.select_for_update().get_or_create(home=home)
    revision_claim(policy, revision=revision, user=user)
    policy.supervision_every_weeks = supervision_every_weeks
    policy.appraisal_every_months = appraisal_every_months
    policy.full_clean()
    policy.save()
    return policy
