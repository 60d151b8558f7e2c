"""A home's Regulation 45 reviews of the quality of care (issue 12, item 3): the list, drafting
from the records, the manager's narrative, signing, the PDF and the date it was sent to Ofsted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homes import access, builds, concurrency
from homes.exports import safe_file_name
from homes.submissions import create_once
from oversight.forms import QualityReviewNarrativeForm, QualityReviewSentForm
from oversight.models import QualityReview, QualityReviewPdf
from oversight.services import quality_review as services


def _get_review(request: HttpRequest, pk: int) -> QualityReview:
    return get_object_or_404(
        access.quality_reviews_for(request.user).select_related("home", "signed_by", "drafted_by", "sent_recorded_by"),
        pk=pk,
    )


@login_required
@require_GET
def quality_reviews(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    reviews = list(access.quality_reviews_for(request.user).filter(home=home).select_related("signed_by"))
    start, end = services.last_ended_period(timezone.localdate())
    return render(
        request,
        "oversight/quality_review/list.html",
        {
            "home": home,
            "reviews": reviews,
            "can_write": access.can_write_quality_review(request.user, home),
            "next_period": (start, end) if not any(r.period_start == start for r in reviews) else None,
            "next_period_words": services.period_words(start, end),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
@create_once
def quality_review_draft(request: HttpRequest, home_id: int) -> HttpResponse:
    home = access.get_home_for(request.user, home_id)
    access.require(access.can_write_quality_review(request.user, home))
    start, _ = services.last_ended_period(timezone.localdate())
    try:
        review = services.quality_review_draft(home=home, user=request.user, period_start=start)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("quality_reviews", home_id=home.pk)
    messages.success(request, "Hearth drafted the review from the period's records: add your narrative, then sign.")
    return redirect("quality_review_detail", quality_review_id=review.pk)


@login_required
@require_http_methods(["GET", "POST"])
def quality_review_detail(request: HttpRequest, quality_review_id: int) -> HttpResponse:
    review = _get_review(request, quality_review_id)
    can_write = access.can_write_quality_review(request.user, review.home)
    if request.method == "POST":
        access.require(can_write and not review.is_signed)
    form = None if review.is_signed else QualityReviewNarrativeForm(request.POST or None, instance=review)
    changes = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in QualityReview.NARRATIVE_FIELDS}
        try:
            services.quality_review_write(
                review=review, user=request.user, revision=form.cleaned_data["revision"], **fields
            )
        except concurrency.StaleEdit as stale:
            (form,), changes = concurrency.theirs_beside_yours(
                request,
                stale,
                editor=lambda current, data: [QualityReviewNarrativeForm(data, instance=current)],
                yours=[form],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("quality_review_detail", quality_review_id=review.pk)
        else:
            messages.success(request, "The narrative is saved.")
            return redirect("quality_review_detail", quality_review_id=review.pk)
    return render(
        request,
        "oversight/quality_review/detail.html",
        {
            "review": review,
            "home": review.home,
            "sections": services.sections_to_show(review),
            "narrative": services.narrative(review),
            "form": form,
            "changes": changes,
            "sent_form": QualityReviewSentForm(),
            "pdf": QualityReviewPdf.objects.filter(review=review).first(),
            "can_write": can_write,
            "today": timezone.localdate(),
        },
    )


def _act(request: HttpRequest, quality_review_id: int, action, done: str) -> HttpResponse:
    review = _get_review(request, quality_review_id)
    access.require(access.can_write_quality_review(request.user, review.home))
    try:
        action(review)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("quality_review_detail", quality_review_id=review.pk)


@login_required
@require_POST
def quality_review_redraft(request: HttpRequest, quality_review_id: int) -> HttpResponse:
    return _act(
        request,
        quality_review_id,
        lambda review: services.quality_review_redraft(review=review, user=request.user),
        "The facts were gathered again from the records; your narrative is unchanged.",
    )


@login_required
@require_POST
def quality_review_sign(request: HttpRequest, quality_review_id: int) -> HttpResponse:
    return _act(
        request,
        quality_review_id,
        lambda review: services.quality_review_sign(review=review, user=request.user),
        "The review is signed. Send it to Ofsted, then record the date.",
    )


@login_required
@require_POST
def quality_review_pdf(request: HttpRequest, quality_review_id: int) -> HttpResponse:
    review = _get_review(request, quality_review_id)
    access.require(access.can_write_quality_review(request.user, review.home))
    try:
        row = services.quality_review_pdf_request(review=review, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        builds.say_queued(request, QualityReviewPdf.objects.filter(pk=row.pk), "The PDF is being made.")
    return redirect("quality_review_detail", quality_review_id=review.pk)


@login_required
@require_POST
def quality_review_sent(request: HttpRequest, quality_review_id: int) -> HttpResponse:
    review = _get_review(request, quality_review_id)
    access.require(access.can_write_quality_review(request.user, review.home))
    form = QualityReviewSentForm(request.POST)
    if form.is_valid():
        try:
            services.quality_review_record_sent(review=review, user=request.user, sent_on=form.cleaned_data["sent_on"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The date it was sent to Ofsted is recorded.")
    else:
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return redirect("quality_review_detail", quality_review_id=review.pk)


@login_required
@require_GET
def quality_review_download(request: HttpRequest, quality_review_id: int) -> HttpResponse:
    review = _get_review(request, quality_review_id)
    content = builds.open_ready(request, QualityReviewPdf.objects.filter(review=review).first())
    if content is None:
        return redirect("quality_review_detail", quality_review_id=review.pk)
    name = safe_file_name(f"{review.home.name} quality of care review {review.period_start:%Y-%m}.pdf")
    return FileResponse(content, as_attachment=True, filename=name, content_type="application/pdf")
