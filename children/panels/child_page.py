"""What this app puts at the top of the child's page (issue 13: the page leads with the work):
the summary under the child's name, the actions, the latest in the child's own words, and the
tabs of the child's record. Later apps add theirs through the same registries
(children/extensions.py): the health app its allergies, safeguarding its incidents..."""

from django.db.models import Q
from django.template.defaultfilters import pluralize
from django.utils import timezone

from children import extensions as child_ext
from children.models import Child, KeyWorkingSession, ProvisionArrangement
from homes import access
from homes.models import User

# How many of the child's latest words lead their page.
LATEST_WORDS = 3


def latest_words(child: Child) -> list[KeyWorkingSession]:
    """The child's most recent key-working sessions, for what they said: one query."""
    return list(
        child.key_working_sessions.filter(archived=False)
        .exclude(child_voice="")
        .select_related("author")[:LATEST_WORDS]
    )


# --- the summary line: age, days at home, key worker, assessor ----------------------------------


def _age(user: User, child: Child) -> str:
    return f"{child.age} year{pluralize(child.age)} old"


def _days_at_home(user: User, child: Child) -> str:
    days = child.days_in_placement
    if not child.in_placement:
        return f"was at {child.home.name} for {days} day{pluralize(days)}"
    if days == 0:
        return f"at {child.home.name} since today"
    return f"at {child.home.name} for {days} day{pluralize(days)}"


def _key_worker(user: User, child: Child) -> str:
    return f"key worker {child.key_worker}" if child.key_worker else "no key worker yet"


def _assessor(user: User, child: Child) -> str:
    return f"assessor {child.assessor}" if child.assessor else "no assessor yet"


# --- actions --------------------------------------------------------------------------------------


def _may_record_attendance(user: User, child: Child) -> bool:
    """The home's staff, while the child has a school or therapy running today."""
    if not access.can_log_daily_work(user, child):
        return False
    today = timezone.localdate()
    return ProvisionArrangement.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today), child=child, archived=False, start_date__lte=today
    ).exists()


def register() -> None:
    for order, (name, text) in enumerate(
        [("age", _age), ("days_at_home", _days_at_home), ("key_worker", _key_worker), ("assessor", _assessor)]
    ):
        child_ext.register_child_summary_item(child_ext.ChildSummaryItem(name=name, text=text, order=10 * order))

    for action in [
        child_ext.ChildAction(
            name="key_working",
            label="Log key working",
            url_name="key_working_add",
            allowed=access.can_log_daily_work,
            order=10,
        ),
        child_ext.ChildAction(
            name="daily_care",
            label="Add daily care",
            url_name="activity_log",
            fragment="quick-add",
            allowed=access.can_log_daily_work,
            order=20,
        ),
        child_ext.ChildAction(
            name="attendance",
            label="Record attendance",
            url_name="provision_overview",
            allowed=_may_record_attendance,
            order=30,
        ),
    ]:
        child_ext.register_child_action(action)

    for section in [
        child_ext.ChildSection(name=child_ext.OVERVIEW, label="Overview", url_name="child_detail", order=0),
        child_ext.ChildSection(name="details", label="Details", url_name="child_details", order=10),
        # 20: the brain map (assessments)
        child_ext.ChildSection(name="plan", label="Plan", url_name="child_plan", order=30),
        child_ext.ChildSection(name="risk", label="Risk assessment", url_name="child_risk", order=40),
        child_ext.ChildSection(name="key_working", label="Key working", url_name="key_working_list", order=50),
        child_ext.ChildSection(name="activities", label="Daily care", url_name="activity_log", order=60),
        child_ext.ChildSection(
            name="provision", label="Education and therapy", url_name="provision_overview", order=70
        ),
        # 80: monthly reviews (tracker)
        child_ext.ChildSection(name="chronology", label="Chronology", url_name="child_chronology", order=90),
        child_ext.ChildSection(
            name="history", label="History", url_name="child_history", order=100, allowed=access.can_view_history
        ),
    ]:
        child_ext.register_child_section(section)
