"""Backtrack's own `sessions.csv` and `checkins.csv` (see `rehab_core.csvformat`)."""

from __future__ import annotations

from .. import csvformat

NAME = "backtrack"
LABEL = "Backtrack sessions"
CHECKINS_NAME = "backtrack-checkins"
CHECKINS_LABEL = "Backtrack check-ins"


def detect(header: list[str]) -> bool:
    return csvformat.is_sessions_header(header)


def detect_checkins(header: list[str]) -> bool:
    return bool(csvformat.is_checkins_header(header))


def parse(text: str, **_):
    return csvformat.read_sessions_csv(text)


def parse_checkins(text: str, **_):
    return csvformat.read_checkins_csv(text)
