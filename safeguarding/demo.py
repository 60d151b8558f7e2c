"""Demo data for the safeguarding app: each record kind seeds its own part."""

from homes.demo import Demo


def seed(demo: Demo) -> None:
    from safeguarding import demo_missing

    demo_missing.seed(demo)  # body maps and missing from care
