"""A member of another home gets 404 from every URL that names a record.

The test walks the URLconf, so views added later are covered without editing it.
"""

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from homes.models import Membership
from tests.factories import ChildFactory, member
from tests.url_objects import URL_OBJECTS, World

# Hearth's own URLs whose keywords name no home's record: the (audited) password-reset link names
# a person by a signed token and tells anyone else "this link has been used or has expired".
NOT_HOME_RECORDS = frozenset({"password_reset_confirm"})


def _object_urls(patterns=None, namespace: str = "") -> list[tuple[str, list[str]]]:
    """(url name, keyword names) for each of Hearth's own views that takes keywords."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner_ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += [
                (name, sorted(set(kwargs) | set(entry.pattern.converters)))
                for name, kwargs in _object_urls(entry.url_patterns, inner_ns)
            ]
        elif isinstance(entry, URLPattern):
            app = entry.lookup_str.split(".")[0]
            if app in settings.LOCAL_APPS and entry.pattern.converters and entry.name not in NOT_HOME_RECORDS:
                assert entry.name, f"{entry.lookup_str} needs a URL name"
                found.append((f"{namespace}{entry.name}", sorted(entry.pattern.converters)))
    return found


OBJECT_URLS = _object_urls()


def test_the_walk_finds_the_object_urls():
    names = {name for name, _ in OBJECT_URLS}
    assert {"child_detail", "child_edit", "child_discharge", "child_history", "child_admit", "home_detail"} <= names


@pytest.mark.parametrize("role", [Membership.Role.MANAGER, Membership.Role.CARE_STAFF, Membership.Role.ASSESSOR])
@pytest.mark.parametrize(("name", "kwarg_names"), OBJECT_URLS, ids=[name for name, _ in OBJECT_URLS])
def test_another_homes_member_gets_404(client_for, home, other_home, role, name, kwarg_names):
    missing = [kwarg for kwarg in kwarg_names if kwarg not in URL_OBJECTS]
    assert not missing, f"{name}: add {missing} to tests/url_objects.py"
    world = World(home=home, child=ChildFactory(home=home))
    url = reverse(name, kwargs={kwarg: URL_OBJECTS[kwarg](world) for kwarg in kwarg_names})
    client = client_for(member(other_home, role))
    response = client.get(url)
    if response.status_code == 405:  # a POST-only view
        response = client.post(url)
    assert response.status_code == 404, f"{url} answered {response.status_code} to another home's {role}"
