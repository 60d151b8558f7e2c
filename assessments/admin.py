"""Provider set-up: instruments are loaded with `load_instrument` and never edited here (an
edit would silently change every brain map scored with them), so the admin only shows them."""

from django.contrib import admin

from assessments.models import AssessmentPolicy, Instrument, Item
from homes.admin import NoDeleteAdminMixin


class ItemInline(NoDeleteAdminMixin, admin.TabularInline):
    model = Item
    fields = ["code", "label", "domain", "description"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Instrument)
class InstrumentAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    list_display = ["name", "version", "loaded_at"]
    readonly_fields = ["name", "version", "description", "loaded_at"]
    inlines = [ItemInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(AssessmentPolicy)
class AssessmentPolicyAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    list_display = ["home", "interval_months"]
    list_select_related = ["home"]
