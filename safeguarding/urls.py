from django.urls import path

from safeguarding.views import body_maps, missing

urlpatterns = [
    # Body maps (issue 10, item 3)
    path("children/<int:child_id>/body-maps/", body_maps.body_map_list, name="body_map_list"),
    path("children/<int:child_id>/body-maps/new/", body_maps.body_map_add, name="body_map_add"),
    path("body-maps/<int:body_map_id>/", body_maps.body_map_detail, name="body_map_detail"),
    path("body-maps/<int:body_map_id>/marks/new/", body_maps.body_mark_add, name="body_mark_add"),
    # Missing from care (issue 10, item 5)
    path("children/<int:child_id>/missing/", missing.missing_list, name="missing_list"),
    path("children/<int:child_id>/missing/new/", missing.missing_add, name="missing_add"),
    path("missing/<int:missing_id>/", missing.missing_detail, name="missing_detail"),
    path("missing/<int:missing_id>/edit/", missing.missing_edit, name="missing_edit"),
    path("missing/<int:missing_id>/return/", missing.missing_return, name="missing_return"),
    path("missing/<int:missing_id>/updates/new/", missing.missing_update_add, name="missing_update_add"),
    path("missing/<int:missing_id>/return-interview/", missing.return_interview, name="return_interview"),
]
