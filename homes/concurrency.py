"""One optimistic-concurrency mechanism for every record more than one person can edit.

A guarded record has a `revision` (the `Revisioned` model mixin). Its edit form carries the
revision the page was opened at (the `RevisionForm` form mixin: a plain hidden input, so browser
drafts restore it like any other field). The service moves the record on with
`revision_claim()`: one `UPDATE … WHERE revision = n`, so of two saves made from pages opened at
the same revision exactly one goes through, whatever the database. The other raises `StaleEdit`
carrying the record as it is now; the view calls `theirs_beside_yours()`, which shows, field by
field, what is saved now beside what this person typed (still in the form, now carrying the
revision they have seen, so saving again is a knowing choice).

Opting in: the model inherits `Revisioned`, the form `RevisionForm`, the service calls
`revision_claim(record, revision=…, user=…)` inside its transaction, and the view catches
`StaleEdit` with `theirs_beside_yours()` and includes "includes/_theirs_beside_yours.html"."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import models, transaction
from django.db.models import F
from django.forms import BaseFormSet
from django.forms.models import InlineForeignKeyField
from django.http import HttpRequest, QueryDict
from django.utils import timezone

STALE_EDIT = (
    "{who} saved this on {when}, while you were editing it, so your changes have not been saved yet. "
    "What you typed is still in the form: compare it with what is saved now, then save again to keep yours."
)
ROW_OF_ANOTHER_RECORD = "A row from another record was submitted: reload the page and try again."
REVISION_MISSING = (
    "This page did not say which version of the record it was opened at, so nothing has been saved: "
    "reload the page, then make your changes again."
)
SOMEONE = "Someone else"


class Revisioned(models.Model):
    """A record several people edit: each save moves `revision` on (see revision_claim)."""

    # Counts saves. A form carries the revision it was opened at, so a save made from a page
    # opened before someone else's save is refused instead of overwriting it.
    revision = models.PositiveIntegerField(default=1, editable=False)
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True, editable=False
    )
    revised_at = models.DateTimeField(null=True, blank=True, editable=False)

    # The change history leaves these out (apps register them with auditlog's exclude_fields):
    # the entry's actor and time already say who saved and when.
    REVISION_FIELDS = ("revision", "revised_by", "revised_at")

    class Meta:
        abstract = True


class StaleEdit(Exception):
    """The record was saved by someone else after the form was opened. `current` is the record as
    it is saved now; `message` names who saved it and when."""

    def __init__(self, current: Revisioned, message: str | None = None) -> None:
        self.current = current
        self.message = message or stale_message(current)
        super().__init__(self.message)


def stale_message(current: Revisioned) -> str:
    when = timezone.localtime(current.revised_at).strftime("%-d %B %Y at %H:%M") if current.revised_at else "just now"
    return STALE_EDIT.format(who=current.revised_by or SOMEONE, when=when)


def revision_claim(record: Revisioned, *, revision: int | None, user, **conditions) -> None:
    """Move `record` on from `revision` (the one its form was opened at), or raise StaleEdit.

    Compare-and-increment in one UPDATE: two saves opened at the same revision cannot both
    match. Call it first inside the service's transaction, so a save that then fails validation
    leaves the revision where it was. `conditions` narrow the row further (a draft's status, say);
    a row they do not match is refused like a stale one, and the caller tells which it was.
    `revision=None` is for callers that opened no form (the demo, tasks): they save
    unconditionally, and still move the revision on so that open forms become stale."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("revision_claim() must run inside the service's transaction.")
    if record._state.adding:
        # The first save of a record whose form was opened before it existed (the month's meeting):
        # it is saved at the next revision, so anyone else who opened the empty form is refused.
        record.revision = (revision or record.revision) + 1
        record.revised_by, record.revised_at = user, timezone.now()
        return
    model = type(record)
    rows = model._base_manager.filter(pk=record.pk, **conditions)
    if revision is not None:
        rows = rows.filter(revision=revision)
    now = timezone.now()
    if not rows.update(revision=F("revision") + 1, revised_by=user, revised_at=now):
        raise StaleEdit(model._base_manager.select_related("revised_by").get(pk=record.pk))
    if revision is None:
        record.revision = model._base_manager.values_list("revision", flat=True).get(pk=record.pk)
    else:
        record.revision = revision + 1
    record.revised_by, record.revised_at = user, now


class RevisionForm(forms.Form):
    """Form mixin for the edit form of a Revisioned record: the revision it was opened at, as an
    ordinary hidden input. A ModelForm takes it from its instance; another form gets it as
    `initial={"revision": record.revision}`. drafts.js keeps it with a draft (data-draft-keep):
    a draft restored after a timeout is then saved at the revision it was typed against, so a
    save made by someone else meanwhile is shown beside it rather than overwritten."""

    revision = forms.IntegerField(widget=forms.HiddenInput(attrs={"data-draft-keep": ""}), min_value=0)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if isinstance(instance, Revisioned):
            self.fields["revision"].initial = instance.revision

    def clean(self) -> dict:
        # A hidden field's own error shows on no page: say it where every page shows errors.
        if self._errors.pop("revision", None):
            self.add_error(None, REVISION_MISSING)
        return super().clean()


# --- theirs beside yours -------------------------------------------------------------------


@dataclass
class Difference:
    label: str
    saved: str
    yours: str


# An editor builds a page's forms (forms and formsets) for a record, bound to `data` or not.
Editor = Callable[[models.Model, QueryDict | None], list]


def _shown(field: forms.Field, value) -> str:
    """How a form value reads to a person, whether it came from the database or a POST."""
    try:
        value = field.to_python(value)
    except forms.ValidationError:
        return str(value)
    if value in (None, "") or (isinstance(value, list | tuple | models.QuerySet) and not value):
        return "—"
    # A model choice reads as the instance itself; other choices by their label.
    model_choice = isinstance(field, forms.ModelChoiceField)
    choices = {} if model_choice else {str(k): v for k, v in getattr(field, "choices", None) or []}
    if isinstance(value, list | tuple | models.QuerySet):  # several choices (themes, attendees)
        return ", ".join(
            str(item) if isinstance(item, models.Model) else str(choices.get(str(item), item)) for item in value
        )
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):  # the same instant reads the same from a form or the database
        return f"{timezone.localtime(value):%-d %B %Y, %H:%M}"
    if isinstance(value, datetime.date):
        return value.strftime("%-d %B %Y")
    if str(value) in choices:
        return str(choices[str(value)])
    return str(value)


def _fields_of(form: forms.BaseForm, key_prefix: str, title: str = "") -> dict[str, tuple[str, str]]:
    return {
        f"{key_prefix}{name}": (f"{title}{form[name].label}", _shown(field, form[name].value()))
        for name, field in form.fields.items()
        if name not in {"revision", "id", "DELETE"} and not isinstance(field, InlineForeignKeyField)
    }


def snapshot(parts: Iterable) -> dict[str, tuple[str, str]]:
    """key -> (label, value as read) for each field of a page's forms and each existing row of
    its formsets. A form may name itself with `change_title` ("Goal “Sleep”"); a formset names
    its rows with `title` ("Trigger")."""
    shown: dict[str, tuple[str, str]] = {}
    for part in parts:
        if not isinstance(part, BaseFormSet):
            title = getattr(part, "change_title", "")
            shown.update(_fields_of(part, part.add_prefix(""), f"{title}: " if title else ""))
            continue
        for row_form in part.forms:
            pk = row_form.instance.pk
            if pk is None:
                continue
            deleted = part.can_delete and row_form.is_bound and row_form["DELETE"].value()
            title = f"{getattr(part, 'title', 'Row')} “{row_form.instance}”: "
            for key, (label, value) in _fields_of(row_form, f"{part.prefix}-{pk}-", title).items():
                shown[key] = (label, "(removed)" if deleted else value)
    return shown


def differences(saved: dict[str, tuple[str, str]], yours: dict[str, tuple[str, str]]) -> list[Difference]:
    found = []
    for key, (label, saved_value) in saved.items():
        your_value = yours[key][1] if key in yours else "(not on your form: added by someone else)"
        if saved_value != your_value:
            found.append(Difference(label=label, saved=saved_value, yours=your_value))
    return found


def theirs_beside_yours(
    request: HttpRequest, stale: StaleEdit, *, editor: Editor, yours: list
) -> tuple[list, list[Difference]]:
    """After a refused save: the page's forms again, bound to what this person typed but carrying
    the revision they have now seen, and what is saved now beside what they typed. Put the
    differences in the context as `changes` for "includes/_theirs_beside_yours.html"."""
    changes = differences(snapshot(editor(stale.current, None)), snapshot(yours))
    messages.error(request, stale.message)
    data = request.POST.copy()
    data["revision"] = stale.current.revision
    return editor(stale.current, data), changes


# --- formsets ------------------------------------------------------------------------------


class OwnRowsFormSetMixin:
    """For every model formset: a submitted `<prefix>-N-id` must name a row of this record.
    Django would quietly treat a row it cannot find as a new one (an id in an extra form) or
    refuse it with "Select a valid choice"; a forged or stale id from another record (another
    child's goal, say) is refused here with a message that says what happened, and nothing is
    saved or created."""

    def clean(self) -> None:
        super().clean()
        own = {str(pk) for pk in self.get_queryset().values_list("pk", flat=True)}
        pk_name = self.model._meta.pk.name
        for i in range(self.total_form_count()):
            submitted = self.data.get(f"{self.add_prefix(i)}-{pk_name}", "")
            if submitted and submitted not in own:
                raise forms.ValidationError(ROW_OF_ANOTHER_RECORD, code="row_of_another_record")
            if submitted and i >= self.initial_form_count():
                # An extra (new) row naming an existing one would copy it as a new row.
                raise forms.ValidationError(ROW_OF_ANOTHER_RECORD, code="row_of_another_record")
