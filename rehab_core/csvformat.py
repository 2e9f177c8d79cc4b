"""Backtrack's own CSV format: `sessions.csv` (one row per set) and `checkins.csv`.

This is the contract other parts and tests rely on: ISO dates, SI units, an empty cell
for "not recorded", session-level values repeated on each of the session's rows.
"""

from __future__ import annotations

import csv
import io
import math

import pandas as pd

from .models import SET_TYPES, ImportBatch, LineError

SESSIONS_HEADER = [
    "date",
    "session",
    "exercise",
    "set_index",
    "set_type",
    "reps",
    "seconds",
    "load_kg",
    "distance_m",
    "pain_before",
    "pain_during",
    "pain_after",
    "pain_next_morning",
    "effort",
    "notes",
    "muscle_feel",
]
CHECKINS_HEADER = ["date", "pain", "stiffness", "trust", "walking_minutes", "flare", "notes"]
TEXT_COLUMNS = ("exercise", "notes")
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@")


class ImportFileError(ValueError):
    """A file that cannot be imported at all: one plain line saying why."""


def _runs_as_formula(text: str) -> bool:
    # Quotes already in front are kept by one more, so stripping one restores the text.
    return text.lstrip("'").startswith(FORMULA_PREFIXES)


def spreadsheet_safe(text: str) -> str:
    return "'" + text if _runs_as_formula(text) else text


def strip_spreadsheet_guard(text: str) -> str:
    return text[1:] if text.startswith("'") and _runs_as_formula(text) else text


def _cell(value) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(round(value, 3))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _write(frame: pd.DataFrame, header: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in frame[header].itertuples(index=False):
        cells = []
        for name, value in zip(header, row, strict=True):
            text = _cell(value)
            cells.append(spreadsheet_safe(text) if name in TEXT_COLUMNS else text)
        writer.writerow(cells)
    return out.getvalue()


def write_sessions_csv(sets: pd.DataFrame) -> str:
    """`sets` as returned by `Store.export_sets()`."""
    return _write(sets.astype(object), SESSIONS_HEADER)


def write_checkins_csv(checkins: pd.DataFrame) -> str:
    return _write(checkins.astype(object), CHECKINS_HEADER)


def _number(raw: str, line: int, field: str, errors: list[LineError], integer=False):
    text = raw.strip()
    if text == "":
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        errors.append(LineError(line, f"{field}: {raw!r} is not a number"))
        raise
    if math.isnan(value) or math.isinf(value):
        errors.append(LineError(line, f"{field}: {raw!r} is not a number"))
        raise ValueError(raw)
    if integer:
        if not value.is_integer():
            errors.append(LineError(line, f"{field}: {raw!r} must be a whole number"))
            raise ValueError(raw)
        return int(value)
    return value


def _date(raw: str, line: int, errors: list[LineError]):
    try:
        stamp = pd.Timestamp(raw.strip())
        if pd.isna(stamp) or not 1900 <= stamp.year <= 2200:
            raise ValueError(raw)
        return stamp.date()
    except (ValueError, TypeError, OverflowError):
        errors.append(LineError(line, f"date: {raw!r} is not a date (use YYYY-MM-DD)"))
        raise ValueError(raw) from None


def _rows(text: str):
    """(line, row) pairs; row is None for a ragged line. Line breaks may be \n, \r\n or \r."""
    reader = csv.DictReader(io.StringIO(text, newline=None))
    try:
        header = [h.strip().lstrip("\ufeff").casefold() for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise ImportFileError(f"The header cannot be read as CSV ({exc}).") from None
    reader.fieldnames = header
    previous_end = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield previous_end + 1, f"cannot be read as CSV ({exc}); the rest was not read"
            return
        number, previous_end = previous_end + 1, reader.line_num
        if None in row:
            yield number, None
            continue
        yield number, {k: (v or "") for k, v in row.items()}


def is_sessions_header(header: list[str]) -> bool:
    names = {h.strip().casefold() for h in header}
    return {"date", "exercise"} <= names


def is_checkins_header(header: list[str]) -> bool:
    names = {h.strip().casefold() for h in header}
    return "date" in names and "exercise" not in names and names & {"pain", "trust", "flare"}


def _require(text: str, columns: tuple[str, ...], what: str) -> None:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    header = {h.strip().casefold() for h in first.split(",")}
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportFileError(
            f"This is not a Backtrack {what} file: it has no {missing[0]} column."
        )


def read_sessions_csv(text: str, source: str = "backtrack") -> ImportBatch:
    """Parse `sessions.csv`; every column but `date` and `exercise` may be absent."""
    _require(text, ("date", "exercise"), "sessions")
    errors: list[LineError] = []
    sessions: dict[str, dict] = {}
    sets: list[dict] = []
    counters: dict[tuple[str, str], int] = {}
    rows_read = 0
    for line, row in _rows(text):
        rows_read += 1
        if isinstance(row, str):
            errors.append(LineError(line, row))
            break
        if row is None:
            errors.append(LineError(line, "has more cells than the header"))
            continue
        try:
            date = _date(row.get("date", ""), line, errors)
            exercise = strip_spreadsheet_guard(row.get("exercise", "").strip())
            if not exercise:
                errors.append(LineError(line, "exercise: empty"))
                continue
            session_no = _number(row.get("session", ""), line, "session", errors, True) or 1
            set_type = row.get("set_type", "").strip().casefold() or "normal"
            if set_type not in SET_TYPES:
                errors.append(
                    LineError(line, f"set_type: {set_type!r} is not one of {', '.join(SET_TYPES)}")
                )
                continue
            key = f"{date.isoformat()}|{session_no}"
            index = _number(row.get("set_index", ""), line, "set_index", errors, True)
            counters[(key, exercise.casefold())] = counters.get((key, exercise.casefold()), 0) + 1
            entry = {
                "session_key": key,
                "exercise": exercise,
                "set_index": index or counters[(key, exercise.casefold())],
                "set_type": set_type,
                "reps": _number(row.get("reps", ""), line, "reps", errors, True),
                "seconds": _number(row.get("seconds", ""), line, "seconds", errors),
                "load_kg": _number(row.get("load_kg", ""), line, "load_kg", errors),
                "distance_m": _number(row.get("distance_m", ""), line, "distance_m", errors),
            }
            head = {
                "session_key": key,
                "date": date,
                "session_no": session_no,
                "pain_before": _number(row.get("pain_before", ""), line, "pain_before", errors),
                "pain_during": _number(row.get("pain_during", ""), line, "pain_during", errors),
                "pain_after": _number(row.get("pain_after", ""), line, "pain_after", errors),
                "pain_next_morning": _number(
                    row.get("pain_next_morning", ""), line, "pain_next_morning", errors
                ),
                "effort": _number(row.get("effort", ""), line, "effort", errors),
                "muscle_feel": _number(
                    row.get("muscle_feel", ""), line, "muscle_feel", errors, True
                ),
                "notes": strip_spreadsheet_guard(row.get("notes", "")),
            }
        except ValueError:
            continue
        sessions.setdefault(key, head)
        sets.append(entry)
    return ImportBatch(
        format=source,
        sessions=pd.DataFrame(list(sessions.values())),
        sets=pd.DataFrame(sets),
        rows_read=rows_read,
        rows_skipped=rows_read - len(sets),
        errors=errors,
    )


def read_checkins_csv(text: str, source: str = "backtrack") -> ImportBatch:
    _require(text, ("date",), "check-ins")
    errors: list[LineError] = []
    checkins: list[dict] = []
    rows_read = 0
    for line, row in _rows(text):
        rows_read += 1
        if isinstance(row, str):
            errors.append(LineError(line, row))
            break
        if row is None:
            errors.append(LineError(line, "has more cells than the header"))
            continue
        try:
            flare_text = row.get("flare", "").strip().casefold()
            if flare_text not in ("", "yes", "no", "true", "false", "1", "0"):
                errors.append(LineError(line, f"flare: {flare_text!r} must be yes or no"))
                continue
            checkins.append(
                {
                    "date": _date(row.get("date", ""), line, errors),
                    "pain": _number(row.get("pain", ""), line, "pain", errors),
                    "stiffness": _number(row.get("stiffness", ""), line, "stiffness", errors),
                    "trust": _number(row.get("trust", ""), line, "trust", errors),
                    "walking_minutes": _number(
                        row.get("walking_minutes", ""), line, "walking_minutes", errors
                    ),
                    "flare": flare_text in ("yes", "true", "1"),
                    "notes": strip_spreadsheet_guard(row.get("notes", "")),
                }
            )
        except ValueError:
            continue
    return ImportBatch(
        format=source,
        checkins=pd.DataFrame(checkins),
        rows_read=rows_read,
        rows_skipped=rows_read - len(checkins),
        errors=errors,
    )


OUTCOMES_HEADER = ["date", "measure", "score"]


def write_outcomes_csv(scores: pd.DataFrame) -> str:
    """Questionnaire scores (`rehab_core.outcomes.scores`) as date, measure, score."""
    frame = scores if len(scores) else pd.DataFrame(columns=OUTCOMES_HEADER)
    return _write(frame.astype(object), OUTCOMES_HEADER)
