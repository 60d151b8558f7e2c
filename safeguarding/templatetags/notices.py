"""`{% notification_prompt record %}`: on an incident or missing episode (any registered notify
source), the Regulation 40 prompt for the home's managers — the categories the record meets that
have not been notified yet, each with a "Notify" button that starts the notification from it;
otherwise a quiet "Notify" link, for an event the manager judges notifiable."""

from django import template

from homes import access
from safeguarding.notify_sources import notification_prompt as categories_to_notify
from safeguarding.notify_sources import notify_sources, source_key

register = template.Library()


@register.inclusion_tag("safeguarding/notifications/_prompt.html", takes_context=True)
def notification_prompt(context, record) -> dict:
    user = context["request"].user
    source = notify_sources.get(source_key(record))
    if source is None:
        return {"categories": [], "can_notify": False}
    home = source.prefill(record).home
    if not access.can_notify(user, home):
        return {"categories": [], "can_notify": False}
    return {
        "categories": categories_to_notify(record),
        "can_notify": True,
        "home": home,
        "key": source_key(record),
        "record": record,
    }
