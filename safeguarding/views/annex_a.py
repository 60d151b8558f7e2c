import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from children.forms.child import DateInput
from homes import access
from homes.exports import safe_file_name
from homes.form_errors import ClearErrorsMixin
from safeguarding.annex_a import annex_a_csv, annex_a_table

END_BEFORE_START = "The end of the period must be on or after its start."


class PeriodForm(ClearErrorsMixin, forms.Form):
    start = forms.DateField(label="From", widget=DateInput())
    end = forms.DateField(label="To", widget=DateInput())

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", END_BEFORE_START)
        return cleaned


def _period(request: HttpRequest) -> tuple[PeriodForm, datetime.date, datetime.date]:
    """The period asked for, or the last twelve months to today."""
    today = timezone.localdate()
    default = (today.replace(year=today.year - 1) + datetime.timedelta(days=1), today)
    if "start" not in request.GET and "end" not in request.GET:
        return PeriodForm(initial={"start": default[0], "end": default[1]}), *default
    form = PeriodForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, *default


@login_required
@require_GET
def annex_a(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_see_annex_a(request.user, home))
    form, start, end = _period(request)
    return render(
        request,
        "safeguarding/annex_a.html",
        {"home": home, "form": form, "start": start, "end": end, "lines": annex_a_table(home, start, end)},
    )


@login_required
@require_GET
def annex_a_download(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_see_annex_a(request.user, home))
    _, start, end = _period(request)
    response = HttpResponse(annex_a_csv(home, start, end), content_type="text/csv; charset=utf-8")
    name = safe_file_name(f"{home.name} Annex A {start:%Y-%m-%d} to {end:%Y-%m-%d}.csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
