"""Every number a Backtrack rule uses, once, with the reason beside it.

Each group is a frozen dataclass so a test (or a clinician) can pass other values;
the module-level instances are the defaults the app uses.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """What a person can plausibly enter; anything outside is a typo, not data."""

    pain_max: int = 10  # 0-10 numeric rating scale, the clinical standard
    effort_max: float = 10  # RPE 0-10 (modified Borg CR10)
    muscle_feel_max: int = 3  # 0 none, 1 faint, 2 clear contraction, 3 strong with fatigue
    reps_max: int = 200  # more in one set is a typing slip
    seconds_max: float = 3600  # one hold or walk entry of an hour at most
    load_kg_max: float = 500  # beyond any rehab load; guards against unit mix-ups
    distance_m_max: float = 100_000  # 100 km in one entry
    walking_minutes_max: int = 1440  # minutes in a day
    session_max_per_day: int = 9  # session numbers 1-9 on one date


LIMITS = Limits()

# Storage precision: 1 g and 1 ms are below anything a person can feel, and rounding there
# removes float noise such as Strong's 7.499999999999999 (stored as 7.5).
STORAGE_DECIMALS = 3
LB_IN_KG = 0.45359237  # international avoirdupois pound
MILE_IN_M = 1609.344  # international mile
