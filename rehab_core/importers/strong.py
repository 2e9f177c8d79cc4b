"""Strong (workout app) CSV exports, every variant seen in the wild.

Comma or semicolon separated (the latter with decimal commas); units either absent
(`Weight`, `Distance`: the caller's choice), in a `Weight Unit` column, or in the header
(`Weight (kg)`, `Distance (meters)`). `Set Order` is a number, `W`/`D`/`F` (warm-up,
drop set, failure) or a pseudo-row (`Rest Timer`, `Note`) that is not a set.
One workout (its start time) is one session.
"""

from __future__ import annotations

import pandas as pd

from ..columns import mapped_text
from ._batch import sets_batch
from ._table import (
    Table,
    dates,
    distance_to_m,
    find_column,
    load_to_kg,
    numbers,
    read_table,
)

NAME = "strong"
LABEL = "Strong"
SET_TYPES = {"W": "warmup", "D": "dropset", "F": "failure"}
NOT_SETS = {"rest timer": "rest timer rows", "note": "note rows"}


def detect(header: list[str]) -> bool:
    names = {h.casefold() for h in header}
    return {"exercise name", "set order"} <= names and "date" in names


def parse(text: str, units: str = "kg", **_) -> object:
    table = read_table(text)
    return parse_table(table, units)


def _weight(table: Table, units: str) -> pd.Series:
    column = find_column(table, r"weight(\s*\((kgs?|lbs?)\))?")
    values = numbers(table, column, "Weight")
    unit_column = find_column(table, r"weight unit")
    if unit_column:
        return load_to_kg(values, table.frame[unit_column])
    in_header = column and "(" in column
    unit = column.split("(")[1].rstrip(")") if in_header else units
    return load_to_kg(values, unit)


def _distance(table: Table, units: str) -> pd.Series:
    column = find_column(table, r"distance(\s*\([a-z]+\))?")
    values = numbers(table, column, "Distance")
    unit_column = find_column(table, r"distance unit")
    if unit_column:
        return distance_to_m(values, table.frame[unit_column])
    if column and "(" in column:
        return distance_to_m(values, column.split("(")[1].rstrip(")"))
    # Strong without units writes distance in the account's unit: km, or miles for lb.
    return distance_to_m(values, "miles" if units == "lb" else "km")


def parse_table(table: Table, units: str = "kg"):
    order = table.column(find_column(table, r"set order") or "")
    kind = mapped_text(order, lambda o: NOT_SETS.get(o.lower()))
    is_set = kind.isna()
    skipped = {reason: int((kind == reason).sum()) for reason in NOT_SETS.values()}
    when = dates(table, find_column(table, r"date"), ("%Y-%m-%d %H:%M:%S",))
    seconds = numbers(table, find_column(table, r"seconds"), "Seconds")
    frame = pd.DataFrame(
        {
            "date": when,
            "exercise": table.column(find_column(table, r"exercise name") or ""),
            "set_type": mapped_text(order, lambda o: SET_TYPES.get(o.upper(), "normal")),
            "reps": numbers(table, find_column(table, r"reps"), "Reps").where(is_set),
            "seconds": seconds.where(is_set),
            "load_kg": _weight(table, units).where(is_set),
            "distance_m": _distance(table, units).where(is_set),
            "effort": numbers(table, find_column(table, r"rpe"), "RPE").where(is_set),
            "session_notes": table.column(find_column(table, r"workout notes") or ""),
            "set_note": table.column(find_column(table, r"notes") or ""),
            "is_set": is_set,
        }
    )
    return sets_batch(NAME, table, frame, {k: v for k, v in skipped.items() if v})
