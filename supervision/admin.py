"""Set-up for providers: the course catalogue and each home's supervision policy.

Supervision sessions and wellbeing check-ins are deliberately NOT in the admin site: it would
show their confidential content to administrators, who may only see that sessions happened."""

from django.contrib import admin

from homes.admin import NoDeleteAdminMixin
from supervision.models import Course, SupervisionPolicy


@admin.register(Course)
class CourseAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """A course no longer run is made inactive: training records name it."""

    list_display = ["name", "valid_for_months", "active", "part_of_the_model"]
    list_filter = ["active", "part_of_the_model"]
    search_fields = ["name"]


@admin.register(SupervisionPolicy)
class SupervisionPolicyAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    list_display = ["home", "supervision_every_weeks", "appraisal_every_months"]
    list_select_related = ["home"]
