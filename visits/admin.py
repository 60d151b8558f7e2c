from django import forms
from django.contrib import admin

from homes.admin import NoDeleteAdminMixin
from visits.models import VisitorAppointment
from visits.services import VISITOR_WORKS_HERE


class VisitorAppointmentForm(forms.ModelForm):
    class Meta:
        model = VisitorAppointment
        fields = ["visitor", "home", "starts_on", "ends_on"]

    def clean_visitor(self):
        visitor = self.cleaned_data["visitor"]
        if visitor.memberships.exists() or visitor.provider_role:
            raise forms.ValidationError(VISITOR_WORKS_HERE.format(person=visitor))
        return visitor


@admin.register(VisitorAppointment)
class VisitorAppointmentAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """Who visits which home under Regulation 44. The visitor's account holds no role in any home
    (create it under People first, with no role); an appointment that ends is given its end date."""

    form = VisitorAppointmentForm
    list_display = ["visitor", "home", "starts_on", "ends_on"]
    list_filter = ["home"]
    autocomplete_fields = ["visitor"]
