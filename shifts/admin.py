from django.contrib import admin

from homes.admin import NoDeleteAdminMixin
from shifts.models import LanguagePhrase


@admin.register(LanguagePhrase)
class LanguagePhraseAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """The language check's phrases: the provider edits them here. A phrase is retired by
    unticking it, never deleted, so the monthly measure's history stays explainable."""

    list_display = ["phrase", "suggestion", "active"]
    list_filter = ["active"]
    search_fields = ["phrase", "suggestion", "why"]
