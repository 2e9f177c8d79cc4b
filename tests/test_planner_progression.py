"""The next session: stage templates and the ladder's progression rules."""

from __future__ import annotations

from helpers_history import (
    AMBER,
    EASY,
    RED,
    START,
    UNRATED,
    checkin,
    day,
    history,
    holds,
    session,
    sets,
    steady_history,
)

from rehab_core.planner import next_session


def _dose(h, n: int) -> dict:
    """exercise -> (sets, reps, seconds, load_kg) of the prescription on day n."""
    return {
        e.exercise: (e.sets, e.reps, e.seconds, e.load_kg)
        for e in next_session(h, day(n)).exercises
    }


def _reps(
    n: int,
    reps: int,
    pain: dict = EASY,
    load: float | None = None,
    exercise: str = "45° back extension",
):
    return session(n, sets(exercise, 3, reps=reps, load_kg=load), pain)


def _stage3(*sessions, checkins=()):
    return history(list(sessions), list(checkins), start=START, starting_stage=3)


def test_first_session_is_stage_one_short_holds_and_a_walk():
    dose = _dose(history(), 0)
    assert dose == {
        "Prone extension hold": (4, None, 5.0, None),
        "Bird dog": (2, 8, None, None),
        "Walking": (1, None, 900.0, None),
    }


def test_two_green_sessions_in_a_row_earn_the_next_step():
    h = history([holds(0, seconds=5), holds(1, seconds=5)])
    assert _dose(h, 2)["Prone extension hold"][2] == 10


def test_one_green_session_repeats_the_step():
    h = history([holds(0, seconds=5, pain=AMBER), holds(1, seconds=5)])
    assert _dose(h, 2)["Prone extension hold"][2] == 5


def test_amber_repeats_the_step():
    h = _stage3(_reps(0, 12), _reps(2, 12, AMBER))
    assert _dose(h, 3)["45° back extension"][1] == 12


def test_unrated_repeats_the_step():
    h = _stage3(_reps(0, 12, UNRATED), _reps(2, 12, UNRATED))
    assert _dose(h, 3)["45° back extension"][1] == 12


def test_red_goes_one_step_back():
    h = _stage3(_reps(0, 15), _reps(2, 15, RED))
    assert _dose(h, 3)["45° back extension"][1] == 12


def test_ladder_steps_up_through_reps():
    h = _stage3(_reps(0, 12), _reps(2, 12))
    assert _dose(h, 3)["45° back extension"][1] == 15


def test_top_of_an_exercise_moves_to_the_next_ladder_exercise():
    h = history(
        [session(n, sets("Prone extension hold", 3, seconds=30)) for n in (0, 1)],
        start=START,
        starting_stage=2,
    )
    dose = _dose(h, 2)
    assert "Prone extension hold" not in dose
    assert dose["45° back extension hold"] == (3, None, 15.0, None)


def test_a_new_stage_starts_at_its_first_step():
    h = _stage3(session(0, sets("Bird dog", 2, reps=10)), session(1, sets("Bird dog", 2, reps=10)))
    assert _dose(h, 2)["45° back extension"] == (3, 10, None, None)


def test_no_loaded_extensions_before_stage_four_even_after_heavy_lifting():
    heavy = [_reps(n, 10, load=40, exercise="45° back extension (weighted)") for n in range(5)]
    for stage in (1, 2, 3):
        h = history(heavy, start=START, starting_stage=stage)
        assert all(e.load_kg is None for e in next_session(h, day(6)).exercises)


def test_stage_four_starts_loaded_extensions_at_the_smallest_plate():
    h = history([], start=START, starting_stage=4)
    assert _dose(h, 0)["45° back extension (weighted)"] == (3, 8, None, 2.5)


def test_stage_four_adds_a_plate_after_every_set_reached_twelve_green():
    weighted = "45° back extension (weighted)"
    h = history(
        [_reps(n, 12, load=5, exercise=weighted) for n in (0, 2)], start=START, starting_stage=4
    )
    assert _dose(h, 4)[weighted] == (3, 8, None, 7.5)


def test_deload_is_one_step_below_the_last_session():
    h = _stage3(_reps(0, 15), _reps(2, 15), checkins=[checkin(3, flare=True)])
    prescription = next_session(h, day(4))
    assert prescription.deload
    assert {e.exercise: e.reps for e in prescription.exercises}["45° back extension"] == 12


def test_stage_five_keeps_loading_twice_a_week():
    h = steady_history(200)
    dose = _dose(h, 199)
    assert dose["45° back extension (weighted)"][3] >= 2.5


def test_prefill_sets_has_one_row_per_set_in_kg():
    h = history([], start=START, starting_stage=4)
    rows = next_session(h, day(0)).prefill_sets()
    weighted = [r for r in rows if r["exercise"] == "45° back extension (weighted)"]
    assert len(weighted) == 3
    assert weighted[0] == {
        "exercise": "45° back extension (weighted)",
        "set_type": "normal",
        "reps": 8,
        "seconds": None,
        "load_kg": 2.5,
    }


def test_a_step_up_adds_one_set_first_and_keeps_the_hold():
    h = history([holds(0, seconds=8, count=3), holds(1, seconds=8, count=3)])
    assert _dose(h, 2)["Prone extension hold"] == (4, None, 8.0, None)


def test_with_the_stage_sets_done_a_step_up_is_the_next_rung_only():
    h = history([holds(0, seconds=8, count=4), holds(1, seconds=8, count=4)])
    assert _dose(h, 2)["Prone extension hold"] == (4, None, 10.0, None)


def test_an_added_set_needs_its_own_two_green_sessions():
    h = history([holds(0, seconds=8, count=3), holds(1, seconds=8, count=4)])
    assert _dose(h, 2)["Prone extension hold"] == (4, None, 8.0, None)


def test_the_reason_names_the_one_thing_that_changes():
    more_sets = history([holds(0, seconds=8, count=3), holds(1, seconds=8, count=3)])
    longer = history([holds(0, seconds=5), holds(1, seconds=5)])
    why = {e.exercise: e.why for e in next_session(more_sets, day(2)).exercises}
    assert why["Prone extension hold"] == "2 green sessions in a row: one more set, same 8 s holds."
    why = {e.exercise: e.why for e in next_session(longer, day(2)).exercises}
    assert why["Prone extension hold"] == "2 green sessions in a row: one step up, to 10 s holds."


def test_repeating_a_step_repeats_what_was_done():
    h = history([holds(0, seconds=8, count=3, pain=AMBER)])
    assert _dose(h, 1)["Prone extension hold"] == (3, None, 8.0, None)


def test_the_top_of_the_stage_range_is_kept_and_said_so():
    h = history([holds(0, seconds=10), holds(1, seconds=10)])
    (hold,) = [e for e in next_session(h, day(2)).exercises if e.exercise == "Prone extension hold"]
    assert (hold.sets, hold.seconds) == (4, 10.0)
    assert "top of this stage's range" in hold.why


def test_a_deload_at_the_easiest_rung_takes_one_set_off_and_says_so():
    h = history([holds(0, seconds=5), holds(1, seconds=5)], [checkin(2, flare=True)])
    (hold,) = [e for e in next_session(h, day(3)).exercises if e.exercise == "Prone extension hold"]
    assert (hold.sets, hold.seconds) == (3, 5.0)
    assert hold.why == "Easier week after a flare: one set fewer."


def test_a_deload_never_claims_a_step_below_when_there_is_none():
    h = history([holds(0, seconds=5), holds(1, seconds=5)], [checkin(2, flare=True)])
    (bird_dog,) = [e for e in next_session(h, day(3)).exercises if e.exercise == "Bird dog"]
    assert (bird_dog.sets, bird_dog.reps) == (2, 8)
    assert bird_dog.why == "Easier week: this stage's easiest step."
