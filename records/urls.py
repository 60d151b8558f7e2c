from records import retention_urls

urlpatterns: list = [
    *retention_urls.urlpatterns,
]
