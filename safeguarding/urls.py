from django.urls import path

from safeguarding.views import consequences

urlpatterns: list = [
    path("children/<int:child_id>/consequences/", consequences.consequence_list, name="consequence_list"),
    path("children/<int:child_id>/consequences/add/", consequences.consequence_add, name="consequence_add"),
    path("consequences/<int:consequence_id>/", consequences.consequence_detail, name="consequence_detail"),
    path(
        "consequences/<int:consequence_id>/follow-up/",
        consequences.consequence_follow_up,
        name="consequence_follow_up",
    ),
]
