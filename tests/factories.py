"""factory_boy factories that keep related records consistent:
a child's key worker works in the child's home, an assessor holds the assessor role."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from children.models import Child
from homes.models import Home, Membership, User

PASSWORD = "correct horse battery staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    # Faker's names include apostrophes (O'Connor), which pages rightly escape; tests that look
    # for a person's name in a page would then fail at random. Names with apostrophes and accents
    # are tested on purpose where they matter (the PDFs, the demo).
    full_name = factory.LazyAttribute(lambda o: o.any_name.replace("'", ""))

    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        any_name = factory.Faker("name", locale="en_GB")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save(update_fields=["password"])


class HomeFactory(DjangoModelFactory):
    class Meta:
        model = Home

    name = factory.Sequence(lambda n: f"Home {n}")
    ofsted_urn = factory.Sequence(lambda n: f"SC{n:06d}")
    address = "1 Test Street\nTesttown"
    capacity = 4


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    home = factory.SubFactory(HomeFactory)
    role = Membership.Role.CARE_STAFF


def member(home: Home, role: str = Membership.Role.CARE_STAFF, **user_fields) -> User:
    """A new person holding `role` in `home`."""
    return MembershipFactory(home=home, role=role, user=UserFactory(**user_fields)).user


class ChildFactory(DjangoModelFactory):
    class Meta:
        model = Child

    home = factory.SubFactory(HomeFactory)
    preferred_name = factory.Faker("first_name", locale="en_GB")
    legal_name = factory.LazyAttribute(lambda o: f"{o.preferred_name} Testchild")
    date_of_birth = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365 * 12))
    sex = Child.Sex.FEMALE
    legal_status = Child.LegalStatus.CARE_ORDER
    placing_authority = "Test Borough Council"
    admission_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=100))
    key_worker = factory.LazyAttribute(lambda o: member(o.home))
