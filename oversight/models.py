from django.conf import settings
from django.db import models


class TaskDigestOptOut(models.Model):
    """A person who turned off the daily e-mail of what is due. The digest is on by default: a row
    here means off (so a new person gets it without anything being set up)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="task_digest_opt_out")
    since = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} turned off the task digest"
