"""What a history says, day by day: the measures the stage gates read.

`session_facts` reduces the sets of each session to a handful of numbers with vectorised
pandas; `daily_measures` folds sessions and check-ins into one compact numpy array per
measure, indexed by day, so the stage replay never touches a set row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .catalog import WALKING
from .rules import STAGE_RULES, TOLERANCE, StageRules, ToleranceRules
from .storage import History
from .tolerance import GREEN, RED, UNRATED, session_tolerance

_FACT_COLUMNS = {
    "work": 0.0,  # extension time under tension, s
    "holds_10s": 0,  # extension sets holding >= s1_hold_seconds
    "hold_seconds": 0.0,  # total seconds of extension holds
    "unloaded_15": 0,  # unloaded extension sets of >= s3_capacity_reps reps
    "longest_hold": 0.0,  # s
    "loaded_sets": 0,  # extension sets with load_kg > 0
    "heaviest": 0.0,  # kg
}


def day_numbers(dates) -> np.ndarray:
    """Days since 1970-01-01 for a column of dates (date objects, strings or timestamps)."""
    if len(dates) == 0:
        return np.zeros(0, dtype="int64")
    values = pd.to_datetime(pd.Series(np.asarray(dates, dtype=object)))
    return values.to_numpy().astype("datetime64[D]").astype("int64")


def day_number(date: dt.date) -> int:
    return int(np.datetime64(date, "D").astype("int64"))


def date_of(day: int) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(day))


def numbers_of(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A column as float64 numpy (NaN for missing), without pandas' per-call overhead."""
    if column not in frame:
        return np.full(len(frame), np.nan)
    values = frame[column].to_numpy()
    if values.dtype.kind in "fiub":
        return values.astype("float64")
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def text_is(frame: pd.DataFrame, column: str, value: str) -> np.ndarray:
    """Where a text column equals `value` (vectorised in pandas' string engine)."""
    return (frame[column] == value).to_numpy(dtype=bool, na_value=False)


def extension_mask(sets: pd.DataFrame) -> np.ndarray:
    """Working (not warm-up) sets of the extension family."""
    if sets.empty or "family" not in sets:
        return np.zeros(len(sets), dtype=bool)
    return text_is(sets, "family", "extension") & ~text_is(sets, "set_type", "warmup")


def extension_sets(sets: pd.DataFrame) -> pd.DataFrame:
    """Working (not warm-up) sets of the extension family."""
    return sets[extension_mask(sets)]


def session_facts(
    history: History,
    stage_rules: StageRules = STAGE_RULES,
    tolerance_rules: ToleranceRules = TOLERANCE,
) -> pd.DataFrame:
    """One row per session, in time order: id, day, session_no, light and the set facts.

    Sets are reduced per session with numpy (bincount / ufunc.at over the session's
    position), which keeps 100k sets in a few milliseconds.
    """
    sessions = history.sessions
    ids = numbers_of(sessions, "id")
    n = len(ids)
    columns = {
        "id": ids,
        "day": day_numbers(sessions["date"]) if n else np.zeros(0, "int64"),
        "session_no": np.nan_to_num(numbers_of(sessions, "session_no"), nan=1.0),
        "light": session_tolerance(sessions, tolerance_rules).to_numpy(),
    }
    for column, empty in _FACT_COLUMNS.items():
        columns[column] = np.full(n, float(empty))
    sets = history.sets
    mask = extension_mask(sets)
    if mask.any() and n:
        order = np.argsort(ids, kind="stable")
        owner = numbers_of(sets, "session_id")[mask]
        pos = np.minimum(np.searchsorted(ids[order], owner), n - 1)
        known = ids[order][pos] == owner
        at = order[pos[known]]
        seconds = numbers_of(sets, "seconds")[mask][known]
        reps = numbers_of(sets, "reps")[mask][known]
        load = np.nan_to_num(numbers_of(sets, "load_kg")[mask][known], nan=0.0)
        hold = np.nan_to_num(seconds, nan=0.0)
        work = np.where(np.isnan(seconds), np.nan_to_num(reps) * stage_rules.rep_seconds, hold)
        with np.errstate(invalid="ignore"):
            unloaded = (reps >= stage_rules.s3_capacity_reps) & (load <= 0)
            holds_10s = seconds >= stage_rules.s1_hold_seconds

        def total(values) -> np.ndarray:
            return np.bincount(at, weights=np.asarray(values, dtype="float64"), minlength=n)

        def most(values) -> np.ndarray:
            out = np.zeros(n)
            np.maximum.at(out, at, values)
            return out

        columns.update(
            work=total(work),
            holds_10s=total(holds_10s),
            hold_seconds=total(hold),
            unloaded_15=total(unloaded),
            longest_hold=most(hold),
            loaded_sets=total(load > 0),
            heaviest=most(load),
        )
    order = np.lexsort((columns["id"], columns["session_no"], columns["day"]))
    return pd.DataFrame({name: values[order] for name, values in columns.items()})


def walking_by_day(history: History) -> tuple[np.ndarray, np.ndarray]:
    """(day numbers, minutes): check-ins' walking minutes and "Walking" sets' seconds."""
    days, minutes = [np.zeros(0, "int64")], [np.zeros(0)]
    checkins = history.checkins
    if len(checkins) and "walking_minutes" in checkins:
        values = numbers_of(checkins, "walking_minutes")
        known = ~np.isnan(values)
        days.append(day_numbers(checkins["date"])[known])
        minutes.append(values[known])
    sets = history.sets
    if len(sets) and "exercise" in sets:
        walks = text_is(sets, "exercise", WALKING)
        seconds = numbers_of(sets, "seconds")[walks]
        known = ~np.isnan(seconds)
        if known.any():
            days.append(day_numbers(sets["date"][walks])[known])
            minutes.append(seconds[known] / 60.0)
    return np.concatenate(days), np.concatenate(minutes)


@dataclass(frozen=True)
class DailyMeasures:
    """One array per measure, index 0 = `origin` (a day number), one entry per day."""

    origin: int
    sessions: np.ndarray  # sessions that day
    rated: np.ndarray  # sessions with a "during" pain rating
    green: np.ndarray
    red: np.ndarray
    flare: np.ndarray  # a red session or a check-in marked as a flare
    active: np.ndarray  # a session or a check-in (the "watering the plant" grid)
    holds_best: np.ndarray  # most extension holds of >= s1_hold_seconds in one session
    hold_seconds: np.ndarray  # the day's most seconds of extension holds in one session
    work: np.ndarray  # the day's most extension work (time under tension) in one session
    capacity: np.ndarray  # a green session showing the stage-3 capacity
    loaded: np.ndarray  # sessions with loaded extension sets
    heaviest: np.ndarray  # heaviest extension load, kg
    walking: np.ndarray  # minutes
    walking_logged: np.ndarray  # any walking recorded that day (even 0 minutes)
    trust_sum: np.ndarray
    trust_n: np.ndarray
    recent_green: np.ndarray  # green among the last `s1_green_streak` rated sessions so far
    rated_so_far: np.ndarray  # rated sessions up to and including the day
    _cumulative: dict

    @property
    def days(self) -> int:
        return len(self.sessions)

    def total(self, name: str, day: int, days: int) -> float:
        """Sum of measure `name` over the `days` days ending on index `day`."""
        cum = self._cumulative[name]
        hi = min(max(day + 1, 0), len(cum) - 1)
        lo = min(max(day + 1 - days, 0), len(cum) - 1)
        return float(cum[hi] - cum[lo])

    def ever(self, name: str, day: int) -> float:
        """Sum of measure `name` over every day up to and including index `day`."""
        cum = self._cumulative[name]
        return float(cum[min(max(day + 1, 0), len(cum) - 1)])

    def cumulative(self, name: str) -> np.ndarray:
        """Running totals: entry i is the sum over indexes 0..i-1."""
        return self._cumulative[name]

    def peak(self, name: str, first: int, last: int) -> float:
        """Largest value of measure `name` on indexes first..last (0 when none)."""
        values = getattr(self, name)[max(first, 0) : max(last + 1, 0)]
        return float(values.max()) if len(values) else 0.0


_SUMMED = ("sessions", "rated", "green", "red", "flare", "loaded", "walking", "trust_sum")
_SUMMED += ("trust_n", "walking_logged", "active")


def daily_measures(
    history: History,
    origin: dt.date,
    last: dt.date,
    stage_rules: StageRules = STAGE_RULES,
    tolerance_rules: ToleranceRules = TOLERANCE,
    facts: pd.DataFrame | None = None,
) -> DailyMeasures:
    """Measures for every day from `origin` to `last` (inclusive); later rows are ignored."""
    first_day, last_day = day_number(origin), day_number(last)
    n = max(last_day - first_day + 1, 0)
    if facts is None:
        facts = session_facts(history, stage_rules, tolerance_rules)
    facts = facts[(facts["day"] >= first_day) & (facts["day"] <= last_day)]
    idx = facts["day"].to_numpy() - first_day
    light = facts["light"].to_numpy()

    def count(mask) -> np.ndarray:
        return np.bincount(idx[np.asarray(mask, dtype=bool)], minlength=n).astype("int64")

    def highest(values) -> np.ndarray:
        out = np.zeros(n)
        np.maximum.at(out, idx, np.asarray(values, dtype="float64"))
        return out

    sessions = count(np.ones(len(idx)))
    rated = count(light != UNRATED)
    green = count(light == GREEN)
    red = count(light == RED)
    capacity = count(
        (light == GREEN)
        & (
            (facts["unloaded_15"].to_numpy() >= stage_rules.s3_capacity_sets)
            | (facts["longest_hold"].to_numpy() >= stage_rules.s3_capacity_hold_seconds)
        )
    )
    loaded = count(facts["loaded_sets"].to_numpy() > 0)

    # Greens among the last N rated sessions, carried forward to every later day.
    rated_facts = facts[light != UNRATED]
    is_green = (rated_facts["light"].to_numpy() == GREEN).astype("int64")
    streak = stage_rules.s1_green_streak
    window = pd.Series(is_green).rolling(streak, min_periods=1).sum().to_numpy()
    rated_idx = rated_facts["day"].to_numpy() - first_day
    last_rated = np.searchsorted(rated_idx, np.arange(n), side="right") - 1
    recent_green = np.where(
        last_rated >= 0, window[np.maximum(last_rated, 0)] if len(window) else 0, 0
    )
    rated_so_far = last_rated + 1

    walking = np.zeros(n)
    walking_logged = np.zeros(n, dtype="int64")
    walk_days, walk_minutes = walking_by_day(history)
    w_idx = walk_days - first_day
    keep = (w_idx >= 0) & (w_idx < n)
    np.add.at(walking, w_idx[keep], walk_minutes[keep])
    walking_logged[w_idx[keep]] = 1

    flare = (red > 0).astype("int64")
    active = (sessions > 0).astype("int64")
    trust_sum = np.zeros(n)
    trust_n = np.zeros(n, dtype="int64")
    checkins = history.checkins
    if len(checkins):
        c_idx = day_numbers(checkins["date"]) - first_day
        keep = (c_idx >= 0) & (c_idx < n)
        c_idx = c_idx[keep]
        active[c_idx] = 1
        if "flare" in checkins:
            flags = checkins["flare"].fillna(False).astype(bool).to_numpy()[keep]
            flare[c_idx[flags]] = 1
        if "trust" in checkins:
            trust = numbers_of(checkins, "trust")[keep]
            known = ~np.isnan(trust)
            np.add.at(trust_sum, c_idx[known], trust[known])
            np.add.at(trust_n, c_idx[known], 1)

    arrays = dict(
        sessions=sessions,
        rated=rated,
        green=green,
        red=red,
        flare=flare,
        active=active,
        holds_best=highest(facts["holds_10s"].to_numpy()),
        hold_seconds=highest(facts["hold_seconds"].to_numpy()),
        work=highest(facts["work"].to_numpy()),
        capacity=capacity,
        loaded=loaded,
        heaviest=highest(facts["heaviest"].to_numpy()),
        walking=walking,
        walking_logged=walking_logged,
        trust_sum=trust_sum,
        trust_n=trust_n,
        recent_green=np.asarray(recent_green, dtype="int64"),
        rated_so_far=np.asarray(rated_so_far, dtype="int64"),
    )
    cumulative = {
        name: np.concatenate(([0], np.cumsum(arrays[name]))) for name in (*_SUMMED, "capacity")
    }
    return DailyMeasures(origin=first_day, _cumulative=cumulative, **arrays)


def activity_days(history: History, start: dt.date, days: int) -> list[bool]:
    """For each of `days` days from `start`: was there a session or a check-in?"""
    first = day_number(start)
    active = np.zeros(max(days, 0), dtype=bool)
    for frame in (history.sessions, history.checkins):
        if len(frame):
            idx = day_numbers(frame["date"]) - first
            active[idx[(idx >= 0) & (idx < len(active))]] = True
    return active.tolist()
