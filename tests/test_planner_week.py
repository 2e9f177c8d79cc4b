"""The week plan: how many sessions by stage, rest between loaded days, calm after a flare."""

from __future__ import annotations

import pytest
from helpers_history import START, checkin, day, history, holds, steady_history

from rehab_core.planner import next_session, week_plan


def _kinds(h, n: int) -> list[str]:
    return [d.kind for d in week_plan(h, day(n))]


@pytest.mark.parametrize(("stage", "sessions"), [(1, 6), (2, 5), (3, 4), (4, 3), (5, 2)])
def test_sessions_per_week_follow_the_stage(stage, sessions):
    h = history([], start=START, starting_stage=stage)
    assert _kinds(h, 0).count("session") == sessions


def test_the_plan_covers_the_next_seven_days_from_today():
    plan = week_plan(history(), day(3))
    assert [d.date for d in plan] == [day(n) for n in range(3, 10)]


def test_stages_one_to_three_fill_other_days_with_walks():
    h = history([], start=START, starting_stage=2)
    assert set(_kinds(h, 0)) == {"session", "walk"}


def test_loaded_stages_leave_48_hours_between_sessions():
    h = steady_history(100)  # stage 4 from day 70
    plan = week_plan(h, day(99))
    days = [(d.date - START).days for d in plan if d.kind == "session"]
    assert all(b - a >= 2 for a, b in zip(days, days[1:], strict=False))
    last_session = 98  # day 98 was a loaded session
    assert days[0] - last_session >= 2


def test_loaded_stages_rest_the_day_after_a_session():
    h = history([], start=START, starting_stage=4)
    kinds = _kinds(h, 0)
    assert kinds[0] == "session" and kinds[1] == "rest"


def test_a_session_logged_today_moves_the_next_one_on():
    h = history([holds(0), holds(1)])
    assert week_plan(h, day(1))[0].kind == "session"
    assert next_session(h, day(1)).date == day(2)


def test_a_flare_today_means_walks_only_until_it_settles():
    h = history([holds(n) for n in range(5)], [checkin(5, flare=True)])
    assert _kinds(h, 5)[:2] == ["walk", "walk"]


def test_a_start_date_ahead_puts_the_first_session_on_it():
    h = history([], start=day(10))
    assert next_session(h, day(7)).date == day(10)
    assert _kinds(h, 7)[:3] == ["walk", "walk", "walk"]
