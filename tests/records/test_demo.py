"""The demo's documents and memory boxes, its released subject access export with redactions,
and the record on legal hold: every child has a memory box, and seeding again changes nothing."""

import pytest

from children.models import Child
from records.models import Document, LegalHold, Redaction, SubjectAccessRequest
from tests.utils import seed_demo


@pytest.mark.django_db
def test_the_demo_has_a_memory_box_for_every_child_a_released_export_and_a_legal_hold():
    seed_demo()
    tables = (Document, SubjectAccessRequest, Redaction, LegalHold)
    counts = [model.objects.count() for model in tables]
    seed_demo()
    assert [model.objects.count() for model in tables] == counts

    for child in Child.objects.all():
        box = Document.objects.memory_box().filter(child=child)
        assert {d.kind for d in box} >= {Document.Kind.CERTIFICATE, Document.Kind.DRAWING, Document.Kind.PHOTO}
        assert Document.objects.filter(child=child, in_memory_box=False).exists()  # a school report too
        for document in Document.objects.filter(child=child):
            assert document.file.storage.exists(document.file.name)  # real files, checked by content
            assert document.is_image == bool(document.thumbnail)
            assert child.admission_date <= document.dated
    assert Document.objects.filter(sensitive=True).count() == 1
    assert Document.objects.filter(content_type="application/pdf").exists()

    request = SubjectAccessRequest.objects.get()
    assert request.redactions.filter(decision=Redaction.Decision.REDACT).exists()
    assert request.released_by is not None
    assert Document.objects.filter(child=request.child).exists()  # Jordan's memory box is in their record
    assert LegalHold.objects.count() == 1
