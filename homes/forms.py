from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm

from homes.form_errors import ClearErrorsMixin

LOGIN_REFUSED = "That e-mail address and password do not match an account. Passwords are case-sensitive."


class LoginForm(ClearErrorsMixin, AuthenticationForm):
    error_messages_for = {"password": {"required": "Enter your password"}}

    username = forms.EmailField(label="E-mail address", widget=forms.EmailInput(attrs={"autofocus": True}))

    error_messages = {**AuthenticationForm.error_messages, "invalid_login": LOGIN_REFUSED}

    def clean_username(self) -> str:
        # Stored lower-case (UserManager): the lockout then counts one person however they type it.
        return self.cleaned_data["username"].lower()


class SecondFactorCodeForm(ClearErrorsMixin, forms.Form):
    code = forms.RegexField(
        label="6-digit code from your app",
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={"invalid": "Enter the 6 digits your app shows, like 123456.", "required": "Enter the code."},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True, "maxlength": 7}
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].replace(" ", "").strip()


class RecoveryCodeForm(ClearErrorsMixin, forms.Form):
    recovery_code = forms.CharField(
        label="Recovery code",
        max_length=20,
        help_text="One of the ten codes you printed or wrote down when you set up your app, like abcd-2345.",
        error_messages={"required": "Enter one of your recovery codes."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )


class RecoveryCodesSavedForm(ClearErrorsMixin, forms.Form):
    saved = forms.BooleanField(
        label="I have printed these codes or written them down, and keep them somewhere safe",
        error_messages={"required": "Confirm that you have kept your recovery codes: they are shown only once."},
    )


_NEW_PASSWORD = {
    "new_password1": {"required": "Enter a new password"},
    "new_password2": {"required": "Enter the new password again"},
}


class PasswordChangeForm(ClearErrorsMixin, auth_forms.PasswordChangeForm):
    error_messages_for = {"old_password": {"required": "Enter your current password"}, **_NEW_PASSWORD}


class SetPasswordForm(ClearErrorsMixin, auth_forms.SetPasswordForm):
    error_messages_for = _NEW_PASSWORD


class PasswordResetForm(ClearErrorsMixin, auth_forms.PasswordResetForm):
    error_messages_for = {"email": {"required": "Enter the e-mail address you log in with"}}
