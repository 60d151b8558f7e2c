from records import retention_urls, subject_access_urls
from records.urls_documents import urlpatterns as document_urls
from records.urls_own_copy import urlpatterns as own_copy_urls

urlpatterns: list = [
    *document_urls,
    *own_copy_urls,
    *retention_urls.urlpatterns,
    *subject_access_urls.urlpatterns,
]
