"""Red flags: two groups, recorded with their date, active until a clinician clears them."""

from __future__ import annotations

import datetime as dt

import pytest

from rehab_core import safety

TODAY = dt.date(2026, 3, 16)


def test_cauda_equina_signs_are_the_emergency_group():
    assert {f.key for f in safety.flags_of(safety.EMERGENCY)} == {
        "bladder",
        "bowel",
        "saddle_numbness",
        "sexual_dysfunction",
        "both_legs",
        "leg_weakness",
        "walking_change",
    }


def test_the_see_a_doctor_soon_group():
    assert {f.key for f in safety.flags_of(safety.SEE_DOCTOR_SOON)} == {
        "fever",
        "cancer_history",
        "weight_loss",
        "night_pain",
        "trauma",
        "age_new_episode",
        "steroids_osteoporosis",
    }


def test_an_emergency_outweighs_see_a_doctor_soon():
    flags = [safety.red_flag("fever"), safety.red_flag("bladder")]
    assert safety.most_urgent(flags) == safety.EMERGENCY
    assert safety.most_urgent([]) is None


def test_stop_messages_say_stop_and_where_to_go():
    for urgency, where in (
        (safety.EMERGENCY, "emergency department now"),
        (safety.SEE_DOCTOR_SOON, "see a doctor soon"),
    ):
        message = safety.stop_message(urgency)
        assert where in message
        assert "do not continue the exercises" in message.lower()


def test_a_ticked_flag_is_recorded_with_its_date(store):
    safety.record_red_flags(store, ["saddle_numbness"], TODAY)
    [active] = safety.active_red_flags(store)
    assert (active.date, active.flag.key, active.source) == (TODAY, "saddle_numbness", "log check")


def test_no_flags_means_nothing_active(store):
    assert safety.active_red_flags(store) == []


def test_a_flag_still_active_is_not_recorded_twice(store):
    assert safety.record_red_flags(store, ["fever"], TODAY) == 1
    assert safety.record_red_flags(store, ["fever"], TODAY + dt.timedelta(days=1)) == 0
    assert len(safety.red_flag_history(store)) == 1


def test_a_flag_cleared_by_a_clinician_is_no_longer_active_but_stays_in_history(store):
    safety.record_red_flags(store, ["trauma"], TODAY)
    [flag] = safety.active_red_flags(store)
    safety.mark_cleared(store, flag.id, TODAY + dt.timedelta(days=2), "X-ray clear")
    assert safety.active_red_flags(store) == []
    [kept] = safety.red_flag_history(store)
    assert (kept.cleared_on, kept.cleared_note) == (TODAY + dt.timedelta(days=2), "X-ray clear")


def test_a_flag_can_be_recorded_again_after_it_was_cleared(store):
    safety.record_red_flags(store, ["fever"], TODAY)
    safety.mark_cleared(store, safety.active_red_flags(store)[0].id, TODAY)
    assert safety.record_red_flags(store, ["fever"], TODAY + dt.timedelta(days=30)) == 1


def test_clearing_a_flag_that_is_not_active_is_refused(store):
    with pytest.raises(KeyError):
        safety.mark_cleared(store, 999, TODAY)


def test_an_unknown_flag_is_refused_before_anything_is_written(store):
    with pytest.raises(ValueError, match="Unknown red flag"):
        safety.record_screening(store, ["fever", "headache"], TODAY)
    assert safety.red_flag_history(store) == []
    assert safety.last_screening(store) is None


def test_a_screening_with_nothing_ticked_is_still_recorded(store):
    safety.record_screening(store, [], TODAY)
    assert safety.last_screening(store) == TODAY
    assert safety.active_red_flags(store) == []


def test_a_screening_records_what_it_found(store):
    safety.record_screening(store, ["cancer_history"], TODAY)
    [flag] = safety.active_red_flags(store)
    assert flag.source == "screening"
