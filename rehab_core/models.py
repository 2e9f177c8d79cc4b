"""The domain's nouns: plain frozen dataclasses, stored in SI units (kg, seconds, metres)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

FAMILIES = ("extension", "core", "hip", "circulation", "mobility", "other")
KINDS = ("hold", "reps", "reps+load", "duration/distance")
SET_TYPES = ("normal", "warmup", "dropset", "failure")
UNITS = ("kg", "lb")
MUSCLE_FEEL = {
    0: "none",
    1: "faint",
    2: "clear contraction",
    3: "strong contraction with fatigue",
}


@dataclass(frozen=True)
class Exercise:
    name: str
    family: str = "other"
    kind: str = "reps"
    ladder_rank: int | None = None  # position on the extension ladder, easiest first
    builtin: bool = False


@dataclass(frozen=True)
class SetEntry:
    exercise: str
    set_index: int = 1
    set_type: str = "normal"
    reps: int | None = None
    seconds: float | None = None
    load_kg: float | None = None
    distance_m: float | None = None


@dataclass(frozen=True)
class Session:
    date: dt.date
    sets: tuple[SetEntry, ...] = ()
    session_no: int | None = None  # None: next free number on that date
    pain_before: int | None = None
    pain_during: int | None = None  # worst during
    pain_after: int | None = None
    pain_next_morning: int | None = None
    effort: float | None = None
    muscle_feel: int | None = None
    notes: str = ""
    source: str = "backtrack"
    id: int | None = None


@dataclass(frozen=True)
class Checkin:
    date: dt.date
    pain: int | None = None
    stiffness: int | None = None
    trust: int | None = None
    walking_minutes: float | None = None
    flare: bool = False
    notes: str = ""
    source: str = "backtrack"


@dataclass(frozen=True)
class Profile:
    start_date: dt.date | None = None
    starting_stage: int = 1
    units: str = "kg"


@dataclass(frozen=True)
class LineError:
    line: int  # 1-based line of the file (the header is line 1)
    message: str


@dataclass
class ImportBatch:
    """What a parser made of a file, in the shape storage writes in one transaction.

    sessions: session_key, date, session_no, pain_before, pain_during, pain_after,
              pain_next_morning, effort, muscle_feel, notes
    sets:     session_key, exercise, set_index, set_type, reps, seconds, load_kg, distance_m
    checkins: date, pain, stiffness, trust, walking_minutes, flare, notes
    `session_key` is unique per session within the source (it becomes the session's
    fingerprint, so re-importing the same workout adds nothing twice).
    """

    format: str
    sessions: object = None  # pandas.DataFrame
    sets: object = None
    checkins: object = None
    rows_read: int = 0
    rows_skipped: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)
    errors: list[LineError] = field(default_factory=list)
    units: str | None = None  # the unit the file's weights were read in, when it had to be chosen


@dataclass(frozen=True)
class ImportResult:
    format: str
    rows_read: int
    sets_added: int
    sessions_added: int
    checkins_added: int
    duplicates_skipped: int
    rows_skipped: int
    errors: tuple[LineError, ...] = ()

    def as_dict(self) -> dict:
        return {
            "format": self.format,
            "rows_read": self.rows_read,
            "sets_added": self.sets_added,
            "sessions_added": self.sessions_added,
            "checkins_added": self.checkins_added,
            "duplicates_skipped": self.duplicates_skipped,
            "rows_skipped": self.rows_skipped,
            "errors": [{"line": e.line, "message": e.message} for e in self.errors],
        }
