"""URL keywords of the children app's record views, for tests/test_cross_home.py."""

from tests.children.factories import KeyWorkingSessionFactory, ProvisionArrangementFactory

URL_OBJECTS = {
    "key_working_id": lambda world: KeyWorkingSessionFactory(child=world.child).pk,
    "arrangement_id": lambda world: ProvisionArrangementFactory(child=world.child).pk,
}
