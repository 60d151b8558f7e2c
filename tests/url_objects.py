"""How to fill each object id in Hearth's URLs, for the generic cross-home test.

Every URL keyword argument of Hearth's own views must have an entry: given `world` (a home
with a child in it), return a value naming a record that belongs to that home. Each app's
tests may add entries in `tests/<app>/url_objects.py` (a dict named URL_OBJECTS); they are
merged here. Until a new keyword has an entry, the cross-home test fails and names it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings

from children.models import Child
from homes.models import Home


@dataclass
class World:
    home: Home
    child: Child


URL_OBJECTS: dict[str, Callable[[World], object]] = {
    "home_id": lambda world: world.home.pk,
    "child_id": lambda world: world.child.pk,
}

for _app in settings.LOCAL_APPS:
    if find_spec(f"tests.{_app}") and find_spec(f"tests.{_app}.url_objects"):
        URL_OBJECTS.update(import_module(f"tests.{_app}.url_objects").URL_OBJECTS)
