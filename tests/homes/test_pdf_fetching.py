"""WeasyPrint reads no file or network address named in a PDF's HTML: only data: URLs."""

import base64
import struct
import zlib

import pytest

from homes.pdf import html_to_pdf


def _png() -> bytes:
    """A 1x1 red PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def _has_image(pdf: bytes) -> bool:
    return b"/Image" in pdf


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_files_and_addresses_named_in_the_html_are_not_fetched(tmp_path, scheme):
    image = tmp_path / "secret.png"
    image.write_bytes(_png())
    src = image.as_uri() if scheme == "file" else "http://127.0.0.1:9/secret.png"
    assert not _has_image(html_to_pdf(f'<p>Hello</p><img src="{src}" width="50" height="50">'))


def test_a_data_url_still_draws():  # so the check above is not vacuous
    src = "data:image/png;base64," + base64.b64encode(_png()).decode()
    assert _has_image(html_to_pdf(f'<p>Hello</p><img src="{src}" width="50" height="50">'))
