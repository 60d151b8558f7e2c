"""Set-up for providers: incident categories and the approved holds and techniques, as data.

Incidents themselves are not in the admin site: an allegation against a member of staff must
stay out of reach of the person it is about, which homes.access decides, not the admin."""

from django.contrib import admin

from homes.admin import NoDeleteAdminMixin
from safeguarding.models import ApprovedTechnique, IncidentCategory


@admin.register(IncidentCategory)
class IncidentCategoryAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """A category no longer used is made inactive: incidents name it."""

    list_display = ["name", "rule", "order", "active"]
    list_filter = ["active", "rule"]
    search_fields = ["name"]


@admin.register(ApprovedTechnique)
class ApprovedTechniqueAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """A technique no longer approved is made inactive: recorded holds name it."""

    list_display = ["name", "active"]
    list_filter = ["active"]
    search_fields = ["name"]
