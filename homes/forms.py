from django import forms
from django.contrib.auth.forms import AuthenticationForm

LOGIN_REFUSED = "That e-mail address and password do not match an account. Passwords are case-sensitive."


class LoginForm(AuthenticationForm):
    username = forms.EmailField(label="E-mail address", widget=forms.EmailInput(attrs={"autofocus": True}))

    error_messages = {**AuthenticationForm.error_messages, "invalid_login": LOGIN_REFUSED}
