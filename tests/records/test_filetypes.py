"""A file is what its bytes say, not what its name or the browser says (records/filetypes.py)."""

import io

import pytest

from records import filetypes
from tests.records.files import docx_bytes, image_bytes, odt_bytes, pdf_bytes, png_bytes, xlsx_bytes, zip_bytes


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("letter.pdf", pdf_bytes(), filetypes.PDF),
        ("drawing.png", png_bytes(), filetypes.PNG),
        ("drawing-with-see-through.png", png_bytes(mode="RGBA"), filetypes.PNG),
        ("photo.jpg", image_bytes("JPEG"), filetypes.JPEG),
        ("photo.JPEG", image_bytes("JPEG"), filetypes.JPEG),
        ("sticker.gif", image_bytes("GIF"), filetypes.GIF),
        ("photo.webp", image_bytes("WEBP"), filetypes.WEBP),
        ("report.docx", docx_bytes(), filetypes.DOCX),
        ("budget.xlsx", xlsx_bytes(), filetypes.XLSX),
        ("letter.odt", odt_bytes(), filetypes.ODT),
        ("sheet.ods", odt_bytes(b"application/vnd.oasis.opendocument.spreadsheet"), filetypes.ODS),
    ],
)
def test_the_kinds_hearth_keeps_are_recognised_by_content(name, content, kind):
    assert filetypes.check(io.BytesIO(content), name) == kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 200, filetypes.WRONG_TYPE),
        ("report.pdf", b"MZ\x90\x00" + b"\x00" * 200, filetypes.WRONG_TYPE),  # a renamed program
        ("page.html", b"<html><script>alert(1)</script></html>", filetypes.WRONG_TYPE),
        ("photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', filetypes.WRONG_TYPE),
        ("notes.txt", b"just some text", filetypes.WRONG_TYPE),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, filetypes.LEGACY_OFFICE),
        ("archive.zip", zip_bytes({"a.txt": b"hello"}), filetypes.WRONG_TYPE),
        ("report.docx", docx_bytes(macros=True), filetypes.MACROS),
        ("fake.jpg", b"\xff\xd8\xff\xe0" + b"not really a picture" * 10, filetypes.WRONG_TYPE),
        ("fake.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, filetypes.WRONG_TYPE),
        ("odd.odt", odt_bytes(b"application/x-something-else"), filetypes.WRONG_TYPE),
    ],
)
def test_other_files_are_refused_with_what_to_do(name, content, message):
    with pytest.raises(filetypes.FileTypeError) as error:
        filetypes.check(io.BytesIO(content), name)
    assert str(error.value) == message


def test_a_name_that_disagrees_with_the_content_is_refused():
    with pytest.raises(filetypes.FileTypeError) as error:
        filetypes.check(io.BytesIO(png_bytes()), "certificate.pdf")
    assert str(error.value) == filetypes.NAME_DISAGREES.format(suffix=".pdf", kind="PNG picture", expected=".png")


def test_a_picture_too_large_to_decode_safely_is_refused(monkeypatch):
    monkeypatch.setattr(filetypes, "MAX_IMAGE_PIXELS", 100)
    with pytest.raises(filetypes.FileTypeError):
        filetypes.check(io.BytesIO(png_bytes(size=(20, 20))), "big.png")


def test_the_file_is_left_at_its_start():
    upload = io.BytesIO(png_bytes())
    filetypes.check(upload, "drawing.png")
    assert upload.tell() == 0
