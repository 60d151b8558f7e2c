"""`make run`: the development server with a Celery worker and beat beside it, on a broker that
needs no server (kombu's filesystem transport, in var/broker), so the demo builds PDFs and packs
in the background and opens trackers nightly exactly as production does: no request waits on a
PDF. With REDIS_URL set, the same processes use Redis instead.

Ctrl-C stops all three. The worker's and beat's output goes to var/worker.log and var/beat.log.
"""

# The commands run are this interpreter with celery and manage.py, never input (S603).
# ruff: noqa: S603

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR = BASE_DIR / "var"


def main() -> int:
    port = sys.argv[1] if len(sys.argv) > 1 else "8000"
    env = dict(os.environ)
    if not env.get("REDIS_URL"):
        env["HEARTH_FILE_BROKER"] = str(VAR / "broker")  # its folders: config/file_broker.py
    python = sys.executable
    background = []
    for name, command in (
        # One process (solo pool): the filesystem broker is for one machine, and PDFs are CPU-bound.
        ("worker", [python, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO"]),
        (
            "beat",
            [python, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO", "-s", str(VAR / "celerybeat-schedule")],
        ),
    ):
        log = (VAR / f"{name}.log").open("ab")
        background.append(subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT))
        print(f"Celery {name} started (pid {background[-1].pid}), its log in var/{name}.log", flush=True)
    server = subprocess.Popen([python, "manage.py", "runserver", f"127.0.0.1:{port}"], cwd=BASE_DIR, env=env)
    try:
        while server.poll() is None:
            if any(process.poll() is not None for process in background):
                print("A Celery process stopped: see var/worker.log and var/beat.log.", flush=True)
                break
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        for process in [server, *background]:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [server, *background]:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
