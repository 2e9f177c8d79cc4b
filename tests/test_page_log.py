"""The Log page, driven through its widgets."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest
from support import checkin, holds, page

from rehab_core.storage import Database


def _open() -> AppTest:
    return AppTest.from_file(page("log.py"), default_timeout=30).run()


def _fill_grid(at: AppTest, rows: list[dict]) -> None:
    key = f"sets_editor_{at.session_state['grid_version']}"
    at.session_state[key] = {"edited_rows": {}, "added_rows": rows, "deleted_rows": []}


def _slider(at: AppTest, label: str):
    return next(s for s in at.slider if s.label == label)


def _pain(at: AppTest, label: str):
    return next(s for s in at.select_slider if s.label == label)


def _tables(at: AppTest):
    return [d for d in at.dataframe if d.editing_mode == "read_only"]


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_empty_database_shows_friendly_empty_history(app_db):
    at = _open()
    assert not at.exception
    assert any("No sessions yet" in i.value for i in at.info)
    assert any("Sets start from a blank sheet" in c.value for c in at.caption)


def test_logging_a_session_lands_in_the_database_and_history(app_db):
    at = _open()
    _fill_grid(
        at,
        [
            {"exercise": "Prone extension hold", "seconds": 10},
            {"exercise": "Prone extension hold", "seconds": 10},
            {"exercise": "Bird dog", "reps": 8},
        ],
    )
    _pain(at, "Pain before").set_value(2)
    _pain(at, "Worst pain during").set_value(3)
    at.text_area[0].input("felt steady")
    _button(at, "Save session").click().run()
    assert not at.exception and not at.error
    assert any("saved" in s.value for s in at.success)

    store = Database(app_db).store()
    session = store.last_session()
    assert [s.exercise for s in session.sets] == ["Prone extension hold"] * 2 + ["Bird dog"]
    assert [s.set_index for s in session.sets] == [1, 2, 1]
    assert (session.pain_before, session.pain_during, session.notes) == (2, 3, "felt steady")
    history = _tables(at)[0].value
    assert "Bird dog, Prone extension hold" in history["exercises"].tolist()


def test_a_session_needs_its_worst_pain_rated(app_db):
    at = _open()
    _fill_grid(at, [{"exercise": "Bird dog", "reps": 8}])
    assert _pain(at, "Worst pain during").value == "–"  # unrated until the person rates it
    _button(at, "Save session").click().run()
    assert any("rate your worst pain during" in e.value for e in at.error)
    assert Database(app_db).store().counts()["sets"] == 0


def test_invalid_sets_show_an_error_and_write_nothing(app_db):
    at = _open()
    _fill_grid(at, [{"exercise": "Bird dog", "reps": 500}])
    _pain(at, "Worst pain during").set_value(1)
    _button(at, "Save session").click().run()
    assert any("reps must be between 0 and 200" in e.value for e in at.error)
    assert Database(app_db).store().counts()["sets"] == 0


def test_empty_session_is_refused(app_db):
    at = _open()
    _pain(at, "Worst pain during").set_value(0)
    _button(at, "Save session").click().run()
    assert any("at least one set" in e.value for e in at.error)


def test_last_session_prefills_the_grid(app_db):
    Database(app_db).store().save_session(holds(dt.date.today() - dt.timedelta(days=1)))
    at = _open()
    grid = at.data_editor[0].value
    assert grid["exercise"].tolist() == ["Prone extension hold"] * 3


def test_plan_hand_off_prefills_the_grid(app_db):
    at = AppTest.from_file(page("log.py"), default_timeout=30)
    at.session_state["prefill_sets"] = [
        {"exercise": "Bird dog", "set_type": "normal", "reps": 10, "seconds": None, "load_kg": None}
    ]
    at.run()
    assert at.data_editor[0].value["exercise"].tolist() == ["Bird dog"]
    assert any("today's plan" in c.value for c in at.caption)


def test_daily_checkin_is_saved_and_listed(app_db):
    at = _open()
    _slider(at, "Pain now").set_value(4)
    _slider(at, "Trust in my back").set_value(6)
    at.number_input[0].set_value(25)
    _button(at, "Save check-in").click().run()
    assert not at.exception
    saved = Database(app_db).store().checkin(dt.date.today())
    assert (saved.pain, saved.trust, saved.walking_minutes) == (4, 6, 25)
    assert len(_tables(at)) == 1  # check-ins table (no sessions yet)


def test_delete_asks_for_confirmation(app_db):
    Database(app_db).store().save_session(holds(dt.date.today()))
    at = _open()
    _button(at, "Delete…").click().run()
    assert Database(app_db).store().counts()["sessions"] == 1
    assert any("cannot be undone" in w.value for w in at.warning)
    _button(at, "Yes, delete it").click().run()
    assert Database(app_db).store().counts()["sessions"] == 0


def test_edit_loads_the_session_and_saving_replaces_it(app_db):
    store = Database(app_db).store()
    store.save_session(holds(dt.date.today(), pain_during=2))
    at = _open()
    _button(at, "Edit").click().run()
    assert any("Editing the session" in i.value for i in at.info)
    assert _pain(at, "Worst pain during").value == 2  # the session's own rating
    _pain(at, "Worst pain during").set_value(1)
    _button(at, "Save session").click().run()
    counts = Database(app_db).store().counts()
    assert counts["sessions"] == 1
    assert Database(app_db).store().last_session().pain_during == 1


def test_next_morning_prompt_saves_yesterdays_pain(app_db):
    Database(app_db).store().save_session(
        holds(dt.date.today() - dt.timedelta(days=1), pain_before=1, pain_during=2)
    )
    at = _open()
    assert at.button(key="save_next_morning").disabled  # nothing chosen, nothing to save
    at.pills(key="next_morning").set_value(1).run()
    at.button(key="save_next_morning").click().run()
    assert Database(app_db).store().last_session().pain_next_morning == 1


def test_deleting_a_checkin_asks_first(app_db):
    Database(app_db).store().save_checkin(checkin(dt.date.today(), pain=3))
    at = _open()
    _button(at, "Delete check-in…").click().run()
    assert Database(app_db).store().checkin(dt.date.today()) is not None
    _button(at, "Keep check-in").click().run()
    assert Database(app_db).store().checkin(dt.date.today()) is not None
    _button(at, "Delete check-in…").click().run()
    _button(at, "Yes, delete check-in").click().run()
    assert Database(app_db).store().checkin(dt.date.today()) is None
    assert any("Check-in deleted" in s.value for s in at.success)
