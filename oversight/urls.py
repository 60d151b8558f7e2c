from django.urls import path

from oversight import views

urlpatterns = [
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/digest/", views.task_digest, name="task_digest"),
    path("provider/", views.provider_overview, name="provider_overview"),
]
