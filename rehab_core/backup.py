"""A whole person's data as one `.zip`, and putting it back.

The archive holds every table that has a `user_id` column as a Parquet file (exact types:
dates, timestamps, nullable integers) and `manifest.json` with the schema version, each
file's row count and SHA-256. Restoring checks all of that before touching the database,
then writes in one transaction: `replace` makes the database equal to the backup, `merge`
adds what is missing (matched by fingerprint, name or date). Row ids are renumbered on the
way in, so a backup restores into a database that already holds other rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.parquet as pq

from .csvformat import ImportFileError
from .rules import IMPORT_RULES
from .storage import Store

MANIFEST = "manifest.json"
BACKUP_FORMAT = 1  # the archive layout itself; the schema version is separate
MODES = ("replace", "merge")

# Columns holding another table's row id (renumbered along with it on restore).
REFERENCES = {
    ("sets", "session_id"): "sessions",
    ("sets", "exercise_id"): "exercises",
    ("outcome_answers", "score_id"): "outcome_scores",
}
# How merge recognises a row the database already has (default: every column equal).
NATURAL_KEYS = {
    "exercises": "lower(e.name) = lower(s.name)",
    "sessions": "e.fingerprint = s.fingerprint",
    "sets": "e.fingerprint = s.fingerprint",
    "checkins": "e.date = s.date",
    "profile": "TRUE",
    "import_mappings": "e.header_key = s.header_key",
}
SKIPPED_TABLES = ("schema_migrations",)


class BackupError(ImportFileError):
    """A backup that cannot be restored: one plain line saying why; nothing was changed."""


@dataclass(frozen=True)
class RestoreResult:
    mode: str
    schema_version: int
    added: dict[str, int] = field(default_factory=dict)
    already_present: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "mode": self.mode,
            "schema_version": self.schema_version,
            "added": self.added,
            "already_present": self.already_present,
        }


def _person_tables(cur) -> dict[str, dict[str, str | None]]:
    """Table -> {column: default} for every table with a user_id column."""
    rows = cur.execute(
        "SELECT table_name, column_name, column_default FROM information_schema.columns "
        "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
    ).fetchall()
    tables: dict[str, dict[str, str | None]] = {}
    for table, column, default in rows:
        tables.setdefault(table, {})[column] = default
    return {t: cols for t, cols in tables.items() if "user_id" in cols and t not in SKIPPED_TABLES}


def _in_order(tables) -> list[str]:
    """Parents before the tables that point at them."""
    parents = {t: {p for (c, _), p in REFERENCES.items() if c == t} for t in tables}
    ordered: list[str] = []
    while len(ordered) < len(parents):
        ready = sorted(
            t for t, ps in parents.items() if t not in ordered and ps - {t} <= set(ordered)
        )
        ordered += ready or sorted(t for t in parents if t not in ordered)
    return ordered


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def make_backup(store: Store, now: dt.datetime | None = None) -> bytes:
    """Every table of this person as Parquet, plus the manifest, in one zip."""
    files: dict[str, bytes] = {}
    manifest: dict = {
        "app": "backtrack",
        "backup_format": BACKUP_FORMAT,
        "schema_version": store.db.schema_version,
        "created_at": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "tables": {},
    }
    with store.db.cursor() as cur:
        cur.execute("BEGIN TRANSACTION")  # one consistent snapshot of every table
        try:
            for table in _in_order(_person_tables(cur)):
                rows = cur.sql(
                    f'SELECT * FROM "{table}" WHERE user_id = ?',  # noqa: S608 - a catalog name
                    params=[store.user_id],
                ).to_arrow_table()
                out = io.BytesIO()
                pq.write_table(rows, out, compression="zstd")
                name = f"{table}.parquet"
                files[name] = out.getvalue()
                manifest["tables"][table] = {
                    "file": name,
                    "rows": rows.num_rows,
                    "sha256": _sha256(files[name]),
                }
        finally:
            cur.execute("ROLLBACK")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
        for name, data in files.items():
            zf.writestr(name, data)
    return archive.getvalue()


@dataclass(frozen=True)
class Backup:
    manifest: dict
    tables: dict[str, pa.Table]

    @property
    def schema_version(self) -> int:
        return int(self.manifest["schema_version"])

    def counts(self) -> dict[str, int]:
        return {t: int(v["rows"]) for t, v in self.manifest["tables"].items()}


def read_backup(data: bytes) -> Backup:
    """Open and check a backup: the manifest, every file's checksum and row count."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise BackupError("This is not a Backtrack backup (not a zip file).") from None
    with zf:
        names = set(zf.namelist())
        if MANIFEST not in names:
            raise BackupError("This zip is not a Backtrack backup (it has no manifest.json).")
        if sum(i.file_size for i in zf.infolist()) > IMPORT_RULES.backup_max_mb * 2**20:
            raise BackupError(
                f"This backup unpacks to more than {IMPORT_RULES.backup_max_mb} MB; "
                "it was not restored."
            )
        try:
            manifest = json.loads(zf.read(MANIFEST))
            tables_meta = manifest["tables"]
            int(manifest["schema_version"])
        except (ValueError, KeyError, TypeError, zipfile.BadZipFile, OSError):
            raise BackupError(
                "The backup's manifest.json is damaged; nothing was restored."
            ) from None
        if manifest.get("app") != "backtrack" or not isinstance(tables_meta, dict):
            raise BackupError("This zip is not a Backtrack backup (its manifest is foreign).")
        if int(manifest.get("backup_format", 0)) > BACKUP_FORMAT:
            raise BackupError("This backup was made by a newer Backtrack; update to restore it.")
        tables: dict[str, pa.Table] = {}
        for table, meta in tables_meta.items():
            if not re.fullmatch(r"[a-z_][a-z0-9_]*", str(table)):
                raise BackupError(f"The backup names an odd table {str(table)[:40]!r}.")
            try:
                raw = zf.read(meta["file"])
                expected_rows, expected_sha = int(meta["rows"]), str(meta["sha256"])
            except (KeyError, TypeError, ValueError, zipfile.BadZipFile, OSError):
                raise BackupError(f"The backup's file for {table} is missing or damaged.") from None
            if _sha256(raw) != expected_sha:
                raise BackupError(f"The backup's {table} file does not match its checksum.")
            try:
                rows = pq.read_table(io.BytesIO(raw))
            except (pa.ArrowException, OSError, ValueError):
                raise BackupError(f"The backup's {table} file cannot be read.") from None
            if rows.num_rows != expected_rows:
                raise BackupError(
                    f"The backup's {table} has {rows.num_rows} rows; its manifest says "
                    f"{expected_rows}."
                )
            tables[table] = rows
    return Backup(manifest, tables)


def restore(store: Store, data: bytes, mode: str = "replace") -> RestoreResult:
    """Put a backup into this person's rows, all or nothing."""
    if mode not in MODES:
        raise BackupError(f"Restore mode must be replace or merge, not {mode!r}.")
    backup = read_backup(data)
    current = store.db.schema_version
    if backup.schema_version > current:
        raise BackupError(
            f"This backup is from a newer Backtrack (schema {backup.schema_version}; this one "
            f"knows up to {current}). Update Backtrack to restore it."
        )

    def work(cur) -> RestoreResult:
        tables = _person_tables(cur)
        unknown = sorted(set(backup.tables) - set(tables))
        if unknown:
            raise BackupError(f"The backup has a table this Backtrack lacks: {unknown[0]}.")
        if mode == "replace":
            for table in tables:
                cur.execute(f'DELETE FROM "{table}" WHERE user_id = ?', [store.user_id])  # noqa: S608
        cur.execute("CREATE TEMP TABLE restore_ids (tbl VARCHAR, old_id BIGINT, new_id BIGINT)")
        added: dict[str, int] = {}
        present: dict[str, int] = {}
        try:
            for table in _in_order(backup.tables):
                added[table], present[table] = _restore_table(
                    cur, store.user_id, table, tables[table], backup.tables[table], mode
                )
            _verify(cur, store.user_id, backup, mode, added, present)
        finally:
            cur.execute("DROP TABLE IF EXISTS restore_ids")
            cur.execute("DROP TABLE IF EXISTS restore_rows")
        return RestoreResult(mode, backup.schema_version, added, present)

    result = store.db.write(work)
    store.seed_catalog()  # a backup without the built-in exercises still leaves them
    return result


def _restore_table(cur, user_id: str, table: str, columns, rows: pa.Table, mode: str):
    common = [c for c in rows.column_names if c in columns]
    missing = [
        c
        for c, default in columns.items()
        if c not in common and default is None and c != "user_id" and _not_null(cur, table, c)
    ]
    if missing:
        raise BackupError(f"The backup's {table} lacks the column {missing[0]}; not restored.")
    cur.register("restore_incoming", rows.select(common))
    try:
        quoted = ", ".join(f'"{c}"' for c in common)
        cur.execute(f"CREATE TEMP TABLE restore_rows AS SELECT {quoted} FROM restore_incoming")  # noqa: S608
    finally:
        cur.unregister("restore_incoming")
    if "user_id" not in common:
        cur.execute("ALTER TABLE restore_rows ADD COLUMN user_id VARCHAR")
    cur.execute("UPDATE restore_rows SET user_id = ?", [user_id])
    for (child, column), parent in REFERENCES.items():
        if child == table and column in common:
            cur.execute(
                f"""UPDATE restore_rows SET "{column}" = m.new_id FROM restore_ids m
                    WHERE m.tbl = ? AND m.old_id = restore_rows."{column}" """,  # noqa: S608
                [parent],
            )
    key = NATURAL_KEYS.get(table) or " AND ".join(
        f'e."{c}" IS NOT DISTINCT FROM s."{c}"' for c in common if c not in ("id", "user_id")
    )
    cur.execute("ALTER TABLE restore_rows ADD COLUMN matched BIGINT")
    cur.execute("ALTER TABLE restore_rows ADD COLUMN known BOOLEAN DEFAULT FALSE")
    if mode == "merge":
        pick = "e.id" if "id" in columns else "NULL"
        cur.execute(
            f"""UPDATE restore_rows AS s SET known = TRUE, matched = {pick}
                FROM "{table}" AS e WHERE e.user_id = ? AND ({key})""",  # noqa: S608
            [user_id],
        )
    sequence = _sequence(columns.get("id"))
    insert_columns = [c for c in common if c != "user_id"] + ["user_id"]
    if sequence and "id" in common:
        cur.execute(
            f"""INSERT INTO restore_ids SELECT ?, id,
                    CASE WHEN known THEN matched ELSE nextval('{sequence}') END
                FROM restore_rows""",  # noqa: S608 - the sequence name comes from the catalog
            [table],
        )
        cur.execute(
            """UPDATE restore_rows SET id = m.new_id FROM restore_ids m
               WHERE m.tbl = ? AND m.old_id = restore_rows.id""",
            [table],
        )
    quoted = ", ".join(f'"{c}"' for c in insert_columns)
    inserted = cur.execute(
        f'INSERT INTO "{table}" ({quoted}) SELECT {quoted} FROM restore_rows WHERE NOT known '  # noqa: S608
        "RETURNING 1"
    ).fetchall()
    known = cur.execute("SELECT count(*) FROM restore_rows WHERE known").fetchone()[0]
    cur.execute("DROP TABLE restore_rows")
    return len(inserted), int(known)


def _not_null(cur, table: str, column: str) -> bool:
    row = cur.execute(
        "SELECT is_nullable FROM information_schema.columns WHERE table_name = ? "
        "AND column_name = ?",
        [table, column],
    ).fetchone()
    return bool(row) and row[0] == "NO"


def _sequence(default: str | None) -> str | None:
    found = re.fullmatch(r"nextval\('([a-z_][a-z0-9_]*)'\)", default or "")
    return found.group(1) if found else None


def _verify(cur, user_id: str, backup: Backup, mode: str, added, present) -> None:
    """Row counts against the manifest, and every set pointing at a real session."""
    for table, expected in backup.counts().items():
        if added.get(table, 0) + present.get(table, 0) != expected:
            raise BackupError(f"Restoring {table} did not account for all {expected} rows.")
        if mode == "replace":
            have = cur.execute(
                f'SELECT count(*) FROM "{table}" WHERE user_id = ?',  # noqa: S608
                [user_id],
            ).fetchone()[0]
            if have != expected:
                raise BackupError(f"{table}: {have} rows after restore, the backup has {expected}.")
    for (child, column), parent in REFERENCES.items():
        if child in backup.tables and parent in backup.tables:
            orphans = cur.execute(
                f"""SELECT count(*) FROM "{child}" c WHERE c.user_id = ? AND NOT EXISTS (
                        SELECT 1 FROM "{parent}" p WHERE p.id = c."{column}"
                        AND p.user_id = c.user_id)""",  # noqa: S608
                [user_id],
            ).fetchone()[0]
            if orphans:
                raise BackupError(f"{orphans} {child} rows point at no {parent}; not restored.")
