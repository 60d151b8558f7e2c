"""Kombu's filesystem transport: the broker `make run` uses when there is no Redis (settings read
HEARTH_FILE_BROKER). Its folders, under one directory, are named here only and made if missing,
so whoever points Hearth at a directory (the launcher, a test) need not know them."""

from pathlib import Path


def transport_options(root: str | Path) -> dict:
    """Celery's broker transport options for a filesystem broker in `root`: one folder the web
    process writes messages into and the worker reads them from, and the control folder the
    status page's ping to workers goes through."""
    root = Path(root)
    folders = {
        "data_folder_in": root / "queue",
        "data_folder_out": root / "queue",
        "processed_folder": root / "processed",
        "control_folder": root / "control",
    }
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    return {**{name: str(folder) for name, folder in folders.items()}, "store_processed": False}
