"""What each person's dashboard leads with (issue 13): a key worker's own key children and when
key working last happened, the homes and their sections, and which homes' overdue work the
person is shown first. A constant number of queries, however many children."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from children.models import Child
from children.selectors import last_key_working
from homes import access, extensions
from homes.models import Home, Membership, User


@dataclass(frozen=True)
class KeyChild:
    child: Child
    last_key_working: datetime.datetime | None
    days_since: int | None
    # No key working for longer than the home expects (Home.key_working_every_days), or never.
    overdue: bool

    @property
    def since(self) -> str:
        """ "today", "yesterday", "3 days ago", or "none recorded"."""
        if self.days_since is None:
            return "none recorded"
        if self.days_since <= 0:
            return "today"
        if self.days_since == 1:
            return "yesterday"
        return f"{self.days_since} days ago"


def key_children(user: User, today: datetime.date | None = None) -> list[KeyChild]:
    """The person's key children in placement, those waiting longest for key working first.
    One query."""
    today = today or timezone.localdate()
    children = access.key_children_of(user).annotate(last_key_working=last_key_working()).select_related("home")
    rows = []
    for child in children:
        last = child.last_key_working
        days = (today - timezone.localdate(last)).days if last else None
        overdue = days is None or days > child.home.key_working_every_days
        rows.append(KeyChild(child=child, last_key_working=last, days_since=days, overdue=overdue))
    # Never seen for key working first, then the longest wait; by name among equals.
    return sorted(
        rows,
        key=lambda row: (row.days_since is not None, -(row.days_since or 0), row.child.preferred_name),
    )


def home_cards(user: User) -> list[dict]:
    """Each home the person sees, with its children in placement, the person's role there and
    the home's sections (its hub's tabs) they may open. Three queries, however many homes (the
    sections' role checks read the person's memberships once).

    People who see every home (administrators, clinical leads, the responsible individual) get
    one summary row per home (`summary`: how many places are filled, no children listed and no
    section links): forty homes' children and ten buttons a home made the page slow and long;
    the provider overview and each home's hub, its sections as tabs, hold the rest."""
    if user.sees_all_homes:
        filled = Count("children", filter=Q(children__in=access.children_for(user).in_placement()))
        homes = access.homes_for(user).annotate(places_filled=filled)
    else:
        in_placement = access.children_for(user).in_placement().select_related("key_worker", "assessor")
        homes = access.homes_for(user).prefetch_related(
            Prefetch("children", queryset=in_placement, to_attr="children_in_placement")
        )
    with access.roles_known(user):
        my_roles = access.roles_of(user)
        return [
            {
                "home": home,
                "summary": user.sees_all_homes,
                "places_filled": home.places_filled if user.sees_all_homes else len(home.children_in_placement),
                "role": Membership.Role(my_roles[home.pk]).label if home.pk in my_roles else None,
                "can_admit": user.is_administrator or my_roles.get(home.pk) in Membership.MANAGING_ROLES,
                "sections": [] if user.sees_all_homes else extensions.sections_for(user, home),
            }
            for home in homes
        ]


def overseen(user: User, homes: list[Home]) -> list[Home]:
    """The part of `homes` whose overdue work is the person's to act on (OVERSIGHT panels)."""
    return [home for home in homes if access.shows_overdue_work(user, home)]
