"""The Django admin ("Set-up") works under Hearth's strict Content-Security-Policy: an
administrator adds a home with a member (the inline formset's "add another" and the user
autocomplete are the admin's own scripts) and the page fixture fails on any CSP violation."""

import os

import pytest
from django.urls import reverse

from homes.models import Home, Membership, User
from tests.factories import PASSWORD, ChildFactory, HomeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_sets_up_a_home_in_the_admin(page, live_server, log_in):
    administrator = UserFactory(
        full_name="Priya Admin", provider_role=User.ProviderRole.ADMINISTRATOR, is_staff=True, is_superuser=True
    )
    carer = UserFactory(full_name="Jess Whitfield")
    ChildFactory(home=HomeFactory(name="Willow House"), preferred_name="Zoë")

    log_in(administrator.email, PASSWORD)  # password and second factor, like every administrator
    for model in ("homes/user", "children/child", "supervision/course"):
        page.goto(f"{live_server.url}/admin/{model}/")
        page.locator("#changelist").wait_for()

    page.goto(live_server.url + reverse("admin:homes_home_add"))
    page.get_by_label("Name").fill("Rowan Lodge")
    page.get_by_label("Ofsted URN").fill("SC999999")
    page.get_by_label("Address").fill("2 Test Road")
    page.get_by_label("Capacity").fill("4")
    page.get_by_text("Add another Member of staff").click()  # the inline formset's script
    page.locator("#memberships-2-0 .select2-selection").click()  # the user autocomplete (select2, jQuery)
    page.locator(".select2-search__field").fill("Jess")
    page.locator(".select2-results__option", has_text="Jess Whitfield").click()
    page.locator("#id_memberships-2-0-role").select_option(Membership.Role.CARE_STAFF)
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("was added successfully").wait_for()
    home = Home.objects.get(name="Rowan Lodge")
    assert home.memberships.get().user == carer

    # The member is listed with their role; who it is can no longer be changed, only the role
    # and dates (a new member is added in the form above).
    page.goto(live_server.url + reverse("admin:homes_home_change", args=[home.pk]))
    staff = page.locator("#memberships-group")
    staff.get_by_role("link", name="Jess Whitfield").wait_for()  # to the person's own page
    assert staff.locator("select[name='memberships-0-role']").input_value() == Membership.Role.CARE_STAFF
    assert staff.locator(".select2-selection").count() == 0
    if os.environ.get("HEARTH_SCREENSHOT_DIR"):
        page.screenshot(path=os.path.join(os.environ["HEARTH_SCREENSHOT_DIR"], "admin-home.png"), full_page=True)
