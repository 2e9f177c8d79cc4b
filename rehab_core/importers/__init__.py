"""Every import format behind one registry: detection by header names, never positions.

Each format is a small module (`strong`, `hevy`, `fitnotes`, `bearable`, `backtrack`,
`mapping`); `FORMATS` lists them in detection order (the most specific header first).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..models import ImportBatch
from . import backtrack, bearable, fitnotes, hevy, mapping, strong
from ._table import header_of
from .mapping import Mapping, header_key


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    detect: Callable[[list[str]], bool]
    parse: Callable[..., ImportBatch]


FORMATS: list[Format] = [
    Format(strong.NAME, strong.LABEL, strong.detect, strong.parse),
    Format(hevy.NAME, hevy.LABEL, hevy.detect, hevy.parse),
    Format(fitnotes.NAME, fitnotes.LABEL, fitnotes.detect, fitnotes.parse),
    Format(bearable.NAME, bearable.LABEL, bearable.detect, bearable.parse),
    Format(backtrack.NAME, backtrack.LABEL, backtrack.detect, backtrack.parse),
    Format(
        backtrack.CHECKINS_NAME,
        backtrack.CHECKINS_LABEL,
        backtrack.detect_checkins,
        backtrack.parse_checkins,
    ),
    Format(mapping.NAME, mapping.LABEL, mapping.detect, mapping.parse),
]


def by_name(name: str) -> Format | None:
    return next((f for f in FORMATS if f.name == name), None)


def detect_header(header: list[str]) -> Format | None:
    return next((f for f in FORMATS if f.detect(header)), None)


def needs_units(text: str) -> bool:
    """Whether the file leaves weight units to the person (Strong's plain `Weight`)."""
    names = {h.casefold() for h in header_of(text)}
    fmt = detect_header(header_of(text))
    if fmt is None or fmt.name not in (strong.NAME, fitnotes.NAME):
        return False
    return "weight" in names and "weight unit" not in names


__all__ = ["FORMATS", "Format", "Mapping", "by_name", "detect_header", "header_key", "needs_units"]
