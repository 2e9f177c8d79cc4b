"""Large, plausible histories made fast: for benchmarks and tests of years of data.

`synthetic_history(sets)` returns an `ImportBatch` (sessions, sets and a check-in a day as
dataframes) built with vectorised numpy, so 100k sets take well under a second. The
history climbs the extension ladder slowly, pain eases over the years, with a flare-up
every few months; it is meant to be *shaped* like a real one, not to teach the method.
`sessions_csv` and `strong_csv` render a history as Backtrack's own or Strong's export.
"""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd

from . import csvformat
from .catalog import EXTENSION_LADDER
from .models import ImportBatch

SETS_PER_SESSION = 14  # a long rehab session: ladder work, core, hip and a walk
SESSIONS_PER_DAY = 2  # morning and evening, so 100k sets span about ten years
FLARE_EVERY_DAYS = 97  # a flare-up every three months or so

# One session's exercises in order; the first slots climb the ladder over the years.
_LADDER = [e.name for e in EXTENSION_LADDER]
_ACCESSORIES = [
    ("Bird dog", "reps"),
    ("Bird dog", "reps"),
    ("Glute bridge", "reps"),
    ("Glute bridge", "reps"),
    ("Side plank", "hold"),
    ("Side plank", "hold"),
    ("Dead bug", "reps"),
    ("Dead bug", "reps"),
    ("Plank", "hold"),
    ("Walking", "walk"),
]


def _days_for(sets: int) -> int:
    return max(1, -(-sets // (SETS_PER_SESSION * SESSIONS_PER_DAY)))


def synthetic_history(
    sets: int,
    end: dt.date | None = None,
    seed: int = 7,
    checkins: bool = True,
) -> ImportBatch:
    """Exactly `sets` sets ending on `end` (default today), plus one check-in a day."""
    rng = np.random.default_rng(seed)
    end = end or dt.date.today()
    days = _days_for(sets)
    start = end - dt.timedelta(days=days - 1)
    n_sessions = -(-sets // SETS_PER_SESSION)

    # Sessions: two a day, oldest first.
    session_day = np.arange(n_sessions) // SESSIONS_PER_DAY
    session_no = np.arange(n_sessions) % SESSIONS_PER_DAY + 1
    session_date = pd.to_datetime(start) + pd.to_timedelta(session_day, unit="D")
    progress = session_day / max(days - 1, 1)  # 0 at the start, 1 today
    base = np.clip(np.round(4 - 3 * progress), 1, 10)  # resting pain eases over the years
    flare_near = (session_day % FLARE_EVERY_DAYS) < 3
    during = np.clip(base + rng.integers(-1, 2, n_sessions) + 2 * flare_near, 0, 10)
    keys = np.char.add(
        np.char.add(session_date.strftime("%Y-%m-%d").to_numpy().astype(str), "|"),
        session_no.astype(str),
    )
    session_frame = pd.DataFrame(
        {
            "session_key": keys,
            "date": session_date.date,
            "session_no": session_no,
            "pain_before": base,
            "pain_during": during,
            "pain_after": np.clip(during - 1, 0, 10),
            "pain_next_morning": np.clip(base + flare_near, 0, 10),
            "effort": np.clip(5 + np.round(3 * progress) + rng.integers(-1, 2, n_sessions), 0, 10),
            "muscle_feel": np.clip(1 + np.round(2 * progress), 0, 3).astype(int),
            "notes": np.where(flare_near, "flare settling, eased off", ""),
        }
    )

    # Sets: SETS_PER_SESSION per session, the last session cut so the total is exact.
    owner = np.arange(sets) // SETS_PER_SESSION
    slot = np.arange(sets) % SETS_PER_SESSION
    rung = np.minimum((progress[owner] * len(_LADDER)).astype(int), len(_LADDER) - 1)
    ladder_slots = SETS_PER_SESSION - len(_ACCESSORIES)
    on_ladder = slot < ladder_slots
    accessory = np.clip(slot - ladder_slots, 0, len(_ACCESSORIES) - 1)
    ladder_names = np.array(_LADDER, dtype=object)[rung]
    ladder_kind = np.array([e.kind for e in EXTENSION_LADDER], dtype=object)[rung]
    names = np.where(on_ladder, ladder_names, np.array([a[0] for a in _ACCESSORIES])[accessory])
    kind = np.where(on_ladder, ladder_kind, np.array([a[1] for a in _ACCESSORIES])[accessory])
    # Counted within exercise and session (Bird dog is both a rung and an accessory).
    set_index = pd.DataFrame({"o": owner, "n": names}).groupby(["o", "n"]).cumcount() + 1
    grow = progress[owner]
    reps = np.round(8 + 7 * grow + rng.integers(0, 3, sets))
    hold = np.round(10 + 50 * grow + rng.integers(0, 5, sets))
    walk = np.round(15 + 25 * grow + rng.integers(0, 10, sets)) * 60
    is_hold, is_walk = kind == "hold", kind == "walk"
    is_reps = np.isin(kind, ["reps", "reps+load"])
    set_frame = pd.DataFrame(
        {
            "session_key": keys[owner],
            "exercise": names,
            "set_index": set_index.to_numpy(),
            "set_type": np.where((slot == 0) & (rung >= 3), "warmup", "normal"),
            "reps": pd.array(np.where(is_reps, reps, np.nan), dtype="Int64"),
            "seconds": np.where(is_hold, hold, np.where(is_walk, walk, np.nan)),
            "load_kg": np.where(kind == "reps+load", np.round(2.5 + 10 * grow, 1), np.nan),
            "distance_m": np.where(is_walk, np.round(walk / 60 * 80), np.nan),
        }
    )

    checkin_frame = None
    if checkins:
        day = np.arange(days)
        day_progress = day / max(days - 1, 1)
        flare = (day % FLARE_EVERY_DAYS) == 0
        day_base = np.clip(np.round(4 - 3 * day_progress), 1, 10)
        checkin_frame = pd.DataFrame(
            {
                "date": (pd.to_datetime(start) + pd.to_timedelta(day, unit="D")).date,
                "pain": np.clip(day_base + 3 * flare, 0, 10),
                "stiffness": np.clip(day_base + rng.integers(0, 2, days) + 2 * flare, 0, 10),
                "trust": np.clip(np.round(4 + 5 * day_progress) - 3 * flare, 0, 10),
                "walking_minutes": np.round(15 + 25 * day_progress),
                "flare": flare,
                "notes": np.where(flare, "bent awkwardly; rested", ""),
            }
        )
    return ImportBatch(
        format="synthetic",
        sessions=session_frame,
        sets=set_frame,
        checkins=checkin_frame,
        rows_read=sets,
    )


def _joined(history: ImportBatch) -> pd.DataFrame:
    return history.sets.merge(history.sessions, on="session_key", how="left")


def sessions_csv(history: ImportBatch) -> str:
    """The history as Backtrack's own `sessions.csv` (one row per set)."""
    rows = _joined(history).rename(columns={"session_no": "session"})
    out = io.StringIO()
    rows[csvformat.SESSIONS_HEADER].to_csv(out, index=False, lineterminator="\n")
    return out.getvalue()


def checkins_csv(history: ImportBatch) -> str:
    out = io.StringIO()
    frame = history.checkins.assign(flare=np.where(history.checkins["flare"], "yes", "no"))
    frame.to_csv(out, index=False, lineterminator="\n")
    return out.getvalue()


def strong_csv(history: ImportBatch) -> str:
    """The history as Strong's comma-separated export (kg, km; zeros for "not recorded")."""
    rows = _joined(history)
    hour = np.where(rows["session_no"] == 1, "07:30:00", "18:15:00")
    set_order = rows.groupby(["session_key", "exercise"]).cumcount() + 1
    frame = pd.DataFrame(
        {
            "Date": pd.Series(rows["date"]).astype(str) + " " + hour,
            "Workout Name": np.where(rows["session_no"] == 1, "Back rehab A", "Back rehab B"),
            "Duration": "35m",
            "Exercise Name": rows["exercise"],
            "Set Order": set_order,
            "Weight": rows["load_kg"].fillna(0),
            "Reps": rows["reps"].fillna(0).astype(int),
            "Distance": (rows["distance_m"].fillna(0) / 1000).round(3),
            "Seconds": rows["seconds"].fillna(0).astype(int),
            "Notes": "",
            "Workout Notes": rows["notes"],
            "RPE": rows["effort"],
        }
    )
    out = io.StringIO()
    frame.to_csv(out, index=False, lineterminator="\n")
    return out.getvalue()
