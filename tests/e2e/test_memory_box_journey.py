"""Issue 15, item 8: a key worker adds a certificate to a child's memory box on an iPad (a photo of
it, taken there and then) and sees it in the gallery on the child's page."""

import pytest

from records.models import Document
from tests.factories import PASSWORD
from tests.records.files import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_key_worker_adds_a_certificate_to_the_memory_box_on_an_ipad(page, live_server, log_in, staff, child):
    log_in(staff.email, PASSWORD)
    page.get_by_role("link", name="Siobhán").first.click()
    page.get_by_role("link", name="Add to the memory box for Siobhán").first.click()  # the big button at the top

    page.get_by_label("File").set_input_files(
        {"name": "swimming.png", "mimeType": "image/png", "buffer": png_bytes(size=(320, 240))}
    )
    assert page.get_by_label("Kind of document").input_value() == Document.Kind.CERTIFICATE  # offered first
    page.get_by_label("Title").fill("Swimming certificate, 25 metres")
    page.get_by_label("Description").fill("Swam a whole length without stopping, and wants it on the wall.")
    page.get_by_label("Added with the child").check()
    page.get_by_role("button", name="Add to the memory box").click()

    page.get_by_text("Added to Siobhán's memory box: Swimming certificate, 25 metres.").wait_for()
    document = Document.objects.get()
    assert (document.child, document.added_by, document.kind) == (child, staff, Document.Kind.CERTIFICATE)
    assert document.in_memory_box and document.with_child and document.thumbnail

    # Back on Siobhán's page, the certificate is in her memory box gallery, its picture served.
    page.goto(f"{live_server.url}/children/{child.pk}/")
    gallery = page.get_by_role("region", name="Siobhán's memory box")
    picture = gallery.get_by_role("img", name="Swimming certificate, 25 metres")
    picture.scroll_into_view_if_needed()  # the gallery loads its pictures lazily
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=picture.element_handle())
    assert gallery.get_by_text("added with Siobhán").is_visible()
