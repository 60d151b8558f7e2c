"""Demo data for the records app (`manage.py seed_demo` calls `seed`)."""

from homes.demo import Demo
from records import demo_rights


def seed(demo: Demo) -> None:
    demo_rights.seed(demo)
