from django.db import transaction

from homes.models import Home
from supervision.models import SupervisionPolicy


@transaction.atomic
def supervision_policy_set(
    *, home: Home, supervision_every_weeks: int, appraisal_every_months: int
) -> SupervisionPolicy:
    policy = SupervisionPolicy.for_home(home)
    policy.supervision_every_weeks = supervision_every_weeks
    policy.appraisal_every_months = appraisal_every_months
    policy.full_clean()
    policy.save()
    return policy
