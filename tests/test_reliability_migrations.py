"""A database written by an older Backtrack opens in this one with every row intact.

`tests/data/schema_v1.duckdb` was made by `tests/data/make_schema_v1.py` with only the first
migration; each test works on a copy, so the committed file never changes.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from rehab_core.migrations import MIGRATIONS, latest_version
from rehab_core.models import Checkin, Session, SetEntry
from rehab_core.storage import Database, SchemaTooNewError
from tests.data import make_schema_v1 as v1

SCHEMA_V1 = Path(__file__).parent / "data" / "schema_v1.duckdb"


@pytest.fixture
def old_file(tmp_path) -> Path:
    copy = tmp_path / "old.duckdb"
    shutil.copyfile(SCHEMA_V1, copy)
    return copy


def _rows(db: Database, sql: str) -> list[tuple]:
    with db.cursor() as cur:
        return [tuple(row) for row in cur.execute(sql).fetchall()]


def _no_nan(rows):
    return [tuple(None if isinstance(v, float) and v != v else v for v in row) for row in rows]


def test_the_committed_file_is_still_schema_version_1():
    con = duckdb.connect(str(SCHEMA_V1), read_only=True)
    try:
        versions = con.execute("SELECT version FROM schema_migrations").fetchall()
    finally:
        con.close()
    assert versions == [(1,)]


def test_opening_an_old_file_applies_every_later_migration(old_file):
    with Database(old_file) as db:
        versions = [r[0] for r in _rows(db, "SELECT version FROM schema_migrations ORDER BY 1")]
        assert versions == [version for version, _, _ in MIGRATIONS]
        assert db.schema_version == latest_version()


def test_every_session_survives_migration(old_file):
    with Database(old_file) as db:
        rows = _rows(
            db,
            "SELECT id, date, session_no, pain_before, pain_during, pain_after, "
            "pain_next_morning, effort, muscle_feel, notes, source, fingerprint "
            "FROM sessions WHERE user_id = 'local' ORDER BY id",
        )
    assert _no_nan(rows) == v1.SESSIONS


def test_every_set_survives_migration(old_file):
    with Database(old_file) as db:
        rows = _rows(
            db,
            "SELECT id, session_id, exercise_id, set_index, set_type, reps, seconds, load_kg, "
            "distance_m, fingerprint FROM sets WHERE user_id = 'local' ORDER BY id",
        )
    assert _no_nan(rows) == v1.SETS


def test_every_checkin_survives_migration(old_file):
    with Database(old_file) as db:
        rows = _rows(
            db,
            "SELECT date, pain, stiffness, trust, walking_minutes, flare, notes, source "
            "FROM checkins WHERE user_id = 'local' ORDER BY date",
        )
    assert _no_nan(rows) == v1.CHECKINS


def test_profile_and_custom_exercise_survive_migration(old_file):
    with Database(old_file) as db:
        profile = _rows(
            db, "SELECT user_id, start_date, starting_stage, units FROM profile ORDER BY 1"
        )
        exercises = _rows(
            db,
            "SELECT id, name, family, kind, ladder_rank, builtin FROM exercises "
            "WHERE user_id = 'local' AND id <= 4 ORDER BY id",
        )
    assert profile == [v1.PROFILE]
    assert exercises == v1.EXERCISES


def test_the_migrated_history_reads_through_the_store(old_file):
    with Database(old_file) as db:
        store = db.store()
        history = store.history()
        counts = store.counts()
        profile = store.profile()
    assert counts == {"sessions": 3, "sets": 6, "checkins": 3}
    assert set(history.sets["exercise"]) >= {"Jefferson curl (light) 🦴", "Walking"}
    assert profile.start_date == dt.date(2024, 3, 1)
    assert profile.starting_stage == 2


def test_new_entries_after_migration_take_fresh_ids(old_file):
    with Database(old_file) as db:
        store = db.store()
        new_id = store.save_session(
            Session(
                date=dt.date(2024, 3, 5),
                sets=(SetEntry("Jefferson curl (light) 🦴", reps=6, load_kg=5.0),),
            ),
            today=dt.date(2024, 3, 5),
        )
        store.save_checkin(Checkin(date=dt.date(2024, 3, 5), pain=2), today=dt.date(2024, 3, 5))
        counts = store.counts()
        set_ids = [r[0] for r in _rows(db, "SELECT id FROM sets ORDER BY id")]
    assert new_id > max(s[0] for s in v1.SESSIONS)
    assert counts == {"sessions": 4, "sets": 7, "checkins": 4}
    # Sets carry no key index since migration 4: their ids stay unique through the sequence.
    assert len(set(set_ids)) == len(set_ids) == 7
    assert set_ids[-1] > max(s[0] for s in v1.SETS)


def test_reopening_a_migrated_file_changes_nothing_more(old_file):
    Database(old_file).close()
    with Database(old_file) as db:
        applied = _rows(db, "SELECT count(*) FROM schema_migrations")[0][0]
    assert applied == len(MIGRATIONS)


def _claim_newer_schema(path: Path) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute(
            "INSERT INTO schema_migrations (version, name) VALUES (?, 'from the future')",
            [latest_version() + 1],
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()


def test_a_file_from_a_newer_backtrack_is_refused(old_file):
    _claim_newer_schema(old_file)
    with pytest.raises(SchemaTooNewError, match="newer Backtrack"):
        Database(old_file)


def test_a_refused_newer_file_is_left_byte_for_byte_unchanged(old_file):
    _claim_newer_schema(old_file)
    before = old_file.read_bytes()
    with pytest.raises(SchemaTooNewError):
        Database(old_file)
    assert old_file.read_bytes() == before
    assert not old_file.with_name(old_file.name + ".wal").exists()


def test_the_refusal_names_the_file(old_file):
    _claim_newer_schema(old_file)
    with pytest.raises(SchemaTooNewError) as refused:
        Database(old_file)
    assert str(old_file) in str(refused.value)
    assert "\n" not in str(refused.value)
