"""Hearth's URLs plus one view that fails, for the 500 page test (tests/homes/test_error_pages.py)."""

from django.urls import path

from config.urls import urlpatterns as hearth


def fails(request):
    raise RuntimeError("a fault, for the 500 page test")


urlpatterns = [*hearth, path("fails/", fails)]
