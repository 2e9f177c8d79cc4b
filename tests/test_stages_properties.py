"""Properties of the stage replay over generated histories (hypothesis)."""

from __future__ import annotations

import datetime as dt

import hypothesis.strategies as st
from helpers_history import START, checkin, day, history, session, sets
from hypothesis import HealthCheck, given, settings

from rehab_core.models import Session
from rehab_core.rules import STAGE_RULES
from rehab_core.stages import assess
from rehab_core.storage import History

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PAIN = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "pain_before": st.integers(0, 4),
            "pain_during": st.one_of(st.none(), st.integers(0, 8)),
            "pain_next_morning": st.one_of(st.none(), st.integers(0, 6)),
        }
    ),
)
WORK = st.one_of(
    st.builds(lambda s: sets("Prone extension hold", 4, seconds=s), st.sampled_from([5, 10, 30])),
    st.builds(
        lambda s: sets("45° back extension hold", 3, seconds=s), st.sampled_from([20, 30, 60])
    ),
    st.builds(lambda r: sets("45° back extension", 3, reps=r), st.sampled_from([10, 15, 20])),
    st.builds(lambda r: sets("Bird dog", 2, reps=r), st.sampled_from([8, 10])),
    st.builds(
        lambda r, kg: sets("45° back extension (weighted)", 3, reps=r, load_kg=kg),
        st.sampled_from([8, 12]),
        st.sampled_from([2.5, 10, 40]),
    ),
    st.builds(lambda m: sets("Walking", 1, seconds=m * 60), st.integers(10, 40)),
)


@st.composite
def sessions_up_to(draw, days: int) -> list[Session]:
    picks = draw(st.lists(st.tuples(st.integers(0, days - 1), WORK, PAIN), max_size=days))
    return [session(n, work, pain) for n, work, pain in picks]


@st.composite
def histories(draw, max_days: int = 90) -> tuple[History, dt.date]:
    days = draw(st.integers(10, max_days))
    checkins = draw(
        st.lists(
            st.builds(
                lambda n, trust, walking, flare: checkin(
                    n, trust=trust, walking_minutes=walking, flare=flare
                ),
                st.integers(0, days - 1),
                st.one_of(st.none(), st.integers(0, 10)),
                st.one_of(st.none(), st.integers(0, 60)),
                st.sampled_from([False] * 9 + [True]),  # a flare-up now and then
            ),
            max_size=days,
            unique_by=lambda c: c.date,
        )
    )
    start = draw(st.sampled_from([None, START]))
    stage = draw(st.integers(1, 5))
    made = history(draw(sessions_up_to(days)), checkins, start=start, starting_stage=stage)
    return made, day(days - 1)


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
