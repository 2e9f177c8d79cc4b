"""Properties of the stage replay over generated histories (hypothesis)."""

from __future__ import annotations

import datetime as dt

import hypothesis.strategies as st
from helpers_history import histories
from hypothesis import HealthCheck, given, settings

from rehab_core.rules import STAGE_RULES
from rehab_core.stages import assess
from rehab_core.storage import History

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(histories())
def test_the_stage_changes_at_most_once_a_day_and_one_step_at_a_time(case):
    h, today = case
    timeline = assess(h, today).timeline
    starts = [p.start for p in timeline]
    assert starts == sorted(set(starts))
    assert all(abs(b.stage - a.stage) == 1 for a, b in zip(timeline, timeline[1:], strict=False))


@PROPERTY
@given(histories())
def test_never_advances_during_a_deload(case):
    h, today = case
    events = assess(h, today).events
    flares = [e.date for e in events if e.kind == "flare"]
    window = dt.timedelta(days=STAGE_RULES.deload_days)
    for advance in (e.date for e in events if e.kind == "advance"):
        assert not any(f <= advance <= f + window for f in flares)


@PROPERTY
@given(histories(), st.randoms(use_true_random=False))
def test_replay_is_deterministic_and_ignores_row_order(case, rng):
    h, today = case

    def shuffled(frame):
        order = list(range(len(frame)))
        rng.shuffle(order)
        return frame.iloc[order]

    mixed = History(h.profile, shuffled(h.sessions), shuffled(h.sets), shuffled(h.checkins))
    assert assess(h, today) == assess(h, today) == assess(mixed, today)
