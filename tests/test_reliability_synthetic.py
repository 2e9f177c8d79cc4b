"""The synthetic histories the benchmarks and load tests stand on are what they claim."""

from __future__ import annotations

import datetime as dt

from rehab_core import importing, synthetic

END = dt.date(2026, 6, 1)


def test_a_history_has_exactly_the_sets_asked_for():
    for sets in (1, 13, 1000, 2801):
        assert len(synthetic.synthetic_history(sets, end=END).sets) == sets


def test_a_history_ends_on_the_day_asked_with_a_checkin_every_day():
    history = synthetic.synthetic_history(1000, end=END)
    days = sorted(history.checkins["date"])
    assert days[-1] == END
    assert len(days) == len(set(days)) == (days[-1] - days[0]).days + 1
    assert max(history.sessions["date"]) == END


def test_every_set_of_a_history_is_stored_none_taken_for_a_duplicate(store):
    history = synthetic.synthetic_history(2000, end=END)
    result = store.import_batch(history)
    assert result.sets_added == 2000
    assert result.duplicates_skipped == 0
    assert store.counts()["sessions"] == len(history.sessions)


def test_a_history_climbs_the_extension_ladder_over_time():
    sets = synthetic.synthetic_history(20_000, end=END).sets
    assert sets["exercise"].iloc[0] == "Prone extension hold"
    assert "Reverse hyperextension" in set(sets["exercise"].tail(100))


def test_the_same_seed_gives_the_same_history():
    one = synthetic.synthetic_history(500, end=END, seed=3)
    two = synthetic.synthetic_history(500, end=END, seed=3)
    assert one.sets.equals(two.sets) and one.sessions.equals(two.sessions)


def test_the_csv_renderings_read_back_with_every_set():
    history = synthetic.synthetic_history(300, end=END)
    for text in (synthetic.sessions_csv(history), synthetic.strong_csv(history)):
        batch = importing.parse(text.encode(), units="kg")
        assert len(batch.sets) == 300
        assert not batch.errors
    checkins = importing.parse(synthetic.checkins_csv(history).encode())
    assert len(checkins.checkins) == len(history.checkins)
