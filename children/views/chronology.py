from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from children import extensions
from children.forms.child import DateInput
from children.services.chronology import Position, chronology_page
from homes import access
from homes.form_errors import ClearErrorsMixin


class ChronologyFilter(ClearErrorsMixin, forms.Form):
    kind = forms.MultipleChoiceField(
        label="Show", required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
    )
    start = forms.DateField(label="From", required=False, widget=DateInput())
    end = forms.DateField(label="To", required=False, widget=DateInput())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(s.kind, s.label) for s in extensions.chronology_sources.values()]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            raise forms.ValidationError("The end date is before the start date.")
        return cleaned


# The page's number is only a label (pages follow on by keyset: see
# children/services/chronology.py); a number beyond this is a mangled link.
MAX_PAGE = 10_000


def _page_number(request: HttpRequest) -> int:
    try:
        page = int(request.GET.get("page", 1))
    except ValueError:
        return 1
    return page if 1 <= page <= MAX_PAGE else 1


@login_required
@require_GET
def child_chronology(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    filters = ChronologyFilter(request.GET)
    wanted = filters.cleaned_data if filters.is_valid() else {}
    page = chronology_page(
        child,
        kinds=wanted.get("kind"),
        start=wanted.get("start"),
        end=wanted.get("end"),
        after=Position.from_token(request.GET.get("after", "")),
        number=_page_number(request),
    )
    # The pager keeps the filters and changes only where the page starts.
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("after", None)
    labels = {s.kind: s.label for s in extensions.chronology_sources.values()}
    return render(
        request,
        "children/chronology/chronology.html",
        {
            "child": child,
            "filters": filters,
            "page": page,
            "entries": [(entry, labels.get(entry.kind, entry.kind)) for entry in page.entries],
            "query": query.urlencode(),
        },
    )
