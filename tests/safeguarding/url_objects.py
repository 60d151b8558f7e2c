"""How to fill the safeguarding app's URL keywords for the generic walks (see tests/url_objects.py)."""

from tests.safeguarding.notices_factories import ConsequenceFactory

URL_OBJECTS: dict = {
    "consequence_id": lambda world: ConsequenceFactory(child=world.child).pk,
}
