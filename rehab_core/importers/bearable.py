"""Bearable symptom-diary exports (long format, one row per reading).

`Symptom` rows about lower-back pain become check-in pain, the day's highest reading;
every other row is skipped and counted.
"""

from __future__ import annotations

import pandas as pd

from ..rules import IMPORT_RULES
from ._batch import checkins_batch
from ._table import dates, find_column, numbers, read_table

NAME = "bearable"
LABEL = "Bearable"
BACK_PAIN = "back (lower) pain"


def detect(header: list[str]) -> bool:
    names = {h.casefold() for h in header}
    return {"date", "category", "detail"} <= names and "rating/amount" in names


def parse(text: str, **_):
    table = read_table(text)
    category = table.column(find_column(table, r"category")).str.lower()
    detail = table.column(find_column(table, r"detail"))
    is_reading = (category == "symptom") & detail.str.lower().str.startswith(BACK_PAIN)
    other_symptom = (category == "symptom") & ~is_reading
    skipped = {
        "other categories": int((category != "symptom").sum()),
        "other symptoms": int(other_symptom.sum()),
    }
    severity = numbers(table, find_column(table, r"rating/amount"), "rating/amount")
    severity = severity.where(is_reading)
    scale = IMPORT_RULES.bearable_severity_to_pain
    whole = severity.notna() & (severity == severity.round()) & severity.between(0, len(scale) - 1)
    pain = severity.where(whole).map(lambda s: scale[int(s)], na_action="ignore")
    out_of_scale = is_reading & severity.notna() & pain.isna()
    table.line_error(
        out_of_scale.to_numpy(),
        lambda i: f"rating/amount: {severity.iloc[i]:g} is not a severity 0-{len(scale) - 1}",
    )
    frame = pd.DataFrame(
        {
            "date": dates(table, find_column(table, r"date"), ("%d %b %Y",)).where(is_reading),
            "pain": pd.to_numeric(pain, errors="coerce"),
            "notes": table.column(find_column(table, r"notes") or ""),
            "is_reading": is_reading,
        }
    )
    # Only readings are checked: a skipped row's odd cells are not the person's problem.
    other_lines = set(table.lines[~is_reading.to_numpy()].tolist())
    table.errors[:] = [e for e in table.errors if e.line not in other_lines]
    return checkins_batch(NAME, table, frame, {k: v for k, v in skipped.items() if v})
