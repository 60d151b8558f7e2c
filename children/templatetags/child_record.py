"""`{% child_sections child "key_working" %}`: the tabs of the child's record (issue 13), from
the sections registered in children/extensions.py, with the current one marked for screen readers."""

from django import template

from children import extensions
from children.models import Child

register = template.Library()


@register.inclusion_tag("children/_child_sections.html", takes_context=True)
def child_sections(context: template.Context, child: Child, current: str) -> dict:
    return {
        "child": child,
        "current": current,
        "sections": extensions.sections_for(context["request"].user, child),
    }
