"""The child's own copy (issue 15, item 2): the page where a manager asks for "My plan and my story
so far" or the moving-on pack, and the download. Only the managers of the child's home make and
print them (to go through with the child); a worker builds each PDF (records/own_copy.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from homes import access, builds
from records import own_copy as services
from records.models import OwnCopy

UNKNOWN_KIND = "Choose which copy to make: the plan and story, or the moving-on pack."


@login_required
@require_GET
def own_copy_page(request: HttpRequest, child_id: int) -> HttpResponse:
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_make_own_copy(request.user, child))
    access.log_read(request.user, child)
    built = {row.kind: row for row in OwnCopy.objects.filter(child=child)}
    copies = [(kind, label, built.get(kind)) for kind, label in OwnCopy.Kind.choices]
    return render(request, "records/own_copy/page.html", {"child": child, "copies": copies})


@login_required
@require_POST
def own_copy_request(request: HttpRequest, child_id: int) -> HttpResponse:
    """Ask for a copy (again): a worker builds it; the page shows when it is ready."""
    child = access.get_child_for(request.user, child_id)
    access.require(access.can_make_own_copy(request.user, child))
    kind = request.POST.get("kind", "")
    if kind not in OwnCopy.Kind.values:
        messages.error(request, UNKNOWN_KIND)
    else:
        row = services.own_copy_request(child=child, kind=kind, queued_by=request.user)
        message = f"{child.preferred_name}'s “{row.get_kind_display()}” is being made."
        builds.say_queued(request, OwnCopy.objects.filter(pk=row.pk), message)
    return redirect("own_copy", child_id=child.pk)


@login_required
@require_GET
def own_copy_download(request: HttpRequest, own_copy_id: int) -> HttpResponse:
    row = access.get_own_copy_for(request.user, own_copy_id)
    content = builds.open_ready(request, row)
    if content is None:
        return redirect("own_copy", child_id=row.child_id)
    access.log_read(request.user, row)
    return FileResponse(content, as_attachment=True, filename=row.filename, content_type="application/pdf")
