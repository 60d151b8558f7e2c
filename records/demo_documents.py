"""Demo documents and memory boxes (issue 15, item 7): for every demo child, a certificate (a PDF),
a drawing of their own and a photo in the memory box, and a school report on the record; one child
has a sensitive report from another agency. The files are drawn here with Pillow (no files in the
repository) and added through the real service, so they are checked, hashed and thumbnailed.
Idempotent: a child who already has documents is left alone."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from children.models import Child
from homes.demo import Demo
from records.models import Document
from records.services.documents import document_add

SIZE = (480, 340)
# Certificates and awards, one per child in turn: (title, what the certificate says, description).
CERTIFICATES = [
    ("Swimming certificate, 25 metres", "25 metres, front crawl", "Swam a whole length without stopping."),
    ("Star of the week", "Star of the week", "Chosen by the form tutor for helping a new pupil settle in."),
    ("Duke of Edinburgh, bronze expedition", "Bronze expedition", "Two days walking and camping in the rain."),
    ("Football: player of the match", "Player of the match", "Scored the winning goal for the under-14s."),
    ("Cooking award", "Young chef award", "Cooked a three-course meal for the whole house."),
    ("Reading challenge", "Summer reading challenge", "Read six books over the summer holidays."),
]
DRAWINGS = [
    ("My bedroom", "Drew their room after choosing the new curtains."),
    ("Me and the dog at the beach", "Drawn after the trip to Filey."),
    ("The house from the garden", "Wanted staff to keep it safe."),
]
PHOTOS = [
    ("Top of the climbing wall", "Reached the top for the first time."),
    ("Birthday cake", "Chose the flavour and helped ice it."),
    ("Sports day", "Came second in the relay."),
]
SENSITIVE_REPORT = (
    "Child and adolescent mental health service: assessment letter",
    "Shared by CAMHS with the clinical lead; managers and the clinical lead only.",
)
# Soft, distinct colours for the pictures, in turn.
COLOURS = [(240, 190, 80), (120, 180, 220), (150, 200, 140), (230, 150, 170), (190, 160, 220), (250, 210, 150)]


def _font(size: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _picture(colour: tuple[int, int, int], caption: str, number: int) -> Image.Image:
    """A simple coloured scene: sky, ground, a sun and a house or a figure, with a caption."""
    image = Image.new("RGB", SIZE, (200, 225, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 230, SIZE[0], SIZE[1]), fill=colour)
    draw.ellipse((380, 30, 440, 90), fill=(255, 220, 90))
    if number % 2:
        draw.polygon([(120, 150), (200, 90), (280, 150)], fill=(180, 80, 70))
        draw.rectangle((140, 150, 260, 230), fill=(245, 235, 215), outline=(90, 70, 60), width=3)
        draw.rectangle((185, 185, 215, 230), fill=(110, 80, 60))
    else:
        draw.ellipse((190, 100, 240, 150), fill=(250, 215, 180), outline=(60, 60, 60), width=2)
        draw.line((215, 150, 215, 205), fill=(60, 60, 60), width=4)
        draw.line((185, 170, 245, 170), fill=(60, 60, 60), width=4)
        draw.line((215, 205, 195, 235), fill=(60, 60, 60), width=4)
        draw.line((215, 205, 235, 235), fill=(60, 60, 60), width=4)
    draw.text((20, 290), caption, fill=(30, 30, 30), font=_font(22))
    return image


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _pdf(lines: list[str], colour: tuple[int, int, int]) -> bytes:
    """A one-page PDF (Pillow draws the page): a bordered certificate or a letter."""
    page = Image.new("RGB", (595, 420), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((12, 12, 583, 408), outline=colour, width=10)
    y = 70
    for number, line in enumerate(lines):
        size = 30 if number == 0 else 20
        draw.text((297, y), line, fill=(30, 30, 30), font=_font(size), anchor="ma")
        y += size + 28
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=72)
    return out.getvalue()


def _dated(child: Child, days_before: int) -> datetime.date:
    """A date in the child's placement, `days_before` its end (or today), never before it began."""
    end = child.discharge_date or timezone.localdate()
    return max(child.admission_date, end - datetime.timedelta(days=days_before))


def _add(child: Child, name: str, content: bytes, **fields) -> Document:
    return document_add(child=child, added_by=child.key_worker, upload=SimpleUploadedFile(name, content), **fields)


def seed(demo: Demo) -> None:
    children = list(Child.objects.select_related("key_worker", "home").order_by("pk"))
    with_documents = set(Document.objects.values_list("child_id", flat=True).distinct())
    for number, child in enumerate(children):
        if child.pk in with_documents:
            continue
        colour = COLOURS[number % len(COLOURS)]
        title, award, description = CERTIFICATES[number % len(CERTIFICATES)]
        certificate = _pdf(["Certificate", award, f"awarded to {child.preferred_name}"], colour)
        _add(
            child,
            "certificate.pdf",
            certificate,
            kind=Document.Kind.CERTIFICATE,
            title=title,
            description=description,
            dated=_dated(child, 20 + number * 7),
            in_memory_box=True,
        )
        drawing, why = DRAWINGS[number % len(DRAWINGS)]
        _add(
            child,
            "drawing.png",
            _png(_picture(colour, drawing, number)),
            kind=Document.Kind.DRAWING,
            title=drawing,
            description=why,
            dated=_dated(child, 45 + number * 5),
            in_memory_box=True,
            with_child=True,
        )
        photo, why = PHOTOS[number % len(PHOTOS)]
        _add(
            child,
            "photo.jpg",
            _jpeg(_picture(colour, photo, number + 1)),
            kind=Document.Kind.PHOTO,
            title=photo,
            description=why,
            dated=_dated(child, 70 + number * 3),
            in_memory_box=True,
        )
        school = child.school or "school"
        _add(
            child,
            "school-report.pdf",
            _pdf(["School report", school, f"{child.preferred_name}: attendance and progress"], (120, 120, 120)),
            kind=Document.Kind.SCHOOL_REPORT,
            title=f"Report from {school}",
            description="End of term report: attendance, effort and the teachers' comments.",
            dated=_dated(child, 100),
        )
        if number == 0:
            title, description = SENSITIVE_REPORT
            _add(
                child,
                "camhs-letter.pdf",
                _pdf(["CAMHS", "Assessment letter", "Confidential"], (90, 90, 140)),
                kind=Document.Kind.AGENCY_REPORT,
                title=title,
                description=description,
                dated=_dated(child, 60),
                sensitive=True,
            )
