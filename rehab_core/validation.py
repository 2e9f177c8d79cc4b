"""Checks on what a person typed, with messages that name the field."""

from __future__ import annotations

import datetime as dt
import math

from .models import SET_TYPES, Checkin, Session
from .rules import LIMITS, Limits


class ValidationError(ValueError):
    """Input that cannot be saved; `problems` lists one plain sentence per field."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _check_range(problems: list[str], label: str, value, low, high) -> None:
    if _missing(value):
        return
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        problems.append(f"{label} must be a number, not {value!r}")
    elif not low <= value <= high:
        problems.append(f"{label} must be between {low:g} and {high:g} (got {value:g})")


def session_problems(
    session: Session, today: dt.date | None = None, limits: Limits = LIMITS
) -> list[str]:
    today = today or dt.date.today()
    problems: list[str] = []
    if session.date > today:
        problems.append(f"Date {session.date.isoformat()} is in the future")
    if not session.sets:
        problems.append("A session needs at least one set (an empty session cannot be saved)")
    if session.session_no is not None:
        _check_range(problems, "Session number", session.session_no, 1, limits.session_max_per_day)
    for label, value in (
        ("Pain before", session.pain_before),
        ("Pain during", session.pain_during),
        ("Pain after", session.pain_after),
        ("Pain next morning", session.pain_next_morning),
    ):
        _check_range(problems, label, value, 0, limits.pain_max)
    _check_range(problems, "Effort", session.effort, 0, limits.effort_max)
    _check_range(problems, "Muscle feel", session.muscle_feel, 0, limits.muscle_feel_max)
    for number, s in enumerate(session.sets, start=1):
        where = f"Set {number} ({s.exercise or 'no exercise'})"
        if not str(s.exercise or "").strip():
            problems.append(f"Set {number}: choose an exercise")
        if s.set_type not in SET_TYPES:
            problems.append(f"{where}: set type must be one of {', '.join(SET_TYPES)}")
        _check_range(problems, f"{where}: set index", s.set_index, 1, 1000)
        _check_range(problems, f"{where}: reps", s.reps, 0, limits.reps_max)
        _check_range(problems, f"{where}: seconds", s.seconds, 0, limits.seconds_max)
        _check_range(problems, f"{where}: load (kg)", s.load_kg, 0, limits.load_kg_max)
        _check_range(problems, f"{where}: distance (m)", s.distance_m, 0, limits.distance_m_max)
        if all(_missing(v) or v == 0 for v in (s.reps, s.seconds, s.distance_m)):
            problems.append(f"{where}: enter reps, seconds or a distance")
    return problems


def checkin_problems(
    checkin: Checkin, today: dt.date | None = None, limits: Limits = LIMITS
) -> list[str]:
    today = today or dt.date.today()
    problems: list[str] = []
    if checkin.date > today:
        problems.append(f"Date {checkin.date.isoformat()} is in the future")
    for label, value in (
        ("Pain", checkin.pain),
        ("Stiffness", checkin.stiffness),
        ("Trust", checkin.trust),
    ):
        _check_range(problems, label, value, 0, limits.pain_max)
    _check_range(
        problems, "Walking minutes", checkin.walking_minutes, 0, limits.walking_minutes_max
    )
    if all(
        _missing(v)
        for v in (checkin.pain, checkin.stiffness, checkin.trust, checkin.walking_minutes)
    ) and not (checkin.flare or checkin.notes.strip()):
        problems.append("A check-in needs at least one value")
    return problems


def validate_session(session: Session, today: dt.date | None = None) -> None:
    problems = session_problems(session, today)
    if problems:
        raise ValidationError(problems)


def validate_checkin(checkin: Checkin, today: dt.date | None = None) -> None:
    problems = checkin_problems(checkin, today)
    if problems:
        raise ValidationError(problems)
