"""How to fill the shifts app's URL keywords for the generic walks (see tests/url_objects.py)."""

from tests.shifts.factories import DailyLogFactory, HandoverFactory, HandoverFlagFactory, ShiftPatternFactory

URL_OBJECTS: dict = {
    "shift_id": lambda world: ShiftPatternFactory(home=world.home).pk,
    "daily_log_id": lambda world: DailyLogFactory(child=world.child).pk,
    "handover_id": lambda world: HandoverFactory(home=world.home, started_by=world.child.key_worker).pk,
    "flag_id": lambda world: HandoverFlagFactory(child=world.child).pk,
}
