"""How to fill the safeguarding app's URL keywords for the generic walks (see tests/url_objects.py)."""

import datetime

from tests.safeguarding.incident_factories import make_incident
from tests.safeguarding.notices_factories import ComplaintFactory, ConsequenceFactory, make_notification
from tests.utils import today


def _incident(world):
    # The child's view is still to be asked for, so its page (incident_part_view) has a form to show.
    return make_incident(
        world.child,
        child_view="",
        child_view_not_yet="Too upset to talk about it tonight",
        child_view_follow_up_on=today() + datetime.timedelta(days=2),
    )


URL_OBJECTS: dict = {}


def _body_map(world):
    from tests.safeguarding.missing_factories import BodyMarkFactory

    return BodyMarkFactory(body_map__child=world.child).body_map_id


URL_OBJECTS["body_map_id"] = _body_map


def _missing_episode(world):
    from tests.safeguarding.missing_factories import MissingEpisodeFactory, ReturnInterviewFactory, returned

    # Back, with an interview offered: every page of the episode shows something.
    return ReturnInterviewFactory(episode=returned(MissingEpisodeFactory(child=world.child))).episode_id


URL_OBJECTS["missing_id"] = _missing_episode
URL_OBJECTS["incident_id"] = lambda world: _incident(world).pk
URL_OBJECTS["part_id"] = lambda world: _incident(world).parts.get().pk


URL_OBJECTS.update(
    {
        "consequence_id": lambda world: ConsequenceFactory(child=world.child).pk,
        "complaint_id": lambda world: ComplaintFactory(child=world.child).pk,
        "notification_id": lambda world: make_notification(world.child).pk,
        "recipient_id": lambda world: make_notification(world.child).recipients.first().pk,
    }
)
