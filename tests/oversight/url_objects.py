"""How to fill the oversight app's URL keywords for the generic walks (see tests/url_objects.py)."""

URL_OBJECTS: dict = {}
