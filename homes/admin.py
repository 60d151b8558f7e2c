from auditlog.admin import LogEntryAdmin as BaseLogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from homes.models import Home, Membership, User
from homes.services import CANNOT_DEACTIVATE_YOURSELF, user_deactivate


class NoDeleteAdminMixin:
    """Nothing is hard-deleted from the admin (DESIGN: records are never deleted): no delete
    button, no "delete selected" action (Django drops an action its user may not perform) and
    the delete view answers 403, for superusers too. Every ModelAdmin of people, homes, children,
    records and log entries uses it; tests/homes/test_admin_no_delete.py walks the admin site to
    prove it and lists the few configuration models that may be deleted."""

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(NoDeleteAdminMixin, BaseUserAdmin):
    """A person who leaves is deactivated (the "Deactivate" action, or untick Active): their
    records and check-ins stay, and they can no longer log in."""

    ordering = ["full_name"]
    list_display = ["full_name", "email", "provider_role", "is_active"]
    list_filter = ["provider_role", "is_active", "memberships__role"]
    search_fields = ["full_name", "email"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        ("Roles", {"fields": ["provider_role", "is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    filter_horizontal = []
    actions = ["deactivate"]

    @admin.action(description="Deactivate the selected people (they keep their records)")
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(request, CANNOT_DEACTIVATE_YOURSELF, messages.ERROR)
            return
        for user in queryset:
            user_deactivate(user=user)
        self.message_user(request, f"Deactivated {queryset.count()}: their records stay.", messages.SUCCESS)


@admin.register(Home)
class HomeAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    list_display = ["name", "ofsted_urn", "capacity", "registered_manager"]
    search_fields = ["name", "ofsted_urn"]
    inlines = [MembershipInline]


# django-auditlog's own admin lets a superuser delete log entries (it allows deletion outside its
# own pages, for cascades): the trail is read-only here, whoever reads it.
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class LogEntryAdmin(NoDeleteAdminMixin, BaseLogEntryAdmin):
    pass
