"""Rebuild `tests/data/schema_v1.duckdb`: a small database written by schema version 1.

Run from the repo root: `.venv/bin/python tests/data/make_schema_v1.py`. Only the first
migration is applied (MIGRATIONS truncated to version 1), and rows are written with plain
SQL against that first schema, so later changes to `Store` cannot change the file. The
expected rows live in `SCHEMA_V1_ROWS` below; the migration test compares against them.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from unittest import mock

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script from anywhere

from rehab_core import storage  # noqa: E402
from rehab_core.migrations import MIGRATIONS  # noqa: E402

TARGET = Path(__file__).with_name("schema_v1.duckdb")
USER = "local"

PROFILE = (USER, dt.date(2024, 3, 1), 2, "kg")
# (id, name, family, kind, ladder_rank, builtin)
EXERCISES = [
    (1, "Prone extension hold", "extension", "hold", 1, True),
    (2, "45° back extension", "extension", "reps", 4, True),
    (3, "Walking", "circulation", "duration/distance", None, True),
    (4, "Jefferson curl (light) 🦴", "other", "reps+load", None, False),
]
# (id, date, session_no, pain_before, pain_during, pain_after, pain_next_morning, effort,
#  muscle_feel, notes, source, fingerprint)
SESSIONS = [
    (
        1,
        dt.date(2024, 3, 2),
        1,
        3.0,
        4.0,
        3.0,
        2.0,
        5.0,
        2,
        "first day, careful",
        "backtrack",
        "backtrack|2024-03-02|1",
    ),
    (
        2,
        dt.date(2024, 3, 4),
        1,
        2.0,
        3.0,
        2.0,
        None,
        6.0,
        3,
        "",
        "backtrack",
        "backtrack|2024-03-04|1",
    ),
    (
        3,
        dt.date(2024, 3, 4),
        2,
        None,
        None,
        None,
        None,
        None,
        None,
        "=evening walk",
        "strong",
        "strong|2024-03-04 18:00",
    ),
]
# (id, session_id, exercise_id, set_index, set_type, reps, seconds, load_kg, distance_m,
#  fingerprint)
SETS = [
    (1, 1, 1, 1, "normal", None, 20.0, None, None, "v1-set-1"),
    (2, 1, 1, 2, "normal", None, 25.0, None, None, "v1-set-2"),
    (3, 1, 2, 1, "warmup", 8, None, None, None, "v1-set-3"),
    (4, 2, 2, 1, "normal", 10, None, None, None, "v1-set-4"),
    (5, 2, 4, 1, "normal", 8, None, 5.0, None, "v1-set-5"),
    (6, 3, 3, 1, "normal", None, 1800.0, None, 2400.0, "v1-set-6"),
]
# (date, pain, stiffness, trust, walking_minutes, flare, notes, source)
CHECKINS = [
    (dt.date(2024, 3, 2), 3.0, 4.0, 5.0, 20.0, False, "", "backtrack"),
    (dt.date(2024, 3, 3), 5.0, 6.0, 4.0, None, True, "bent to pick up a box", "backtrack"),
    (dt.date(2024, 3, 4), 2.0, 3.0, 6.0, 30.0, False, "<b>better</b>", "backtrack"),
]


def build(target: Path = TARGET) -> Path:
    target.unlink(missing_ok=True)
    # Small blocks keep the committed file small; DuckDB reads the block size from the file.
    con = duckdb.connect()
    con.execute("ATTACH ? AS v1 (BLOCK_SIZE 16384)", [str(target)])
    con.execute("USE v1")
    try:
        first = [m for m in MIGRATIONS if m[0] == 1]
        with (
            mock.patch.object(storage, "MIGRATIONS", first),
            mock.patch.object(storage, "latest_version", lambda: 1),
        ):
            storage._migrate(con, str(target))
        con.execute("INSERT INTO profile VALUES (?, ?, ?, ?)", list(PROFILE))
        con.executemany(
            "INSERT INTO exercises (id, user_id, name, family, kind, ladder_rank, builtin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [[e[0], USER, *e[1:]] for e in EXERCISES],
        )
        con.executemany(
            "INSERT INTO sessions (id, user_id, date, session_no, pain_before, pain_during, "
            "pain_after, pain_next_morning, effort, muscle_feel, notes, source, fingerprint) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[s[0], USER, *s[1:]] for s in SESSIONS],
        )
        con.executemany(
            "INSERT INTO sets (id, user_id, session_id, exercise_id, set_index, set_type, reps, "
            "seconds, load_kg, distance_m, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[s[0], USER, *s[1:]] for s in SETS],
        )
        con.executemany(
            "INSERT INTO checkins (user_id, date, pain, stiffness, trust, walking_minutes, "
            "flare, notes, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[USER, *c] for c in CHECKINS],
        )
        # Sequences continue after the explicit ids, as they would have in a real v1 file.
        for sequence, count in (
            ("exercise_id", len(EXERCISES)),
            ("session_id", len(SESSIONS)),
            ("set_id", len(SETS)),
        ):
            con.execute("SELECT nextval(?) FROM range(?)", [sequence, count]).fetchall()
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return target


if __name__ == "__main__":
    print(build())
