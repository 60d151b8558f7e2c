"""Errors the GOV.UK way (issue 13, item 5), drawn in one place:

- `{% error_summary form formset … %}`: at the top of a form, "There is a problem" and each problem
  as a link to its field (the first input of a radio or checkbox group); static/js/error-summary.js
  moves focus to it. Takes forms, formsets and lists of them; draws nothing when all are valid.
- `{% error_title_prefix %}`: "Error: " before the page title (base.html) when the page holds a
  form with errors, found in the template context, so no view has to say so.

Each field's own message and its aria-describedby come from templates/bootstrap5/ (crispy)."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django import forms, template
from django.forms import BaseFormSet
from django.forms.boundfield import BoundField
from django.utils.html import format_html

register = template.Library()


@dataclass(frozen=True)
class Problem:
    message: str
    anchor: str  # the id of the element the summary links to; "" when there is none


def field_anchor(bound: BoundField) -> str:
    """The id a link to this field goes to: the input, or a group's first input. A form may name
    another element for a field drawn by hand (`error_anchors = {"score": "score-1"}`)."""
    own = getattr(bound.form, "error_anchors", {}).get(bound.name)
    if own:
        return own
    if bound.is_hidden:
        return ""
    if bound.id_for_label:
        return bound.id_for_label
    first = next(iter(bound.subwidgets), None)
    return first.id_for_label if first is not None else ""


def _forms(objects: Iterable) -> Iterator[forms.BaseForm | BaseFormSet]:
    for obj in objects:
        if isinstance(obj, forms.BaseForm | BaseFormSet):
            yield obj
        elif isinstance(obj, list | tuple):
            yield from _forms(obj)


def _form_problems(form: forms.BaseForm) -> Iterator[Problem]:
    if not form.is_bound:
        return
    for message in form.non_field_errors():
        yield Problem(message, "")
    for bound in form:
        for message in bound.errors:
            yield Problem(message, field_anchor(bound))


def problems(*objects) -> list[Problem]:
    """Every error of the given forms, formsets and lists of them, in the page's order."""
    found: list[Problem] = []
    for obj in _forms(objects):
        if isinstance(obj, BaseFormSet):
            if not obj.is_bound:
                continue
            found += [Problem(message, "") for message in obj.non_form_errors()]
            for form in obj.forms:
                found += _form_problems(form)
        else:
            found += _form_problems(obj)
    return found


@register.inclusion_tag("includes/_error_summary.html")
def error_summary(*objects) -> dict:
    return {"problems": problems(*objects)}


@register.simple_tag(takes_context=True)
def error_title_prefix(context) -> str:
    """ "Error: " when any form or formset in the page's context was sent back with errors."""
    values = [value for layer in context.dicts for value in layer.values()]
    return "Error: " if any(problems(*values)) else ""


@register.filter
def error_aria(bound: BoundField) -> str:
    """For an input drawn by hand: ` aria-invalid="true" aria-describedby="…"` naming its hint and
    error (the error drawn by "bootstrap5/layout/field_errors_block.html"), as Django's widgets do."""
    if not bound.errors:
        return ""
    return format_html(' aria-invalid="true" aria-describedby="{}"', bound.aria_describedby or f"{bound.auto_id}_error")
