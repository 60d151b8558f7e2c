from records.urls_documents import urlpatterns as document_urls

urlpatterns: list = [*document_urls]
