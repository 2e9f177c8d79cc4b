"""Full backups: one zip with a manifest; restore replaces or merges, verified, all or nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hst

from rehab_core import backup, csvformat, importing
from rehab_core.importers.mapping import Mapping, remember_mapping, saved_mapping
from rehab_core.models import Checkin, Profile
from rehab_core.storage import Database
from tests.test_import_roundtrip import checkins as generated_checkins
from tests.test_import_roundtrip import sessions as generated_sessions

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 1, 1)


def a_history(db=None, user="local"):
    store = (db or Database(":memory:")).store(user)
    importing.import_bytes(store, (FIXTURES / "strong_comma.csv").read_bytes())
    importing.import_bytes(store, (FIXTURES / "bearable.csv").read_bytes())
    store.save_checkin(Checkin(dt.date(2025, 3, 9), pain=1, notes="=calm"), TODAY)
    store.save_profile(Profile(start_date=dt.date(2025, 3, 1), starting_stage=2, units="lb"))
    return store


def exports(store) -> tuple[str, str]:
    return (
        csvformat.write_sessions_csv(store.export_sets()),
        csvformat.write_checkins_csv(store.export_checkins()),
    )


def manifest_of(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return json.loads(zf.read("manifest.json"))


def rewritten(data: bytes, table: str, rows: pa.Table | None = None, manifest_rows=None) -> bytes:
    """The backup with one table's file (and its manifest entry) replaced."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    manifest = json.loads(files["manifest.json"])
    if rows is not None:
        out = io.BytesIO()
        pq.write_table(rows, out)
        files[f"{table}.parquet"] = out.getvalue()
        manifest["tables"][table]["sha256"] = hashlib.sha256(out.getvalue()).hexdigest()
        manifest["tables"][table]["rows"] = rows.num_rows
    if manifest_rows is not None:
        manifest["tables"][table]["rows"] = manifest_rows
    files["manifest.json"] = json.dumps(manifest).encode()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return archive.getvalue()


def test_the_manifest_names_the_schema_version_and_every_tables_rows():
    store = a_history()
    manifest = manifest_of(backup.make_backup(store))
    assert manifest["schema_version"] == store.db.schema_version
    rows = {t: v["rows"] for t, v in manifest["tables"].items()}
    assert rows["sessions"] == 3 and rows["sets"] == 13 and rows["checkins"] == 4
    assert rows["profile"] == 1
    assert {"exercises", "import_mappings"} <= set(rows)


def test_restore_into_an_empty_database_gives_identical_exports():
    store = a_history()
    target = Database(":memory:").store()
    backup.restore(target, backup.make_backup(store))
    assert exports(target) == exports(store)


def test_restore_brings_back_profile_custom_exercises_and_mappings():
    store = a_history()
    remember_mapping(store, ["when", "what"], Mapping(date="when", notes="what"))
    target = Database(":memory:").store()
    backup.restore(target, backup.make_backup(store))
    assert target.profile() == store.profile()
    assert "Romanian Deadlift (Barbell)" in target.exercise_names()
    assert saved_mapping(target, ["when", "what"]) == Mapping(date="when", notes="what")


def test_replace_makes_the_database_equal_to_the_backup():
    store = a_history()
    data = backup.make_backup(store)
    target = Database(":memory:").store()
    importing.import_bytes(target, (FIXTURES / "hevy_kg.csv").read_bytes())
    backup.restore(target, data, mode="replace")
    assert exports(target) == exports(store)


def test_merge_keeps_what_is_there_and_adds_the_rest():
    store = a_history()
    data = backup.make_backup(store)
    target = Database(":memory:").store()
    importing.import_bytes(target, (FIXTURES / "hevy_kg.csv").read_bytes())
    result = backup.restore(target, data, mode="merge")
    assert target.counts() == {"sessions": 6, "sets": 22, "checkins": 4}
    assert result.added["sets"] == 13


def test_merging_the_same_backup_twice_adds_nothing_the_second_time():
    store = a_history()
    data = backup.make_backup(store)
    result = backup.restore(store, data, mode="merge")
    assert sum(result.added.values()) == 0
    assert store.counts() == {"sessions": 3, "sets": 13, "checkins": 4}


def test_restoring_one_person_leaves_another_untouched():
    db = Database(":memory:")
    alice = a_history(db, "alice")
    bob = db.store("bob")
    importing.import_bytes(bob, (FIXTURES / "hevy_kg.csv").read_bytes())
    bob_before = exports(bob)
    backup.restore(alice, backup.make_backup(alice), mode="replace")
    assert exports(bob) == bob_before


def test_a_changed_file_fails_its_checksum_and_nothing_changes():
    store = a_history()
    data = backup.make_backup(store)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    files["checkins.parquet"] = files["checkins.parquet"][:-10] + bytes(10)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    target = a_history()
    before = exports(target)
    with pytest.raises(backup.BackupError, match="checksum"):
        backup.restore(target, archive.getvalue())
    assert exports(target) == before


def test_row_counts_must_match_the_manifest():
    data = rewritten(backup.make_backup(a_history()), "sets", manifest_rows=99)
    with pytest.raises(backup.BackupError, match="99"):
        backup.read_backup(data)


def test_a_restore_that_fails_verification_changes_nothing():
    data = backup.make_backup(a_history())
    sessions = backup.read_backup(data).tables["sessions"]
    broken = rewritten(data, "sessions", rows=sessions.slice(0, 1))  # sets lose their sessions
    target = a_history()
    before = exports(target)
    with pytest.raises(backup.BackupError):
        backup.restore(target, broken, mode="replace")
    assert exports(target) == before


def test_a_backup_from_a_newer_schema_is_refused():
    data = backup.make_backup(a_history())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(files["manifest.json"])
    manifest["schema_version"] += 1
    files["manifest.json"] = json.dumps(manifest).encode()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    with pytest.raises(backup.BackupError, match="newer"):
        backup.restore(Database(":memory:").store(), archive.getvalue())


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"not a zip", "not a zip"),
        (b"", "not a zip"),
    ],
)
def test_files_that_are_not_backups_are_refused(data, words):
    with pytest.raises(backup.BackupError, match=words):
        backup.read_backup(data)


def test_a_zip_without_a_manifest_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(backup.BackupError, match="manifest"):
        backup.read_backup(archive.getvalue())


def test_an_unknown_restore_mode_is_refused():
    with pytest.raises(backup.BackupError, match="replace or merge"):
        backup.restore(Database(":memory:").store(), b"", mode="overwrite")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hst.lists(generated_sessions(), max_size=4), hst.lists(generated_checkins, max_size=4))
def test_backup_and_restore_keep_generated_histories_exactly(history, diary):
    store = Database(":memory:").store()
    for session in history:
        store.save_session(session, TODAY)
    for checkin in diary:
        store.save_checkin(checkin, TODAY)
    data = backup.make_backup(store)
    target = Database(":memory:").store()
    backup.restore(target, data)
    assert exports(target) == exports(store)
    assert sum(backup.restore(target, data, mode="merge").added.values()) == 0
