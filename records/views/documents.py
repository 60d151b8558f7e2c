"""Documents and the memory box on a child's record. Files are only ever sent from here, after
the access check: there is no public URL for any of them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from homes import access
from homes.submissions import create_once
from records.forms.documents import ArchiveDocumentForm, DocumentForm
from records.models import Document
from records.services import documents as services

FILE_MISSING = (
    "The file is missing from storage. Tell your provider's administrator: it may need restoring from backup."
)


@login_required
@require_GET
def document_list(request: HttpRequest, child_id: int) -> HttpResponse:
    """Every document on the child's record this person may see, newest first."""
    child = access.get_child_for(request.user, child_id)
    visible = access.documents_for(request.user, child)
    documents = visible.current().select_related("added_by")
    archived = visible.filter(archived=True).count()
    access.log_read(request.user, child)
    return render(
        request,
        "records/documents/list.html",
        {
            "child": child,
            "documents": documents,
            "archived_count": archived,
            "can_add": access.can_add_documents(request.user, child),
            "sees_sensitive": access.can_see_sensitive_documents(request.user, child),
        },
    )


@login_required
@require_GET
def memory_box_page(request: HttpRequest, child_id: int) -> HttpResponse:
    """The child's memory box as a gallery: pictures as thumbnails, other files as cards."""
    child = access.get_child_for(request.user, child_id)
    items = access.documents_for(request.user, child).memory_box().select_related("added_by")
    counts = items.aggregate(total=Count("pk"), achievements=Count("pk", filter=Q(kind__in=_ACHIEVEMENTS)))
    access.log_read(request.user, child)
    return render(
        request,
        "records/documents/memory_box.html",
        {"child": child, "items": items, "counts": counts, "can_add": access.can_add_documents(request.user, child)},
    )


_ACHIEVEMENTS = [Document.Kind.CERTIFICATE, Document.Kind.ACHIEVEMENT]


@login_required
@require_http_methods(["GET", "POST"])
@create_once
def document_add(request: HttpRequest, child_id: int, memory_box: bool = False) -> HttpResponse:
    """Add a document; at memory_box_add, something for the memory box (the kinds of the
    child's part first, ticked to go in it)."""
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_add_documents(request.user, child))
    to_memory_box = memory_box
    options = {
        "may_mark_sensitive": access.can_see_sensitive_documents(request.user, child),
        "memory_box": to_memory_box,
    }
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES, instance=Document(child=child), **options)
        if form.is_valid():
            fields = {name: value for name, value in form.cleaned_data.items() if name != "file"}
            try:
                document = services.document_add(
                    child=child, added_by=request.user, upload=form.cleaned_data["file"], **fields
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if document.in_memory_box:
                    messages.success(request, f"Added to {child.preferred_name}'s memory box: {document.title}.")
                    return redirect("memory_box", child_id=child.pk)
                messages.success(request, f"Added to {child.preferred_name}'s documents: {document.title}.")
                return redirect("document_detail", document_id=document.pk)
    else:
        initial = {"dated": timezone.localdate()}
        if to_memory_box:
            initial.update(in_memory_box=True, kind=Document.Kind.CERTIFICATE)
        form = DocumentForm(instance=Document(child=child), initial=initial, **options)
        access.log_read(request.user, child)  # the page names the child and their record
    return render(request, "records/documents/form.html", {"child": child, "form": form, "memory_box": to_memory_box})


@login_required
@require_GET
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    document = access.get_document_for(request.user, document_id)
    child = document.child
    access.log_read(request.user, document)
    can_archive = not document.archived and access.can_archive_documents(request.user, child)
    return render(
        request,
        "records/documents/detail.html",
        {
            "child": child,
            "document": document,
            "downloads": document.downloads.select_related("user")[:20],
            "archive_form": ArchiveDocumentForm() if can_archive else None,
        },
    )


def _open(document: Document, field) -> object:
    try:
        return field.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(FILE_MISSING) from None


@login_required
@require_GET
def document_download(request: HttpRequest, document_id: int) -> HttpResponse:
    """The file itself, as an attachment (never shown inline: a file is not a page of Hearth's),
    with the type Hearth found in it; the download is logged with the file's SHA-256."""
    document = access.get_document_for(request.user, document_id)
    content = _open(document, document.file)
    services.document_download_log(document=document, user=request.user)
    access.log_read(request.user, document)
    return FileResponse(
        content, as_attachment=True, filename=document.download_name, content_type=document.content_type
    )


@login_required
@require_GET
def document_thumbnail(request: HttpRequest, document_id: int) -> HttpResponse:
    """A picture's thumbnail for the gallery, shown inline (a JPEG Hearth made itself, so never
    anything a browser could run). Seeing the picture is reading the record: logged, as a page."""
    document = access.get_document_for(request.user, document_id)
    if not document.thumbnail:
        raise Http404("This document has no picture.")
    content = _open(document, document.thumbnail)
    access.log_read(request.user, document)
    return FileResponse(content, as_attachment=False, filename="thumbnail.jpg", content_type="image/jpeg")


@login_required
@require_POST
def document_archive(request: HttpRequest, document_id: int) -> HttpResponse:
    document = access.get_document_for(request.user, document_id)
    access.require(access.can_archive_documents(request.user, document.child))
    form = ArchiveDocumentForm(request.POST)
    if form.is_valid():
        try:
            services.document_archive(document=document, archived_by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"“{document.title}” is off the record. It stays in the history.")
            return redirect("document_list", child_id=document.child_id)
        return redirect("document_detail", document_id=document.pk)
    access.log_read(request.user, document)
    return render(
        request,
        "records/documents/detail.html",
        {"child": document.child, "document": document, "downloads": [], "archive_form": form},
    )
