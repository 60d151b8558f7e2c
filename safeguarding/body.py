"""The body-map outline: a front and a back view of a child's body, each drawn on a 100 x 200
grid (SVG user units), as named regions. A mark's position is stored as coordinates on this grid
(`side`, `x`, `y`), never as an image, so the same mark is drawn alike on the page, in the
chronology and in every PDF, and the region it falls in is worked out here rather than typed.

The front view shows the child facing us, so the child's right side is on the viewer's left; the
back view shows it on the viewer's right. Regions are stored by the child's side ("right forearm")
and placed on the grid per view.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 100
HEIGHT = 200

FRONT = "front"
BACK = "back"
SIDES = ((FRONT, "Front"), (BACK, "Back"))


@dataclass(frozen=True)
class Area:
    """One region drawn on one view: a rounded rectangle on the grid."""

    code: str
    label: str
    x: float
    y: float
    width: float
    height: float
    radius: float

    @property
    def centre(self) -> tuple[Decimal, Decimal]:
        return (Decimal(str(round(self.x + self.width / 2, 1))), Decimal(str(round(self.y + self.height / 2, 1))))

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height

    def distance(self, x: float, y: float) -> float:
        dx = max(self.x - x, 0, x - (self.x + self.width))
        dy = max(self.y - y, 0, y - (self.y + self.height))
        return (dx * dx + dy * dy) ** 0.5


# (code, front label, back label, x, y, width, height, corner radius) for the middle of the body
# and for the child's RIGHT limbs as seen on the front view (the viewer's left). The left limbs
# mirror them; the back view mirrors the front.
_MIDDLE = [
    ("head", "Face and head", "Back of the head", 39, 2, 22, 26, 11),
    ("neck", "Neck (front)", "Back of the neck", 44, 28, 12, 7, 2),
    ("chest", "Chest", "Upper back", 32, 35, 36, 29, 6),
    ("abdomen", "Tummy", "Lower back", 33, 64, 34, 24, 3),
    ("hips", "Hips and groin", "Bottom", 33, 88, 34, 16, 4),
]
_RIGHT_LIMBS = [
    ("upper_arm", "upper arm", 21, 36, 10, 30, 5),
    ("forearm", "forearm", 19, 66, 10, 29, 5),
    ("hand", "hand", 18, 95, 11, 13, 5),
    ("thigh", "thigh", 34, 104, 15, 38, 6),
    ("lower_leg", "knee and lower leg", 35, 142, 13, 42, 6),
    ("foot", "foot", 33, 184, 15, 12, 5),
]


def _mirror(x: float, width: float) -> float:
    return WIDTH - x - width


def _areas(side: str) -> list[Area]:
    areas = []
    for code, front, back, x, y, w, h, r in _MIDDLE:
        areas.append(Area(code, front if side == FRONT else back, x, y, w, h, r))
    for code, label, x, y, w, h, r in _RIGHT_LIMBS:
        # The child's right limb: viewer's left on the front, viewer's right on the back.
        right_x = x if side == FRONT else _mirror(x, w)
        left_x = _mirror(right_x, w)
        suffix = "" if side == FRONT else " (back)"
        areas.append(Area(f"right_{code}", f"Right {label}{suffix}", right_x, y, w, h, r))
        areas.append(Area(f"left_{code}", f"Left {label}{suffix}", left_x, y, w, h, r))
    return areas


AREAS: dict[str, list[Area]] = {FRONT: _areas(FRONT), BACK: _areas(BACK)}

# The choices for the plain form (no script, or a keyboard): "front:right_forearm" and so on.
REGION_CHOICES = [(f"{side}:{area.code}", f"{label}: {area.label}") for side, label in SIDES for area in AREAS[side]]
REGION_LABELS = {f"{side}:{area.code}": area.label for side, _ in SIDES for area in AREAS[side]}


def area_at(side: str, x: float, y: float) -> Area:
    """The region a point falls in, or the nearest one (a mark just outside the outline, on the
    edge of a limb, still names where it is)."""
    areas = AREAS[side]
    for area in areas:
        if area.contains(x, y):
            return area
    return min(areas, key=lambda area: area.distance(x, y))


def area_named(side: str, code: str) -> Area | None:
    return next((area for area in AREAS[side] if area.code == code), None)
