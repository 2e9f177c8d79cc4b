"""Small builders for histories, without a database: the stage engine reads plain frames.

Days are numbers counted from START (day 0), so a scenario reads like a diary:
`holds(3, seconds=10)` is a session of prone holds on day 3.
"""

from __future__ import annotations

import datetime as dt

import hypothesis.strategies as st
import pandas as pd

from rehab_core.catalog import SEED_EXERCISES
from rehab_core.models import Checkin, Profile, Session, SetEntry
from rehab_core.storage import History

START = dt.date(2025, 1, 6)
CATALOG = {e.name: e for e in SEED_EXERCISES}
EASY = {"pain_before": 2, "pain_during": 2, "pain_next_morning": 2}  # green
AMBER = {"pain_before": 2, "pain_during": 4, "pain_next_morning": 2}
RED = {"pain_before": 2, "pain_during": 7, "pain_next_morning": 4}
UNRATED = {"pain_before": None, "pain_during": None, "pain_next_morning": None}


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def sets(exercise: str, count: int, *, reps=None, seconds=None, load_kg=None) -> list[SetEntry]:
    return [
        SetEntry(exercise, i, "normal", reps=reps, seconds=seconds, load_kg=load_kg)
        for i in range(1, count + 1)
    ]


def walk(minutes: float) -> list[SetEntry]:
    return [SetEntry("Walking", 1, "normal", seconds=minutes * 60)]


def session(n: int, work: list[SetEntry], pain: dict | None = None) -> Session:
    return Session(date=day(n), sets=tuple(work), **(EASY if pain is None else pain))


def holds(n: int, seconds: float = 10, count: int = 4, pain: dict | None = None) -> Session:
    """Prone extension holds, the stage-1 staple."""
    return session(n, sets("Prone extension hold", count, seconds=seconds), pain)


def checkin(n: int, **values) -> Checkin:
    return Checkin(date=day(n), **values)


def history(
    sessions: list[Session] = (),
    checkins: list[Checkin] = (),
    start: dt.date | None = None,
    starting_stage: int = 1,
) -> History:
    """A History like `Store.history()` returns, built from model objects."""
    session_rows, set_rows = [], []
    numbers: dict[dt.date, int] = {}
    for sid, s in enumerate(sorted(sessions, key=lambda s: s.date), start=1):
        numbers[s.date] = numbers.get(s.date, 0) + 1
        session_rows.append(
            {
                "id": sid,
                "date": s.date,
                "session_no": s.session_no or numbers[s.date],
                "pain_before": s.pain_before,
                "pain_during": s.pain_during,
                "pain_after": s.pain_after,
                "pain_next_morning": s.pain_next_morning,
                "effort": s.effort,
                "muscle_feel": s.muscle_feel,
                "notes": s.notes,
                "source": s.source,
            }
        )
        for entry in s.sets:
            exercise = CATALOG.get(entry.exercise)
            set_rows.append(
                {
                    "id": len(set_rows) + 1,
                    "session_id": sid,
                    "date": s.date,
                    "exercise": entry.exercise,
                    "family": exercise.family if exercise else "other",
                    "kind": exercise.kind if exercise else "reps",
                    "ladder_rank": exercise.ladder_rank if exercise else None,
                    "set_index": entry.set_index,
                    "set_type": entry.set_type,
                    "reps": entry.reps,
                    "seconds": entry.seconds,
                    "load_kg": entry.load_kg,
                    "distance_m": entry.distance_m,
                }
            )
    session_columns = ["id", "date", "session_no", "pain_before", "pain_during", "pain_after"]
    session_columns += ["pain_next_morning", "effort", "muscle_feel", "notes", "source"]
    set_columns = ["id", "session_id", "date", "exercise", "family", "kind", "ladder_rank"]
    set_columns += ["set_index", "set_type", "reps", "seconds", "load_kg", "distance_m"]
    checkin_columns = ["date", "pain", "stiffness", "trust", "walking_minutes", "flare", "notes"]
    checkin_columns += ["source"]
    checkin_rows = [
        {
            "date": c.date,
            "pain": c.pain,
            "stiffness": c.stiffness,
            "trust": c.trust,
            "walking_minutes": c.walking_minutes,
            "flare": c.flare,
            "notes": c.notes,
            "source": c.source,
        }
        for c in sorted(checkins, key=lambda c: c.date)
    ]
    numeric = ["pain_before", "pain_during", "pain_after", "pain_next_morning", "effort"]
    frame_sessions = pd.DataFrame(session_rows, columns=session_columns)
    for column in numeric:
        frame_sessions[column] = pd.to_numeric(frame_sessions[column]).astype("float64")
    frame_sets = pd.DataFrame(set_rows, columns=set_columns)
    for column in ("reps", "seconds", "load_kg", "distance_m"):
        frame_sets[column] = pd.to_numeric(frame_sets[column]).astype("float64")
    frame_checkins = pd.DataFrame(checkin_rows, columns=checkin_columns)
    for column in ("pain", "stiffness", "trust", "walking_minutes"):
        frame_checkins[column] = pd.to_numeric(frame_checkins[column]).astype("float64")
    return History(
        Profile(start_date=start, starting_stage=starting_stage),
        frame_sessions,
        frame_sets,
        frame_checkins,
    )


# -- a person who follows the method patiently ---------------------------------------------
def steady_session(n: int, pain: dict | None = None) -> Session | None:
    """What a patient person does on day n of the program (None: no session that day).

    Days 0-13 short prone holds daily; 14-41 longer 45° holds (90 s in total) six days a
    week; 42-55 unloaded 45° extensions with holds; 56-69 more reps and a 60 s hold;
    70 on, loaded 45° extensions three times a week, a plate heavier every two weeks.
    """
    weekday = n % 7
    if n < 42:
        if weekday == 6 and n >= 14:
            return None
        if n < 14:
            return session(n, sets("Prone extension hold", 4, seconds=10) + walk(25), pain)
        return session(n, sets("45° back extension hold", 3, seconds=30) + walk(25), pain)
    if n < 70:
        if weekday not in (0, 2, 4, 5):
            return None
        if n < 56:
            work = sets("45° back extension", 3, reps=10) + sets(
                "45° back extension hold", 3, seconds=30
            )
        else:
            work = sets("45° back extension", 3, reps=20) + sets(
                "45° back extension hold", 2, seconds=60
            )
        return session(n, work + walk(30), pain)
    if weekday not in (0, 2, 4):
        return None
    load = 5 + 2.5 * ((n - 70) // 14)
    return session(
        n, sets("45° back extension (weighted)", 3, reps=10, load_kg=load) + walk(30), pain
    )


def steady_history(
    days: int,
    skip: set[int] = frozenset(),
    flares: set[int] = frozenset(),
    checkins: bool = True,
    **overrides,
) -> History:
    """`days` days of steady, pain-respecting work with a daily check-in.

    `skip`: days without a session or check-in; `flares`: days whose check-in reports a
    flare-up; `overrides` maps "d<n>" to a pain dict for that day's session (d50=RED).
    """
    sessions = []
    for n in range(days):
        if n in skip:
            continue
        made = steady_session(n, overrides.get(f"d{n}"))
        if made is not None:
            sessions.append(made)
    daily = [
        checkin(n, pain=2, trust=6, walking_minutes=10, flare=n in flares)
        for n in range(days)
        if n not in skip and checkins
    ]
    return history(sessions, daily, start=START)


# -- generated histories (hypothesis) --------------------------------------------------------
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
    """A random history of up to `max_days` days, and its last day as `today`."""
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
