from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from homes import access, concurrency
from homes.submissions import create_once
from safeguarding.forms.consequences import ConsequenceFollowUpForm, ConsequenceForm
from safeguarding.models import Consequence, ProhibitedMeasure
from safeguarding.services import consequences as services

LIST_PAGE_SIZE = 20


def _get_consequence(request: HttpRequest, consequence_id: int) -> Consequence:
    consequences = Consequence.objects.select_related("child__home", "author", "revised_by")
    return access.get_for_children(request.user, consequences, consequence_id)


@login_required
@require_GET
def consequence_list(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.log_read(request.user, child)
    consequences = child.consequences.filter(archived=False).select_related("author")
    return render(
        request,
        "safeguarding/consequences/list.html",
        {
            "child": child,
            "consequences": Paginator(consequences, LIST_PAGE_SIZE).get_page(request.GET.get("page")),
            "can_record": access.can_record_consequence(request.user, child),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def consequence_add(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_record_consequence(request.user, child))
    access.log_read(request.user, child)
    form = ConsequenceForm(request.POST if request.method == "POST" else None, instance=Consequence(child=child))
    if request.method == "POST" and form.is_valid():
        consequence = services.consequence_record(child=child, author=request.user, **form.cleaned_data)
        messages.success(request, f"The consequence for {child.preferred_name} has been signed and saved.")
        return redirect("consequence_detail", consequence_id=consequence.pk)
    return render(
        request,
        "safeguarding/consequences/form.html",
        {"form": form, "child": child, "prohibited": ProhibitedMeasure.objects.filter(active=True)},
    )


@login_required
@require_GET
def consequence_detail(request: HttpRequest, consequence_id: int) -> HttpResponse:
    consequence = _get_consequence(request, consequence_id)
    access.log_read(request.user, consequence)
    return render(
        request,
        "safeguarding/consequences/detail.html",
        {
            "consequence": consequence,
            "child": consequence.child,
            "can_follow_up": access.can_record_consequence(request.user, consequence.child),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consequence_follow_up(request: HttpRequest, consequence_id: int) -> HttpResponse:
    consequence = _get_consequence(request, consequence_id)
    child = consequence.child
    access.require(access.can_record_consequence(request.user, child))
    form = ConsequenceFollowUpForm(request.POST if request.method == "POST" else None, instance=consequence)
    changes = None
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        revision = fields.pop("revision")
        try:
            services.consequence_follow_up(consequence=consequence, user=request.user, revision=revision, **fields)
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request,
                stale,
                editor=lambda current, data: [ConsequenceFollowUpForm(data, instance=current)],
                yours=[form],
            )
        else:
            messages.success(request, "The follow-up has been saved.")
            return redirect("consequence_detail", consequence_id=consequence.pk)
    access.log_read(request.user, consequence)
    return render(
        request,
        "safeguarding/consequences/follow_up.html",
        {"form": form, "child": child, "consequence": consequence, "changes": changes},
    )
