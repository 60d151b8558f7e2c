from django.urls import path

from children.views import child as views

urlpatterns = [
    path("homes/<int:home_id>/admit/", views.child_admit, name="child_admit"),
    path("children/<int:child_id>/", views.child_detail, name="child_detail"),
    path("children/<int:child_id>/edit/", views.child_edit, name="child_edit"),
    path("children/<int:child_id>/discharge/", views.child_discharge, name="child_discharge"),
    path("children/<int:child_id>/history/", views.child_history, name="child_history"),
]
