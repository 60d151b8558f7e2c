"""The home's hub (issue 13): `{% home_tabs home "url_name" %}`, the tab bar of a home's
sections on its page and on every section page, and `{% breadcrumbs %}`, the trail from the
dashboard on every page below it. Both name each place the one way (the registered section
labels, the home's name), so the same link text always goes to the same place."""

from django import template
from django.urls import reverse

from children.models import Child
from homes import extensions
from homes.models import Home

register = template.Library()

DASHBOARD = "Dashboard"


@register.inclusion_tag("includes/home_tabs.html", takes_context=True)
def home_tabs(context, home: Home, current: str = "") -> dict:
    """The home's sections the person may open; `current` is the url name of the section this
    page belongs to (marked aria-current="page")."""
    user = context["request"].user
    tabs = [
        {
            "label": section.label,
            "url": reverse(section.url_name, args=[home.pk]),
            "current": section.url_name == current,
        }
        for section in extensions.sections_for(user, home)
    ]
    return {"home": home, "tabs": tabs}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(
    context, *trail: str, home: Home | None = None, section: str = "", child: Child | None = None, current: str = ""
) -> dict:
    """Dashboard › the home › its section › any `trail` (label, url, label, url...) › `current`,
    the page itself (not a link). The section's crumb is left out for a person who may not open
    it (care staff on the supervision sessions page, say). `child` puts the child's home and the
    child (by preferred name, to their page) before the trail: a child's record pages."""
    crumbs = [(DASHBOARD, reverse("dashboard"))]
    if child is not None:
        home = child.home
    if home is not None:
        crumbs.append((home.name, reverse("home_detail", args=[home.pk])))
        registered = extensions.home_sections.get(section)
        # The Children tab is the home's own page: its crumb is the home's name.
        if (
            registered is not None
            and registered.url_name != "home_detail"
            and registered.predicate(context["request"].user, home)
        ):
            crumbs.append((registered.label, reverse(registered.url_name, args=[home.pk])))
    if child is not None:
        crumbs.append((child.preferred_name, reverse("child_detail", args=[child.pk])))
    crumbs.extend(zip(trail[::2], trail[1::2], strict=True))
    return {"crumbs": crumbs, "current": current}
