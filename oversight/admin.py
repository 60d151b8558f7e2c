from django.contrib import admin

from homes.admin import NoDeleteAdminMixin
from oversight.models import PracticeStatement


@admin.register(PracticeStatement)
class PracticeStatementAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """The statements homes rate themselves against, in the provider's words. One no longer used
    is made inactive: past self-assessments name it."""

    list_display = ["text", "theme", "order", "active"]
    list_filter = ["theme", "active"]
    search_fields = ["text"]
