"""Numbered schema migrations, recorded in `schema_migrations` (the sqlite-utils pattern).

Append new steps; never edit one that has shipped. DuckDB refuses many ALTERs on tables
with keys, so a step that reshapes such a table creates a new one, copies, and renames.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb


def _m001_foundation(cur: duckdb.DuckDBPyConnection) -> None:
    cur.execute("CREATE SEQUENCE exercise_id START 1")
    cur.execute("CREATE SEQUENCE session_id START 1")
    cur.execute("CREATE SEQUENCE set_id START 1")
    cur.execute(
        """CREATE TABLE profile (
            user_id VARCHAR PRIMARY KEY,
            start_date DATE,
            starting_stage INTEGER NOT NULL DEFAULT 1,
            units VARCHAR NOT NULL DEFAULT 'kg'
        )"""
    )
    cur.execute(
        """CREATE TABLE exercises (
            id BIGINT PRIMARY KEY DEFAULT nextval('exercise_id'),
            user_id VARCHAR NOT NULL,
            name VARCHAR NOT NULL,
            family VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            ladder_rank INTEGER,
            builtin BOOLEAN NOT NULL DEFAULT FALSE
        )"""
    )
    cur.execute(
        """CREATE TABLE sessions (
            id BIGINT PRIMARY KEY DEFAULT nextval('session_id'),
            user_id VARCHAR NOT NULL,
            date DATE NOT NULL,
            session_no INTEGER NOT NULL,
            pain_before DOUBLE,
            pain_during DOUBLE,
            pain_after DOUBLE,
            pain_next_morning DOUBLE,
            effort DOUBLE,
            muscle_feel INTEGER,
            notes VARCHAR NOT NULL DEFAULT '',
            source VARCHAR NOT NULL DEFAULT 'backtrack',
            fingerprint VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        )"""
    )
    cur.execute(
        """CREATE TABLE sets (
            id BIGINT PRIMARY KEY DEFAULT nextval('set_id'),
            user_id VARCHAR NOT NULL,
            session_id BIGINT NOT NULL,
            exercise_id BIGINT NOT NULL,
            set_index INTEGER NOT NULL,
            set_type VARCHAR NOT NULL DEFAULT 'normal',
            reps INTEGER,
            seconds DOUBLE,
            load_kg DOUBLE,
            distance_m DOUBLE,
            fingerprint VARCHAR NOT NULL
        )"""
    )
    cur.execute(
        """CREATE TABLE checkins (
            user_id VARCHAR NOT NULL,
            date DATE NOT NULL,
            pain DOUBLE,
            stiffness DOUBLE,
            trust DOUBLE,
            walking_minutes DOUBLE,
            flare BOOLEAN NOT NULL DEFAULT FALSE,
            notes VARCHAR NOT NULL DEFAULT '',
            source VARCHAR NOT NULL DEFAULT 'backtrack',
            PRIMARY KEY (user_id, date)
        )"""
    )


def _m002_outcomes_and_red_flags(cur: duckdb.DuckDBPyConnection) -> None:
    cur.execute("CREATE SEQUENCE outcome_id START 1")
    cur.execute("CREATE SEQUENCE red_flag_id START 1")
    cur.execute(
        """CREATE TABLE outcome_scores (
            id BIGINT PRIMARY KEY DEFAULT nextval('outcome_id'),
            user_id VARCHAR NOT NULL,
            date DATE NOT NULL,
            measure VARCHAR NOT NULL,
            score DOUBLE NOT NULL,
            created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        )"""
    )
    cur.execute(
        """CREATE TABLE outcome_answers (
            user_id VARCHAR NOT NULL,
            score_id BIGINT NOT NULL,
            position INTEGER NOT NULL,
            item VARCHAR NOT NULL,
            value DOUBLE NOT NULL
        )"""
    )
    cur.execute(
        """CREATE TABLE red_flags (
            id BIGINT PRIMARY KEY DEFAULT nextval('red_flag_id'),
            user_id VARCHAR NOT NULL,
            date DATE NOT NULL,
            flag VARCHAR NOT NULL,
            urgency VARCHAR NOT NULL,
            source VARCHAR NOT NULL,
            recorded_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
            cleared_on DATE,
            cleared_note VARCHAR NOT NULL DEFAULT ''
        )"""
    )
    cur.execute(
        """CREATE TABLE red_flag_screenings (
            user_id VARCHAR NOT NULL,
            date DATE NOT NULL,
            flags_found INTEGER NOT NULL,
            recorded_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        )"""
    )


def _m003_import_mappings(cur: duckdb.DuckDBPyConnection) -> None:
    # The column mapping a person chose for a file layout, so the next file with the
    # same header imports without asking again.
    cur.execute(
        """CREATE TABLE import_mappings (
            user_id VARCHAR NOT NULL,
            header_key VARCHAR NOT NULL,
            mapping VARCHAR NOT NULL,
            saved_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
            PRIMARY KEY (user_id, header_key)
        )"""
    )


SET_COLUMNS = (
    "id, user_id, session_id, exercise_id, set_index, set_type, reps, seconds, load_kg, "
    "distance_m, fingerprint"
)


def _m004_sets_without_key_index(cur: duckdb.DuckDBPyConnection) -> None:
    # DuckDB keeps an index for a primary key and updates it with every row written: a
    # 100k-set import spent a tenth of its time there, and nothing reads sets by id alone.
    # Set ids come only from the set_id sequence (restore renumbers through it too), so
    # the key guarded against nothing our writes can do. DuckDB cannot drop a key: the
    # table is rebuilt, rows and ids unchanged.
    cur.execute(
        """CREATE TABLE sets_v4 (
            id BIGINT NOT NULL DEFAULT nextval('set_id'),
            user_id VARCHAR NOT NULL,
            session_id BIGINT NOT NULL,
            exercise_id BIGINT NOT NULL,
            set_index INTEGER NOT NULL,
            set_type VARCHAR NOT NULL DEFAULT 'normal',
            reps INTEGER,
            seconds DOUBLE,
            load_kg DOUBLE,
            distance_m DOUBLE,
            fingerprint VARCHAR NOT NULL
        )"""
    )
    cur.execute(
        f"INSERT INTO sets_v4 ({SET_COLUMNS}) SELECT {SET_COLUMNS} FROM sets ORDER BY id"  # noqa: S608
    )
    cur.execute("DROP TABLE sets")
    cur.execute("ALTER TABLE sets_v4 RENAME TO sets")


MIGRATIONS: list[tuple[int, str, Callable[[duckdb.DuckDBPyConnection], None]]] = [
    (1, "foundation", _m001_foundation),
    (2, "outcomes_and_red_flags", _m002_outcomes_and_red_flags),
    (3, "import_mappings", _m003_import_mappings),
    (4, "sets_without_key_index", _m004_sets_without_key_index),
]


def latest_version() -> int:
    return MIGRATIONS[-1][0]
