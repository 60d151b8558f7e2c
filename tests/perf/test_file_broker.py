"""Issue 14, item 3: without Redis, `make run` gives the real experience on a broker that needs
no server; the settings choose it from HEARTH_FILE_BROKER (read at start-up, so checked in a
fresh interpreter)."""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
SHOW = (
    "import json, django; django.setup(); from config.celery import app; "
    "print(json.dumps([app.conf.broker_url, app.conf.task_always_eager, app.conf.broker_transport_options]))"
)


def settings_with(**env) -> list:
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "HEARTH_FILE_BROKER"}}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=BASE_DIR, env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_folder_selects_the_filesystem_broker_and_tasks_leave_the_request(tmp_path):
    url, eager, options = settings_with(HEARTH_FILE_BROKER=str(tmp_path / "broker"))
    assert url == "filesystem://" and eager is False
    assert options["data_folder_in"] == options["data_folder_out"] == str(tmp_path / "broker" / "queue")
    assert options["control_folder"] == str(tmp_path / "broker" / "control")  # the status page pings workers
    # Made if missing: the launcher and the tests name only the directory.
    assert all(Path(options[name]).is_dir() for name in ("data_folder_in", "processed_folder", "control_folder"))


def test_without_a_broker_tasks_run_inline():
    url, eager, _ = settings_with()
    assert url.startswith("memory://") and eager is True


def test_redis_wins_over_the_folder(tmp_path):
    url, eager, options = settings_with(REDIS_URL="redis://127.0.0.1:6379/9", HEARTH_FILE_BROKER=str(tmp_path))
    assert url.startswith("redis://") and eager is False and "data_folder_in" not in options
