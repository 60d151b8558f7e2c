import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Issue 14: a server process keeps what it loads at start (the models, and every view the URLconf
# imports: some 200,000 objects) for its whole life, and each of Python's full garbage collections
# walks all of it: 100-300 ms added to whichever request it lands in, one page in a few dozen (the
# slow rounds `make bench` showed). Loaded once and frozen, it is left out of every collection;
# what requests create is collected as before.
import_module(settings.ROOT_URLCONF)
gc.freeze()
