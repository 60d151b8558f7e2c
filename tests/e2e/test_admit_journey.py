import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from children.models import Child
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_admits_a_child_and_finds_them_on_the_dashboard(page, live_server, log_in, manager, staff, home):
    log_in(manager.email, PASSWORD)
    page.get_by_role("link", name="Admit a child").first.click()
    page.get_by_label("Preferred name").fill("Zoë")
    page.get_by_label("Legal name").fill("Zoë Marie Clarke")
    page.get_by_label("Date of birth").fill("2013-05-04")
    page.get_by_label("Sex").select_option(label="Female")
    page.get_by_label("Legal status of the placement").select_option(label="Accommodated under section 20 (voluntary)")
    page.get_by_label("Placing local authority").fill("Bradford Council")
    page.get_by_label("Admission date").fill((timezone.localdate() - datetime.timedelta(days=2)).isoformat())
    page.get_by_label("Key worker").select_option(label=staff.full_name)
    page.get_by_role("button", name="Admit").click()

    page.get_by_text("has been admitted").wait_for()
    assert page.get_by_role("heading", name="Zoë", exact=True).is_visible()

    page.get_by_role("link", name="Dashboard").first.click()
    row = page.get_by_role("row").filter(has_text="Zoë")
    expect(row.get_by_role("cell").nth(2)).to_have_text("2")  # days in placement
    expect(row).to_contain_text(staff.full_name)
    assert Child.objects.get(preferred_name="Zoë").home == home
