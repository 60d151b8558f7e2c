FROM python:3.11-slim-bookworm

# WeasyPrint renders PDFs with Pango; DejaVu and Noto cover every name we write.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu fonts-noto-core \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_ENV=production
WORKDIR /app
RUN useradd --create-home --uid 1000 hearth

COPY . .
RUN python scripts/requirements.py > /tmp/requirements.txt && pip install --no-cache-dir -r /tmp/requirements.txt
# collectstatic needs settings to load; these throwaway values never reach a running container.
RUN SECRET_KEY=collectstatic ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && mkdir -p /app/var && chown -R hearth /app/var
USER hearth
EXPOSE 8000
# Gunicorn, set deliberately (README, "Production"): sync workers, as many as the container's
# cores plus one (3 for the 2-core machines Hearth is measured on; raise --workers with the cores,
# or scale out with more containers). No request builds a PDF (builds go to Celery), so the
# slowest page takes well under a second: a 30 s timeout only ever ends a worker that is stuck.
# Each worker is replaced after about a thousand requests, so memory never creeps.
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "30", \
     "--graceful-timeout", "30", "--keep-alive", "5", "--max-requests", "1000", "--max-requests-jitter", "100", \
     "--access-logfile", "-"]
