from django.urls import path

from homes import session_views, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("homes/<int:home_id>/", views.home_detail, name="home_detail"),
    path("health/", views.health, name="health"),
    path("status/", views.system_status, name="system_status"),
    path("session/", session_views.session_status, name="session_status"),
    path("session/keep-alive/", session_views.session_keep_alive, name="session_keep_alive"),
]
