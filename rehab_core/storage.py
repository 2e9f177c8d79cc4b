"""The one DuckDB database: opening it safely, migrating it, and every read and write.

One `Database` per process holds the DuckDB instance; each unit of work takes its own
cursor and fetches its results completely (DuckDB streams results). Every write is one
transaction, and writes of one process take turns: DuckDB's optimistic transactions do not
see two inserts of different rows as a conflict, so a check-then-insert (the next free
session number, one check-in per day) is only safe when writers are serialised. Reads never
wait for that lock. A conflict that still occurs is retried a bounded number of times. All queries
that touch a person's rows go through a `Store`, which is bound to one user id: that is
the single place where rows are filtered by owner.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from . import catalog
from .columns import mapped_text
from .migrations import MIGRATIONS, latest_version
from .models import (
    Checkin,
    Exercise,
    ImportBatch,
    ImportResult,
    Profile,
    Session,
    SetEntry,
)
from .rules import STORAGE_DECIMALS
from .validation import validate_checkin, validate_session

DEFAULT_DB = "data/backtrack.duckdb"
LOCAL_USER = "local"
WRITE_RETRIES = 30  # conflicts clear within a few retries even with 8 writers at once


class StorageError(RuntimeError):
    """A database problem explained for a person: what happened, to which file, what to do."""


class DatabaseLockedError(StorageError):
    pass


class SchemaTooNewError(StorageError):
    pass


def default_db_path() -> str:
    return os.environ.get("BACKTRACK_DB") or DEFAULT_DB


def _connect(path: str) -> duckdb.DuckDBPyConnection:
    if path == ":memory:" or path.startswith("md:"):
        return duckdb.connect(path)
    file = Path(path)
    if file.exists() and not file.is_file():
        raise StorageError(f"{path} is a folder, not a database file. Set BACKTRACK_DB to a file.")
    if file.exists() and not os.access(file, os.R_OK | os.W_OK):
        raise StorageError(
            f"Cannot read and write {path}: check its permissions, or set BACKTRACK_DB "
            "to another file."
        )
    file.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(file))
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower():
            pid = re.search(r"PID (\d+)", text)
            holder = f" (process {pid.group(1)})" if pid else ""
            raise DatabaseLockedError(
                f"{path} is in use by another Backtrack process{holder}, such as the app "
                "or an import. Close it or wait for it to finish, then try again."
            ) from None
        if "not a valid DuckDB database" in text or "valid DuckDB" in text:
            raise StorageError(
                f"{path} exists but is not a Backtrack (DuckDB) database; it was left "
                "untouched. Move it away or set BACKTRACK_DB to another file."
            ) from None
        raise StorageError(f"Cannot open {path}: {text}") from None
    except duckdb.Error as exc:
        raise StorageError(f"Cannot open {path}: {exc}") from None


def _migrate(con: duckdb.DuckDBPyConnection, path: str) -> None:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
        "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    applied = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    newest = max(applied, default=0)
    if newest > latest_version():
        raise SchemaTooNewError(
            f"{path} was written by a newer Backtrack (schema {newest}; this one knows up to "
            f"{latest_version()}). Update Backtrack to open it; the file was not changed."
        )
    for version, name, step in MIGRATIONS:
        if version in applied:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            step(con)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name]
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise


def _round(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return round(float(value), STORAGE_DECIMALS)


class Database:
    """One DuckDB instance, shared by every session of this process."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = str(path) if path is not None else default_db_path()
        self._con = _connect(self.path)
        try:
            _migrate(self._con, self.path)
        except Exception:
            self._con.close()
            raise
        self._version = 0
        self._version_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._seeded: set[str] = set()

    @property
    def data_version(self) -> int:
        """Bumped by every committed write: the cache key for derived views."""
        return self._version

    @property
    def schema_version(self) -> int:
        with self.cursor() as cur:
            return cur.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]

    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def write(self, work: Callable[[duckdb.DuckDBPyConnection], object]):
        """Run `work(cursor)` in one transaction; retry it on a write-write conflict."""
        with self._write_lock:
            return self._write(work)

    def _write(self, work):
        for attempt in range(WRITE_RETRIES):
            with self.cursor() as cur:
                cur.execute("BEGIN TRANSACTION")
                try:
                    result = work(cur)
                    cur.execute("COMMIT")
                except duckdb.TransactionException as exc:
                    with contextlib.suppress(duckdb.Error):
                        cur.execute("ROLLBACK")
                    if "conflict" not in str(exc).lower():
                        raise StorageError(f"Nothing was saved: {exc}") from None
                    time.sleep(0.002 * (attempt + 1))
                    continue
                except BaseException:
                    with contextlib.suppress(duckdb.Error):
                        cur.execute("ROLLBACK")
                    raise
            with self._version_lock:
                self._version += 1
            return result
        raise StorageError("The database stayed busy; nothing was saved. Please try again.")

    def query(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        with self.cursor() as cur:
            return cur.execute(sql, list(params)).df()

    def store(self, user_id: str = LOCAL_USER) -> Store:
        store = Store(self, user_id)
        if user_id not in self._seeded:
            store.seed_catalog()
            self._seeded.add(user_id)
        return store

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _DryRun(Exception):
    """Raised inside a write to roll it back after counting what it would do."""

    def __init__(self, result):
        self.result = result


def session_fingerprint(source: str, key: str) -> str:
    return f"{source}|{key}"


def _session_numbers(dates: pd.Series, asked: pd.Series, taken: dict) -> list[int]:
    """A number for each new session: the one the file asked for if that day still has it
    free, else the day's next; `taken` holds each day's numbers already stored."""
    asked_numbers = [_opt_int(n) for n in asked.tolist()]
    if not taken and all(n is None for n in asked_numbers):  # new days, none asked: 1, 2, ...
        return (dates.groupby(dates).cumcount() + 1).tolist()
    numbers = []
    for date, wanted in zip(dates.tolist(), asked_numbers, strict=True):
        used = taken.setdefault(date, set())
        number = wanted if wanted is not None and wanted not in used else None
        number = number or (max(used, default=0) + 1)
        used.add(number)
        numbers.append(number)
    return numbers


def _may_repeat(sets: pd.DataFrame) -> bool:
    """Whether two sets could share a fingerprint: the same session, exercise and number.
    Importers number sets within a session and exercise, so this is rare (two names that
    both mean one exercise), and checking it here (on integer codes: a few ms for 100k
    rows) saves the database a grouping of every row."""
    session = pd.factorize(sets["session_key"])[0].astype("int64")
    exercise = pd.factorize(sets["exercise"].astype(str).str.lower())[0].astype("int64")
    number = pd.to_numeric(sets["set_index"]).fillna(0).to_numpy("int64")
    key = (session * (exercise.max(initial=0) + 1) + exercise) * (number.max(initial=0) + 1)
    return bool(pd.Series(key + number).duplicated().any())


@contextlib.contextmanager
def _registered(cur, name: str, frame: pd.DataFrame):
    """Expose `frame` to SQL as `name`; never let the clean-up hide the statement's error."""
    cur.register(name, frame)
    try:
        yield
    finally:
        with contextlib.suppress(duckdb.Error):
            cur.unregister(name)


# The set fingerprint, computed in SQL so manual saves and bulk imports agree exactly.
_SET_FINGERPRINT_SQL = (
    "md5(concat_ws('|', n.session_fp, lower(n.exercise), n.set_index::VARCHAR, n.set_type, "
    "coalesce(n.reps::VARCHAR, ''), coalesce(round(n.seconds, 3)::VARCHAR, ''), "
    "coalesce(round(n.load_kg, 3)::VARCHAR, ''), coalesce(round(n.distance_m, 3)::VARCHAR, '')))"
)

SESSION_COLUMNS = [
    "session_key",
    "date",
    "session_no",
    "pain_before",
    "pain_during",
    "pain_after",
    "pain_next_morning",
    "effort",
    "muscle_feel",
    "notes",
]
SET_COLUMNS = [
    "session_key",
    "exercise",
    "set_index",
    "set_type",
    "reps",
    "seconds",
    "load_kg",
    "distance_m",
]
CHECKIN_COLUMNS = ["date", "pain", "stiffness", "trust", "walking_minutes", "flare", "notes"]


@dataclass(frozen=True)
class History:
    """Everything the stage engine, planner and charts read, as plain dataframes.

    sessions: id, date, session_no, pain_before, pain_during, pain_after, pain_next_morning,
              effort, muscle_feel, notes, source
    sets:     id, session_id, date, exercise, family, kind, ladder_rank, set_index, set_type,
              reps, seconds, load_kg, distance_m
    checkins: date, pain, stiffness, trust, walking_minutes, flare, notes, source
    Dates are `datetime.date` objects.
    """

    profile: Profile
    sessions: pd.DataFrame
    sets: pd.DataFrame
    checkins: pd.DataFrame


def _dates(frame: pd.DataFrame, column: str = "date") -> pd.DataFrame:
    if column in frame and len(frame):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


class Store:
    """A person's rows. Every query here filters by `self.user_id`."""

    def __init__(self, db: Database, user_id: str):
        self.db = db
        self.user_id = user_id

    def _read(self, sql: str, params: list | tuple = ()) -> pd.DataFrame:
        return self.db.query(sql, [self.user_id, *params])

    # -- catalog -----------------------------------------------------------------------
    def seed_catalog(self) -> None:
        def work(cur):
            have = cur.execute(
                "SELECT count(*) FROM exercises WHERE user_id = ? AND builtin", [self.user_id]
            ).fetchone()[0]
            if have:
                return
            cur.executemany(
                "INSERT INTO exercises (user_id, name, family, kind, ladder_rank, builtin) "
                "VALUES (?, ?, ?, ?, ?, TRUE)",
                [
                    [self.user_id, e.name, e.family, e.kind, e.ladder_rank]
                    for e in catalog.SEED_EXERCISES
                ],
            )

        self.db.write(work)

    def exercises(self) -> pd.DataFrame:
        return self._read(
            "SELECT id, name, family, kind, ladder_rank, builtin FROM exercises "
            "WHERE user_id = ? ORDER BY builtin DESC, coalesce(ladder_rank, 99), family, name"
        )

    def exercise_names(self) -> list[str]:
        return self.exercises()["name"].tolist()

    def add_exercise(self, exercise: Exercise) -> int:
        name = " ".join(exercise.name.split())
        if not name:
            raise ValueError("An exercise needs a name")
        return self.db.write(
            lambda cur: self._exercise_ids(cur, [name], {name: exercise.family}, exercise.kind)[
                name.casefold()
            ]
        )

    def remap_exercise(self, old_name: str, new_name: str) -> int:
        """Point every set of `old_name` at `new_name` and drop the old custom exercise."""

        def work(cur):
            ids = self._exercise_ids(cur, [old_name, new_name])
            old_id, new_id = ids[old_name.casefold()], ids[new_name.casefold()]
            if old_id == new_id:
                return 0
            changed = cur.execute(
                "UPDATE sets SET exercise_id = ? WHERE user_id = ? AND exercise_id = ? RETURNING id",
                [new_id, self.user_id, old_id],
            ).fetchall()
            cur.execute(
                "DELETE FROM exercises WHERE user_id = ? AND id = ? AND NOT builtin",
                [self.user_id, old_id],
            )
            return len(changed)

        return self.db.write(work)

    def _exercise_ids(
        self,
        cur,
        names: list[str],
        families: dict[str, str] | None = None,
        kind: str = "reps",
    ) -> dict[str, int]:
        """Ids by case-folded name; unknown names become custom exercises (nothing is dropped)."""
        rows = cur.execute(
            "SELECT id, name FROM exercises WHERE user_id = ?", [self.user_id]
        ).fetchall()
        ids = {name.casefold(): id_ for id_, name in rows}
        families = families or {}
        for name in dict.fromkeys(names):
            key = name.casefold()
            if key in ids:
                continue
            family = families.get(name, "other")
            ids[key] = cur.execute(
                "INSERT INTO exercises (user_id, name, family, kind) VALUES (?, ?, ?, ?) "
                "RETURNING id",
                [self.user_id, name, family, kind],
            ).fetchone()[0]
        return ids

    def _canonical_names(self, names) -> dict[str, str]:
        known = {n.casefold(): n for n in self.exercise_names()}
        return {name: catalog.canonical_name(name, known) for name in dict.fromkeys(names)}

    # -- profile -----------------------------------------------------------------------
    def profile(self) -> Profile:
        frame = self._read(
            "SELECT start_date, starting_stage, units FROM profile WHERE user_id = ?"
        )
        if frame.empty:
            return Profile()
        row = frame.iloc[0]
        start = row["start_date"]
        return Profile(
            start_date=None if pd.isna(start) else pd.Timestamp(start).date(),
            starting_stage=int(row["starting_stage"]),
            units=str(row["units"]),
        )

    def save_profile(self, profile: Profile) -> None:
        if profile.units not in ("kg", "lb"):
            raise ValueError("Units must be kg or lb")
        if not 1 <= profile.starting_stage <= 5:
            raise ValueError("Starting stage must be between 1 and 5")

        def work(cur):
            cur.execute("DELETE FROM profile WHERE user_id = ?", [self.user_id])
            cur.execute(
                "INSERT INTO profile (user_id, start_date, starting_stage, units) VALUES (?, ?, ?, ?)",
                [self.user_id, profile.start_date, profile.starting_stage, profile.units],
            )

        self.db.write(work)

    # -- sessions ----------------------------------------------------------------------
    def save_session(self, session: Session, today: dt.date | None = None) -> int:
        """Insert a session, or replace the one with `session.id`; returns its id."""
        validate_session(session, today)
        names = self._canonical_names(s.exercise for s in session.sets)
        sets = pd.DataFrame(
            [
                {
                    "exercise": names[s.exercise],
                    "set_index": int(s.set_index),
                    "set_type": s.set_type,
                    "reps": None if s.reps is None else int(s.reps),
                    "seconds": _round(s.seconds),
                    "load_kg": _round(s.load_kg),
                    "distance_m": _round(s.distance_m),
                }
                for s in session.sets
            ]
        )

        def work(cur):
            if session.id is not None:
                owned = cur.execute(
                    "SELECT session_no, date FROM sessions WHERE user_id = ? AND id = ?",
                    [self.user_id, session.id],
                ).fetchone()
                if owned is None:
                    raise KeyError(f"No session {session.id}")
                cur.execute(
                    "DELETE FROM sets WHERE user_id = ? AND session_id = ?",
                    [self.user_id, session.id],
                )
                cur.execute(
                    "DELETE FROM sessions WHERE user_id = ? AND id = ?", [self.user_id, session.id]
                )
                keep_no = owned[0] if owned[1] == session.date else None
                number = session.session_no or keep_no
            else:
                number = session.session_no
            number = self._free_session_no(cur, session.date, number)
            fingerprint = session_fingerprint("backtrack", f"{session.date.isoformat()}|{number}")
            session_id = cur.execute(
                "INSERT INTO sessions (id, user_id, date, session_no, pain_before, pain_during, "
                "pain_after, pain_next_morning, effort, muscle_feel, notes, source, fingerprint) "
                "VALUES (coalesce(?, nextval('session_id')), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "RETURNING id",
                [
                    session.id,
                    self.user_id,
                    session.date,
                    number,
                    session.pain_before,
                    session.pain_during,
                    session.pain_after,
                    session.pain_next_morning,
                    session.effort,
                    session.muscle_feel,
                    session.notes.strip(),
                    session.source,
                    fingerprint,
                ],
            ).fetchone()[0]
            sets["session_id"] = session_id
            sets["session_fp"] = fingerprint
            self._insert_sets(cur, sets)
            return session_id

        return self.db.write(work)

    def _free_session_no(self, cur, date: dt.date, wanted: int | None) -> int:
        taken = {
            row[0]
            for row in cur.execute(
                "SELECT session_no FROM sessions WHERE user_id = ? AND date = ?",
                [self.user_id, date],
            ).fetchall()
        }
        if wanted is not None and wanted not in taken:
            return int(wanted)
        return max(taken, default=0) + 1

    def _insert_sets(self, cur, sets: pd.DataFrame, session_prefix: str | None = None) -> int:
        """Insert sets in their order (exercise names already canonical); returns how many.

        A manual save gives each row its `session_id` and `session_fp` (the session's
        fingerprint, part of each set's). An import gives `session_key` and the source's
        `session_prefix` instead: the session is found by prefix + key, and a set already
        stored, or repeated earlier in `sets`, is left out. Fingerprints, duplicates and
        ids are all worked out in one statement: 100k sets never round-trip through Python.
        """
        if sets.empty:
            return 0
        names = pd.unique(sets["exercise"])
        ids = self._exercise_ids(cur, list(names))
        exercises = pd.DataFrame(
            {"exercise": names, "exercise_id": [ids[n.casefold()] for n in names]}
        )
        frame = sets.assign(ord=np.arange(len(sets)))
        repeats = False
        if session_prefix is None:
            rows, session, join, keep = "incoming_sets", "n.session_id", "", ""
            params: list = [self.user_id]
        else:
            rows = "(SELECT i.*, ? || i.session_key AS session_fp FROM incoming_sets i)"
            session = "s.id"
            join = """JOIN (SELECT fingerprint, min(id) AS id FROM sessions WHERE user_id = ?
                            GROUP BY fingerprint) s ON s.fingerprint = n.session_fp"""
            keep = "WHERE n.fingerprint NOT IN (SELECT fingerprint FROM sets WHERE user_id = ?)"
            params = [session_prefix, self.user_id, self.user_id, self.user_id]
            repeats = _may_repeat(frame)
            if repeats:  # only then is the first of equal fingerprints looked for
                keep += " AND n.ord IN (SELECT min(ord) FROM n GROUP BY fingerprint)"
        # Computed as it streams when read once; kept when the repeat check reads it again.
        reused = "MATERIALIZED" if repeats else "NOT MATERIALIZED"
        with (
            _registered(cur, "incoming_sets", frame),
            _registered(cur, "incoming_exercises", exercises),
        ):
            return cur.execute(
                f"""INSERT INTO sets (user_id, session_id, exercise_id, set_index, set_type,
                        reps, seconds, load_kg, distance_m, fingerprint)
                    WITH n AS {reused} (
                        SELECT n.*, {_SET_FINGERPRINT_SQL} AS fingerprint FROM {rows} n)
                    SELECT ?, {session}, x.exercise_id, n.set_index, n.set_type,
                        n.reps, n.seconds, n.load_kg, n.distance_m, n.fingerprint
                    FROM n
                    {join}
                    JOIN incoming_exercises x ON x.exercise = n.exercise
                    {keep}
                    ORDER BY n.ord""",  # noqa: S608 - constant expressions
                params,
            ).fetchone()[0]

    def delete_session(self, session_id: int) -> None:
        def work(cur):
            cur.execute(
                "DELETE FROM sets WHERE user_id = ? AND session_id = ?", [self.user_id, session_id]
            )
            gone = cur.execute(
                "DELETE FROM sessions WHERE user_id = ? AND id = ? RETURNING id",
                [self.user_id, session_id],
            ).fetchall()
            if not gone:
                raise KeyError(f"No session {session_id}")

        self.db.write(work)

    def set_next_morning_pain(self, session_id: int, pain: int) -> None:
        if not 0 <= pain <= 10:
            raise ValueError("Pain next morning must be between 0 and 10")

        def work(cur):
            done = cur.execute(
                "UPDATE sessions SET pain_next_morning = ? WHERE user_id = ? AND id = ? "
                "RETURNING id",
                [pain, self.user_id, session_id],
            ).fetchall()
            if not done:
                raise KeyError(f"No session {session_id}")

        self.db.write(work)

    def session(self, session_id: int) -> Session:
        head = self._read("SELECT * FROM sessions WHERE user_id = ? AND id = ?", [session_id])
        if head.empty:
            raise KeyError(f"No session {session_id}")
        sets = self._read(
            "SELECT e.name AS exercise, s.set_index, s.set_type, s.reps, s.seconds, s.load_kg, "
            "s.distance_m FROM sets s JOIN exercises e ON e.id = s.exercise_id "
            "WHERE s.user_id = ? AND s.session_id = ? ORDER BY s.id",
            [session_id],
        )
        row = head.iloc[0]
        return Session(
            id=int(row["id"]),
            date=pd.Timestamp(row["date"]).date(),
            session_no=int(row["session_no"]),
            pain_before=_opt_int(row["pain_before"]),
            pain_during=_opt_int(row["pain_during"]),
            pain_after=_opt_int(row["pain_after"]),
            pain_next_morning=_opt_int(row["pain_next_morning"]),
            effort=_opt_float(row["effort"]),
            muscle_feel=_opt_int(row["muscle_feel"]),
            notes=str(row["notes"]),
            source=str(row["source"]),
            sets=tuple(
                SetEntry(
                    exercise=str(s["exercise"]),
                    set_index=int(s["set_index"]),
                    set_type=str(s["set_type"]),
                    reps=_opt_int(s["reps"]),
                    seconds=_opt_float(s["seconds"]),
                    load_kg=_opt_float(s["load_kg"]),
                    distance_m=_opt_float(s["distance_m"]),
                )
                for _, s in sets.iterrows()
            ),
        )

    def last_session(self) -> Session | None:
        latest = self._read(
            "SELECT id FROM sessions WHERE user_id = ? ORDER BY date DESC, session_no DESC LIMIT 1"
        )
        return None if latest.empty else self.session(int(latest.iloc[0]["id"]))

    def recent_sessions(self, limit: int = 20) -> pd.DataFrame:
        """One row per session, newest first, with a short summary of its sets."""
        return _dates(
            self._read(
                """WITH latest AS (
                       SELECT * FROM sessions WHERE user_id = ?
                       ORDER BY date DESC, session_no DESC LIMIT ?
                   )
                   SELECT s.id, s.date, s.session_no, s.pain_before, s.pain_during, s.pain_after,
                       s.pain_next_morning, s.effort, s.muscle_feel, s.notes, s.source,
                       count(t.id) AS sets,
                       string_agg(DISTINCT e.name, ', ' ORDER BY e.name) AS exercises
                   FROM latest s
                   LEFT JOIN sets t ON t.session_id = s.id AND t.user_id = s.user_id
                   LEFT JOIN exercises e ON e.id = t.exercise_id
                   GROUP BY ALL
                   ORDER BY s.date DESC, s.session_no DESC""",
                [limit],
            )
        )

    def sessions_missing_next_morning(self, before: dt.date) -> pd.DataFrame:
        """Rated sessions up to `before` whose next-morning pain is still unknown."""
        return _dates(
            self._read(
                "SELECT id, date, session_no FROM sessions WHERE user_id = ? AND date < ? "
                "AND date >= ? AND pain_during IS NOT NULL AND pain_next_morning IS NULL "
                "ORDER BY date DESC, session_no DESC",
                [before, before - dt.timedelta(days=2)],
            )
        )

    # -- check-ins ---------------------------------------------------------------------
    def save_checkin(self, checkin: Checkin, today: dt.date | None = None) -> None:
        """Save the day's check-in; one per date, so a second save replaces the first."""
        validate_checkin(checkin, today)

        def work(cur):
            cur.execute(
                "DELETE FROM checkins WHERE user_id = ? AND date = ?", [self.user_id, checkin.date]
            )
            cur.execute(
                "INSERT INTO checkins (user_id, date, pain, stiffness, trust, walking_minutes, "
                "flare, notes, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    self.user_id,
                    checkin.date,
                    checkin.pain,
                    checkin.stiffness,
                    checkin.trust,
                    _round(checkin.walking_minutes),
                    bool(checkin.flare),
                    checkin.notes.strip(),
                    checkin.source,
                ],
            )

        self.db.write(work)

    def delete_checkin(self, date: dt.date) -> None:
        def work(cur):
            gone = cur.execute(
                "DELETE FROM checkins WHERE user_id = ? AND date = ? RETURNING date",
                [self.user_id, date],
            ).fetchall()
            if not gone:
                raise KeyError(f"No check-in on {date.isoformat()}")

        self.db.write(work)

    def checkin(self, date: dt.date) -> Checkin | None:
        frame = self._read("SELECT * FROM checkins WHERE user_id = ? AND date = ?", [date])
        if frame.empty:
            return None
        row = frame.iloc[0]
        return Checkin(
            date=date,
            pain=_opt_int(row["pain"]),
            stiffness=_opt_int(row["stiffness"]),
            trust=_opt_int(row["trust"]),
            walking_minutes=_opt_float(row["walking_minutes"]),
            flare=bool(row["flare"]),
            notes=str(row["notes"]),
            source=str(row["source"]),
        )

    def checkins(self, limit: int | None = None) -> pd.DataFrame:
        return _dates(
            self._read(
                "SELECT date, pain, stiffness, trust, walking_minutes, flare, notes, source "
                "FROM checkins WHERE user_id = ? ORDER BY date DESC LIMIT ?",
                [limit if limit is not None else 2**62],
            )
        )

    # -- whole history -----------------------------------------------------------------
    def history(self) -> History:
        sessions = self._read(
            "SELECT id, date, session_no, pain_before, pain_during, pain_after, "
            "pain_next_morning, effort, muscle_feel, notes, source FROM sessions "
            "WHERE user_id = ? ORDER BY date, session_no"
        )
        sets = self._read(
            """SELECT t.id, t.session_id, s.date, e.name AS exercise, e.family, e.kind,
                   e.ladder_rank, t.set_index, t.set_type, t.reps, t.seconds, t.load_kg,
                   t.distance_m
               FROM sets t
               JOIN sessions s ON s.id = t.session_id
               JOIN exercises e ON e.id = t.exercise_id
               WHERE t.user_id = ?
               ORDER BY s.date, s.session_no, t.id"""
        )
        checkins = self._read(
            "SELECT date, pain, stiffness, trust, walking_minutes, flare, notes, source "
            "FROM checkins WHERE user_id = ? ORDER BY date"
        )
        return History(self.profile(), _dates(sessions), _dates(sets), _dates(checkins))

    def counts(self) -> dict[str, int]:
        frame = self._read(
            "SELECT (SELECT count(*) FROM sessions WHERE user_id = $1) AS sessions, "
            "(SELECT count(*) FROM sets WHERE user_id = $1) AS sets, "
            "(SELECT count(*) FROM checkins WHERE user_id = $1) AS checkins"
        )
        return {k: int(v) for k, v in frame.iloc[0].items()}

    def export_sets(self) -> pd.DataFrame:
        """One row per set in Backtrack's `sessions.csv` column order (SI units)."""
        return _dates(
            self._read(
                """SELECT s.date, s.session_no AS session, e.name AS exercise, t.set_index,
                       t.set_type, t.reps, t.seconds, t.load_kg, t.distance_m, s.pain_before,
                       s.pain_during, s.pain_after, s.pain_next_morning, s.effort, s.notes,
                       s.muscle_feel
                   FROM sets t
                   JOIN sessions s ON s.id = t.session_id
                   JOIN exercises e ON e.id = t.exercise_id
                   WHERE t.user_id = ?
                   ORDER BY s.date, s.session_no, t.id"""
            )
        )

    def export_checkins(self) -> pd.DataFrame:
        return _dates(
            self._read(
                "SELECT date, pain, stiffness, trust, walking_minutes, flare, notes "
                "FROM checkins WHERE user_id = ? ORDER BY date"
            )
        )

    def erase_all(self) -> None:
        """Delete every row of this person, in every table that has an owner column, so a
        table added by a later migration is never forgotten."""

        def work(cur):
            tables = [
                row[0]
                for row in cur.execute(
                    "SELECT table_name FROM information_schema.columns "
                    "WHERE column_name = 'user_id' AND table_schema = 'main' ORDER BY table_name"
                ).fetchall()
            ]
            for table in tables:
                cur.execute(f'DELETE FROM "{table}" WHERE user_id = ?', [self.user_id])  # noqa: S608

        self.db.write(work)
        self.seed_catalog()

    # -- import ------------------------------------------------------------------------
    def import_batch(
        self, batch: ImportBatch, source: str | None = None, dry_run: bool = False
    ) -> ImportResult:
        """Write a parsed file in one transaction; rows already present are skipped."""
        source = source or batch.format
        sessions = _frame(batch.sessions, SESSION_COLUMNS)
        sets = _frame(batch.sets, SET_COLUMNS)
        checkins = _frame(batch.checkins, CHECKIN_COLUMNS)
        names = self._canonical_names(pd.unique(sets["exercise"].astype(str)))
        sets["exercise"] = mapped_text(sets["exercise"].astype(str), names.get)
        for column in ("seconds", "load_kg", "distance_m"):
            sets[column] = pd.to_numeric(sets[column], errors="coerce").round(STORAGE_DECIMALS)
        sets["reps"] = pd.to_numeric(sets["reps"], errors="coerce").astype("Int64")
        sets["set_index"] = pd.to_numeric(sets["set_index"], errors="coerce").astype("Int64")
        sets["set_type"] = sets["set_type"].fillna("normal").astype(str)
        prefix = session_fingerprint(source, "")
        sessions["session_fp"] = prefix + sessions["session_key"].astype(str)
        with_sets = {f"{prefix}{k}" for k in sets["session_key"].drop_duplicates().tolist()}

        def work(cur):
            result = self._write_batch(cur, batch, source, sessions, sets, with_sets, checkins)
            if dry_run:
                raise _DryRun(result)
            return result

        try:
            return self.db.write(work)
        except _DryRun as done:
            return done.result

    def _write_batch(self, cur, batch, source, sessions, sets, with_sets, checkins) -> ImportResult:
        # Sessions: reuse one already stored under the same fingerprint, else create it. A
        # session not stored yet has only new sets (its fingerprint is in theirs).
        existing = {
            fp
            for (fp,) in cur.execute(
                "SELECT fingerprint FROM sessions WHERE user_id = ?", [self.user_id]
            ).fetchall()
        }
        needed = with_sets - existing
        # (a list, not Series.isin: isin on pandas' string columns is slow at this size)
        wanted = sessions[[fp in needed for fp in sessions["session_fp"].tolist()]]
        wanted = wanted.drop_duplicates("session_fp")
        if len(wanted):
            wanted = wanted.copy()
            wanted["date"] = pd.to_datetime(wanted["date"]).dt.date
            taken: dict[dt.date, set[int]] = {}
            for date, number in cur.execute(
                "SELECT date, session_no FROM sessions WHERE user_id = ? AND date IN "
                "(SELECT unnest(?::DATE[]))",
                [self.user_id, sorted(set(wanted["date"]))],
            ).fetchall():
                taken.setdefault(date, set()).add(number)
            wanted["session_no"] = _session_numbers(wanted["date"], wanted["session_no"], taken)
            wanted["user_id"] = self.user_id
            wanted["source"] = source
            wanted["notes"] = wanted["notes"].fillna("").astype(str)
            with _registered(cur, "incoming_sessions", wanted):
                cur.execute(
                    """INSERT INTO sessions (id, user_id, date, session_no, pain_before,
                           pain_during, pain_after, pain_next_morning, effort, muscle_feel, notes,
                           source, fingerprint)
                       SELECT nextval('session_id'), user_id, date, session_no, pain_before,
                           pain_during, pain_after, pain_next_morning, effort, muscle_feel,
                           notes, source, session_fp
                       FROM incoming_sessions"""
                )
        # Which sets are new is decided in SQL, by the same fingerprint as manual saves.
        sets_added = self._insert_sets(cur, sets, session_fingerprint(source, ""))
        duplicates = len(sets) - sets_added

        checkins_added, checkin_dupes = self._merge_checkins(cur, checkins, source)
        return ImportResult(
            format=batch.format,
            rows_read=batch.rows_read,
            sets_added=sets_added,
            sessions_added=len(wanted),
            checkins_added=checkins_added,
            duplicates_skipped=duplicates + checkin_dupes,
            rows_skipped=batch.rows_skipped,
            errors=tuple(batch.errors),
        )

    def _merge_checkins(self, cur, checkins: pd.DataFrame, source: str) -> tuple[int, int]:
        """Imported values fill or replace a day's values; a day already identical is a duplicate."""
        if checkins.empty:
            return 0, 0
        frame = checkins.copy()
        frame["date"] = pd.to_datetime(frame["date"]).dt.date
        frame = frame.drop_duplicates("date", keep="last")
        frame["flare"] = frame["flare"].fillna(False).astype(bool)
        frame["notes"] = frame["notes"].fillna("").astype(str)
        for column in ("pain", "stiffness", "trust", "walking_minutes"):
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        frame["source"] = source
        with _registered(cur, "incoming_checkins", frame):
            merged = cur.execute(
                """SELECT n.date,
                       coalesce(n.pain, o.pain) AS pain,
                       coalesce(n.stiffness, o.stiffness) AS stiffness,
                       coalesce(n.trust, o.trust) AS trust,
                       coalesce(n.walking_minutes, o.walking_minutes) AS walking_minutes,
                       n.flare OR coalesce(o.flare, FALSE) AS flare,
                       CASE WHEN n.notes = '' THEN coalesce(o.notes, '') ELSE n.notes END AS notes,
                       coalesce(o.source, n.source) AS source,
                       o.date IS NOT NULL AS existed,
                       o.date IS NOT NULL
                         AND o.pain IS NOT DISTINCT FROM coalesce(n.pain, o.pain)
                         AND o.stiffness IS NOT DISTINCT FROM coalesce(n.stiffness, o.stiffness)
                         AND o.trust IS NOT DISTINCT FROM coalesce(n.trust, o.trust)
                         AND o.walking_minutes IS NOT DISTINCT FROM
                             coalesce(n.walking_minutes, o.walking_minutes)
                         AND o.flare = (n.flare OR o.flare)
                         AND (n.notes = '' OR o.notes = n.notes) AS same
                   FROM incoming_checkins n
                   LEFT JOIN checkins o ON o.user_id = ? AND o.date = n.date""",
                [self.user_id],
            ).df()
        changed = merged[~merged["same"]].drop(columns=["same", "existed"])
        if len(changed):
            changed = changed.assign(user_id=self.user_id)
            cur.execute(
                "DELETE FROM checkins WHERE user_id = ? AND date IN (SELECT unnest(?::DATE[]))",
                [self.user_id, list(pd.to_datetime(changed["date"]).dt.date)],
            )
            with _registered(cur, "merged_checkins", changed):
                cur.execute(
                    "INSERT INTO checkins (user_id, date, pain, stiffness, trust, walking_minutes, "
                    "flare, notes, source) SELECT user_id, date, pain, stiffness, trust, "
                    "walking_minutes, flare, notes, source FROM merged_checkins"
                )
        return len(changed), int(merged["same"].sum())


def _frame(frame, columns: list[str]) -> pd.DataFrame:
    if frame is None or len(frame) == 0:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    out = frame.copy()
    for column in columns:
        if column not in out:
            out[column] = None
    return out[columns]


def _opt_int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _opt_float(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
