"""How to fill the shifts app's URL keywords for the generic walks (see tests/url_objects.py)."""

from tests.shifts.factories import DailyLogFactory, ShiftPatternFactory

URL_OBJECTS: dict = {
    "shift_id": lambda world: ShiftPatternFactory(home=world.home).pk,
    "daily_log_id": lambda world: DailyLogFactory(child=world.child).pk,
}
