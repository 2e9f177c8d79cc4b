"""Export -> import into an empty database -> export gives the same bytes."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehab_core import csvformat, importing
from rehab_core.catalog import SEED_EXERCISES
from rehab_core.models import Checkin, Session, SetEntry
from rehab_core.storage import Database

TODAY = dt.date(2026, 1, 1)


def exported(store) -> tuple[str, str]:
    return (
        csvformat.write_sessions_csv(store.export_sets()),
        csvformat.write_checkins_csv(store.export_checkins()),
    )


def reimported(sessions_csv: str, checkins_csv: str):
    store = Database(":memory:").store()
    if sessions_csv.count("\n") > 1:
        importing.import_bytes(store, sessions_csv.encode())
    if checkins_csv.count("\n") > 1:
        importing.import_bytes(store, checkins_csv.encode())
    return store


def test_spreadsheet_guard_round_trips_every_prefix():
    for text in ["=SUM(A1)", "+1", "-2 kg", "@home", "'=quoted", "plain", "'apostrophe", ""]:
        assert csvformat.strip_spreadsheet_guard(csvformat.spreadsheet_safe(text)) == text


def test_exports_guard_cells_a_spreadsheet_would_run():
    store = Database(":memory:").store()
    store.save_session(
        Session(dt.date(2025, 1, 2), (SetEntry("Plank", seconds=30),), notes="=1+1"), TODAY
    )
    assert "'=1+1" in exported(store)[0]


def test_a_handmade_history_round_trips():
    store = Database(":memory:").store()
    store.save_session(
        Session(
            dt.date(2025, 1, 2),
            (
                SetEntry("45° back extension", 1, "warmup", reps=8),
                SetEntry("45° back extension", 2, reps=10, load_kg=2.5),
                SetEntry("Walking", 1, seconds=1200.5, distance_m=1600),
            ),
            pain_before=2,
            pain_during=3,
            pain_after=2,
            effort=6.5,
            muscle_feel=2,
            notes='said "fine", then; stiff\nnext line',
        ),
        TODAY,
    )
    store.save_checkin(Checkin(dt.date(2025, 1, 2), pain=3, trust=7, notes="+ok"), TODAY)
    first = exported(store)
    assert exported(reimported(*first)) == first


names = st.sampled_from(
    [e.name for e in SEED_EXERCISES] + ["=HYPERLINK(x)", "Farmer's carry", "Ab wheel, kneeling"]
)
note_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")) | st.just("\n"),
    max_size=30,
).map(str.strip)
amount = st.none() | st.floats(0.001, 300, allow_nan=False).map(lambda v: round(v, 3))


@st.composite
def sessions(draw):
    exercises = draw(st.lists(names, min_size=1, max_size=3, unique=True))
    sets = []
    for exercise in exercises:
        for index in range(1, draw(st.integers(1, 3)) + 1):
            sets.append(
                SetEntry(
                    exercise,
                    index,
                    draw(st.sampled_from(["normal", "warmup", "dropset", "failure"])),
                    reps=draw(st.integers(1, 30)),
                    seconds=draw(amount),
                    load_kg=draw(amount),
                    distance_m=draw(amount),
                )
            )
    pain = st.none() | st.integers(0, 10)
    return Session(
        draw(st.dates(dt.date(2020, 1, 1), TODAY)),
        tuple(sets),
        pain_before=draw(pain),
        pain_during=draw(pain),
        pain_after=draw(pain),
        pain_next_morning=draw(pain),
        effort=draw(st.none() | st.floats(0, 10).map(lambda v: round(v, 1))),
        muscle_feel=draw(st.none() | st.integers(0, 3)),
        notes=draw(note_text),
    )


checkins = st.builds(
    Checkin,
    date=st.dates(dt.date(2020, 1, 1), TODAY),
    pain=st.integers(0, 10),
    stiffness=st.none() | st.integers(0, 10),
    trust=st.none() | st.integers(0, 10),
    walking_minutes=st.none() | st.floats(0, 600).map(lambda v: round(v, 1)),
    flare=st.booleans(),
    notes=note_text,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(sessions(), max_size=4), st.lists(checkins, max_size=4))
def test_export_import_export_is_identical_on_generated_histories(history, diary):
    store = Database(":memory:").store()
    for session in history:
        store.save_session(session, TODAY)
    for checkin in diary:
        store.save_checkin(checkin, TODAY)
    first = exported(store)
    assert exported(reimported(*first)) == first
