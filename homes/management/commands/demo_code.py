from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from homes.demo import DEMO_PASSWORD
from homes.models import User

NOT_A_DEMO_LOGIN = "{email} is not a demo login still using the demo password: use an authenticator app."


class Command(BaseCommand):
    help = "Print the second-factor code a demo login's authenticator app would show now (development only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")

    def handle(self, *args, email: str, **options) -> None:
        if settings.PRODUCTION:
            raise CommandError("demo_code is for the demo: it never runs in production.")
        user = User.objects.filter(email=email.lower()).first()
        # Only accounts anyone could log in to anyway (the published demo password), never a real one.
        if user is None or not user.check_password(DEMO_PASSWORD):
            raise CommandError(NOT_A_DEMO_LOGIN.format(email=email))
        # The confirmed device, or the one being set up on the walk-through page.
        device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-pk").first()
        if device is None:
            raise CommandError(f"{email} has not opened the set-up page yet: log in first, then run this again.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
