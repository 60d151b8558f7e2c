from django.contrib import admin

from children.models import Child


@admin.register(Child)
class ChildAdmin(admin.ModelAdmin):
    list_display = ["preferred_name", "legal_name", "home", "admission_date", "discharge_date", "archived"]
    list_filter = ["home", "archived"]
    search_fields = ["preferred_name", "legal_name"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Case records are kept until the child's 75th birthday: archive, never delete.
        return False
