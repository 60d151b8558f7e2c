"""How consequences, complaints and Regulation 40 notifications plug into the rest of Hearth
(audit, admin, the child's record, the chronology, the monthly tracker, the evidence pack, the
dashboard and tasks). `register()` is called from SafeguardingConfig.ready()."""

import datetime

from django.contrib import admin
from django.urls import reverse

from children.extensions import ChronologyEntry, dated
from children.models import Child

STREAM_CHUNK = 200


def consequences_between(child: Child, start: datetime.date | None, end: datetime.date | None):
    from safeguarding.models import Consequence

    return dated(Consequence.objects.filter(child=child, archived=False), "happened_at", start, end)


def consequence_entries(child: Child, start: datetime.date | None, end: datetime.date | None):
    consequences = consequences_between(child, start, end).select_related("author").order_by("-happened_at", "-pk")
    for item in consequences.iterator(chunk_size=STREAM_CHUNK):
        view = f" {child.preferred_name}'s view: “{item.child_view}”" if item.child_view else ""
        yield ChronologyEntry(
            when=item.happened_at,
            kind="consequence",
            title=f"Consequence: {item.get_kind_display()}",
            detail=f"{item.consequence}{view}",
            url=reverse("consequence_detail", args=[item.pk]),
            author=str(item.author),
        )


def consequence_month(child: Child, month: datetime.date) -> dict | None:
    """The month's consequences for the monthly tracker (page and both PDFs): how many, whether
    they helped, and each one's child's view. None when there were none."""
    from homes.dates import add_months

    end = add_months(month, 1) - datetime.timedelta(days=1)
    items = list(consequences_between(child, month, end).order_by("happened_at", "pk"))
    spark = _six_month_spark(
        consequences_between(child, None, None), "happened_at", child, month, "Consequences", "consequences"
    )
    if not items and spark is None:
        return None
    helped = {}
    for item in items:
        helped[item.get_helped_display()] = helped.get(item.get_helped_display(), 0) + 1
    return {"items": items, "helped": sorted(helped.items()), "child": child, "month": month, "spark": spark}


def _six_month_spark(records, field: str, child: Child, month: datetime.date, heading: str, slug: str) -> dict | None:
    """The six-month small chart of the records (one query), or None when there were none."""
    from safeguarding import month_charts

    moments = list(records.filter(**month_charts.between(field, month)).values_list(field, flat=True))
    if not moments:
        return None
    return month_charts.six_month_chart(
        month_charts.per_month([(moment, 1) for moment in moments], month),
        title=f"{heading}, {child.preferred_name}, six months to {month:%B %Y}",
        heading=heading,
        chart_id=f"{slug}-chart-{child.pk}-{month:%Y-%m}",
    )


def child_complaints_between(child: Child, start: datetime.date | None, end: datetime.date | None):
    """The child's own complaints and those about them, leaving out any about a member of staff:
    the chronology and the monthly tracker are read by the staff, so those stay in the register."""
    from safeguarding.models import Complaint

    complaints = Complaint.objects.filter(child=child, about_staff__isnull=True)
    return dated(complaints, "received_at", start, end)


def complaint_entries(child: Child, start: datetime.date | None, end: datetime.date | None):
    """Only that a complaint was made and where it stands: its words are in the register."""
    complaints = child_complaints_between(child, start, end).order_by("-received_at", "-pk")
    for complaint in complaints.iterator(chunk_size=STREAM_CHUNK):
        by_child = complaint.complainant == complaint.Complainant.CHILD
        yield ChronologyEntry(
            when=complaint.received_at,
            kind="complaint",
            title=f"{complaint.get_kind_display()} {'made by ' + child.preferred_name if by_child else 'made'}",
            detail=f"{complaint.get_status_display()}"
            + (f": {complaint.get_satisfied_display().lower()}" if complaint.satisfied else ""),
            url=reverse("complaint_detail", args=[complaint.pk]),
        )


def complaint_month(child: Child, month: datetime.date) -> dict | None:
    from homes.dates import add_months

    end = add_months(month, 1) - datetime.timedelta(days=1)
    items = list(child_complaints_between(child, month, end).order_by("received_at", "pk"))
    spark = _six_month_spark(
        child_complaints_between(child, None, None), "received_at", child, month, "Complaints", "complaints"
    )
    if not items and spark is None:
        return None
    return {"items": items, "child": child, "month": month, "spark": spark}


def complaint_tasks(user, today: datetime.date, until: datetime.date):
    """Complaints whose response falls due, for the people who handle them."""
    from homes import access
    from homes.extensions import Task
    from safeguarding.models import Complaint

    complaints = access.complaints_for(user, Complaint.objects.filter(status=Complaint.Status.OPEN))
    complaints = complaints.filter(respond_by__lte=until).select_related("home", "child")
    with access.roles_known(user):  # one query for the person's roles, not one per home
        handled_in = {home.pk for home in access.homes_for(user) if access.can_handle_complaint(user, home)}
    for complaint in complaints:
        if complaint.home_id not in handled_in:
            continue
        yield Task(
            kind="Respond to a complaint",
            about=complaint.child.preferred_name if complaint.child_id else complaint.home.name,
            due=complaint.respond_by,
            url=reverse("complaint_detail", args=[complaint.pk]),
            home_id=complaint.home_id,
            child_id=complaint.child_id,
        )


def child_notifications_between(child: Child, start: datetime.date | None, end: datetime.date | None):
    """The child's notifications, leaving out allegations about staff: the chronology and the
    monthly tracker are read by the staff, so those stay in the register."""
    from safeguarding.models import Notification

    rows = Notification.objects.filter(child=child, about_staff__isnull=True, category__is_allegation=False)
    return dated(rows, "known_at", start, end)


def notification_entries(child: Child, start: datetime.date | None, end: datetime.date | None):
    rows = child_notifications_between(child, start, end).select_related("category").order_by("-known_at", "-pk")
    for notification in rows.iterator(chunk_size=STREAM_CHUNK):
        yield ChronologyEntry(
            when=notification.known_at,
            kind="notification",
            title=f"Notified (Regulation 40): {notification.category.name}",
            url=reverse("notification_detail", args=[notification.pk]),
        )


def _notifiable_homes(user, homes) -> list:
    from homes import access

    with access.roles_known(user):  # one query for the person's roles, not one per home
        return [home for home in homes if access.can_notify(user, home)]


def notifications_due_panel(user, homes) -> dict | None:
    """The notifications with someone still to tell, with their 24-hour clocks (two queries)."""
    from django.db.models import Prefetch

    from homes import access
    from safeguarding.models import Notification, NotificationRecipient
    from safeguarding.services.notifications import notification_state, notifications_due

    notifying = _notifiable_homes(user, homes)
    if not notifying:
        return None
    rows = access.notifications_for(user, Notification.objects.filter(home__in=notifying))
    rows = rows.select_related("category", "child", "home").prefetch_related(
        Prefetch("recipients", queryset=NotificationRecipient.objects.all())
    )
    due = [(n, notification_state(n)) for n in notifications_due(rows)]
    return {"due": due, "homes": notifying} if due else None


def notifications_to_send(user, today: datetime.date, until: datetime.date):
    """Notifications still to send, due the day their 24 hours end."""
    from django.utils import timezone

    from homes import access
    from homes.extensions import Task
    from safeguarding.models import Notification
    from safeguarding.services.notifications import notifications_due

    notifying = [home.pk for home in _notifiable_homes(user, access.homes_for(user))]
    rows = access.notifications_for(user, Notification.objects.filter(home_id__in=notifying))
    for notification in notifications_due(rows).select_related("home", "child"):
        due = timezone.localdate(notification.due_at)
        if due > until:
            continue
        yield Task(
            kind="Send a Regulation 40 notification",
            about=notification.child.preferred_name if notification.child_id else notification.home.name,
            due=due,
            url=reverse("notification_detail", args=[notification.pk]),
            home_id=notification.home_id,
            child_id=notification.child_id,
            due_at=notification.due_at,
        )


def register() -> None:
    from auditlog.registry import auditlog

    from children.extensions import (
        ChildAction,
        ChildSection,
        ChronologySource,
        MonthSection,
        register_child_action,
        register_child_section,
        register_chronology_source,
        register_month_section,
    )
    from homes import access
    from homes.admin import NoDeleteAdminMixin
    from homes.concurrency import Revisioned
    from homes.extensions import (
        HELPED_AND_PROTECTED,
        OVERSIGHT,
        DashboardPanel,
        EvidenceSection,
        TaskSource,
        register_dashboard_panel,
        register_evidence_section,
        register_home_section,
        register_task_source,
    )
    from safeguarding.models import (
        Complaint,
        Consequence,
        Notification,
        NotificationCategory,
        NotificationPdf,
        NotificationRecipient,
        ProhibitedMeasure,
    )

    guard = list(Revisioned.REVISION_FIELDS)
    auditlog.register(Consequence, exclude_fields=["id", *guard])
    auditlog.register(Complaint, exclude_fields=["id", *guard])
    auditlog.register(ProhibitedMeasure, exclude_fields=["id"])
    auditlog.register(Notification, exclude_fields=["id", *guard])
    auditlog.register(NotificationRecipient, exclude_fields=["id"])
    auditlog.register(NotificationPdf, exclude_fields=["id", "status_changed_at"])
    auditlog.register(NotificationCategory, exclude_fields=["id"])

    class ProhibitedMeasureAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
        list_display = ("name", "regulation", "active")
        list_filter = ("active",)

    class NotificationCategoryAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
        list_display = ("name", "regulation", "active")
        list_filter = ("active",)

    for model, model_admin in (
        (ProhibitedMeasure, ProhibitedMeasureAdmin),
        (NotificationCategory, NotificationCategoryAdmin),
    ):
        if not admin.site.is_registered(model):
            admin.site.register(model, model_admin)

    register_child_section(
        ChildSection(name="consequences", label="Consequences", url_name="consequence_list", order=75)
    )
    register_child_action(
        ChildAction(
            name="record-consequence",
            label="Record a consequence",
            url_name="consequence_add",
            allowed=access.can_record_consequence,
            order=60,
        )
    )
    register_chronology_source(
        ChronologySource(
            kind="consequence",
            label="Consequences",
            entries=consequence_entries,
            count=lambda child, start, end: consequences_between(child, start, end).count(),
        )
    )
    register_month_section(
        MonthSection(
            name="consequences",
            label="Consequences",
            template="safeguarding/consequences/_month.html",
            context=consequence_month,
            order=60,
        )
    )

    register_home_section("Complaints", "complaint_list", order=60, predicate=access.can_see_complaints_register)
    register_child_action(
        ChildAction(
            name="record-complaint",
            label="Write down a complaint",
            url_name="complaint_add_for_child",
            allowed=lambda user, child: access.can_record_complaint(user, child.home),
            order=70,
        )
    )
    register_chronology_source(
        ChronologySource(
            kind="complaint",
            label="Complaints",
            entries=complaint_entries,
            count=lambda child, start, end: child_complaints_between(child, start, end).count(),
        )
    )
    register_month_section(
        MonthSection(
            name="complaints",
            label="Complaints",
            template="safeguarding/complaints/_month.html",
            context=complaint_month,
            order=61,
        )
    )
    register_task_source(TaskSource(name="complaints", tasks=complaint_tasks))

    register_home_section("Notifications", "notification_list", order=61, predicate=access.can_see_notifications)
    register_chronology_source(
        ChronologySource(
            kind="notification",
            label="Regulation 40 notifications",
            entries=notification_entries,
            count=lambda child, start, end: child_notifications_between(child, start, end).count(),
        )
    )
    register_dashboard_panel(
        DashboardPanel(
            name="notifications-due",
            template="safeguarding/notifications/_due_panel.html",
            context=notifications_due_panel,
            order=7,  # a 24-hour clock: before everything else that is due
            audience=OVERSIGHT,
        )
    )
    register_task_source(TaskSource(name="notifications", tasks=notifications_to_send))
    # The PDF task lives outside tasks.py (shared by the app's slices): workers learn it here.
    from safeguarding import annex_a, notices_evidence, notification_tasks  # noqa: F401

    annex_a.register()
    from safeguarding import notices_wiring

    notices_wiring.register()
    register_home_section("Annex A", "annex_a", order=62, predicate=access.can_see_annex_a)
    register_evidence_section(
        EvidenceSection(
            name="safeguarding-registers",
            files=notices_evidence.evidence_files,
            label="Annex A, the notifications register and the complaints register",
            judgement=HELPED_AND_PROTECTED,
        )
    )
