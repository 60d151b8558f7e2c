import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from records.models import Document
from records.services.documents import document_add
from tests.records.files import pdf_bytes, png_bytes


def add_document(child, *, by=None, picture: bool = False, **fields) -> Document:
    """A document on the child's record, through the service (checked, stored, thumbnailed)."""
    from tests.factories import member

    by = by or child.key_worker or member(child.home)
    values = {
        "kind": Document.Kind.SCHOOL_REPORT,
        "title": "Summer term report",
        "dated": child.admission_date + datetime.timedelta(days=1),
        "description": "Reading has come on a long way.",
    }
    values.update(fields)
    if picture:
        upload = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    else:
        upload = SimpleUploadedFile("report.pdf", pdf_bytes(), content_type="application/pdf")
    return document_add(child=child, added_by=by, upload=upload, **values)


def memory_box_item(child, **fields) -> Document:
    values = {"kind": Document.Kind.CERTIFICATE, "title": "Swimming, 25 metres", "in_memory_box": True}
    values.update(fields)
    return add_document(child, picture=values.pop("picture", True), **values)
