from auditlog.admin import LogEntryAdmin as BaseLogEntryAdmin
from auditlog.filters import CIDFilter, ResourceTypeFilter
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from homes import second_factor
from homes.models import Home, Membership, ProviderSettings, SecurityEvent, User
from homes.paginators import EstimatedCountPaginator
from homes.security import login_lockout_lift
from homes.services import CANNOT_DEACTIVATE_YOURSELF, user_deactivate

# The lists that grow for as long as the provider runs (people, children, the audit log) are
# searched and filtered, not scrolled: half Django's hundred rows a page draws in half the time.
LONG_LIST_PAGE_SIZE = 50


class NoDeleteAdminMixin:
    """Nothing is hard-deleted from the admin (DESIGN: records are never deleted): no delete
    button, no "delete selected" action (Django drops an action its user may not perform) and
    the delete view answers 403, for superusers too. Every ModelAdmin of people, homes, children,
    records and log entries uses it; tests/homes/test_admin_no_delete.py walks the admin site to
    prove it and lists the few configuration models that may be deleted."""

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class MembershipInline(admin.TabularInline):
    """The home's staff, past and present. Whose membership a row is never changes (it is that
    person's history in the home), so the person is shown, not picked: the page draws no search
    box and asks no query per row (issue 14). New members are added in `NewMembershipInline`."""

    model = Membership
    extra = 0
    verbose_name_plural = "Staff"

    # A person who leaves is given a "Left on" date, never deleted: the row is their history in
    # the home (starters, leavers and turnover), and from that day they see nothing of it.
    can_delete = False
    fields = ["user", "role", "started_on", "ended_on"]
    readonly_fields = ["user"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        # Each row's label names the person and the home: read with the rows, not one by one.
        # Ended memberships too: they are ended here, and stay in view.
        return Membership.all_objects.select_related("user", "home")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class NewMembershipInline(admin.TabularInline):
    """Adds people to the home: a search for the person, not a drop-down of every person in the
    provider."""

    model = Membership
    extra = 1
    verbose_name = "member of staff"
    verbose_name_plural = "Add staff"
    can_delete = False
    fields = ["user", "role", "started_on"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        return Membership.objects.none()


def _is_administrator(request: HttpRequest) -> bool:
    return request.user.is_active and (request.user.is_superuser or request.user.is_administrator)


@admin.register(User)
class UserAdmin(NoDeleteAdminMixin, BaseUserAdmin):
    """A person who leaves is deactivated (the "Deactivate" action, or untick Active): their
    records and check-ins stay, and they can no longer log in."""

    ordering = ["full_name"]
    list_display = ["full_name", "email", "provider_role", "is_active"]
    list_per_page = LONG_LIST_PAGE_SIZE
    list_filter = ["provider_role", "is_active", "memberships__role"]
    search_fields = ["full_name", "email"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        ("Roles", {"fields": ["provider_role", "is_active", "is_staff", "is_superuser"]}),
        ("Second factor", {"fields": ["second_factor_status"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    readonly_fields = ["second_factor_status"]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    filter_horizontal = []
    actions = ["deactivate", "reset_second_factor"]

    @admin.action(description="Deactivate the selected people (they keep their records)")
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(request, CANNOT_DEACTIVATE_YOURSELF, messages.ERROR)
            return
        for user in queryset:
            user_deactivate(user=user)
        self.message_user(request, f"Deactivated {queryset.count()}: their records stay.", messages.SUCCESS)

    @admin.display(description="Second factor")
    def second_factor_status(self, user: User) -> str:
        if second_factor.is_enrolled(user):
            return "Set up (authenticator app and recovery codes). Reset it from the list of people (actions)."
        return "Not set up: asked to set one up at their next login if their role needs it."

    @admin.action(description="Reset second factor (they set up their app again at their next login)")
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        if not _is_administrator(request):
            self.message_user(request, "Only provider administrators reset a second factor.", messages.ERROR)
            return
        for user in queryset:
            second_factor.second_factor_reset(request=request, user=user, by=request.user)
        self.message_user(request, f"Second factor reset for {queryset.count()} people.", messages.SUCCESS)


@admin.register(Home)
class HomeAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    list_display = ["name", "ofsted_urn", "capacity", "registered_manager"]
    list_select_related = ["registered_manager"]
    search_fields = ["name", "ofsted_urn"]
    autocomplete_fields = ["registered_manager"]
    inlines = [MembershipInline, NewMembershipInline]


# django-auditlog's own admin lets a superuser delete log entries (it allows deletion outside its
# own pages, for cascades): the trail is read-only here, whoever reads it.
admin.site.unregister(LogEntry)


class LoggedModelFilter(ResourceTypeFilter):
    """django-auditlog's filter by kind of record, its choices from the models auditlog watches
    rather than a DISTINCT over every entry of the log (issue 14: seconds at four million)."""

    def lookups(self, request: HttpRequest, model_admin):
        types = ContentType.objects.get_for_models(*auditlog.get_models(), for_concrete_models=False).values()
        return sorted(((ct.pk, ct.model) for ct in types), key=lambda choice: choice[1])


@admin.register(LogEntry)
class LogEntryAdmin(NoDeleteAdminMixin, BaseLogEntryAdmin):
    # The log grows by millions of rows: the list never counts or scans all of them. No COUNT(*)
    # of the whole table (an estimate past ten thousand rows, and no "show all" count), dates
    # filtered by recent periods instead of a year drill-down (a DISTINCT over every timestamp),
    # kinds of record from auditlog's registry.
    paginator = EstimatedCountPaginator
    list_per_page = LONG_LIST_PAGE_SIZE
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # the filters' counts would each read the whole log
    date_hierarchy = None
    list_filter = [("timestamp", admin.DateFieldListFilter), "action", LoggedModelFilter, CIDFilter]


@admin.register(ProviderSettings)
class ProviderSettingsAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """One row; administrators change it, nobody adds or deletes one (auditlog keeps the changes)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _is_administrator(request) and not ProviderSettings.objects.exists()

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return _is_administrator(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return _is_administrator(request)


class ReadOnlyAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """For audit trails: administrators read, nobody adds, changes or deletes."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return _is_administrator(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _is_administrator(request)


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "email", "user", "by", "ip_address", "user_agent", "detail"]
    fields = readonly_fields = list_display
    list_filter = ["kind", "at"]
    search_fields = ["email", "ip_address", "user__full_name"]
    list_select_related = ["user", "by"]
    date_hierarchy = "at"


@admin.register(AccessAttempt)
class LoginLockoutAdmin(ReadOnlyAdmin):
    """django-axes' counters of failed logins per e-mail address and IP. Unlocking is an action
    that writes the audit trail, rather than a silent delete."""

    list_display = ["attempt_time", "username", "ip_address", "failures_since_start", "locked"]
    search_fields = ["username", "ip_address"]
    fields = readonly_fields = [
        "username",
        "ip_address",
        "user_agent",
        "path_info",
        "attempt_time",
        "failures_since_start",
    ]
    actions = ["unlock"]

    @admin.display(boolean=True, description="Locked")
    def locked(self, attempt: AccessAttempt) -> bool:
        return attempt.failures_since_start >= settings.AXES_FAILURE_LIMIT

    def get_actions(self, request: HttpRequest) -> dict:
        # ReadOnlyAdmin has no delete permission, so Django already leaves out "delete selected".
        return super().get_actions(request) if _is_administrator(request) else {}

    @admin.action(description="Unlock: let these e-mail addresses try to log in again from these addresses")
    def unlock(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        count = 0
        for attempt in queryset:
            login_lockout_lift(request=request, attempt=attempt, by=request.user)
            count += 1
        self.message_user(request, f"Unlocked {count}.", messages.SUCCESS)


# django-otp's own device admins would let anyone with the permission add, edit or delete a
# person's second factor unaudited: the reset action on people is the one way.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
