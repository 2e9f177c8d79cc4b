"""The derived measures the gates read: extension work, walking, program start."""

from __future__ import annotations

from helpers_history import RED, START, checkin, day, history, holds, session, sets, walk

from rehab_core.measures import daily_measures, session_facts
from rehab_core.models import SetEntry
from rehab_core.stages import program_start


def _facts(*sessions):
    return session_facts(history(list(sessions)))


def test_extension_work_is_seconds_of_holds_plus_three_seconds_a_rep():
    facts = _facts(
        session(
            0, sets("Prone extension hold", 2, seconds=10) + sets("45° back extension", 3, reps=10)
        )
    )
    assert facts["work"].tolist() == [2 * 10 + 3 * 10 * 3]


def test_warm_up_sets_and_other_families_are_not_extension_work():
    warmup = SetEntry("45° back extension", 1, "warmup", reps=20)
    facts = _facts(session(0, [warmup] + sets("Glute bridge", 3, reps=10) + walk(30)))
    assert facts["work"].tolist() == [0]


def test_holds_of_ten_seconds_are_counted_per_session():
    facts = _facts(holds(0, seconds=10, count=3), holds(1, seconds=8, count=5))
    assert facts["holds_10s"].tolist() == [3, 0]


def test_walking_adds_check_in_minutes_and_walking_sets():
    h = history([session(0, walk(20))], [checkin(0, walking_minutes=15)])
    measures = daily_measures(h, day(0), day(0))
    assert measures.walking.tolist() == [35]


def test_heaviest_extension_load_and_loaded_sessions_per_day():
    h = history(
        [
            session(0, sets("45° back extension (weighted)", 3, reps=10, load_kg=7.5)),
            session(0, sets("45° back extension (weighted)", 1, reps=8, load_kg=10)),
        ]
    )
    measures = daily_measures(h, day(0), day(0))
    assert (measures.heaviest.tolist(), measures.loaded.tolist()) == ([10], [2])


def test_a_flare_check_in_and_a_red_session_are_flare_events():
    h = history([holds(1, pain=RED)], [checkin(0, flare=True)])
    assert daily_measures(h, day(0), day(2)).flare.tolist() == [1, 1, 0]


def test_program_start_is_the_profile_date_else_the_first_session():
    assert program_start(history([holds(5)], start=START)) == START
    assert program_start(history([holds(5), holds(9)])) == day(5)
    assert program_start(history()) is None
