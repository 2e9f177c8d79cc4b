"""Backtrack's own CSV format: the contract other parts rely on."""

from __future__ import annotations

import datetime as dt

from support import checkin, holds

from rehab_core import csvformat, importing
from rehab_core.models import Session, SetEntry

DAY = dt.date(2025, 3, 3)


def _export(store) -> tuple[str, str]:
    return (
        csvformat.write_sessions_csv(store.export_sets()),
        csvformat.write_checkins_csv(store.export_checkins()),
    )


def test_sessions_csv_has_the_contract_header(store):
    text, _ = _export(store)
    assert text.splitlines()[0] == (
        "date,session,exercise,set_index,set_type,reps,seconds,load_kg,distance_m,"
        "pain_before,pain_during,pain_after,pain_next_morning,effort,notes,muscle_feel"
    )


def test_export_import_export_is_identical(db, store):
    store.save_session(
        Session(
            date=DAY,
            sets=(
                SetEntry("Prone extension hold", 1, seconds=10),
                SetEntry("45° back extension (weighted)", 1, "warmup", reps=8, load_kg=2.5),
                SetEntry("Walking", 1, seconds=1500, distance_m=2100),
            ),
            pain_before=2,
            pain_during=3,
            effort=6.5,
            muscle_feel=2,
            notes='=SUM(A1) "quoted", comma; and\na newline',
        ),
        today=DAY,
    )
    store.save_session(holds(DAY), today=DAY)
    store.save_checkin(checkin(DAY, pain=2, trust=7, walking_minutes=25, flare=True), today=DAY)
    sessions, checkins = _export(store)

    fresh = type(db)(":memory:").store()
    fresh.import_batch(importing.parse(sessions.encode()))
    fresh.import_batch(importing.parse(checkins.encode()))
    assert _export(fresh) == (sessions, checkins)


def test_formula_like_text_is_guarded_for_spreadsheets(store):
    store.save_session(
        Session(date=DAY, sets=(SetEntry("Bird dog", reps=8),), notes="+1 rep next time"),
        today=DAY,
    )
    text, _ = _export(store)
    assert ",'+1 rep next time," in text


def test_importing_the_same_file_twice_adds_nothing(store):
    text = "date,exercise,seconds\n2025-03-03,Prone extension hold,10\n2025-03-03,Bird dog,\n"
    text = text.replace("Bird dog,", "Bird dog,5")
    first = store.import_batch(importing.parse(text.encode()))
    second = store.import_batch(importing.parse(text.encode()))
    assert (first.sets_added, first.sessions_added) == (2, 1)
    assert (second.sets_added, second.sessions_added, second.duplicates_skipped) == (0, 0, 2)


def test_missing_columns_mean_not_recorded(store):
    batch = importing.parse(b"date,exercise,reps\n2025-03-03,Bird dog,8\n")
    store.import_batch(batch)
    session = store.last_session()
    assert session.pain_during is None and session.sets[0].reps == 8


def test_bad_rows_are_named_by_line_and_the_rest_imports(store):
    text = (
        "date,exercise,reps\n"
        "2025-03-03,Bird dog,8\n"
        "03/03/2025x,Bird dog,8\n"
        "2025-03-04,Bird dog,eight\n"
        "2025-03-05,,8\n"
        "2025-03-06,Bird dog,8\n"
    )
    batch = importing.parse(text.encode())
    result = store.import_batch(batch)
    assert [e.line for e in result.errors] == [3, 4, 5]
    assert "reps" in result.errors[1].message
    assert result.sets_added == 2 and result.rows_skipped == 3


def test_checkins_csv_reads_flare_yes_no(store):
    text = "date,pain,trust,flare,notes\n2025-03-03,6,2,yes,bent over\n2025-03-04,3,5,no,\n"
    store.import_batch(importing.parse(text.encode()))
    assert store.checkin(DAY).flare is True
    assert store.checkin(DAY + dt.timedelta(days=1)).flare is False


def test_unknown_exercise_names_become_custom_exercises(store):
    store.import_batch(importing.parse(b"date,exercise,reps\n2025-03-03,Jefferson curl,5\n"))
    assert "Jefferson curl" in store.exercise_names()
