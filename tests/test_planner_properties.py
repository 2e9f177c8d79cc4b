"""Properties of the planner over generated histories (hypothesis)."""

from __future__ import annotations

import hypothesis.strategies as st
import pandas as pd
from helpers_history import RED, START, histories, history, session, sets
from hypothesis import HealthCheck, given, settings

from rehab_core.catalog import SEED_EXERCISES, WALKING
from rehab_core.planner import Prescription, difficulty, next_session
from rehab_core.rules import PLANNER
from rehab_core.storage import History

PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TRACK = {e.name: e.kind for e in SEED_EXERCISES}  # hold, reps or reps+load


def _plus(h: History, extra) -> History:
    """The same history plus one more session, the last of its day."""
    added = history([extra])
    sessions = added.sessions.assign(id=10_000, session_no=9)
    sets_ = added.sets.assign(session_id=10_000)
    return History(
        h.profile,
        pd.concat([h.sessions, sessions], ignore_index=True) if len(h.sessions) else sessions,
        pd.concat([h.sets, sets_], ignore_index=True) if len(h.sets) else sets_,
        h.checkins,
    )


def _followed(prescription: Prescription) -> list:
    return [
        entry
        for e in prescription.exercises
        if e.exercise != WALKING
        for entry in sets(e.exercise, e.sets, reps=e.reps, seconds=e.seconds, load_kg=e.load_kg)
    ]


@PROPERTY
@given(histories())
def test_never_a_loaded_extension_before_stage_four(case):
    h, today = case
    prescription = next_session(h, today)
    if prescription.stage < 4:
        assert all(not e.load_kg for e in prescription.exercises)


@PROPERTY
@given(histories(), st.integers(6, 9))
def test_a_red_session_never_leads_to_a_harder_next_prescription(case, during):
    h, today = case
    before = next_session(h, today)
    red_session = session((today - START).days, _followed(before), dict(RED, pain_during=during))
    after = next_session(_plus(h, red_session), today)
    earlier = {TRACK[e.exercise]: e for e in before.exercises if e.exercise != WALKING}
    for exercise in after.exercises:
        was = earlier.get(TRACK.get(exercise.exercise))
        if was is not None and exercise.exercise != WALKING:
            assert difficulty(exercise) <= difficulty(was)


@PROPERTY
@given(histories())
def test_sets_stay_within_the_stage_template(case):
    h, today = case
    prescription = next_session(h, today)
    slots = PLANNER.stage_slots[prescription.stage - 1]
    limits = {name: slot.sets for slot in slots for name in slot.exercises}
    for exercise in prescription.exercises:
        if exercise.exercise != WALKING and exercise.exercise in limits:
            assert 1 <= exercise.sets <= limits[exercise.exercise]
