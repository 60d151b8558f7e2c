from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from homes.demo import DEMO_PASSWORD, Demo
from homes.models import User
from homes.second_factor import is_enrolled, second_factor_required


class Command(BaseCommand):
    help = "Load the demo provider (two homes, children, a year of history, one login per role). Idempotent."

    def handle(self, *args, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_demo makes accounts with a known password: it never runs in production.")
        demo = Demo()
        with transaction.atomic():
            for app_name in settings.LOCAL_APPS:
                if find_spec(f"{app_name}.demo"):
                    import_module(f"{app_name}.demo").seed(demo)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Log in at http://127.0.0.1:8000 as:"))
        width = max(len(role) for role, _ in demo.logins)
        for role, email in demo.logins:
            user = User.objects.get(email=email)
            enrol = ""
            if second_factor_required(user):
                enrol = "  (second factor: " + ("already set up)" if is_enrolled(user) else "set up at first login)")
            self.stdout.write(f"  {role:<{width}}  {email}{enrol}")
        self.stdout.write(f"Every demo login uses the password: {DEMO_PASSWORD}")
        self.stdout.write(
            "Logins marked 'second factor' set up an authenticator app at their first login: the page shows a QR\n"
            "code and the key to type, so any authenticator app on your phone works. No app to hand? Run\n"
            "  .venv/bin/python manage.py demo_code EMAIL\n"
            "for the code the app would show (demo logins only, never in production)."
        )
