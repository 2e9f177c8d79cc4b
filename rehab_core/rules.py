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


@dataclass(frozen=True)
class OutcomeRules:
    """Outcome measures: when to ask, and how big a change matters to a person."""

    rmdq_items: int = 24  # Roland-Morris Disability Questionnaire, published English version
    rmdq_mcid_points: int = 5  # smallest RMDQ change people notice (Ostelo et al. 2008)
    rmdq_mcid_fraction: float = 0.30  # or 30 % of the first score, whichever is larger
    rmdq_recovered_max: int = 2  # a score of 0-2 is within the range of people without back pain
    psfs_min_activities: int = 3  # fewer gives a mean too dependent on one activity
    psfs_max_activities: int = 5  # the scale's own upper limit
    psfs_rating_max: int = 10  # 0 unable to perform, 10 able as before the problem
    psfs_mcid_mean: float = 2  # smallest change of the mean score that matters (Stratford 1995)
    psfs_mcid_single: float = 3  # smallest change of one activity's score that matters
    nprs_mcid_points: float = 2  # smallest pain change that matters (Farrar 2001; Ostelo 2008)
    nprs_mcid_fraction: float = 0.30  # or 30 % of the first weekly average, whichever is larger
    prompt_interval_days: int = 14  # outcomes move slowly; every 2 weeks shows change, not noise


OUTCOMES = OutcomeRules()


# -- Progress dashboard -----------------------------------------------------------------
@dataclass(frozen=True)
class ProgressRules:
    """How the Progress page summarises a history into charts and headline numbers."""

    # The date ranges a person can pick (label, days; None = the whole history).
    ranges: tuple[tuple[str, int | None], ...] = (
        ("4 weeks", 28),
        ("3 months", 91),
        ("6 months", 182),
        ("1 year", 365),
        ("All", None),
    )
    default_range: str = "3 months"  # long enough for a trend, short enough to see last weeks
    daily_max_days: int = 400  # beyond ~a year, daily dots blur: charts switch to weekly means
    pain_average_days: int = 7  # a week smooths day-to-day noise without hiding a flare
    pain_compare_days: int = 28  # compare with four weeks earlier, a stage's shortest length
    sessions_window_days: int = 28  # "sessions in the last 4 weeks" against the stage's target
    calendar_weeks: int = 26  # half a year of days still fits a phone's width
    clear_muscle_feel: int = 2  # 2 = clear contraction, 3 = strong with fatigue
    max_points: int = 3000  # per chart: plenty for the eye, light for a phone's browser


PROGRESS = ProgressRules()


@dataclass(frozen=True)
class ImportRules:
    """Reading other trackers' files."""

    # Bearable's severity 0 none, 1 mild, 2 moderate, 3 severe, onto the 0-10 pain scale:
    # the midpoints of the NRS bands for mild (1-3), moderate (4-6) and severe (7-10).
    bearable_severity_to_pain: tuple[int, ...] = (0, 2, 5, 8)
    progress_bar_rows: int = 3000  # below this an import finishes before a bar would help
    preview_rows: int = 20  # enough to recognise one's own workouts before confirming


IMPORT_RULES = ImportRules()
