"""Password rules beyond Django's own (see AUTH_PASSWORD_VALIDATORS in settings)."""

from django.contrib.auth.password_validation import UserAttributeSimilarityValidator
from django.core.exceptions import ValidationError

from homes.models import Home

TOO_LIKE_A_HOME = "The password is too like the name of a home (%(home)s): people who know the home could guess it."


class HomeNameSimilarityValidator:
    """Refuses a password like any home's name, or a word of it ("Willow House", "willow"), with
    the same measure Django uses for the person's own name and e-mail address."""

    def __init__(self, max_similarity: float = 0.7) -> None:
        self.similar = UserAttributeSimilarityValidator(user_attributes=["name"], max_similarity=max_similarity)

    def validate(self, password: str, user=None) -> None:
        for home in Home.objects.only("name"):
            try:
                self.similar.validate(password, home)
            except ValidationError:
                raise ValidationError(
                    TOO_LIKE_A_HOME, code="password_too_similar", params={"home": home.name}
                ) from None

    def get_help_text(self) -> str:
        return "Your password cannot be like the name of one of the provider's homes."
