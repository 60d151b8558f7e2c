from django.urls import path

from safeguarding.views import body_maps

urlpatterns = [
    # Body maps (issue 10, item 3)
    path("children/<int:child_id>/body-maps/", body_maps.body_map_list, name="body_map_list"),
    path("children/<int:child_id>/body-maps/new/", body_maps.body_map_add, name="body_map_add"),
    path("body-maps/<int:body_map_id>/", body_maps.body_map_detail, name="body_map_detail"),
    path("body-maps/<int:body_map_id>/marks/new/", body_maps.body_mark_add, name="body_mark_add"),
]
