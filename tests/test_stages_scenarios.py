"""Scenarios from the stage rules: where a person stands on chosen days.

Each scenario is a small diary (tests/helpers_history.py); the expected days follow from
the gates: stage 1 needs 14 days, stage 2 ends no earlier than day 42, stage 3 lasts at
least 28 days and stage 4 at least 56.
"""

from __future__ import annotations

import pytest
from helpers_history import (
    AMBER,
    RED,
    START,
    UNRATED,
    day,
    history,
    holds,
    session,
    sets,
    steady_history,
)

from rehab_core.stages import STAGE_NAMES, assess, duration

STEADY = steady_history(200)


def _stage(h, n: int) -> int:
    return assess(h, day(n)).stage


def _gates(h, n: int) -> dict:
    return {g.name: g for g in assess(h, day(n)).gates}


@pytest.mark.parametrize(
    ("n", "stage"),
    [(0, 1), (13, 1), (14, 2), (41, 2), (42, 3), (69, 3), (70, 4), (125, 4), (126, 5), (199, 5)],
)
def test_steady_progress_moves_through_all_five_stages(n, stage):
    assert _stage(STEADY, n) == stage


def test_steady_progress_timeline_has_one_period_per_stage():
    status = assess(STEADY, day(199))
    assert [(p.stage, (p.start - START).days) for p in status.timeline] == [
        (1, 0),
        (2, 14),
        (3, 42),
        (4, 70),
        (5, 126),
    ]
    assert [(p.end - START).days for p in status.timeline[:-1]] == [13, 41, 69, 125]
    assert status.timeline[-1].end is None


def test_stage_one_waits_for_fourteen_days_even_when_all_else_holds():
    gates = _gates(STEADY, 13)
    assert not gates["days_in_stage"].met
    assert all(g.met for name, g in gates.items() if name != "days_in_stage")


def test_stage_two_waits_for_the_six_watering_weeks():
    gates = _gates(STEADY, 41)
    assert not gates["days_in_program"].met
    assert gates["days_in_program"].current == 41 and gates["days_in_program"].target == 42


def test_stage_three_gate_compares_work_with_its_first_week():
    gate = _gates(STEADY, 69)["extension_work"]
    assert gate.target == 270  # 1.5 x (3 x 10 reps x 3 s + 3 x 30 s)
    assert gate.current == 300 and gate.met


def test_stage_three_work_gate_reads_in_minutes_and_seconds():
    gate = _gates(STEADY, 69)["extension_work"]
    assert gate.text.startswith(
        "Longest time under tension in one session: 5 min; goal 4 min 30 s "
        "(1.5 × your first week's best"
    )


@pytest.mark.parametrize(
    ("seconds", "words"), [(45, "45 s"), (60, "1 min"), (204, "3 min 24 s"), (224.6, "3 min 45 s")]
)
def test_durations_read_as_minutes_and_seconds(seconds, words):
    assert duration(seconds) == words


def test_stage_five_has_no_gate_and_counts_time():
    status = assess(STEADY, day(199))
    assert status.gates == () and status.days_in_stage == 73


def test_stage_names_and_status_agree():
    status = assess(STEADY, day(50))
    assert status.stage_name == STAGE_NAMES[3] == "Strength gains & progression"
    assert status.week == 8 and status.program_start == START


# -- someone who rushes into heavy loading -------------------------------------------------
def _rusher(pain_of_day, gentle_days: int = 7) -> object:
    """A week of gentle holds (or none), then heavy loaded extensions every day."""
    first_week = [holds(n) for n in range(gentle_days)]
    heavy = [
        session(n, sets("45° back extension (weighted)", 4, reps=10, load_kg=30), pain_of_day(n))
        for n in range(gentle_days, 40)
    ]
    return history(first_week + heavy)


def test_heavy_loading_that_hurts_keeps_a_rusher_in_stage_one():
    rusher = _rusher(lambda n: RED if n % 3 == 0 else AMBER)
    status = assess(rusher, day(39))
    assert status.stage == 1 and status.deload
    assert any(e.kind == "step_back" for e in status.events)


def test_heavy_loading_without_holds_does_not_open_stage_one():
    rusher = _rusher(lambda n: None, gentle_days=0)  # pain-free, but never an extension hold
    gates = _gates(rusher, 30)
    assert assess(rusher, day(30)).stage == 1
    assert not gates["extension_holds"].met
    assert gates["recent_sessions_green"].met


# -- a long break --------------------------------------------------------------------------
BREAK = steady_history(59)  # last session on day 58, in stage 3


@pytest.mark.parametrize(("n", "stage"), [(58, 3), (78, 3), (79, 2), (99, 2), (100, 1), (200, 1)])
def test_a_long_break_drops_one_stage_every_three_weeks(n, stage):
    assert _stage(BREAK, n) == stage


def test_a_long_break_says_welcome_back():
    status = assess(BREAK, day(80))
    assert "welcome_back" in {m.kind for m in status.messages}
    assert [e.kind for e in status.events if e.kind == "gap"] == ["gap"]


def test_a_break_shorter_than_three_weeks_changes_nothing():
    pause = steady_history(120, skip=set(range(43, 60)))  # day 42, then day 60: 17 days off
    assert [_stage(pause, n) for n in (59, 60, 65)] == [3, 3, 3]


# -- repeated flare-ups --------------------------------------------------------------------
FLARES = steady_history(120, d44=RED, d51=RED)  # two red sessions a week apart in stage 3


@pytest.mark.parametrize(("n", "stage"), [(44, 3), (50, 3), (51, 2), (64, 2), (65, 3)])
def test_a_second_red_within_two_weeks_steps_back_one_stage(n, stage):
    assert _stage(FLARES, n) == stage


def test_a_red_session_starts_a_deload_week():
    assert [assess(FLARES, day(n)).deload for n in (43, 44, 51, 58, 59)] == [
        False,
        True,
        True,
        True,
        False,
    ]


def test_step_back_message_is_calm_and_says_why():
    messages = {m.kind: m.text for m in assess(FLARES, day(53)).messages}
    assert "Two red sessions within two weeks" in messages["step_back"]
    assert "not a failure" in messages["step_back"]


def test_two_reds_more_than_two_weeks_apart_do_not_step_back():
    apart = steady_history(120, d44=RED, d61=RED)
    assert _stage(apart, 61) == 3


def test_a_flare_check_in_delays_the_gate_by_a_deload_week():
    flared = steady_history(60, flares={13})
    assert [_stage(flared, n) for n in (14, 20, 21)] == [1, 1, 2]
    assert assess(flared, day(13)).flare


def test_step_back_never_goes_below_stage_one():
    early = history([holds(n, pain=RED if n in (2, 4, 6) else None) for n in range(10)])
    status = assess(early, day(9))
    assert status.stage == 1 and [p.stage for p in status.timeline] == [1]


# -- an imported history without pain ratings ----------------------------------------------
IMPORTED = history([holds(n, pain=UNRATED) for n in range(60)])


def test_unrated_sessions_count_for_consistency_not_tolerance():
    gates = _gates(IMPORTED, 59)
    assert assess(IMPORTED, day(59)).stage == 1
    assert gates["sessions_14d"].met
    assert not gates["recent_sessions_green"].met
    assert "Rate pain" in gates["recent_sessions_green"].hint


def test_without_check_ins_trust_is_not_tracked_and_holds():
    gate = _gates(IMPORTED, 59)["trust_7d"]
    assert gate.met and gate.current is None and "not tracked" in gate.text


def test_stage_two_without_any_walks_logged_hints_to_log_them():
    quiet = history([holds(n) for n in range(30)])
    gate = _gates(quiet, 29)["walking_7d"]
    assert not gate.met and "Log your walks" in gate.hint


# -- program start and odd inputs ----------------------------------------------------------
def test_program_starts_on_the_first_session_without_a_profile_date():
    status = assess(history([holds(3), holds(4)]), day(10))
    assert status.program_start == day(3) and status.week == 2


def test_profile_starting_stage_is_the_stage_on_day_one():
    status = assess(history([holds(0)], start=START, starting_stage=3), day(0))
    assert status.stage == 3 and status.stage_started == START


def test_sessions_after_today_are_ignored():
    assert _stage(STEADY, 13) == assess(steady_history(14), day(13)).stage == 1


def test_an_empty_history_is_stage_one_not_started():
    status = assess(history(), day(0))
    assert (status.stage, status.program_start, status.week) == (1, None, 0)
    assert status.timeline[0].end is None


def test_as_dict_has_the_cli_shape():
    data = assess(STEADY, day(50)).as_dict()
    assert set(data) == {
        "stage",
        "stage_name",
        "stage_started",
        "program_start",
        "week",
        "deload",
        "flare",
        "gates",
        "timeline",
    }
    assert set(data["gates"][0]) == {"name", "current", "target", "met"}
    assert data["timeline"][-1] == {"stage": 3, "start": "2025-02-17", "end": None}
