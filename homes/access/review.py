"""The monthly review and evidence packs."""

from children.models import Child
from homes.access.core import (
    can_manage_home,
    role_in,
)
from homes.models import Home, Membership, User

# Monthly review
# The month's tracker is prepared and the meeting recorded by the home's managers and the
# child's assessor; care staff read the tracker (they live the month with the child). The
# PDFs leave Hearth, so only those who hold the review (and clinical leads) download them.


def can_write_tracker(user: User, child: Child) -> bool:
    return can_manage_home(user, child.home) or (child.assessor_id is not None and child.assessor_id == user.pk)


def can_sign_review(user: User, meeting) -> bool:
    """Only the two people recorded at the meeting sign its record, each for themselves."""
    return user.pk in {meeting.manager_id, meeting.assessor_id}


def can_download_review_reports(user: User, child: Child) -> bool:
    return user.is_clinical_lead or can_write_tracker(user, child)


def can_review_home(user: User, home: Home) -> bool:
    """The home's month of reviews (every child's tracker and PDFs): its managers, the home's
    assessors, administrators and clinical leads."""
    return user.is_clinical_lead or can_manage_home(user, home) or role_in(user, home) == Membership.Role.ASSESSOR


def can_manage_evidence(user: User, home: Home) -> bool:
    """Evidence packs for inspectors: the home's managers and administrators build and share them."""
    return can_manage_home(user, home)
