"""How to fill the safeguarding app's URL keywords for the generic walks (see tests/url_objects.py)."""

from tests.safeguarding.notices_factories import ComplaintFactory, ConsequenceFactory, make_notification

URL_OBJECTS: dict = {
    "consequence_id": lambda world: ConsequenceFactory(child=world.child).pk,
    "complaint_id": lambda world: ComplaintFactory(child=world.child).pk,
    "notification_id": lambda world: make_notification(world.child).pk,
    "recipient_id": lambda world: make_notification(world.child).recipients.first().pk,
}
