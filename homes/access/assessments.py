"""Brain-map assessments, developmental histories and adverse childhood experiences."""

from children.models import Child
from homes.access.core import (
    can_manage_home,
    role_in,
)
from homes.models import Home, Membership, User

# Assessments
# Brain-map assessments, developmental histories and adverse childhood experiences: entered by
# the child's assigned assessor, any assessor of the child's home, clinical leads and
# administrators; read by everyone else who reaches the child (the home's managers and care
# staff). Querysets come through for_children(user, Assessment.objects..., via="child").


def can_assess(user: User, child: Child) -> bool:
    """Enter, finalise and correct the child's assessments, history and ACEs."""
    if user.is_administrator or user.is_clinical_lead:
        return True
    if child.assessor_id is not None and child.assessor_id == user.pk:
        return True
    return role_in(user, child.home) == Membership.Role.ASSESSOR


def can_set_assessment_interval(user: User, home: Home) -> bool:
    """How often the home's children are re-assessed: the home's managers and administrators."""
    return can_manage_home(user, home)
