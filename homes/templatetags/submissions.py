"""`{% submission_token %}`: the create form's one-time token (homes/submissions.py)."""

from django import template
from django.utils.html import format_html

from homes.submissions import TOKEN_FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token() -> str:
    """A fresh token on every render, so a form that stays open after saving (quick add) saves
    again, while a resubmit of the same render does not."""
    return format_html('<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, new_token())
