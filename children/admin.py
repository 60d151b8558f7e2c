from django.contrib import admin

from children.models import Child
from homes.admin import LONG_LIST_PAGE_SIZE, NoDeleteAdminMixin


@admin.register(Child)
class ChildAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """Case records are kept until the child's 75th birthday: a child who leaves is discharged
    (and archived), never deleted."""

    list_display = ["preferred_name", "legal_name", "home", "admission_date", "discharge_date", "archived"]
    list_filter = ["home", "archived"]
    list_select_related = ["home"]
    list_per_page = LONG_LIST_PAGE_SIZE
    search_fields = ["preferred_name", "legal_name"]
    autocomplete_fields = ["key_worker", "assessor"]  # a search, not every person in the provider
