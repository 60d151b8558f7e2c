from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from homes.models import Home, Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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


@admin.register(Home)
class HomeAdmin(admin.ModelAdmin):
    list_display = ["name", "ofsted_urn", "capacity", "registered_manager"]
    search_fields = ["name", "ofsted_urn"]
    inlines = [MembershipInline]
