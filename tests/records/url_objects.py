"""How to fill the records app's URL keywords for the generic walks (see tests/url_objects.py)."""

from tests.records.factories import memory_box_item

URL_OBJECTS: dict = {
    # A picture in the memory box: every document view (thumbnail included) has something to show.
    "document_id": lambda world: memory_box_item(world.child).pk,
}
