"""Editing a draft (a care plan or risk assessment) on one page: the record's own form and
its rows in inline formsets, with the revision the page was opened at.

When a save is refused because someone else saved first, `differences()` lists, field by
field, what is saved now against what this person typed, so nothing is lost or overwritten
unseen."""

import datetime
from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.forms import BaseInlineFormSet
from django.forms.models import InlineForeignKeyField

from children.forms.child import DateInput


class DraftForm(forms.ModelForm):
    """The record's own fields, plus the revision the form was opened at."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision
        if "review_date" in self.fields:
            self.fields["review_date"].widget = DateInput()
        for name in self.instance.SECTIONS:
            self.fields[name].widget = forms.Textarea(attrs={"rows": 3})

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class RowForm(forms.ModelForm):
    """One row of a draft (a goal, trigger or risk). `layout` lays its fields out in columns
    on wider screens; the row's id, link and delete box follow it."""

    layout: tuple = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.render_unmentioned_fields = True
        self.helper.layout = Layout(
            *[
                Row(*[Column(name, css_class="col-md") for name in line]) if isinstance(line, tuple) else line
                for line in self.layout
            ]
        )

    def values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in self._meta.fields}
        values["row"] = self.instance if self.instance.pk else None
        values["delete"] = self.cleaned_data.get("DELETE", False)
        return values


class RowFormSet(BaseInlineFormSet):
    """Rows of a draft; blank extra rows are ignored."""

    title = "Row"  # names one row in the list of changes
    legend = "Rows"  # heads the rows on the form

    def values(self) -> list[dict]:
        rows = []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                # A row marked for removal is not validated, so only its identity is used.
                if form.instance.pk:
                    rows.append({"row": form.instance, "delete": True})
            elif form.has_changed() or form.instance.pk:
                rows.append(form.values())
        return rows


@dataclass
class Difference:
    label: str
    saved: str
    yours: str


def _shown(field: forms.Field, value) -> str:
    """How a form value reads to a person, whether it came from the database or a POST."""
    try:
        value = field.to_python(value)
    except forms.ValidationError:
        return str(value)
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return value.strftime("%-d %B %Y")
    choices = dict(getattr(field, "choices", []) or [])
    if not isinstance(field, forms.ModelChoiceField) and str(value) in {str(k) for k in choices}:
        return str({str(k): v for k, v in choices.items()}[str(value)])
    return str(value)


def _fields_of(form: forms.BaseForm, prefix: str) -> dict[str, tuple[str, str]]:
    return {
        f"{prefix}{name}": (str(form[name].label), _shown(field, form[name].value()))
        for name, field in form.fields.items()
        if name not in {"revision", "id", "DELETE"} and not isinstance(field, InlineForeignKeyField)
    }


def snapshot(form: DraftForm, formsets: list[RowFormSet]) -> dict[str, tuple[str, str]]:
    """key -> (label, value as read) for the record's fields and each existing row's fields."""
    shown = _fields_of(form, "")
    for formset in formsets:
        for row_form in formset.forms:
            pk = row_form.instance.pk
            if pk is None:
                continue
            deleted = formset.can_delete and row_form.is_bound and row_form["DELETE"].value()
            for key, (label, value) in _fields_of(row_form, f"{formset.prefix}-{pk}-").items():
                title = f"{formset.title} “{row_form.instance}”"
                shown[key] = (f"{title}: {label}", "(removed)" if deleted else value)
    return shown


def differences(saved: dict[str, tuple[str, str]], yours: dict[str, tuple[str, str]]) -> list[Difference]:
    found = []
    for key, (label, saved_value) in saved.items():
        your_value = yours[key][1] if key in yours else "(not on your form: added by someone else)"
        if saved_value != your_value:
            found.append(Difference(label=label, saved=saved_value, yours=your_value))
    return found
