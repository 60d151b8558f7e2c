from django.urls import path

from records import retention_views as views

urlpatterns = [
    path("retention/", views.retention_list, name="retention_list"),
    path("retention/children/<int:child_id>/", views.retention_child, name="retention_child"),
    path("retention/children/<int:child_id>/hold/", views.retention_child_hold, name="retention_child_hold"),
    path("retention/children/<int:child_id>/death/", views.retention_child_death, name="retention_child_death"),
    path("retention/staff/<int:person_id>/", views.retention_staff, name="retention_staff"),
    path("retention/staff/<int:person_id>/hold/", views.retention_staff_hold, name="retention_staff_hold"),
    path("retention/staff/<int:person_id>/left/", views.retention_staff_departure, name="retention_staff_departure"),
    path("retention/holds/<int:hold_id>/lift/", views.retention_hold_lift, name="retention_hold_lift"),
    path("retention/disposals/<int:disposal_id>/", views.disposal_detail, name="disposal_detail"),
]
