from django.urls import path

from records.views import own_copy

urlpatterns = [
    path("children/<int:child_id>/own-copy/", own_copy.own_copy_page, name="own_copy"),
    path("children/<int:child_id>/own-copy/make/", own_copy.own_copy_request, name="own_copy_request"),
    path("own-copies/<int:own_copy_id>/", own_copy.own_copy_download, name="own_copy_download"),
]
