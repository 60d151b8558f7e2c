"""How to fill each object id in Hearth's URLs, for the generic cross-home test.

Every URL keyword argument of Hearth's own views must have an entry here: given `world`
(a home with a child in it), return a value naming a record that belongs to that home.
A view added with a new keyword is covered once its entry is added; until then the
cross-home test fails and says which keyword is missing.
"""

from collections.abc import Callable
from dataclasses import dataclass

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
