"""Backups and restores of the database and the uploaded files, for both engines.

A backup is a folder ``danvan-<UTC time>/`` holding ``database.dump`` (PostgreSQL: ``pg_dump
--format=custom``) or ``database.sqlite3`` (SQLite: the online backup API, consistent while
the site runs), ``media.tar`` (citizens' attachments) and ``manifest.json`` (engine, time,
sizes and SHA-256 of every part). With ``DANVAN_BACKUP_KEY`` (a Fernet key) every part is
encrypted (``.enc``), in chunks so a large dump never sits whole in memory.

The keys that encrypt denouncers' identities (``DANVAN_ENCRYPTION_KEYS``) are never written
into a backup: whoever steals a backup must not be able to read them. The manifest keeps only
their fingerprints, so a restore can say whether the keys configured now can read the
identities in the data. Keep the keys in a separate safe place (docs/deployment.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from cryptography.fernet import Fernet
from django.conf import settings
from django.db import connections

CHUNK = 4 * 1024 * 1024


class BackupError(Exception):
    pass


def key_fingerprints(keys: list[str] | None = None) -> list[str]:
    keys = keys if keys is not None else list(getattr(settings, "DANVAN_ENCRYPTION_KEYS", []))
    return [hashlib.sha256(k.encode()).hexdigest()[:12] for k in keys]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _encrypt_file(src: Path, dst: Path, fernet: Fernet) -> None:
    with src.open("rb") as inp, dst.open("wb") as out:
        for block in iter(lambda: inp.read(CHUNK), b""):
            token = fernet.encrypt(block)
            out.write(struct.pack(">I", len(token)) + token)


def _decrypt_chunks(fh: IO[bytes], fernet: Fernet) -> Iterator[bytes]:
    while header := fh.read(4):
        (size,) = struct.unpack(">I", header)
        yield fernet.decrypt(fh.read(size))


def _decrypt_file(src: Path, dst: Path, fernet: Fernet) -> None:
    with src.open("rb") as inp, dst.open("wb") as out:
        for block in _decrypt_chunks(inp, fernet):
            out.write(block)


def _fernet() -> Fernet | None:
    key = os.environ.get("DANVAN_BACKUP_KEY", "")
    return Fernet(key.encode()) if key else None


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _dump_database(alias: str, folder: Path) -> Path:
    conn = connections[alias]
    db = conn.settings_dict
    if conn.vendor == "postgresql":
        target = folder / "database.dump"
        args, env = _pg_env(db)
        cmd = ["pg_dump", "--format=custom", "--no-owner", *args, "-f", str(target), db["NAME"]]
        subprocess.run(cmd, check=True, env=env, capture_output=True)  # noqa: S603
        return target
    if conn.vendor == "sqlite":
        target = folder / "database.sqlite3"
        conn.ensure_connection()
        with sqlite3.connect(target) as dest:
            conn.connection.backup(dest)
        dest.close()
        return target
    raise BackupError(f"unsupported database engine: {conn.vendor}")


def _tar_media(folder: Path) -> Path:
    target = folder / "media.tar"
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(target, "w") as tar:
        if media.is_dir():
            tar.add(media, arcname="media")
    return target


@dataclass
class BackupResult:
    folder: Path
    manifest: dict[str, Any]


def backup_create(*, destination: Path, alias: str = "default") -> BackupResult:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = destination / f"danvan-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    os.chmod(folder, 0o700)
    fernet = _fernet()
    parts = {}
    for part in (_dump_database(alias, folder), _tar_media(folder)):
        final = part
        if fernet is not None:
            final = part.with_name(part.name + ".enc")
            _encrypt_file(part, final, fernet)
            part.unlink()
        parts[final.name] = {"bytes": final.stat().st_size, "sha256": _sha256(final)}
    manifest = {
        "format": 1,
        "created_at": datetime.now(UTC).isoformat(),
        "engine": connections[alias].vendor,
        "encrypted": fernet is not None,
        "identity_key_fingerprints": key_fingerprints(),
        "parts": parts,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return BackupResult(folder, manifest)


def _verified_part(folder: Path, manifest: dict[str, Any], stem: str, work: Path) -> Path:
    name = next((n for n in manifest["parts"] if n.startswith(stem)), None)
    if name is None:
        raise BackupError(f"the backup has no {stem}")
    path = folder / name
    if _sha256(path) != manifest["parts"][name]["sha256"]:
        raise BackupError(f"{name} is damaged: its checksum differs from the manifest")
    if not name.endswith(".enc"):
        return path
    fernet = _fernet()
    if fernet is None:
        raise BackupError("the backup is encrypted: set DANVAN_BACKUP_KEY")
    plain = work / name.removesuffix(".enc")
    _decrypt_file(path, plain, fernet)
    return plain


# Drops every table and sequence of the schema, in the restore's own transaction. Not
# ``pg_restore --clean``: on yearly-partitioned tables it tries to drop each partition's
# inherited primary key first, which PostgreSQL refuses, and the whole restore fails.
CLEAR_SCHEMA = """
DO $$
DECLARE names text;
BEGIN
  SELECT string_agg(c.oid::regclass::text, ', ') INTO names FROM pg_class c
   WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
     AND NOT c.relispartition;
  IF names IS NOT NULL THEN EXECUTE 'DROP TABLE ' || names || ' CASCADE'; END IF;
  SELECT string_agg(c.oid::regclass::text, ', ') INTO names FROM pg_class c
   WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'S';
  IF names IS NOT NULL THEN EXECUTE 'DROP SEQUENCE ' || names || ' CASCADE'; END IF;
END $$;
"""


def _pg_replace(dump: Path, args: list[str], env: dict[str, str], name: str) -> None:
    """Replace the database's tables with the dump's, all or nothing: ``pg_restore`` turns the
    dump into SQL and ``psql`` runs the clearing and that SQL in one transaction."""
    produce = ["pg_restore", "--no-owner", "-f", "-", str(dump)]
    apply = [
        "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", *args, "-d", name,
        "-c", CLEAR_SCHEMA, "-f", "-",
    ]  # fmt: skip
    with subprocess.Popen(produce, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as source:  # noqa: S603
        result = subprocess.run(  # noqa: S603
            apply, stdin=source.stdout, env=env, capture_output=True, check=False
        )
        source.stdout.close()  # type: ignore[union-attr]
        source_err = source.stderr.read() if source.stderr else b""
    if source.returncode != 0 or result.returncode != 0:
        raise BackupError(
            f"the restore failed, nothing was changed: {_errors_only(source_err + result.stderr)}"
        )


def _errors_only(stderr: bytes) -> str:
    """The ``ERROR:``/``FATAL:`` lines of psql or pg_restore, without the ``DETAIL:`` and
    ``CONTEXT:`` lines that quote the failing row's values (citizens' data) into a log."""
    lines = stderr.decode("utf-8", "replace").splitlines()
    kept = [line for line in lines if not line.lstrip().startswith(("DETAIL:", "CONTEXT:"))]
    return "\n".join(kept).strip()[:2000]


def backup_restore(*, folder: Path, work: Path, alias: str = "default") -> dict[str, Any]:
    """Replace the database (and the media folder) with the backup's. Returns the manifest
    with ``keys_match``: whether the identity keys configured now include the backup's."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    work.mkdir(parents=True, exist_ok=True)
    conn = connections[alias]
    if manifest["engine"] != conn.vendor:
        raise BackupError(f"a {manifest['engine']} backup cannot go into {conn.vendor}")
    if conn.vendor == "postgresql":
        dump = _verified_part(folder, manifest, "database.dump", work)
        db = conn.settings_dict
        args, env = _pg_env(db)
        conn.close()
        _pg_replace(dump, args, env, db["NAME"])
    else:
        copy = _verified_part(folder, manifest, "database.sqlite3", work)
        conn.ensure_connection()
        with sqlite3.connect(copy) as source:
            source.backup(conn.connection)
        source.close()
    media = _verified_part(folder, manifest, "media.tar", work)
    with tarfile.open(media) as tar:
        unpacked = work / "media-restore"
        tar.extractall(unpacked, filter="data")
    if (unpacked / "media").is_dir():
        target = Path(settings.MEDIA_ROOT)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(unpacked / "media", target)
    now = set(key_fingerprints())
    manifest["keys_match"] = set(manifest["identity_key_fingerprints"]) <= now
    return manifest
