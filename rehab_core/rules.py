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
    calendar_min_weeks: int = 4  # a new person's first days fill a month, not empty months
    clear_muscle_feel: int = 2  # 2 = clear contraction, 3 = strong with fatigue
    max_points: int = 3000  # per chart: plenty for the eye, light for a phone's browser
    min_drawn_days: int = 10  # a 3-day history fills a third of the chart, not a sliver
    min_drawn_weeks: int = 6  # one week's bar stays a bar among six, not a wall
    max_date_ticks: int = 5  # date labels that fit side by side on a 390 px phone
    # The walking goal, a rep's seconds and each stage's sessions per week are the stage
    # engine's and planner's (StageRules, PlannerRules): the dashboard reads them from there.


PROGRESS = ProgressRules()


@dataclass(frozen=True)
class ImportRules:
    """Reading other trackers' files."""

    # Bearable's severity 0 none, 1 mild, 2 moderate, 3 severe, onto the 0-10 pain scale:
    # the midpoints of the NRS bands for mild (1-3), moderate (4-6) and severe (7-10).
    bearable_severity_to_pain: tuple[int, ...] = (0, 2, 5, 8)
    progress_bar_rows: int = 3000  # below this an import finishes before a bar would help
    preview_rows: int = 20  # enough to recognise one's own workouts before confirming
    backup_max_mb: int = 200  # unpacked backup: decades of daily logging fit in a few MB


IMPORT_RULES = ImportRules()


# -- Session tolerance, stage engine and planner ------------------------------------------
@dataclass(frozen=True)
class ToleranceRules:
    """The session traffic light, after the pain-monitoring model (Silbernagel et al. 2007)."""

    red_during_above: int = 5  # pain during exercise is acceptable up to 5/10, never above
    red_rise_above: int = 3  # more than 3 points over the day's starting pain is too much
    red_next_morning_rise: int = 2  # 2+ points worse next morning: the tissue did not settle
    green_during_max: int = 3  # mild pain at most during the session
    green_rise_max: int = 1  # barely above the day's starting pain
    green_next_morning_rise: int = 1  # back to about the starting pain by the next morning


TOLERANCE = ToleranceRules()


@dataclass(frozen=True)
class StageRules:
    """When a stage's gate opens, and when the program steps back (see the Plan page)."""

    rep_seconds: float = 3  # one slow extension rep is about 3 s under tension
    # Stage 1 -> 2: tissue tolerance and trust
    s1_min_days: int = 14  # two weeks of daily exposure before judging tolerance
    s1_sessions: int = 8  # most days of the last two weeks had a session
    s1_window_days: int = 14  # "recent" for stage 1's session and hold criteria
    s1_green_streak: int = 4  # the last 4 rated sessions were all well tolerated
    s1_hold_sets: int = 3  # three extension holds in one session...
    s1_hold_seconds: float = 10  # ...of at least 10 s each show the muscles switch on
    s1_flare_free_days: int = 7  # a calm week since the last flare-up
    s1_trust_min: float = 5  # average trust in the back of 5/10 or more
    s1_trust_days: int = 7  # averaged over a week, to smooth one bad day
    # Stage 2 -> 3: circulation and tension
    s2_min_program_days: int = 42  # the six "watering the plant" weeks
    s2_min_days: int = 14  # at least two weeks of the longer holds
    s2_weekly_sessions: int = 3  # three sessions in each of...
    s2_weeks: int = 2  # ...the last two weeks
    s2_window_days: int = 14  # "recent" for stage 2's tolerance and hold criteria
    s2_green_fraction: float = 0.8  # 4 of 5 recent rated sessions well tolerated, none red
    s2_hold_total_seconds: float = 90  # 90 s of extension holds in one session
    s2_walking_min_per_day: float = 20  # daily walking keeps blood moving through the tissue
    s2_walking_days: int = 7  # averaged over a week
    # Stage 3 -> 4: strength gains and progression
    s3_min_days: int = 28  # strength from practice takes about four weeks to show
    s3_baseline_days: int = 7  # the first week of stage 3 sets the starting point
    s3_work_factor: float = 1.5  # half again as much extension work as at the start
    s3_window_days: int = 14  # "recent" for stage 3's work, capacity and red criteria
    s3_capacity_sets: int = 3  # three sets...
    s3_capacity_reps: int = 15  # ...of 15 unloaded reps show capacity for loading
    s3_capacity_hold_seconds: float = 60  # or one 60 s hold (the Biering-Sorensen benchmark)
    s3_weekly_sessions: int = 2  # two sessions in each of...
    s3_weeks: int = 4  # ...the last four weeks: loading needs a regular habit
    # Stage 4 -> 5: muscular growth
    s4_min_days: int = 56  # muscle growth becomes measurable after about 8 weeks of loading
    s4_min_program_days: int = 120  # about four months into the program
    s4_loaded_sessions: int = 12  # a dozen loaded sessions in stage 4
    s4_load_window_days: int = 14  # compare the last two weeks' load with stage 4's first two
    s4_weekly_sessions: int = 2  # two sessions in...
    s4_week_fraction: float = 0.8  # ...at least 80 % of stage 4's weeks
    s4_red_free_days: int = 28  # four weeks without a red session
    # Regressions
    deload_days: int = 7  # after a flare event, a week of easier sessions (the flare day + 7)
    step_back_window_days: int = 14  # a second red session within two weeks means too much load
    gap_days: int = 21  # three weeks off loses enough conditioning to repeat a stage
    # How long the Plan page keeps a message up
    flare_days: int = 2  # "flare" is on the flare day and the next day
    message_days: int = 14  # welcome-back and step-back notes stay two weeks


STAGE_RULES = StageRules()


@dataclass(frozen=True)
class SlotRule:
    """One line of a stage's session: a track of the extension ladder, within a range."""

    track: str  # "hold" (seconds), "reps" (unloaded reps) or "load" (reps with load)
    sets: int
    exercises: tuple[str, ...]  # easiest first; the next one starts when the last is mastered
    lowest: float  # easiest step this stage prescribes (seconds or reps)
    highest: float  # hardest step this stage prescribes


@dataclass(frozen=True)
class PlannerRules:
    """The next session and the week ahead: templates per stage and the progression ladder."""

    hold_steps: tuple[float, ...] = (5, 10, 15, 20, 30, 45, 60)  # seconds; small, even jumps
    rep_steps: tuple[int, ...] = (8, 10, 12, 15, 20)  # reps
    load_rep_steps: tuple[int, ...] = (8, 10, 12)  # 8-12 reps at RPE 7-8 builds muscle
    load_step_kg: float = 2.5  # the smallest plate pair in most gyms
    first_load_kg: float = 2.5  # first loaded sessions start with the smallest plate
    greens_to_step_up: int = 2  # two well-tolerated sessions in a row at a step earn the next
    stage_slots: tuple[tuple[SlotRule, ...], ...] = (
        (  # 1: short daily holds rebuild trust
            SlotRule("hold", 4, ("Prone extension hold",), 5, 10),
            SlotRule("reps", 2, ("Bird dog",), 8, 10),
        ),
        (  # 2: longer holds and slow unloaded reps
            SlotRule("hold", 3, ("Prone extension hold", "45° back extension hold"), 15, 30),
            SlotRule("reps", 2, ("Bird dog", "45° back extension"), 8, 12),
        ),
        (  # 3: unloaded 45° extensions for reps, and longer holds
            SlotRule("reps", 3, ("45° back extension",), 10, 20),
            SlotRule(
                "hold", 2, ("45° back extension hold", "Horizontal back extension hold"), 30, 60
            ),
        ),
        (  # 4: loaded extensions, 8-12 reps
            SlotRule("load", 3, ("45° back extension (weighted)",), 8, 12),
            SlotRule("hold", 1, ("Horizontal back extension hold",), 45, 60),
        ),
        (  # 5: maintenance
            SlotRule("load", 3, ("45° back extension (weighted)",), 8, 12),
            SlotRule("hold", 1, ("Horizontal back extension hold",), 60, 60),
        ),
    )
    walking_minutes: tuple[int, ...] = (15, 25, 30, 30, 30)  # per stage; stage 2 asks 20-30 a day
    sessions_per_week: tuple[int, ...] = (6, 5, 4, 3, 2)  # per stage, the upper end of each range
    loaded_rest_days: int = 2  # 48 h between loaded days lets muscle recover
    load_rpe: str = "7-8"  # two or three reps left in the tank


PLANNER = PlannerRules()
