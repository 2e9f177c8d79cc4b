"""Storage: migrations, transactions, round trips and clear failures."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys

import duckdb
import pandas as pd
import pytest
from support import checkin, holds

from rehab_core.migrations import latest_version
from rehab_core.models import Exercise, ImportBatch, Profile, Session, SetEntry
from rehab_core.storage import (
    Database,
    DatabaseLockedError,
    SchemaTooNewError,
    StorageError,
)
from rehab_core.validation import ValidationError

DAY = dt.date(2025, 3, 3)


def test_new_database_records_every_migration(db):
    applied = db.query("SELECT version FROM schema_migrations ORDER BY version")
    assert applied["version"].tolist() == list(range(1, latest_version() + 1))


def test_catalog_is_seeded_once_with_the_extension_ladder(db):
    store = db.store()
    db.store()  # a second handle must not seed again
    exercises = store.exercises()
    ladder = exercises[exercises["family"] == "extension"].sort_values("ladder_rank")
    assert ladder["name"].tolist()[:2] == ["Prone extension hold", "Bird dog"]
    assert ladder["name"].tolist()[-1] == "Reverse hyperextension"
    assert exercises["name"].is_unique


def test_session_round_trips_with_its_sets(store):
    session_id = store.save_session(
        Session(
            date=DAY,
            sets=(
                SetEntry("Prone extension hold", 1, seconds=10),
                SetEntry("prone EXTENSION hold", 2, seconds=12.5),
                SetEntry("Walking", 1, seconds=1200, distance_m=1500),
            ),
            pain_before=2,
            pain_during=3,
            pain_after=1,
            effort=5,
            muscle_feel=2,
            notes="steady",
        ),
        today=DAY,
    )
    saved = store.session(session_id)
    assert saved.session_no == 1
    assert [s.exercise for s in saved.sets] == [
        "Prone extension hold",
        "Prone extension hold",
        "Walking",
    ]
    assert saved.sets[1].seconds == 12.5
    assert (saved.pain_before, saved.pain_during, saved.pain_after) == (2, 3, 1)
    assert saved.muscle_feel == 2 and saved.notes == "steady"


def test_second_session_on_a_day_gets_the_next_number(store):
    store.save_session(holds(DAY), today=DAY)
    second = store.save_session(holds(DAY, seconds=15), today=DAY)
    assert store.session(second).session_no == 2


def test_editing_a_session_replaces_its_sets(store):
    session_id = store.save_session(holds(DAY), today=DAY)
    edited = store.session(session_id)
    store.save_session(
        Session(id=session_id, date=DAY, sets=(SetEntry("Bird dog", reps=8),), pain_during=1),
        today=DAY,
    )
    again = store.session(session_id)
    assert again.session_no == edited.session_no
    assert [s.exercise for s in again.sets] == ["Bird dog"]
    assert store.counts()["sets"] == 1


def test_unknown_exercise_becomes_a_custom_one(store):
    store.save_session(Session(date=DAY, sets=(SetEntry("Pallof press", reps=10),)), today=DAY)
    custom = store.exercises().set_index("name").loc["Pallof press"]
    assert custom["family"] == "other" and not custom["builtin"]


def test_added_exercise_keeps_its_family(store):
    store.add_exercise(Exercise("  Quadruped  rock ", "mobility", "reps"))
    row = store.exercises().set_index("name").loc["Quadruped rock"]
    assert row["family"] == "mobility"


def test_invalid_session_raises_and_writes_nothing(store):
    with pytest.raises(ValidationError) as caught:
        store.save_session(
            Session(date=DAY, sets=(SetEntry("Bird dog", reps=500),), pain_during=11), today=DAY
        )
    assert any("reps" in p for p in caught.value.problems)
    assert any("Pain during" in p for p in caught.value.problems)
    assert store.counts() == {"sessions": 0, "sets": 0, "checkins": 0}


def test_failing_write_rolls_back_the_whole_transaction(db, store):
    store.save_session(holds(DAY), today=DAY)
    before = db.data_version

    def half_then_fail(cur):
        cur.execute("DELETE FROM sets WHERE user_id = ?", [store.user_id])
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        db.write(half_then_fail)
    assert store.counts()["sets"] == 3
    assert db.data_version == before


def test_every_write_bumps_the_data_version(db, store):
    before = db.data_version
    store.save_checkin(checkin(DAY, pain=3), today=DAY)
    assert db.data_version == before + 1


def test_checkin_is_one_per_day_and_editing_replaces(store):
    store.save_checkin(checkin(DAY, pain=3, trust=4), today=DAY)
    store.save_checkin(checkin(DAY, pain=2, walking_minutes=30), today=DAY)
    saved = store.checkin(DAY)
    assert (saved.pain, saved.trust, saved.walking_minutes) == (2, None, 30)
    assert len(store.checkins()) == 1


def test_future_dates_are_refused(store):
    with pytest.raises(ValidationError, match="future"):
        store.save_checkin(checkin(DAY + dt.timedelta(days=1), pain=2), today=DAY)


def test_profile_round_trips(store):
    store.save_profile(Profile(start_date=DAY, starting_stage=3, units="lb"))
    assert store.profile() == Profile(start_date=DAY, starting_stage=3, units="lb")


def test_next_morning_pain_is_asked_for_yesterdays_rated_session(store):
    yesterday = holds(DAY - dt.timedelta(days=1), pain_before=1, pain_during=2)
    session_id = store.save_session(yesterday, today=DAY)
    assert store.sessions_missing_next_morning(DAY)["id"].tolist() == [session_id]
    store.set_next_morning_pain(session_id, 1)
    assert store.sessions_missing_next_morning(DAY).empty


def test_delete_session_removes_its_sets(store):
    session_id = store.save_session(holds(DAY), today=DAY)
    store.delete_session(session_id)
    assert store.counts() == {"sessions": 0, "sets": 0, "checkins": 0}


def test_erase_all_keeps_other_users_rows(db):
    mine, theirs = db.store("a"), db.store("b")
    mine.save_session(holds(DAY), today=DAY)
    theirs.save_session(holds(DAY), today=DAY)
    mine.erase_all()
    assert mine.counts()["sessions"] == 0
    assert theirs.counts()["sessions"] == 1


def test_file_database_survives_reopening(tmp_path):
    path = tmp_path / "nested" / "backtrack.duckdb"
    first = Database(path)
    first.store().save_session(holds(DAY), today=DAY)
    first.close()
    again = Database(path)
    assert again.store().counts()["sets"] == 3
    again.close()


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "future.duckdb"
    Database(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')")
    con.close()
    before = _digest(path)
    with pytest.raises(SchemaTooNewError, match="newer Backtrack"):
        Database(path)
    assert _digest(path) == before


def test_file_that_is_not_duckdb_is_refused_and_never_overwritten(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("my shopping list\n" * 100)
    before = _digest(path)
    with pytest.raises(StorageError, match="not a Backtrack"):
        Database(path)
    assert _digest(path) == before


def test_file_locked_by_another_process_names_the_path(tmp_path):
    path = tmp_path / "busy.duckdb"
    Database(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
            "time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(DatabaseLockedError, match=str(path)):
            Database(path)
    finally:
        holder.kill()
        holder.wait()
    Database(path).close()  # works once the lock is released


def _batch(sets: list[tuple]) -> ImportBatch:
    columns = ["session_key", "exercise", "set_index", "set_type", "reps", "seconds"]
    frame = pd.DataFrame(sets, columns=columns)
    keys = frame["session_key"].drop_duplicates()
    sessions = pd.DataFrame({"session_key": keys, "date": DAY, "notes": ""})
    return ImportBatch(format="test", sessions=sessions, sets=frame)


def test_a_set_repeated_within_one_file_is_stored_once(store):
    batch = _batch(
        [
            ("w1", "Bird dog", 1, "normal", 8, None),
            ("w1", "Bird dog", 1, "normal", 8, None),  # the same line twice
            ("w1", "bird dog", 2, "normal", 8, None),  # another set (another number)
            ("w1", "Superman", 1, "normal", None, 10.0),
        ]
    )
    result = store.import_batch(batch)
    assert (result.sets_added, result.duplicates_skipped) == (3, 1)
    sets = store.history().sets.sort_values(["exercise", "set_index"])
    assert sets[["exercise", "set_index"]].values.tolist() == [
        ["Bird dog", 1],
        ["Bird dog", 2],
        ["Prone extension hold", 1],
    ]
    again = store.import_batch(batch)  # and a second import of the file adds nothing
    assert (again.sets_added, again.duplicates_skipped) == (0, 4)


def test_two_names_for_one_exercise_numbered_alike_keep_both_sets_if_they_differ(store):
    batch = _batch(
        [
            ("w1", "Superman", 1, "normal", None, 10.0),
            ("w1", "Prone extension hold", 1, "normal", None, 12.0),  # other seconds
            ("w1", "Prone extension hold", 2, "normal", None, 10.0),
        ]
    )
    result = store.import_batch(batch)
    assert (result.sets_added, result.duplicates_skipped) == (3, 0)
    assert sorted(store.history().sets["seconds"].tolist()) == [10.0, 10.0, 12.0]
