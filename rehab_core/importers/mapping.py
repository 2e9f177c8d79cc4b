"""Any other CSV, read through a column mapping the person chose on the Import page.

A mapping names which column holds the date, exercise, reps, seconds, weight (with its
unit: a column, or kg/lb for the whole file), pain and notes. Rows with an exercise become
sets (one date is one session); pain, or notes alone, become the day's check-in.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

import pandas as pd

from ..csvformat import ImportFileError
from ..models import ImportBatch
from ..rules import LIMITS
from ._batch import checkins_batch, sets_batch
from ._table import Table, dates, header_of, load_to_kg, numbers, read_table

NAME = "mapped"
LABEL = "Other CSV (column mapping)"
FIELDS = ("date", "exercise", "reps", "seconds", "weight", "weight_unit", "pain", "notes")


@dataclass(frozen=True)
class Mapping:
    """Column names of the file for each of Backtrack's fields (None: not in the file)."""

    date: str
    exercise: str | None = None
    reps: str | None = None
    seconds: str | None = None
    weight: str | None = None
    weight_unit: str | None = None  # a column holding kg/lb per row
    units: str = "kg"  # the whole file's unit when there is no unit column
    pain: str | None = None
    notes: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Mapping:
        data = json.loads(text)
        return cls(**{f.name: data.get(f.name) for f in fields(cls) if f.name in data})

    def columns(self) -> list[str]:
        return [c for c in (getattr(self, f) for f in FIELDS) if c]


def header_key(header: list[str]) -> str:
    """The identity of a file layout: its column names, in order, case-insensitive."""
    return "|".join(h.strip().casefold() for h in header)


def saved_mapping(store, header: list[str]) -> Mapping | None:
    """The mapping this person last used for a file with this header, if any."""
    found = store.db.query(
        "SELECT mapping FROM import_mappings WHERE user_id = ? AND header_key = ?",
        [store.user_id, header_key(header)],
    )
    if found.empty:
        return None
    try:
        return Mapping.from_json(str(found.iloc[0]["mapping"]))
    except (ValueError, TypeError):
        return None


def remember_mapping(store, header: list[str], mapping: Mapping) -> None:
    def work(cur):
        cur.execute(
            "INSERT OR REPLACE INTO import_mappings (user_id, header_key, mapping, saved_at) "
            "VALUES (?, ?, ?, current_timestamp)",
            [store.user_id, header_key(header), mapping.to_json()],
        )

    store.db.write(work)


def detect(header: list[str]) -> bool:
    return False  # never chosen by detection: only when a person maps the columns


def parse(text: str, mapping: Mapping | None = None, **_) -> ImportBatch:
    if mapping is None:
        raise ImportFileError("Choose which column holds the date (and the others) first.")
    header = header_of(text)
    missing = [c for c in mapping.columns() if c not in header]
    if missing:
        raise ImportFileError(f"The file has no column named {missing[0]!r}.")
    table = read_table(text)
    when = dates(table, mapping.date, ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"), mapping.date)
    notes = table.column(mapping.notes) if mapping.notes else _blank(table)
    if mapping.exercise:
        return _sets(table, mapping, when, notes)
    return _checkins(table, mapping, when, notes)


def _blank(table: Table) -> pd.Series:
    return pd.Series("", index=table.frame.index, dtype=object)


def _sets(table: Table, mapping: Mapping, when: pd.Series, notes: pd.Series) -> ImportBatch:
    weight = numbers(table, mapping.weight)
    unit = table.frame[mapping.weight_unit] if mapping.weight_unit else mapping.units
    exercise = table.column(mapping.exercise)
    is_set = exercise != ""
    frame = pd.DataFrame(
        {
            "date": when,
            "exercise": exercise,
            "set_type": "normal",
            "reps": numbers(table, mapping.reps),
            "seconds": numbers(table, mapping.seconds),
            "load_kg": load_to_kg(weight, unit),
            "set_note": notes,
            "is_set": is_set,
        }
    )
    skipped = {"rows without an exercise": int((~is_set).sum())}
    batch = sets_batch(NAME, table, frame, {k: v for k, v in skipped.items() if v}, False)
    if mapping.pain:
        pains = _checkins(table, mapping, when, _blank(table))
        batch.checkins = pains.checkins
    return batch


def _checkins(table: Table, mapping: Mapping, when: pd.Series, notes: pd.Series) -> ImportBatch:
    pain = numbers(table, mapping.pain)
    wrong = pain.notna() & ~pain.between(0, LIMITS.pain_max)
    table.line_error(
        wrong.to_numpy(),
        lambda i: f"{mapping.pain}: {pain.iloc[i]:g} is not a pain rating 0-{LIMITS.pain_max}",
    )
    frame = pd.DataFrame(
        {"date": when, "pain": pain, "notes": notes, "is_reading": (pain.notna()) | (notes != "")}
    )
    empty = int((~frame["is_reading"]).sum())
    return checkins_batch(NAME, table, frame, {"empty rows": empty} if empty else {})
