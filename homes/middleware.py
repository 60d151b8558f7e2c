"""Response headers that Django and django-csp do not set themselves."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class PermissionsPolicyMiddleware:
    """Adds `Permissions-Policy` from settings.PERMISSIONS_POLICY ({feature: [origins]}; an empty
    list switches the feature off). Hearth uses no camera, microphone, location or payment, so a
    script that got in anyway still cannot reach them; neither can a page framing ours."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
