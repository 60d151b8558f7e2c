"""The trauma-informed language check's phrases: what staff may write, a kinder and more accurate
alternative, and why. Data a provider edits (the admin, and the phrases page), never code."""

from django.db import models


class LanguagePhrase(models.Model):
    phrase = models.CharField(
        max_length=80,
        unique=True,
        help_text="Matched as whole words, any case; plurals and -ed/-ing forms of the last word are matched too.",
    )
    suggestion = models.CharField("Kinder alternative", max_length=200)
    why = models.CharField(max_length=300, blank=True, help_text="Why the alternative is kinder or more accurate.")
    active = models.BooleanField(default=True, help_text="Untick to stop suggesting it; it stays listed.")

    class Meta:
        ordering = ["phrase"]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.suggestion}"
