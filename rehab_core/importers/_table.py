"""Reading a CSV into text columns, with the file line of every row kept for messages.

Shared by every format: delimiter sniffing (`,` or `;`), header clean-up, ragged rows
reported by line, and vectorised conversion of number, unit and date columns.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pacsv

from ..columns import TEXT
from ..csvformat import ImportFileError
from ..models import LineError
from ..rules import LB_IN_KG, MILE_IN_M

csv.field_size_limit(2**24)  # a note may be long; the upload limit bounds the whole file


@dataclass
class Table:
    """A CSV as text cells: `frame` has one row per record, `lines` its file line."""

    frame: pd.DataFrame
    lines: np.ndarray
    delimiter: str
    errors: list[LineError] = field(default_factory=list)

    def line_error(self, mask, message) -> None:
        """Record `message` (text, or a function of the row) for each row in `mask`."""
        rows = np.flatnonzero(np.asarray(mask, dtype=bool))
        for position in rows:
            text = message(position) if callable(message) else message
            self.errors.append(LineError(int(self.lines[position]), text))

    def column(self, name: str) -> pd.Series:
        """The column's stripped text; empty text for a column the file lacks."""
        if name in self.frame:
            return self.frame[name]
        return pd.Series("", index=self.frame.index, dtype=object)

    def has(self, name: str) -> bool:
        return name in self.frame


def sniff_delimiter(first_line: str) -> str:
    unquoted = re.sub(r'"[^"]*"', "", first_line)
    return ";" if unquoted.count(";") > unquoted.count(",") else ","


def header_of(text: str) -> list[str]:
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    delimiter = sniff_delimiter(first)
    try:
        header = next(csv.reader(io.StringIO(first), delimiter=delimiter), [])
    except csv.Error:
        return []
    return [h.strip().lstrip("\ufeff") for h in header]


def read_table(text: str, repair=None) -> Table:
    """Split `text` into records; rows whose cell count differs from the header's are
    line errors unless `repair(cells, header)` returns fixed cells."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0].rstrip("\r")
    delimiter = sniff_delimiter(first)
    header = header_of(text)
    if not any(header):
        raise ImportFileError("The first line is empty; a CSV starts with its column names.")
    fast = _read_fast(text, delimiter, len(header))
    if fast is not None:
        frame, lines = fast
        errors: list[LineError] = []
    else:
        frame, lines, errors = _read_by_record(text, delimiter, header, repair)
        frame = frame.apply(lambda c: c.astype(str).str.strip())
    frame.columns = _unique(header)
    return Table(frame.reset_index(drop=True), lines, delimiter, errors)


def _read_fast(text: str, delimiter: str, width: int):
    """Arrow's multi-threaded reader when every record has the header's width and sits on
    one line (so record i is line i + 2); None otherwise."""
    physical = text.count("\n") + (0 if text.endswith("\n") else 1)
    try:
        table = pacsv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pacsv.ReadOptions(
                skip_rows=1, column_names=[str(i) for i in range(width)]
            ),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types={str(i): pa.string() for i in range(width)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError):
        return None
    if table.num_rows + 1 != physical:
        return None  # blank lines or notes spanning lines: count lines record by record
    table = pa.table([pc.utf8_trim_whitespace(c) for c in table.columns], names=table.column_names)
    frame = table.to_pandas(types_mapper=lambda _: TEXT)
    return frame, np.arange(2, len(frame) + 2)


def _read_by_record(text: str, delimiter: str, header: list[str], repair):
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    rows: list[list[str]] = []
    lines: list[int] = []
    errors: list[LineError] = []
    width = len(header)
    previous_end = 0
    try:
        for cells in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if start == 1:
                continue  # the header
            if not cells or not any(c.strip() for c in cells):
                continue
            if len(cells) != width and repair is not None:
                cells = repair(cells, header) or cells
            if len(cells) > width:
                errors.append(
                    LineError(start, f"has {len(cells)} cells but the header has {width}")
                )
                continue
            if len(cells) < width:
                if any(c.strip() for c in cells[1:]) or width == 1:
                    cells = cells + [""] * (width - len(cells))
                else:
                    errors.append(LineError(start, f"has {len(cells)} cells, expected {width}"))
                    continue
            rows.append(cells)
            lines.append(start)
    except csv.Error as exc:
        errors.append(LineError(previous_end + 1, f"cannot be read as CSV ({exc}); stopped here"))
    frame = pd.DataFrame(rows, columns=range(width), dtype=str)
    return frame, np.asarray(lines, dtype=int), errors


def _unique(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}.{seen[name] - 1}")
    return out


def find_column(table: Table, *patterns: str) -> str | None:
    """The first header matching one of the regexes (case-insensitive, whole name)."""
    for pattern in patterns:
        for name in table.frame.columns:
            if re.fullmatch(pattern, name, flags=re.I):
                return name
    return None


def distinct(column: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """The column's codes and distinct values (as object text): an export repeats the same
    few dates, weights and reps thousands of times, so work on each value once and
    `np.append(per_value, missing)[codes]` spreads the results back (code -1: missing)."""
    codes, values = pd.factorize(column)
    return codes, pd.Series(np.asarray(values, dtype=object), dtype=object)


def numbers(table: Table, name: str | None, label: str | None = None) -> pd.Series:
    """A numeric column: empty, `""` and missing are NaN; text that is not a number is a
    line error and NaN. Semicolon files may use decimal commas."""
    if name is None or not table.has(name):
        return pd.Series(np.nan, index=table.frame.index, dtype="float64")
    raw = table.frame[name]
    codes, cells = distinct(raw)
    text = cells.str.strip('"').str.strip()
    if table.delimiter == ";" or text.str.contains(",", regex=False).any():
        text = text.str.replace(",", ".", regex=False)
    values = to_float(text)
    bad = np.append(np.isnan(values) & (text != "").to_numpy(), False)[codes]
    if bad.any():
        table.line_error(bad, lambda i: f"{label or name}: {raw.iloc[i]!r} is not a number")
    return pd.Series(np.append(values, np.nan)[codes], index=raw.index, dtype="float64")


NUMBER = r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?$"


def to_float(cells: pd.Series) -> np.ndarray:
    """Decimal numbers as float64, anything else NaN (vectorised in Arrow; `numbers` hands
    it each distinct cell once)."""
    text = pa.array(cells.astype(str), type=pa.string())
    ok = pc.match_substring_regex(text, NUMBER)
    values = pc.cast(pc.if_else(ok, text, None), pa.float64()).to_numpy(zero_copy_only=False)
    values = values.astype("float64")
    return np.where(np.isfinite(values), values, np.nan)


def load_to_kg(values: pd.Series, units: pd.Series | str) -> pd.Series:
    """Weights in `units` (`kg`/`kgs`/`lb`/`lbs`, per row or for the whole column) as kg."""
    if isinstance(units, str):
        return values * LB_IN_KG if units.casefold().startswith("lb") else values
    pounds = units.fillna("").str.casefold().str.startswith("lb")
    return values.where(~pounds, values * LB_IN_KG)


DISTANCE_IN_M = {
    "m": 1.0,
    "meter": 1.0,
    "meters": 1.0,
    "metres": 1.0,
    "km": 1000.0,
    "kms": 1000.0,
    "kilometers": 1000.0,
    "kilometres": 1000.0,
    "mi": MILE_IN_M,
    "mile": MILE_IN_M,
    "miles": MILE_IN_M,
    "ft": 0.3048,
    "feet": 0.3048,
    "yd": 0.9144,
    "yards": 0.9144,
}


def distance_to_m(values: pd.Series, units: pd.Series | str) -> pd.Series:
    if isinstance(units, str):
        return values * DISTANCE_IN_M.get(units.casefold(), 1000.0)
    factor = units.fillna("").str.casefold().map(DISTANCE_IN_M).astype("float64").fillna(1000.0)
    return values * factor


def clock_seconds(table: Table, name: str | None) -> pd.Series:
    """`H:MM:SS`, `MM:SS` or plain seconds, as seconds."""
    if name is None or not table.has(name):
        return pd.Series(np.nan, index=table.frame.index, dtype="float64")
    raw = table.frame[name]
    parts = raw.str.split(":", expand=True)
    if parts.shape[1] == 1:
        return numbers(table, name)
    parts = parts.reindex(columns=range(3))
    count = raw.str.count(":")
    numeric = parts.apply(lambda c: pd.to_numeric(c, errors="coerce")).astype("float64")
    seconds = pd.Series(np.nan, index=raw.index, dtype="float64")
    plain = count == 0
    seconds[plain] = pd.to_numeric(raw[plain].where(raw[plain] != "", None), errors="coerce")
    two = count == 1
    seconds[two] = numeric.loc[two, 0] * 60 + numeric.loc[two, 1]
    three = count == 2
    seconds[three] = (
        numeric.loc[three, 0] * 3600 + numeric.loc[three, 1] * 60 + numeric.loc[three, 2]
    )
    bad = seconds.isna() & (raw != "")
    table.line_error(bad.to_numpy(), lambda i: f"{name}: {raw.iloc[i]!r} is not a time (H:MM:SS)")
    return seconds


def _naive(stamps: pd.Series) -> pd.Series:
    # Offsets are read as UTC and dropped: a workout's day and time as the app showed them.
    return stamps.dt.tz_localize(None).astype("datetime64[us]")


def dates(table: Table, name: str, formats: tuple[str, ...] = (), label: str = "date") -> pd.Series:
    """Timestamps from text; unreadable dates are line errors (NaT)."""
    raw = table.column(name)
    # Parse each distinct text once: every set of a workout repeats its start time.
    codes, unique = distinct(raw.astype(str))
    ordinals = r"(\d+)(st|nd|rd|th)\b"  # "March 3rd" -> "March 3" (in Arrow: 3x faster)
    plain = pc.replace_substring_regex(pa.array(unique, pa.string()), ordinals, r"\1")
    unique = pd.Series(plain.to_pylist(), dtype=object)
    stamps = pd.Series(pd.NaT, index=unique.index, dtype="datetime64[us]")
    for fmt in (*formats, "ISO8601", "mixed"):
        todo = stamps.isna() & (unique != "")
        if not todo.any():
            break
        stamps[todo] = _naive(pd.to_datetime(unique[todo], format=fmt, errors="coerce", utc=True))
    stamps = stamps.where((stamps.dt.year >= 1900) & (stamps.dt.year <= 2200))
    taken = np.append(stamps.to_numpy(), np.datetime64("NaT", "us"))[codes]
    parsed = pd.Series(taken, index=raw.index, dtype="datetime64[us]")
    bad = parsed.isna()
    table.line_error(bad.to_numpy(), lambda i: f"{label}: {raw.iloc[i]!r} is not a date")
    return parsed
