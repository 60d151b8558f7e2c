from django.urls import path

from homes import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("homes/<int:home_id>/", views.home_detail, name="home_detail"),
    path("health/", views.health, name="health"),
    path("status/", views.system_status, name="system_status"),
]
