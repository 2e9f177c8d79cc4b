"""Red flags and the outcomes prompt on the pages: stop messages, screening, blocking Plan."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest
from support import holds, open_page

from rehab_core import outcomes, safety
from rehab_core.storage import Database

TODAY = dt.date.today()


def _person(app_db):
    return Database(app_db).store()


def _screened(app_db) -> None:
    safety.record_screening(_person(app_db), [], TODAY)


def _stop_messages(at: AppTest) -> list[str]:
    return [e.value for e in at.error if e.value.startswith("**Stop")]


def _click(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label == label).click().run()


def test_first_start_shows_the_red_flag_screening_on_log(app_db):
    at = open_page("log.py")
    assert any(s.value == "Before you start: a quick safety check" for s in at.subheader)


def test_a_screening_with_nothing_ticked_is_not_shown_again(app_db):
    at = open_page("log.py")
    _click(at, "Save my answers")
    assert safety.last_screening(_person(app_db)) == TODAY
    at.run()
    assert not any(s.value.startswith("Before you start") for s in at.subheader)


def test_a_red_flag_in_the_first_screening_shows_the_emergency_stop_message(app_db):
    at = open_page("log.py")
    at.checkbox(key="red_flag_first_start_bladder").check()
    _click(at, "Save my answers")
    [message] = _stop_messages(at)
    assert message.startswith("**Stop: get emergency care now.**")
    assert "emergency department now" in message
    assert [f.flag.key for f in safety.active_red_flags(_person(app_db))] == ["bladder"]


def test_ticking_something_new_on_log_records_it_and_shows_the_stop_message(app_db):
    _screened(app_db)
    at = open_page("log.py")
    assert _stop_messages(at) == []
    at.checkbox(key="red_flag_log_fever").check().run()
    [message] = _stop_messages(at)
    assert message.startswith("**Stop: see a doctor soon.**")
    assert "Fever or chills" in message
    [flag] = safety.active_red_flags(_person(app_db))
    assert (flag.flag.key, flag.date) == ("fever", TODAY)


def test_an_active_red_flag_keeps_showing_the_stop_message_on_log(app_db):
    _screened(app_db)
    safety.record_red_flags(_person(app_db), ["leg_weakness"], TODAY - dt.timedelta(days=1))
    at = open_page("log.py")
    assert "Leg weakness that is severe or getting worse" in _stop_messages(at)[0]
    # The program is paused: no session form invites more exercise.
    assert "Save session" not in [b.label for b in at.button]


def _clear(at: AppTest, confirmed: bool = True) -> AppTest:
    box = next(c for c in at.checkbox if (c.key or "").startswith("clear_red_flag_"))
    box.set_value(confirmed)
    return _click(at, "Mark it cleared")


def test_settings_marks_a_flag_cleared_by_a_clinician(app_db):
    _screened(app_db)
    safety.record_red_flags(_person(app_db), ["trauma"], TODAY)
    at = _clear(open_page("settings.py"))
    assert not at.exception
    assert safety.active_red_flags(_person(app_db)) == []


def test_a_flag_is_not_cleared_without_saying_a_clinician_checked_it(app_db):
    _screened(app_db)
    safety.record_red_flags(_person(app_db), ["trauma"], TODAY)
    at = _clear(open_page("settings.py"), confirmed=False)
    assert any("Until then the program stays paused" in e.value for e in at.error)
    assert [f.flag.key for f in safety.active_red_flags(_person(app_db))] == ["trauma"]


def test_settings_screening_records_a_flag(app_db):
    at = open_page("settings.py")
    at.checkbox(key="red_flag_settings_night_pain").check()
    _click(at, "Save my answers")
    assert "see a doctor soon" in _stop_messages(at)[0]
    assert safety.active_red_flags(_person(app_db))[0].source == "screening"


def test_settings_shows_the_storage_mode(app_db):
    at = open_page("settings.py")
    assert any(c.value.startswith("Local: your data is kept") for c in at.caption)


def test_log_asks_a_new_person_for_baseline_scores(app_db):
    _screened(app_db)
    at = open_page("log.py")
    assert any("Take your first scores" in i.value for i in at.info)


def test_log_prompts_for_outcomes_when_due(app_db):
    _screened(app_db)
    person = _person(app_db)
    outcomes.save_rmdq(
        person, TODAY - dt.timedelta(days=15), {n: False for n in range(1, 25)}, TODAY
    )
    at = open_page("log.py")
    assert any("two-weekly outcome check is due" in i.value for i in at.info)


def test_log_does_not_prompt_once_both_questionnaires_are_done(app_db):
    _screened(app_db)
    person = _person(app_db)
    outcomes.save_rmdq(person, TODAY, {n: False for n in range(1, 25)})
    outcomes.save_psfs(person, TODAY, {"Socks": 3, "Sitting": 4, "Gardening": 5})
    at = open_page("log.py")
    assert not any("outcome check is due" in i.value for i in at.info)


def _plan_subheaders(at: AppTest) -> list[str]:
    return [s.value for s in at.subheader]


def test_plan_shows_the_next_session_without_red_flags(app_db):
    _person(app_db).save_session(holds(TODAY - dt.timedelta(days=1), pain_during=1), TODAY)
    at = open_page("plan.py")
    assert not at.exception
    assert any(s.startswith("Next session") for s in _plan_subheaders(at))


def test_a_red_flag_blocks_progression_on_plan_and_points_to_care(app_db):
    person = _person(app_db)
    person.save_session(holds(TODAY - dt.timedelta(days=1), pain_during=1), TODAY)
    safety.record_red_flags(person, ["both_legs"], TODAY)
    at = open_page("plan.py")
    assert not at.exception
    assert any("no progression is shown" in w.value for w in at.warning)
    assert "emergency department now" in _stop_messages(at)[0]
    assert not any(s.startswith("Next session") for s in _plan_subheaders(at))
    assert not any(b.label == "Log this session" for b in at.button)


def test_clearing_the_flag_on_plan_brings_the_plan_back(app_db):
    person = _person(app_db)
    person.save_session(holds(TODAY - dt.timedelta(days=1), pain_during=1), TODAY)
    safety.record_red_flags(person, ["fever"], TODAY)
    at = _clear(open_page("plan.py"))
    assert any(s.startswith("Next session") for s in _plan_subheaders(at))
