"""Many Streamlit sessions writing at once: every row lands, nobody sees an error.

All sessions of the app share one `Database` per process (STYLE.md); each thread below
plays one browser session. `Database.write` lets the writers of one process take turns
and retries the conflicts DuckDB's optimistic transactions can still raise, so the person
never notices.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

from streamlit.testing.v1 import AppTest
from support import page

from rehab_core.models import Checkin, Session, SetEntry
from rehab_core.storage import Database

THREADS = 8
SESSIONS_EACH = 100
TODAY = dt.date(2026, 6, 1)


def _together(work: Callable[[int], None], threads: int = THREADS) -> list[BaseException]:
    """Run `work(i)` in `threads` threads released at the same instant; return their errors."""
    start = threading.Barrier(threads)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        start.wait()
        try:
            work(i)
        except BaseException as exc:  # collected and asserted on, never swallowed
            errors.append(exc)

    pool = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in pool), "a writer hung"
    return errors


def _day(thread: int, n: int) -> dt.date:
    return TODAY - dt.timedelta(days=thread * SESSIONS_EACH + n)


def _session(date: dt.date, thread: int, n: int) -> Session:
    return Session(
        date=date,
        sets=(
            SetEntry("Prone extension hold", 1, seconds=10 + thread),
            SetEntry("Bird dog", 1, reps=n % 20 + 1),
        ),
        pain_before=2,
        pain_during=3,
        notes=f"thread {thread} session {n}",
    )


def test_eight_sessions_logging_at_once_lose_nothing(tmp_path):
    db = Database(tmp_path / "busy.duckdb")
    db.store()  # the app opens the database (and seeds the catalog) before any page runs

    def log_a_hundred(thread: int) -> None:
        store = db.store()
        for n in range(SESSIONS_EACH):
            date = _day(thread, n)
            store.save_session(_session(date, thread, n), TODAY)
            store.save_checkin(Checkin(date=date, pain=thread % 10, notes=f"t{thread}"), TODAY)

    try:
        errors = _together(log_a_hundred)
        counts = db.store().counts()
        notes = set(db.query("SELECT notes FROM sessions")["notes"])
    finally:
        db.close()
    assert errors == []
    assert counts == {
        "sessions": THREADS * SESSIONS_EACH,
        "sets": THREADS * SESSIONS_EACH * 2,
        "checkins": THREADS * SESSIONS_EACH,
    }
    assert notes == {
        f"thread {t} session {n}" for t in range(THREADS) for n in range(SESSIONS_EACH)
    }


def test_eight_sessions_on_the_same_day_get_distinct_numbers(tmp_path):
    db = Database(tmp_path / "same-day.duckdb")
    db.store()

    def log_one(thread: int) -> None:
        db.store().save_session(_session(TODAY, thread, 0), TODAY)

    try:
        errors = _together(log_one)
        numbers = sorted(db.query("SELECT session_no FROM sessions")["session_no"])
    finally:
        db.close()
    assert errors == []
    assert numbers == list(range(1, THREADS + 1))


def test_the_same_checkin_saved_by_eight_sessions_leaves_one_row(tmp_path):
    db = Database(tmp_path / "checkin.duckdb")
    db.store()

    def check_in(thread: int) -> None:
        db.store().save_checkin(Checkin(date=TODAY, pain=thread), TODAY)

    try:
        errors = _together(check_in)
        rows = db.store().checkins()
    finally:
        db.close()
    assert errors == []
    assert len(rows) == 1
    assert int(rows["pain"].iloc[0]) in range(THREADS)


def test_the_catalog_is_seeded_once_when_eight_sessions_open_together(tmp_path):
    with Database(tmp_path / "first-open.duckdb") as db:
        errors = _together(lambda _: db.store())
        builtin = db.query("SELECT name FROM exercises WHERE builtin")["name"].tolist()
    assert errors == []
    assert len(builtin) == len(set(builtin))


def test_a_new_exercise_added_by_eight_sessions_at_once_exists_once(tmp_path):
    db = Database(tmp_path / "custom.duckdb")
    db.store()

    def log_new_exercise(thread: int) -> None:
        session = Session(date=_day(thread, 0), sets=(SetEntry("Wall slide", 1, reps=10),))
        db.store().save_session(session, TODAY)

    try:
        errors = _together(log_new_exercise)
        names = db.query("SELECT name FROM exercises WHERE name = 'Wall slide'")["name"].tolist()
        sets = db.store().counts()["sets"]
    finally:
        db.close()
    assert errors == []
    assert sets == THREADS
    assert names == ["Wall slide"]


# -- two browser sessions on the Log page --------------------------------------------------
def _log_page_with_a_session(notes: str) -> AppTest:
    at = AppTest.from_file(page("log.py"), default_timeout=60).run()
    at.session_state[f"sets_editor_{at.session_state['grid_version']}"] = {
        "edited_rows": {},
        "added_rows": [{"exercise": "Prone extension hold", "seconds": 10}],
        "deleted_rows": [],
    }
    next(s for s in at.select_slider if s.label == "Worst pain during").set_value(1)
    at.text_area[0].input(notes)
    return at


def _click(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


def test_two_log_pages_saving_at_once_both_land(app_db):
    pages = [_log_page_with_a_session(f"browser {i}") for i in range(2)]
    outcomes: list[AppTest] = []

    def save(i: int) -> None:
        _click(pages[i], "Save session")
        outcomes.append(pages[i])

    errors = _together(save, threads=2)
    assert errors == []
    for at in outcomes:
        assert not at.exception
        assert not at.error
    db = Database(app_db)
    saved = db.query("SELECT notes, session_no FROM sessions ORDER BY notes")
    assert saved["notes"].tolist() == ["browser 0", "browser 1"]
    assert sorted(saved["session_no"]) == [1, 2]


def test_two_log_pages_checking_in_at_once_both_succeed(app_db):
    pages = [AppTest.from_file(page("log.py"), default_timeout=60).run() for _ in range(2)]
    errors = _together(lambda i: _click(pages[i], "Save check-in"), threads=2)
    assert errors == []
    assert all(not at.exception and not at.error for at in pages)
    assert len(Database(app_db).store().checkins()) == 1
