"""Demo data for the records app (`manage.py seed_demo` calls `seed`)."""

from homes.demo import Demo
from records import demo_documents, demo_rights


def seed(demo: Demo) -> None:
    # Documents first, so Jordan's subject access export holds their memory box.
    demo_documents.seed(demo)
    demo_rights.seed(demo)
