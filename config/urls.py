from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from homes.forms import LoginForm

admin.site.site_header = "Hearth administration"
admin.site.site_title = "Hearth"

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    # Second factor and audited password views (issue 9); before Django's, so their names win.
    path("accounts/", include("homes.account_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("homes.urls")),
    path("", include("children.urls")),
    path("", include("assessments.urls")),
    path("", include("supervision.urls")),
    path("", include("tracker.urls")),
    path("", include("safeguarding.urls")),
    path("", include("health.urls")),
    path("", include("shifts.urls")),
    path("", include("records.urls")),
    path("", include("oversight.urls")),
    path("", include("visits.urls")),
]
