"""Backup and restore (issue 15, item 5): one directory holding the database (a `pg_dump` custom
archive on PostgreSQL, a copy made with SQLite's online backup API otherwise), every file in the
file store, and a manifest with the SHA-256 of each, so a restore can prove it brought back
exactly what was written.

A backup is written under a `.partial` name and renamed when complete, so an interrupted run is
never mistaken for a backup. The database is copied first, then the files: a file added while the
backup runs may be in the copy without its row (harmless), never a row without its file unless
the file was deleted in between (only retention disposal deletes files).

`make backup` and `make restore` call the `backup` and `restore` management commands, which call
`backup_create` and `backup_restore` below.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump and pg_restore, called with argument lists
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.utils import timezone

MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 1
FILES_DIR = "files"
POSTGRESQL = "postgresql"
SQLITE = "sqlite"
DUMP_NAMES = {POSTGRESQL: "database.pgdump", SQLITE: "database.sqlite3"}
CHUNK = 1024 * 1024

ERROR_ENGINE = "Backups support PostgreSQL and SQLite databases only, not {engine}."
ERROR_DESTINATION_EXISTS = "{path} already exists: choose a new directory for the backup."
ERROR_NO_MANIFEST = "{path} holds no manifest.json: it is not a complete Hearth backup."
ERROR_MANIFEST_FORMAT = "The manifest is not a Hearth backup manifest of a version this Hearth reads."
ERROR_UNSAFE_NAME = "The manifest names {name!r}, which is not a safe relative path: the backup was altered."
ERROR_MISSING_FILE = "{name} is in the manifest but not in the backup."
ERROR_HASH = "{name} does not match its SHA-256 in the manifest: the backup is damaged."
ERROR_ENGINE_MISMATCH = "This backup holds a {backup} database; the target database is {target}."
ERROR_DATABASE_NOT_EMPTY = "The target database already has tables: restore only into an empty database."
ERROR_STORE_NOT_EMPTY = "The file store already holds files: restore only into an empty file store."
ERROR_STORE_RENAMED = "The file store saved {name} as {saved}: the store was not empty."
ERROR_TOOL = "{tool} failed: {detail}"


class BackupError(Exception):
    pass


@dataclass
class RestoreResult:
    engine: str
    files: int
    bytes: int
    created_at: str
    warnings: list[str] = field(default_factory=list)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def engine_of(database: dict) -> str:
    engine = database["ENGINE"]
    if engine.endswith("postgresql"):
        return POSTGRESQL
    if engine.endswith("sqlite3"):
        return SQLITE
    raise BackupError(ERROR_ENGINE.format(engine=engine))


def _pg_env(database: dict) -> dict[str, str]:
    """libpq's environment for the database (no password on a command line, where `ps` shows it)."""
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if database.get(key):
            env[variable] = str(database[key])
    env["PGDATABASE"] = str(database["NAME"])
    return env


def _run(tool: str, arguments: list[str], env: dict[str, str]) -> None:
    result = subprocess.run([tool, *arguments], env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(ERROR_TOOL.format(tool=tool, detail=result.stderr.strip() or result.returncode))


def _storage_names(storage: Storage, directory: str = "") -> list[str]:
    """Every file's name in the store, walked through the Storage API (local or object store)."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return []
    names = [str(PurePosixPath(directory, name)) if directory else name for name in files]
    for sub in directories:
        names.extend(_storage_names(storage, str(PurePosixPath(directory, sub)) if directory else sub))
    return sorted(names)


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name or "\x00" in name:
        raise BackupError(ERROR_UNSAFE_NAME.format(name=name))
    return path


def _dump_database(database: dict, target: Path) -> None:
    if engine_of(database) == POSTGRESQL:
        # One snapshot of the whole database (pg_dump runs in a single repeatable-read transaction).
        _run(
            "pg_dump",
            ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            _pg_env(database),
        )
        return
    # The online backup API copies a consistent database even while Hearth writes to it.
    source = sqlite3.connect(f"file:{database['NAME']}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def backup_create(*, destination: Path, database: dict | None = None, storage: Storage | None = None) -> Path:
    """Write a backup into `destination` (a directory that must not exist yet) and return it."""
    database = database or settings.DATABASES["default"]
    storage = storage or storages["default"]
    engine = engine_of(database)
    destination = Path(destination)
    if destination.exists():
        raise BackupError(ERROR_DESTINATION_EXISTS.format(path=destination))
    partial = destination.with_name(destination.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    try:
        dump_name = DUMP_NAMES[engine]
        _dump_database(database, partial / dump_name)
        files = []
        for name in _storage_names(storage):
            relative = _safe_relative(name)
            target = partial / FILES_DIR / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            size = 0
            with storage.open(name, "rb") as source, target.open("wb") as copy:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    copy.write(chunk)
            files.append({"name": str(relative), "sha256": digest.hexdigest(), "size": size})
        manifest = {
            "format": FORMAT_VERSION,
            "application": "hearth",
            "created_at": timezone.now().isoformat(),
            "database": {
                "engine": engine,
                "file": dump_name,
                "sha256": sha256_of(partial / dump_name),
                "size": (partial / dump_name).stat().st_size,
            },
            "files": files,
        }
        (partial / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(destination)
    return destination


def default_backup_destination(now: datetime.datetime | None = None) -> Path:
    now = timezone.localtime(now or timezone.now())
    return Path(settings.VAR_DIR) / "backups" / now.strftime("hearth-%Y%m%d-%H%M%S")


def backup_verify(*, source: Path) -> dict:
    """The manifest, once every file it names is present and matches its SHA-256."""
    source = Path(source)
    manifest_path = source / MANIFEST_NAME
    if not manifest_path.is_file():
        raise BackupError(ERROR_NO_MANIFEST.format(path=source))
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(ERROR_MANIFEST_FORMAT) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        raise BackupError(ERROR_MANIFEST_FORMAT)
    database = manifest.get("database") or {}
    if database.get("engine") not in DUMP_NAMES or database.get("file") != DUMP_NAMES[database.get("engine")]:
        raise BackupError(ERROR_MANIFEST_FORMAT)
    entries = [(database["file"], database.get("sha256"), source / database["file"])]
    for entry in manifest.get("files", []):
        relative = _safe_relative(entry.get("name", ""))
        entries.append((str(relative), entry.get("sha256"), source / FILES_DIR / relative))
    for name, expected, path in entries:
        if not path.is_file():
            raise BackupError(ERROR_MISSING_FILE.format(name=name))
        if sha256_of(path) != expected:
            raise BackupError(ERROR_HASH.format(name=name))
    return manifest


def _database_is_empty(database: dict, engine: str) -> bool:
    if engine == POSTGRESQL:
        import psycopg

        params = {"dbname": database["NAME"]}
        for key, name in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
            if database.get(key):
                params[name] = str(database[key])
        with psycopg.connect(**params) as connection:
            count = connection.execute(
                "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            ).fetchone()[0]
        return count == 0
    path = Path(database["NAME"])
    if not path.exists() or path.stat().st_size == 0:
        return True
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] == 0
    finally:
        connection.close()


def backup_restore(*, source: Path, database: dict | None = None, storage: Storage | None = None) -> RestoreResult:
    """Bring a verified backup back into an empty database and an empty file store."""
    database = database or settings.DATABASES["default"]
    storage = storage or storages["default"]
    source = Path(source)
    manifest = backup_verify(source=source)
    engine = manifest["database"]["engine"]
    target_engine = engine_of(database)
    if engine != target_engine:
        raise BackupError(ERROR_ENGINE_MISMATCH.format(backup=engine, target=target_engine))
    if not _database_is_empty(database, engine):
        raise BackupError(ERROR_DATABASE_NOT_EMPTY)
    if _storage_names(storage):
        raise BackupError(ERROR_STORE_NOT_EMPTY)

    dump = source / manifest["database"]["file"]
    if engine == POSTGRESQL:
        # One transaction: a failure leaves the database empty, never half restored.
        _run(
            "pg_restore",
            [
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={database['NAME']}",
                str(dump),
            ],
            _pg_env(database),
        )
    else:
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        copy = sqlite3.connect(dump)
        target = sqlite3.connect(database["NAME"])
        try:
            copy.backup(target)
        finally:
            target.close()
            copy.close()

    total = 0
    for entry in manifest["files"]:
        name = str(_safe_relative(entry["name"]))
        with (source / FILES_DIR / name).open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name:
            raise BackupError(ERROR_STORE_RENAMED.format(name=name, saved=saved))
        total += entry["size"]
    return RestoreResult(engine=engine, files=len(manifest["files"]), bytes=total, created_at=manifest["created_at"])
