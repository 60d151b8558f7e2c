"""Editing a draft (a care plan or risk assessment) on one page: the record's own form and
its rows in inline formsets, with the revision the page was opened at.

When a save is refused because someone else saved first, homes.concurrency shows, field by
field, what is saved now against what this person typed, so nothing is lost or overwritten
unseen."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.forms import BaseInlineFormSet

from children.forms.child import DateInput
from homes.concurrency import OwnRowsFormSetMixin, RevisionForm
from homes.form_errors import ClearErrorsMixin


class DraftForm(ClearErrorsMixin, RevisionForm, forms.ModelForm):
    """The record's own fields, plus the revision the form was opened at."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "review_date" in self.fields:
            self.fields["review_date"].widget = DateInput()
        for name in self.instance.SECTIONS:
            self.fields[name].widget = forms.Textarea(attrs={"rows": 3})

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class RowForm(ClearErrorsMixin, forms.ModelForm):
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


class RowFormSet(OwnRowsFormSetMixin, BaseInlineFormSet):
    """Rows of a draft; blank extra rows are ignored, rows of another record refused."""

    title = "Row"  # names one row in the list of changes
    # Said when a page sent no row counts (a form cut short): Django's own words ask for a bug report.
    default_error_messages = {
        **BaseInlineFormSet.default_error_messages,
        "missing_management_form": (
            "The page was not sent whole, so nothing has been saved: reload the page, then make your changes again."
        ),
    }
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
