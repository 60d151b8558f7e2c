from auditlog.registry import auditlog
from django.conf import settings

from config.celery import app
from tracker.models import MonthlyTracker, ReportDownload, ReviewMeeting, ReviewReport


def test_beat_runs_the_trackers_tasks_and_each_is_registered():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "tracker.tasks.open_month_trackers",
        "tracker.tasks.build_last_months_meeting_packs",
        "homes.tasks.requeue_stale_builds",
    } <= scheduled
    assert scheduled <= set(app.tasks)


def test_every_review_model_is_in_the_change_history():
    for model in (MonthlyTracker, ReviewMeeting, ReviewReport, ReportDownload):
        assert auditlog.contains(model), model
