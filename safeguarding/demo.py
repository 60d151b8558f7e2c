"""Demo safeguarding records: each part of the app seeds its own (see seed_demo)."""

from homes.demo import Demo


def seed(demo: Demo) -> None:
    from safeguarding import demo_missing, incidents_demo, notices_demo

    demo_missing.seed(demo)  # body maps and missing from care

    incidents_demo.seed(demo)

    notices_demo.seed(demo)
