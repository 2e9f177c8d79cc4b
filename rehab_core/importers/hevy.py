"""Hevy CSV exports: `weight_kg`/`weight_lbs`, `distance_km`/`distance_miles`,
`duration_seconds`, `set_type`, `rpe`; dates like `3 Mar 2025, 07:40`.
One workout (its start time) is one session."""

from __future__ import annotations

import pandas as pd

from ._batch import sets_batch
from ._table import dates, distance_to_m, find_column, load_to_kg, numbers, read_table

NAME = "hevy"
LABEL = "Hevy"
SET_TYPES = {"normal": "normal", "warmup": "warmup", "dropset": "dropset", "failure": "failure"}


def detect(header: list[str]) -> bool:
    names = {h.casefold() for h in header}
    return {"exercise_title", "start_time"} <= names


def parse(text: str, units: str = "kg", **_):
    table = read_table(text)
    weight_column = find_column(table, r"weight_(kg|lbs?)")
    weight = numbers(table, weight_column)
    if weight_column:
        weight = load_to_kg(weight, weight_column.split("_")[1])
    distance_column = find_column(table, r"distance_(km|miles?|m)")
    distance = numbers(table, distance_column)
    if distance_column:
        distance = distance_to_m(distance, distance_column.split("_")[1])
    set_type = table.column("set_type").str.lower()
    unknown = ~set_type.isin(SET_TYPES) & (set_type != "")
    table.line_error(
        unknown.to_numpy(),
        lambda i: f"set_type: {set_type.iloc[i]!r} is not normal, warmup, dropset or failure",
    )
    frame = pd.DataFrame(
        {
            "date": dates(table, "start_time", ("%d %b %Y, %H:%M",), "start_time"),
            "exercise": table.column("exercise_title"),
            "set_type": set_type.map(SET_TYPES).fillna("normal"),
            "reps": numbers(table, "reps"),
            "seconds": numbers(table, find_column(table, r"duration_seconds")),
            "load_kg": weight,
            "distance_m": distance,
            "effort": numbers(table, "rpe"),
            "session_notes": table.column("description"),
            "set_note": table.column("exercise_notes"),
            "is_set": True,
        }
    )
    return sets_batch(NAME, table, frame, {})
