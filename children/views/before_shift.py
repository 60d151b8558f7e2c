from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from children import extensions
from children.models import RiskAssessment
from homes import access


@login_required
@require_GET
def before_shift(request: HttpRequest, home_id: int) -> HttpResponse:
    """One page to read (or print) before a shift: for each child living in the home, what can
    trigger distress, the early signs, and what helps, from the active risk assessments."""
    home = access.get_home_for(request.user, home_id)
    active = RiskAssessment.objects.filter(status=RiskAssessment.Status.ACTIVE).prefetch_related("triggers")
    children = (
        access.children_for(request.user)
        .filter(home=home)
        .in_placement()
        .prefetch_related(Prefetch("risk_assessments", queryset=active, to_attr="active_assessments"))
    )
    children = list(children)
    access.log_reads(request.user, children)
    sections, notes = extensions.before_shift_for(request.user, home, children)
    rows = [
        (child, child.active_assessments[0] if child.active_assessments else None, notes.get(child.pk, []))
        for child in children
    ]
    return render(request, "children/before_shift.html", {"home": home, "rows": rows, "sections": sections})
