"""Care plans and risk assessments."""

from children.models import Child
from homes.access.core import (
    can_manage_home,
    role_in,
)
from homes.models import Membership, User

# Care plans and risk assessments
#
# Everyone who can read the child reads their plans and risk assessments (care staff read
# them before a shift). Managers, deputies and assessors draft and edit them; only managers
# (and administrators) sign them off, which makes a version the one the team works to.


def can_edit_plans(user: User, child: Child) -> bool:
    """Start, revise and edit drafts of the child's care plan and risk assessment."""
    if user.is_clinical_lead or child.assessor_id == user.pk or can_manage_home(user, child.home):
        return True
    return role_in(user, child.home) == Membership.Role.ASSESSOR


def can_sign_off_plans(user: User, child: Child) -> bool:
    return can_manage_home(user, child.home)
