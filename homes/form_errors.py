"""Form errors the GOV.UK way: every message says what to do, in one place.

`ClearErrorsMixin` replaces Django's generic messages ("This field is required.", "Enter a valid
date.") with ones built from the field's label ("Enter date of birth", "Choose the key worker",
"Date of birth must be a real date"), just before the form validates, so labels set in a form's
`__init__` (with the child's name in them) are the ones used. A form says better words where the
generic ones read badly: `error_messages_for = {"child_voice": {"required": "Enter what {child}
said"}}`, formatted with `message_names()` (override it to name the child). A message a field
already sets for itself is kept.

The error summary, the "Error: " title prefix and each field's `aria-describedby` are drawn by
homes/templatetags/form_errors.py and templates/bootstrap5/ (the crispy overrides)."""

from typing import ClassVar

from django import forms

# Django's own messages: a field still carrying one of these (or none, for a code only a
# validator raises, like min_value) gets Hearth's wording.
_DJANGO_DEFAULTS = frozenset(
    str(message)
    for field_class in (
        forms.Field,
        forms.DateField,
        forms.DateTimeField,
        forms.IntegerField,
        forms.DecimalField,
        forms.EmailField,
        forms.FileField,
        forms.ChoiceField,
        forms.ModelChoiceField,
        forms.ModelMultipleChoiceField,
    )
    for message in field_class.default_error_messages.values()
)


def label_in_sentence(label: str) -> str:
    """ "Date of birth" → "date of birth"; names and acronyms ("NHS number") keep their capitals."""
    label = str(label).strip().rstrip(":?")
    first = label.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():
        return label
    return label[:1].lower() + label[1:]


def _chosen(field: forms.Field) -> bool:
    """Fields answered by choosing (radios, boxes, a list), not by typing."""
    return isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField) or isinstance(
        field.widget, forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple
    )


def generic_messages(field: forms.Field) -> dict[str, str]:
    """What to say for each error code of `field`, from its label."""
    name = label_in_sentence(field.label or "this")
    sentence = name[:1].upper() + name[1:]
    if isinstance(field, forms.FileField):
        required = f"Choose the file for {name}"
    elif isinstance(field, forms.BooleanField):
        required = f"Tick the box if {name}"
    elif _chosen(field):
        required = f"Choose {name}"
    else:
        required = f"Enter {name}"
    return {
        "required": required,
        "invalid": (
            f"{sentence} must be a real date, like 27 3 2026"
            if isinstance(field, forms.DateField | forms.DateTimeField)
            else "Enter an e-mail address in the correct format, like name@example.com"
            if isinstance(field, forms.EmailField)
            else f"{sentence} must be a number"
            if isinstance(field, forms.IntegerField | forms.DecimalField)
            else f"Enter {name} in the correct format"
        ),
        # Django fills %(limit_value)s in: a label holding "%" would break that, so it is doubled.
        "min_value": sentence.replace("%", "%%") + " must be %(limit_value)s or more",
        "max_value": sentence.replace("%", "%%") + " must be %(limit_value)s or less",
        "max_length": sentence.replace("%", "%%") + " must be %(limit_value)d characters or fewer",
        "invalid_choice": f"Choose one of the options for {name}",
        "invalid_list": f"Choose one or more of the options for {name}",
        "invalid_pk_value": f"Choose one of the options for {name}",
        "empty": f"The file chosen for {name} is empty: choose another",
        "missing": f"Choose the file for {name}",
    }


def _is_default(message) -> bool:
    return message is None or str(message) in _DJANGO_DEFAULTS


class ClearErrorsMixin:
    """Form mixin (put it first among the bases): messages that say what to do (module docstring)."""

    # field name -> {error code -> message}; "{child}" and other names from message_names().
    error_messages_for: ClassVar[dict[str, dict[str, str]]] = {}

    def message_names(self) -> dict[str, str]:
        """Names the specific messages may use, e.g. {"child": the child's preferred name}."""
        return {}

    def full_clean(self) -> None:
        names = None
        for name, field in self.fields.items():
            own = self.error_messages_for.get(name, {})
            if own and names is None:
                names = self.message_names()
            for code, message in generic_messages(field).items():
                if code in own:
                    field.error_messages[code] = own[code].format(**names)
                elif _is_default(field.error_messages.get(code)):
                    field.error_messages[code] = message
        super().full_clean()
