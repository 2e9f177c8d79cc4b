"""What an import adds, as properties: every set is either added or counted as already
there, a file's repeats are stored once, and a second import of anything adds nothing.

Storage decides this in one SQL statement (and skips the repeat check when no two sets can
collide), so these run random batches through both paths against a plain Python model.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehab_core import catalog
from rehab_core.models import ImportBatch
from rehab_core.storage import Database

DAY = dt.date(2026, 1, 5)
# Catalog names, an alias of one of them and case variants: names that collide once made
# canonical, which is when a file's sets can repeat.
NAMES = ["Bird dog", "bird dog", "Superman", "Prone extension hold", "Plank", "PLANK"]

a_set = st.tuples(
    st.sampled_from(["w1", "w2", "w3"]),  # session
    st.sampled_from(NAMES),
    st.integers(1, 3),  # set number
    st.sampled_from(["normal", "warmup"]),
    st.sampled_from([None, 8, 10]),  # reps
    st.sampled_from([None, 10.0, 12.5]),  # seconds
)


def _batch(rows: list[tuple]) -> ImportBatch:
    columns = ["session_key", "exercise", "set_index", "set_type", "reps", "seconds"]
    sets = pd.DataFrame(rows, columns=columns)
    keys = sets["session_key"].drop_duplicates()
    sessions = pd.DataFrame({"session_key": keys, "date": DAY, "notes": ""})
    return ImportBatch(format="test", sessions=sessions, sets=sets)


def _identity(row: tuple) -> tuple:
    """What makes two sets the same set: the model of the fingerprint."""
    session, name, number, kind, reps, seconds = row
    return session, catalog.canonical_name(name).casefold(), number, kind, reps, seconds


def _stored(store) -> list[tuple]:
    sets = store.history().sets
    return sorted(
        zip(
            sets["exercise"].str.casefold(),
            sets["set_index"],
            sets["set_type"],
            sets["reps"].astype("float").fillna(-1),
            sets["seconds"].fillna(-1),
            strict=True,
        )
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(a_set, min_size=1, max_size=25))
def test_an_import_stores_each_distinct_set_once_and_counts_the_rest(rows):
    store = Database(":memory:").store()
    result = store.import_batch(_batch(rows))
    distinct = {_identity(r) for r in rows}
    assert result.sets_added == len(distinct)
    assert result.sets_added + result.duplicates_skipped == len(rows)
    assert result.sessions_added == len({r[0] for r in rows})
    again = store.import_batch(_batch(rows))
    assert (again.sets_added, again.sessions_added) == (0, 0)
    assert again.duplicates_skipped == len(rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(a_set, min_size=1, max_size=20), st.lists(a_set, min_size=1, max_size=20))
def test_importing_two_files_equals_importing_them_as_one(first, second):
    apart = Database(":memory:").store()
    apart.import_batch(_batch(first))
    apart.import_batch(_batch(second))
    together = Database(":memory:").store()
    together.import_batch(_batch(first + second))
    assert _stored(apart) == _stored(together)
