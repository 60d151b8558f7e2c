from records import retention_urls, subject_access_urls

urlpatterns: list = [
    *retention_urls.urlpatterns,
    *subject_access_urls.urlpatterns,
]
