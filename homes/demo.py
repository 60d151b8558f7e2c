"""Demo data for homes: the provider's two homes and one login per role.

`manage.py seed_demo` runs each app's `demo.seed(demo)` in INSTALLED_APPS order; every
seed is idempotent, so running the command again changes nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from homes.models import Home, Membership, User

# At least 12 characters and unlike the demo people's names and e-mail addresses and the homes'
# names: the demo password passes the password rules (tests/homes/test_passwords.py checks it).
DEMO_PASSWORD = "hearth-demo-login"


@dataclass
class Demo:
    """What one app's seed leaves for the next: objects by key, and the logins to print."""

    homes: dict[str, Home] = field(default_factory=dict)
    people: dict[str, User] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)  # (role, email)


HOMES = {
    "willow": dict(
        name="Willow House",
        ofsted_urn="SC481516",
        address="12 Orchard Lane\nHebden Bridge\nHX7 8AB",
        capacity=4,
    ),
    "rowan": dict(
        name="Rowan Lodge",
        ofsted_urn="SC623342",
        address="The Old Vicarage, Church Street\nKnighton\nLD7 1AQ",
        capacity=5,
    ),
}

# key: (full name, email, provider role, [(home key, role)], login label or None)
PEOPLE = [
    ("admin", "Priya Raman", "admin@hearth.example", User.ProviderRole.ADMINISTRATOR, [], "Provider administrator"),
    ("lead", "Dr Aoife Brennan", "clinical.lead@hearth.example", User.ProviderRole.CLINICAL_LEAD, [], "Clinical lead"),
    (
        "ri",
        "Helen Marsh",
        "ri@hearth.example",
        User.ProviderRole.RESPONSIBLE_INDIVIDUAL,
        [],
        "Responsible individual",
    ),
    (
        "manager",
        "Grace Okafor",
        "manager@hearth.example",
        "",
        [("willow", Membership.Role.MANAGER)],
        "Registered manager (Willow House)",
    ),
    (
        "deputy",
        "Tom Hughes",
        "deputy@hearth.example",
        "",
        [("willow", Membership.Role.DEPUTY_MANAGER)],
        "Deputy manager (Willow House)",
    ),
    (
        "staff",
        "Jess Whitfield",
        "staff@hearth.example",
        "",
        [("willow", Membership.Role.CARE_STAFF)],
        "Care staff (Willow House)",
    ),
    (
        "assessor",
        "Dr Samuel Adeyemi",
        "assessor@hearth.example",
        "",
        [("willow", Membership.Role.ASSESSOR), ("rowan", Membership.Role.ASSESSOR)],
        "Clinical assessor (both homes)",
    ),
    (
        "rowan_manager",
        "Marek Nowak",
        "rowan.manager@hearth.example",
        "",
        [("rowan", Membership.Role.MANAGER)],
        "Registered manager (Rowan Lodge)",
    ),
    ("willow_staff2", "Ffion Jones", "ffion.jones@hearth.example", "", [("willow", Membership.Role.CARE_STAFF)], None),
    ("rowan_staff1", "Kwame Mensah", "kwame.mensah@hearth.example", "", [("rowan", Membership.Role.CARE_STAFF)], None),
    ("rowan_staff2", "Hannah Li", "hannah.li@hearth.example", "", [("rowan", Membership.Role.CARE_STAFF)], None),
]


# Staff who came and went (issue 12): their memberships carry the dates the home's starters,
# leavers and turnover are counted from. (email, full name, home, started, left: days ago)
STAFF_CHANGES = [
    ("owen.price@hearth.example", "Owen Price", "willow", 620, 200),
    ("zara.ahmed@hearth.example", "Zara Ahmed", "willow", 300, 40),
    ("lily.evans@hearth.example", "Lily Evans", "willow", 45, None),
    ("dan.foster@hearth.example", "Dan Foster", "rowan", 500, 90),
]
# Joined recently: the supervision demo's backdating of memberships leaves them be.
RECENT_STARTERS = [email for email, *_, left in STAFF_CHANGES if left is None]


def _staff_changes(demo: Demo) -> None:
    today = timezone.localdate()
    for email, full_name, home_key, started, left in STAFF_CHANGES:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=full_name)
        ended_on = today - datetime.timedelta(days=left) if left is not None else None
        Membership.all_objects.update_or_create(
            user=user,
            home=demo.homes[home_key],
            defaults={
                "role": Membership.Role.CARE_STAFF,
                "started_on": today - datetime.timedelta(days=started),
                "ended_on": ended_on,
            },
        )


def seed(demo: Demo) -> None:
    for key, fields in HOMES.items():
        demo.homes[key], _ = Home.objects.update_or_create(ofsted_urn=fields["ofsted_urn"], defaults=fields)
    for key, full_name, email, provider_role, roles, login in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                full_name=full_name,
                provider_role=provider_role,
                is_staff=provider_role == User.ProviderRole.ADMINISTRATOR,
                is_superuser=provider_role == User.ProviderRole.ADMINISTRATOR,
            )
        demo.people[key] = user
        for home_key, role in roles:
            Membership.objects.update_or_create(user=user, home=demo.homes[home_key], defaults={"role": role})
        if login:
            demo.logins.append((login, email))
    for home_key, manager_key in (("willow", "manager"), ("rowan", "rowan_manager")):
        home = demo.homes[home_key]
        if home.registered_manager_id is None:
            home.registered_manager = demo.people[manager_key]
            home.save(update_fields=["registered_manager"])
    _staff_changes(demo)
