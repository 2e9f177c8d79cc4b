"""FitNotes CSV exports: `Date,Exercise,Category,...`, weights in the header
(`Weight (kgs)`) or a `Weight Unit` column, `Time` as `H:MM:SS`. One date is one session;
sets are numbered within exercise and date."""

from __future__ import annotations

import pandas as pd

from ._batch import sets_batch
from ._table import (
    clock_seconds,
    dates,
    distance_to_m,
    find_column,
    load_to_kg,
    numbers,
    read_table,
)

NAME = "fitnotes"
LABEL = "FitNotes"


def detect(header: list[str]) -> bool:
    names = {h.casefold() for h in header}
    return {"date", "exercise", "category"} <= names


def repair(cells: list[str], header: list[str]) -> list[str] | None:
    """An exercise name with an unquoted comma spills into the next cell: join it back
    when the row then has the header's width."""
    extra = len(cells) - len(header)
    lowered = [h.casefold() for h in header]
    if extra < 1 or "exercise" not in lowered:
        return None
    at = lowered.index("exercise")
    return [*cells[:at], ",".join(cells[at : at + extra + 1]), *cells[at + extra + 1 :]]


def parse(text: str, units: str = "kg", **_):
    table = read_table(text, repair=repair)
    weight_column = find_column(table, r"weight(\s*\((kgs?|lbs?)\))?")
    weight = numbers(table, weight_column, "Weight")
    unit_column = find_column(table, r"weight unit")
    if unit_column:
        weight = load_to_kg(weight, table.frame[unit_column])
    elif weight_column and "(" in weight_column:
        weight = load_to_kg(weight, weight_column.split("(")[1].rstrip(")"))
    else:
        weight = load_to_kg(weight, units)
    distance = numbers(table, find_column(table, r"distance"), "Distance")
    distance_unit = find_column(table, r"distance unit")
    distance = distance_to_m(
        distance, table.frame[distance_unit] if distance_unit else ("mi" if units == "lb" else "km")
    )
    date_column = find_column(table, r"date")
    frame = pd.DataFrame(
        {
            "date": dates(table, date_column, ("%Y-%m-%d",)),
            "exercise": table.column(find_column(table, r"exercise")),
            "set_type": "normal",
            "reps": numbers(table, find_column(table, r"reps"), "Reps"),
            "seconds": clock_seconds(table, find_column(table, r"time")),
            "load_kg": weight,
            "distance_m": distance,
            "set_note": table.column(find_column(table, r"comments?") or ""),
            "is_set": True,
        }
    )
    return sets_batch(NAME, table, frame, {})
