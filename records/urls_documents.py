from django.urls import path

from records.views import documents

urlpatterns = [
    path("children/<int:child_id>/documents/", documents.document_list, name="document_list"),
    path("children/<int:child_id>/documents/add/", documents.document_add, name="document_add"),
    path("children/<int:child_id>/memory-box/", documents.memory_box_page, name="memory_box"),
    path(
        "children/<int:child_id>/memory-box/add/",
        documents.document_add,
        {"memory_box": True},
        name="memory_box_add",
    ),
    path("documents/<int:document_id>/", documents.document_detail, name="document_detail"),
    path("documents/<int:document_id>/download/", documents.document_download, name="document_download"),
    path("documents/<int:document_id>/thumbnail/", documents.document_thumbnail, name="document_thumbnail"),
    path("documents/<int:document_id>/archive/", documents.document_archive, name="document_archive"),
]
