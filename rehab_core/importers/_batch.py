"""From one tidy row per set (or per reading) to the `ImportBatch` storage writes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import catalog
from ..columns import mapped_text, take_text
from ..models import ImportBatch
from ..rules import LIMITS, Limits
from ._table import Table

SET_VALUES = ("reps", "seconds", "load_kg", "distance_m")


def _range_errors(table: Table, frame: pd.DataFrame, limits: Limits) -> None:
    bounds = {
        "reps": limits.reps_max,
        "seconds": limits.seconds_max,
        "load_kg": limits.load_kg_max,
        "distance_m": limits.distance_m_max,
        "effort": limits.effort_max,
    }
    for column, high in bounds.items():
        if column not in frame:
            continue
        values = frame[column]
        bad = (values < 0) | (values > high)
        table.line_error(
            bad.to_numpy(),
            lambda i, c=column, h=high, v=values: f"{c}: {v.iloc[i]:g} is outside 0-{h:g}",
        )
    reps = frame["reps"]
    fractional = reps.notna() & (reps != reps.round())
    table.line_error(
        fractional.to_numpy(), lambda i: f"reps: {reps.iloc[i]:g} must be a whole number"
    )


def sets_batch(
    fmt: str,
    table: Table,
    frame: pd.DataFrame,
    rows_skipped: dict[str, int],
    zero_is_missing: bool = True,
    limits: Limits = LIMITS,
) -> ImportBatch:
    """`frame` (one row per table row): date (the session's start), exercise, set_type, reps,
    seconds, load_kg, distance_m, effort, session_notes, set_note, is_set (bool)."""
    frame = frame.copy()
    for column in (*SET_VALUES, "effort"):
        if column not in frame:
            frame[column] = np.nan
        frame[column] = frame[column].astype("float64")
        if zero_is_missing and column != "effort":
            frame[column] = frame[column].where(frame[column] != 0)
    frame["line"] = table.lines
    # The start time as written by us, not the file: re-exports may pad days differently.
    codes, starts = pd.factorize(frame["date"])
    keys = [*np.datetime_as_string(starts.to_numpy(), unit="s"), ""]  # code -1 (no date): ""
    frame["session_key"] = take_text(keys, np.where(codes < 0, len(keys) - 1, codes), frame.index)
    no_exercise = frame["is_set"] & (frame["exercise"].str.strip() == "")
    table.line_error(no_exercise.to_numpy(), "exercise: empty")
    _range_errors(table, frame[[*SET_VALUES, "effort"]].where(frame["is_set"]), limits)
    bad_lines = {e.line for e in table.errors}
    ok = ~frame["line"].isin(bad_lines) & frame["date"].notna()
    skipped = dict(rows_skipped)
    errored = int((~ok).sum())
    if errored:
        skipped["line errors"] = skipped.get("line errors", 0) + errored
    frame = frame[ok]

    sets = frame[frame["is_set"]].copy()
    sets["exercise"] = mapped_text(sets["exercise"].astype(str), catalog.canonical_name)
    # A set's number within its session and exercise, grouped on one integer code (fast).
    session = pd.factorize(sets["session_key"])[0]
    exercise = pd.factorize(sets["exercise"].str.lower())[0]
    group = pd.Series(session * (exercise.max(initial=0) + 1) + exercise, index=sets.index)
    sets["set_index"] = group.groupby(group).cumcount().to_numpy() + 1
    sets["reps"] = sets["reps"].round().astype("Int64")

    notes = _session_notes(frame)
    sessions = (
        frame.groupby("session_key", sort=False)
        .agg(date=("date", "first"), effort=("effort", "max"))
        .reset_index()
    )
    with_sets = set(sets["session_key"].unique().tolist())
    sessions = sessions[[key in with_sets for key in sessions["session_key"].tolist()]]
    sessions["date"] = sessions["date"].dt.date
    sessions["session_no"] = None
    notes_by_key = notes.to_dict()
    sessions["notes"] = [notes_by_key.get(key, "") for key in sessions["session_key"].tolist()]
    for column in ("pain_before", "pain_during", "pain_after", "pain_next_morning", "muscle_feel"):
        sessions[column] = None
    return ImportBatch(
        format=fmt,
        sessions=sessions,
        sets=sets[["session_key", "exercise", "set_index", "set_type", *SET_VALUES]].reset_index(
            drop=True
        ),
        rows_read=len(table.lines),
        rows_skipped=sum(skipped.values()),
        skipped_reasons=skipped,
        errors=sorted(table.errors, key=lambda e: e.line),
    )


def _session_notes(frame: pd.DataFrame) -> pd.Series:
    """A session's notes, then each set note as `Exercise: note`, once each."""
    parts = []
    if "session_notes" in frame:
        head = frame.loc[frame["session_notes"] != "", ["session_key", "session_notes"]]
        parts.append(head.rename(columns={"session_notes": "text"}).assign(order=0))
    if "set_note" in frame:
        noted = frame[frame["set_note"] != ""]
        text = (noted["exercise"] + ": " + noted["set_note"]).where(
            noted["exercise"] != "", noted["set_note"]
        )
        parts.append(pd.DataFrame({"session_key": noted["session_key"], "text": text, "order": 1}))
    if not parts:
        return pd.Series(dtype=object)
    every = pd.concat(parts).drop_duplicates(["session_key", "text"])
    every = every.sort_values("order", kind="stable")
    single = ~every["session_key"].duplicated(keep=False)
    joined = every[~single].groupby("session_key", sort=False)["text"].agg("\n".join)
    return pd.concat([every[single].set_index("session_key")["text"], joined])


def checkins_batch(
    fmt: str, table: Table, frame: pd.DataFrame, rows_skipped: dict[str, int]
) -> ImportBatch:
    """`frame`: date, pain, notes, is_reading (bool); one check-in per date, the day's
    highest pain."""
    frame = frame.assign(line=table.lines)
    bad_lines = {e.line for e in table.errors}
    ok = ~frame["line"].isin(bad_lines) & frame["date"].notna()
    skipped = dict(rows_skipped)
    errored = int((~ok & frame["is_reading"]).sum())
    if errored:
        skipped["line errors"] = skipped.get("line errors", 0) + errored
    readings = frame[ok & frame["is_reading"]].copy()
    readings["date"] = readings["date"].dt.date
    checkins = (
        readings.groupby("date", sort=True)
        .agg(
            pain=("pain", "max"),
            notes=("notes", lambda s: "\n".join(dict.fromkeys(t for t in s if t))),
        )
        .reset_index()
    )
    for column in ("stiffness", "trust", "walking_minutes"):
        checkins[column] = None
    checkins["flare"] = False
    return ImportBatch(
        format=fmt,
        checkins=checkins,
        rows_read=len(table.lines),
        rows_skipped=sum(skipped.values()),
        skipped_reasons=skipped,
        errors=sorted(table.errors, key=lambda e: e.line),
    )
