"""accounts/: the second-factor pages, and Django's password views with their audit trail.
Included before django.contrib.auth.urls, so these names win."""

from django.urls import path

from homes import account_views

urlpatterns = [
    path("second-factor/set-up/", account_views.second_factor_enrol, name="second_factor_enrol"),
    path("second-factor/recovery-codes/", account_views.recovery_codes, name="recovery_codes"),
    path("second-factor/", account_views.second_factor_verify, name="second_factor_verify"),
    path("second-factor/recovery/", account_views.second_factor_recovery, name="second_factor_recovery"),
    path("password_change/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("password_reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]
