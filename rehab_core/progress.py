"""What the Progress page shows, aggregated in DuckDB: pain, extension work, consistency,
walking, muscle feel and headline numbers, each over a chosen date window.

Every query reads one person's rows (`WHERE user_id = ?` bound to `store.user_id`) and
returns a small frame: rows are grouped by day or week in SQL, so a chart never gets more
than a few thousand points however long the history. Stage facts come from the stage
engine (`rehab_core.stages`) and tolerance colours from `rehab_core.tolerance`; while
those are not available the dashboard still works and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from . import outcomes
from .catalog import WALKING
from .csvformat import spreadsheet_safe
from .rules import LB_IN_KG, LIMITS, OUTCOMES, PLANNER, PROGRESS, STAGE_RULES, ProgressRules
from .stages import STAGE_NAMES, StageStatus, assess
from .storage import Store
from .tolerance import session_tolerance

WALKING_GOAL_MIN_PER_DAY = STAGE_RULES.s2_walking_min_per_day  # the stage-2 gate's dose


@dataclass(frozen=True)
class Window:
    """The dates a chart covers (both ends included) and how its points are grouped."""

    start: dt.date
    end: dt.date
    bucket: str = "day"  # "day" or "week"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def first_logged_date(store: Store) -> dt.date | None:
    """The earliest day with a session or a check-in, or None for an empty history."""
    frame = store.db.query(
        "SELECT least((SELECT min(date) FROM sessions WHERE user_id = $1), "
        "(SELECT min(date) FROM checkins WHERE user_id = $1)) AS first",
        [store.user_id],
    )
    first = frame.iloc[0]["first"]
    return None if pd.isna(first) else pd.Timestamp(first).date()


def window_for(
    range_name: str, today: dt.date, first: dt.date | None, rules: ProgressRules = PROGRESS
) -> Window:
    """The window of a named range ending today; "All" starts at the first logged day."""
    days = dict(rules.ranges)[range_name]
    start = min(first or today, today) if days is None else today - dt.timedelta(days=days - 1)
    span = (today - start).days + 1
    return Window(start, today, "week" if span > rules.daily_max_days else "day")


def _extension_seconds(rules: ProgressRules) -> str:
    # Time under tension of one set: its seconds, else reps at a slow tempo.
    return f"coalesce(t.seconds, t.reps * {float(STAGE_RULES.rep_seconds)!r}, 0)"


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    for column in columns:
        frame[column] = pd.to_datetime(frame[column])
    return frame


# -- 1. pain over time ----------------------------------------------------------------
def pain_over_time(store: Store, window: Window, rules: ProgressRules = PROGRESS) -> pd.DataFrame:
    """Check-in pain, mean session pain during, and the rolling average of check-in pain.

    Columns: date, checkin_pain, session_pain, pain_average. One row per day with any
    value (or per week, dated by its Monday, when the window is long); the average covers
    the `pain_average_days` calendar days ending on that day (on a week's last day).
    """
    lookback = rules.pain_average_days - 1
    sql = f"""
        WITH days AS (
            SELECT unnest(generate_series($2::DATE - {lookback}, $3::DATE, INTERVAL 1 DAY))::DATE
                AS date
        ),
        checkin AS (
            SELECT date, pain FROM checkins
            WHERE user_id = $1 AND date BETWEEN $2::DATE - {lookback} AND $3 AND pain IS NOT NULL
        ),
        session AS (
            SELECT date, avg(pain_during) AS session_pain FROM sessions
            WHERE user_id = $1 AND date BETWEEN $2 AND $3 AND pain_during IS NOT NULL
            GROUP BY date
        ),
        daily AS (
            SELECT d.date, c.pain AS checkin_pain, s.session_pain,
                avg(c.pain) OVER (ORDER BY d.date ROWS BETWEEN {lookback} PRECEDING
                    AND CURRENT ROW) AS pain_average
            FROM days d
            LEFT JOIN checkin c ON c.date = d.date
            LEFT JOIN session s ON s.date = d.date
        )
        SELECT * FROM daily
        WHERE date >= $2 AND (checkin_pain IS NOT NULL OR session_pain IS NOT NULL
            OR pain_average IS NOT NULL)
        ORDER BY date"""  # noqa: S608 - integers from rules, no user text
    params = [store.user_id, window.start, window.end]
    if window.bucket == "week":
        sql = f"""
            SELECT date_trunc('week', date)::DATE AS date, avg(checkin_pain) AS checkin_pain,
                avg(session_pain) AS session_pain, arg_max(pain_average, date) AS pain_average
            FROM ({sql}) GROUP BY 1 ORDER BY 1"""  # noqa: S608
    return _dates(store.db.query(sql, params), "date")


def flare_checkins(store: Store, window: Window) -> pd.DataFrame:
    """Days in the window with a check-in marked as a flare-up. Columns: date, pain, notes."""
    frame = store.db.query(
        "SELECT date, pain, notes FROM checkins WHERE user_id = $1 AND flare "
        "AND date BETWEEN $2 AND $3 ORDER BY date",
        [store.user_id, window.start, window.end],
    )
    return _dates(frame, "date")


# -- 2. extension work per week ---------------------------------------------------------
def extension_work_by_week(
    store: Store, window: Window, rules: ProgressRules = PROGRESS
) -> pd.DataFrame:
    """Time under tension of extension-family sets per week and exercise (warm-ups excluded).

    Columns: week (its Monday), exercise, ladder_rank, seconds.
    """
    frame = store.db.query(
        f"""SELECT date_trunc('week', s.date)::DATE AS week, e.name AS exercise,
                min(e.ladder_rank) AS ladder_rank, sum({_extension_seconds(rules)}) AS seconds
            FROM sets t
            JOIN sessions s ON s.id = t.session_id AND s.user_id = t.user_id
            JOIN exercises e ON e.id = t.exercise_id AND e.user_id = t.user_id
            WHERE t.user_id = $1 AND s.date BETWEEN $2 AND $3
              AND e.family = 'extension' AND t.set_type <> 'warmup'
            GROUP BY 1, 2
            ORDER BY 1, coalesce(min(e.ladder_rank), 99), 2""",  # noqa: S608 - rule number only
        [store.user_id, window.start, window.end],
    )
    return _dates(frame, "week")


def best_hold_by_week(store: Store, window: Window) -> pd.DataFrame:
    """The longest single extension hold of each week. Columns: week, seconds."""
    frame = store.db.query(
        """SELECT date_trunc('week', s.date)::DATE AS week, max(t.seconds) AS seconds
           FROM sets t
           JOIN sessions s ON s.id = t.session_id AND s.user_id = t.user_id
           JOIN exercises e ON e.id = t.exercise_id AND e.user_id = t.user_id
           WHERE t.user_id = $1 AND s.date BETWEEN $2 AND $3 AND e.family = 'extension'
             AND e.kind = 'hold' AND t.set_type <> 'warmup' AND t.seconds IS NOT NULL
           GROUP BY 1 ORDER BY 1""",
        [store.user_id, window.start, window.end],
    )
    return _dates(frame, "week")


# -- 3. consistency calendar ------------------------------------------------------------
def activity_calendar(
    store: Store,
    window: Window,
    rules: ProgressRules = PROGRESS,
    first_logged: dt.date | None = None,
) -> pd.DataFrame:
    """Every day of the window's last `calendar_weeks` weeks (whole weeks from a Monday),
    from the first logged day on when the history is younger (at least `calendar_min_weeks`).

    Columns: date, week (its Monday), weekday (0 = Monday), sessions, checkin (bool),
    walking_minutes, kinds (how many of session / check-in / walk were logged, 0-3),
    outside (days of those whole weeks outside the window, drawn blank).
    """
    earliest = window.end - dt.timedelta(weeks=rules.calendar_weeks) + dt.timedelta(days=1)
    start = max(window.start, earliest)
    if first_logged is not None:
        shortest = window.end - dt.timedelta(weeks=rules.calendar_min_weeks) + dt.timedelta(days=1)
        start = max(start, min(first_logged, shortest))
    frame = store.db.query(
        """WITH days AS (
               SELECT unnest(generate_series(date_trunc('week', $2::DATE)::DATE,
                   date_trunc('week', $3::DATE)::DATE + 6, INTERVAL 1 DAY))::DATE AS date
           ),
           session AS (
               SELECT date, count(*) AS sessions FROM sessions
               WHERE user_id = $1 AND date BETWEEN $2 AND $3 GROUP BY date
           ),
           walk_sets AS (
               SELECT s.date, sum(t.seconds) / 60 AS minutes
               FROM sets t
               JOIN sessions s ON s.id = t.session_id AND s.user_id = t.user_id
               JOIN exercises e ON e.id = t.exercise_id AND e.user_id = t.user_id
               WHERE t.user_id = $1 AND s.date BETWEEN $2 AND $3 AND e.name = $4
               GROUP BY s.date
           ),
           checkin AS (
               SELECT date, walking_minutes FROM checkins
               WHERE user_id = $1 AND date BETWEEN $2 AND $3
           )
           SELECT d.date, date_trunc('week', d.date)::DATE AS week,
               isodow(d.date) - 1 AS weekday,
               coalesce(s.sessions, 0) AS sessions,
               c.date IS NOT NULL AS checkin,
               coalesce(c.walking_minutes, 0) + coalesce(w.minutes, 0) AS walking_minutes,
               (coalesce(s.sessions, 0) > 0)::INTEGER + (c.date IS NOT NULL)::INTEGER
                   + (coalesce(c.walking_minutes, 0) + coalesce(w.minutes, 0) > 0)::INTEGER
                   AS kinds,
               d.date > $3 OR d.date < $2 AS outside
           FROM days d
           LEFT JOIN session s ON s.date = d.date
           LEFT JOIN checkin c ON c.date = d.date
           LEFT JOIN walk_sets w ON w.date = d.date
           ORDER BY d.date""",
        [store.user_id, start, window.end, WALKING],
    )
    return _dates(frame, "date", "week")


# -- 5. pain response -------------------------------------------------------------------
def session_doses(store: Store, window: Window, rules: ProgressRules = PROGRESS) -> pd.DataFrame:
    """One row per session in the window: its extension dose and its pain ratings.

    Columns: id, date, session_no, extension_seconds, extension_volume_kg (load x reps of
    loaded extension sets), heaviest_kg, pain_before, pain_during, pain_next_morning.
    At most `max_points` sessions, the most recent.
    """
    frame = store.db.query(
        f"""WITH work AS (
                SELECT t.session_id, sum({_extension_seconds(rules)}) AS extension_seconds,
                    sum(t.load_kg * coalesce(t.reps, 0)) AS extension_volume_kg,
                    max(t.load_kg) AS heaviest_kg
                FROM sets t
                JOIN exercises e ON e.id = t.exercise_id AND e.user_id = t.user_id
                WHERE t.user_id = $1 AND e.family = 'extension' AND t.set_type <> 'warmup'
                GROUP BY t.session_id
            )
            SELECT s.id, s.date, s.session_no, coalesce(w.extension_seconds, 0)
                    AS extension_seconds,
                coalesce(w.extension_volume_kg, 0) AS extension_volume_kg, w.heaviest_kg,
                s.pain_before, s.pain_during, s.pain_next_morning
            FROM sessions s LEFT JOIN work w ON w.session_id = s.id
            WHERE s.user_id = $1 AND s.date BETWEEN $2 AND $3
            ORDER BY s.date DESC, s.session_no DESC
            LIMIT $4""",  # noqa: S608 - rule number only
        [store.user_id, window.start, window.end, rules.max_points],
    )
    return _dates(frame.iloc[::-1].reset_index(drop=True), "date")


def with_tolerance(doses: pd.DataFrame) -> pd.DataFrame:
    """`doses` with a `tolerance` column: the session traffic light of `rehab_core.tolerance`."""
    if doses.empty:
        return doses.assign(tolerance=pd.Series(dtype="object"))
    return doses.assign(tolerance=session_tolerance(doses).to_numpy())


# -- 6. walking and muscle feel ---------------------------------------------------------
def walking_and_feel_by_week(
    store: Store, window: Window, rules: ProgressRules = PROGRESS
) -> pd.DataFrame:
    """Per week of the window: walking and the share of sessions with a clear muscle feel.

    Columns: week (its Monday), days (days of that week inside the window), walking_minutes
    (check-ins' walking minutes plus "Walking" sets), minutes_per_day, rated_sessions
    (sessions with a muscle feel), clear_sessions (feel >= `clear_muscle_feel`), clear_share
    (None when no session was rated).
    """
    frame = store.db.query(
        """WITH weeks AS (
               SELECT unnest(generate_series(date_trunc('week', $2::DATE)::DATE, $3::DATE,
                   INTERVAL 7 DAY))::DATE AS week
           ),
           walked AS (
               SELECT date, walking_minutes AS minutes FROM checkins
               WHERE user_id = $1 AND date BETWEEN $2 AND $3 AND walking_minutes IS NOT NULL
               UNION ALL
               SELECT s.date, t.seconds / 60 FROM sets t
               JOIN sessions s ON s.id = t.session_id AND s.user_id = t.user_id
               JOIN exercises e ON e.id = t.exercise_id AND e.user_id = t.user_id
               WHERE t.user_id = $1 AND s.date BETWEEN $2 AND $3 AND e.name = $4
                 AND t.seconds IS NOT NULL
           ),
           walking AS (
               SELECT date_trunc('week', date)::DATE AS week, sum(minutes) AS minutes
               FROM walked GROUP BY 1
           ),
           feel AS (
               SELECT date_trunc('week', date)::DATE AS week, count(*) AS rated,
                   count(*) FILTER (WHERE muscle_feel >= $5) AS clear
               FROM sessions
               WHERE user_id = $1 AND date BETWEEN $2 AND $3 AND muscle_feel IS NOT NULL
               GROUP BY 1
           )
           SELECT k.week,
               (least(k.week + 6, $3::DATE) - greatest(k.week, $2::DATE) + 1)::INTEGER AS days,
               coalesce(w.minutes, 0) AS walking_minutes,
               coalesce(w.minutes, 0)
                   / (least(k.week + 6, $3::DATE) - greatest(k.week, $2::DATE) + 1)
                   AS minutes_per_day,
               coalesce(f.rated, 0) AS rated_sessions, coalesce(f.clear, 0) AS clear_sessions,
               f.clear / f.rated AS clear_share
           FROM weeks k
           LEFT JOIN walking w ON w.week = k.week
           LEFT JOIN feel f ON f.week = k.week
           ORDER BY k.week""",
        [store.user_id, window.start, window.end, WALKING, rules.clear_muscle_feel],
    )
    return _dates(frame, "week")


# -- headline numbers -------------------------------------------------------------------
def weekly_sessions(store: Store, first_week: dt.date, today: dt.date) -> pd.DataFrame:
    """Sessions per week (Mondays from `first_week`'s week to today's). Columns: week, sessions."""
    frame = store.db.query(
        """WITH weeks AS (
               SELECT unnest(generate_series(date_trunc('week', $2::DATE)::DATE,
                   date_trunc('week', $3::DATE)::DATE, INTERVAL 7 DAY))::DATE AS week
           ),
           done AS (
               SELECT date_trunc('week', date)::DATE AS week, count(*) AS sessions
               FROM sessions WHERE user_id = $1
                 AND date BETWEEN date_trunc('week', $2::DATE)::DATE AND $3
               GROUP BY 1
           )
           SELECT k.week, coalesce(d.sessions, 0) AS sessions
           FROM weeks k LEFT JOIN done d ON d.week = k.week ORDER BY k.week""",
        [store.user_id, first_week, today],
    )
    return _dates(frame, "week")


def weekly_targets(
    weeks: pd.Series, periods: pd.DataFrame, starting_stage: int, rules: ProgressRules = PROGRESS
) -> pd.Series:
    """The sessions-per-week target of each week: that of the stage on the week's Monday
    (or the first stage period when the week began before it)."""
    by_stage = dict(enumerate(PLANNER.sessions_per_week, start=1))
    if periods is None or periods.empty:
        return pd.Series(by_stage[starting_stage], index=weeks.index, dtype="int64")
    starts = periods[["start", "stage"]].assign(
        start=pd.to_datetime(periods["start"]).astype("datetime64[ns]")
    )
    left = pd.DataFrame(
        {"week": pd.to_datetime(weeks).astype("datetime64[ns]"), "order": range(len(weeks))}
    )
    merged = pd.merge_asof(
        left.sort_values("week"), starts.sort_values("start"), left_on="week", right_on="start"
    ).sort_values("order")
    stage = merged["stage"].fillna(periods["stage"].iloc[0]).astype(int)
    return pd.Series(stage.map(by_stage).to_numpy(), index=weeks.index, dtype="int64")


def streak_weeks(met: pd.Series) -> int:
    """Consecutive weeks meeting the target, ending at the latest week; the latest week
    (still under way) only adds to the streak, it never breaks it."""
    if met.empty:
        return 0
    done, current = met.iloc[:-1], bool(met.iloc[-1])
    trailing = int(done[::-1].astype(bool).cumprod().sum())
    return trailing + int(current)


def best_extension_efforts(
    store: Store, today: dt.date, since: dt.date, rules: ProgressRules = PROGRESS
) -> dict[str, float | None]:
    """The best extension hold (s) and extension work of a session (s) up to `today`,
    and the same bests as they stood the day before `since`."""
    frame = store.db.query(
        f"""WITH ext AS (
                SELECT s.id AS session_id, s.date, e.kind, t.seconds,
                    {_extension_seconds(rules)} AS work
                FROM sets t
                JOIN sessions s ON s.id = t.session_id AND s.user_id = t.user_id
                JOIN exercises e ON e.id = t.exercise_id AND e.user_id = t.user_id
                WHERE t.user_id = $1 AND s.date <= $2 AND e.family = 'extension'
                  AND t.set_type <> 'warmup'
            ),
            per_session AS (
                SELECT session_id, min(date) AS date, sum(work) AS work FROM ext GROUP BY 1
            )
            SELECT
                (SELECT max(seconds) FROM ext WHERE kind = 'hold') AS best_hold,
                (SELECT max(seconds) FROM ext WHERE kind = 'hold' AND date < $3)
                    AS best_hold_before,
                (SELECT max(work) FROM per_session) AS best_work,
                (SELECT max(work) FROM per_session WHERE date < $3) AS best_work_before""",  # noqa: S608
        [store.user_id, today, since],
    )
    row = frame.iloc[0]
    return {k: (None if pd.isna(v) else float(v)) for k, v in row.items()}


def pain_averages(
    store: Store, today: dt.date, rules: ProgressRules = PROGRESS
) -> dict[str, float | None]:
    """Mean check-in pain over the last `pain_average_days` days, and over the same number
    of days `pain_compare_days` earlier."""
    span = rules.pain_average_days - 1
    back = rules.pain_compare_days
    frame = store.db.query(
        f"""SELECT
               avg(pain) FILTER (WHERE date BETWEEN $2::DATE - {span} AND $2) AS recent,
               avg(pain) FILTER (WHERE date BETWEEN $2::DATE - {back + span}
                   AND $2::DATE - {back}) AS earlier
           FROM checkins WHERE user_id = $1 AND pain IS NOT NULL""",  # noqa: S608 - integers
        [store.user_id, today],
    )
    row = frame.iloc[0]
    return {k: (None if pd.isna(v) else float(v)) for k, v in row.items()}


def sessions_between(store: Store, start: dt.date, end: dt.date) -> int:
    frame = store.db.query(
        "SELECT count(*) AS n FROM sessions WHERE user_id = $1 AND date BETWEEN $2 AND $3",
        [store.user_id, start, end],
    )
    return int(frame.iloc[0]["n"])


# -- the stage engine -----------------------------------------------------------------------
def stage_status(store: Store, today: dt.date) -> StageStatus:
    """The stage engine's verdict for today, over the person's whole history."""
    return assess(store.history(), today)


def stage_periods(status, today: dt.date, window: Window | None = None) -> pd.DataFrame:
    """The stage timeline as a frame (stage, name, start, end; the current period ends
    today), clipped to `window` when given. Empty without a stage status."""
    columns = ["stage", "name", "start", "end"]
    if status is None or not getattr(status, "timeline", None):
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    frame = pd.DataFrame(
        {
            "stage": [p.stage for p in status.timeline],
            "start": [p.start for p in status.timeline],
            "end": [p.end for p in status.timeline],
        }
    )
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"]).fillna(pd.Timestamp(today))
    frame["name"] = frame["stage"].map(STAGE_NAMES)
    if window is not None:
        lo, hi = pd.Timestamp(window.start), pd.Timestamp(window.end)
        frame = frame[(frame["end"] >= lo) & (frame["start"] <= hi)].copy()
        frame["start"] = frame["start"].clip(lower=lo)
        frame["end"] = frame["end"].clip(upper=hi)
    return frame[columns].reset_index(drop=True)


def flare_events(flares: pd.DataFrame, red_sessions: pd.DataFrame) -> pd.DataFrame:
    """Flare check-ins and red sessions as one frame of markers (date, pain, what)."""
    marked = [
        flares.assign(what="Flare-up logged in a check-in")[["date", "pain", "what"]],
        red_sessions.assign(pain=red_sessions["pain_during"], what="Red session")[
            ["date", "pain", "what"]
        ],
    ]
    marked = [m for m in marked if len(m)]
    if not marked:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "pain": [], "what": []})
    return pd.concat(marked, ignore_index=True).sort_values("date", ignore_index=True)


def extension_table(work: pd.DataFrame, best_hold: pd.DataFrame) -> pd.DataFrame:
    """The extension chart's data, a row per week and exercise with the week's best hold."""
    return work.drop(columns=["ladder_rank"]).merge(
        best_hold.rename(columns={"seconds": "best_hold_seconds"}), on="week", how="left"
    )


def in_units(frame: pd.DataFrame, units: str) -> pd.DataFrame:
    """`frame` with every `*_kg` column in the person's units (renamed `*_lb` for pounds)."""
    if units != "lb":
        return frame
    kg = [c for c in frame.columns if c.endswith("_kg")]
    converted = frame.assign(**{c: frame[c] / LB_IN_KG for c in kg})
    return converted.rename(columns={c: c[: -len("_kg")] + "_lb" for c in kg})


# -- everything the page draws -----------------------------------------------------------
@dataclass(frozen=True)
class Headline:
    stage: int | None
    stage_name: str | None
    days_in_stage: int | None
    week: int | None
    sessions_28d: int
    sessions_target: int  # the plan's sessions over `sessions_days`
    sessions_days: int  # the window's days, or fewer while the program is younger
    pain_recent: float | None
    pain_earlier: float | None
    best_hold: float | None
    best_hold_before: float | None
    best_work: float | None
    best_work_before: float | None
    streak: int
    streak_target: int
    deload: bool = False
    flare: bool = False


@dataclass(frozen=True)
class Dashboard:
    window: Window
    headline: Headline
    pain: pd.DataFrame
    flares: pd.DataFrame
    periods: pd.DataFrame  # stage periods inside the window
    timeline: pd.DataFrame  # the whole stage timeline
    extension: pd.DataFrame
    best_hold: pd.DataFrame
    calendar: pd.DataFrame
    doses: pd.DataFrame
    walking: pd.DataFrame
    outcomes: pd.DataFrame
    counts: dict[str, int] = field(default_factory=dict)
    first_logged: dt.date | None = None
    units: str = "kg"


def headline(
    store: Store, today: dt.date, status, periods: pd.DataFrame, rules: ProgressRules = PROGRESS
) -> Headline:
    profile = store.profile()
    stage = getattr(status, "stage", None)
    by_stage = dict(enumerate(PLANNER.sessions_per_week, start=1))
    weekly_target = by_stage[stage or profile.starting_stage]
    since = today - dt.timedelta(days=rules.sessions_window_days - 1)
    first = profile.start_date or first_logged_date(store) or today
    weeks = weekly_sessions(store, min(first, today), today)
    # A program younger than the window is held to the days it has had, not four weeks.
    counted_days = min(rules.sessions_window_days, (today - min(first, today)).days + 1)
    targets = weekly_targets(weeks["week"], periods, profile.starting_stage, rules)
    pain = pain_averages(store, today, rules)
    best = best_extension_efforts(store, today, since, rules)
    return Headline(
        stage=stage,
        stage_name=getattr(status, "stage_name", None),
        days_in_stage=getattr(status, "days_in_stage", None),
        week=getattr(status, "week", None),
        sessions_28d=sessions_between(store, since, today),
        sessions_target=max(1, round(weekly_target * counted_days / 7)),
        sessions_days=counted_days,
        pain_recent=pain["recent"],
        pain_earlier=pain["earlier"],
        best_hold=best["best_hold"],
        best_hold_before=best["best_hold_before"],
        best_work=best["best_work"],
        best_work_before=best["best_work_before"],
        streak=streak_weeks(weeks["sessions"] >= targets),
        streak_target=weekly_target,
        deload=bool(getattr(status, "deload", False)),
        flare=bool(getattr(status, "flare", False)),
    )


def outcome_scores(store: Store, window: Window) -> pd.DataFrame:
    """Outcome scores in the window, from the outcomes module: date, measure (its plain
    name), score, mcid (the smallest change that matters, judged from the first score
    ever), first (that first score), scale_max (the top of the measure's scale)."""
    series = outcomes.outcome_series(store)
    columns = ["date", "measure", "score", "mcid", "first", "scale_max"]
    if series.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    compare = {
        outcomes.RMDQ: outcomes.rmdq_change,
        outcomes.PSFS: outcomes.psfs_change,
        outcomes.NPRS: outcomes.pain_change,
    }
    scale_max = {
        outcomes.RMDQ: OUTCOMES.rmdq_items,
        outcomes.PSFS: OUTCOMES.psfs_rating_max,
        outcomes.NPRS: LIMITS.pain_max,
    }
    firsts = series.groupby("measure", sort=False)["score"].first()
    # One comparison per measure (three at most), never per row.
    mcid = {m: compare[m](first, first).matters for m, first in firsts.items() if m in compare}
    frame = series[series["measure"].isin(list(mcid))].assign(
        date=lambda f: pd.to_datetime(f["date"]),
        mcid=lambda f: f["measure"].map(mcid).astype(float),
        first=lambda f: f["measure"].map(firsts).astype(float),
        scale_max=lambda f: f["measure"].map(scale_max).astype(float),
    )
    lo, hi = pd.Timestamp(window.start), pd.Timestamp(window.end)
    frame = frame[(frame["date"] >= lo) & (frame["date"] <= hi)]
    frame = frame.assign(measure=frame["measure"].map(outcomes.MEASURE_NAMES))
    return frame[columns].sort_values(["measure", "date"], ignore_index=True)


_ASSESS = object()


def dashboard(
    store: Store,
    range_name: str,
    today: dt.date,
    rules: ProgressRules = PROGRESS,
    status=_ASSESS,
) -> Dashboard:
    """Everything the Progress page draws for `range_name` ending `today`.

    `status` is the stage engine's verdict for today when the caller already has it (it
    does not depend on the range); by default it is assessed here."""
    if status is _ASSESS:
        status = stage_status(store, today)
    first = first_logged_date(store)
    window = window_for(range_name, today, first, rules)
    timeline = stage_periods(status, today)
    return Dashboard(
        window=window,
        headline=headline(store, today, status, timeline, rules),
        pain=pain_over_time(store, window, rules),
        flares=flare_checkins(store, window),
        periods=stage_periods(status, today, window),
        timeline=timeline,
        extension=extension_work_by_week(store, window, rules),
        best_hold=best_hold_by_week(store, window),
        calendar=activity_calendar(store, window, rules, first),
        doses=with_tolerance(session_doses(store, window, rules)),
        walking=walking_and_feel_by_week(store, window, rules),
        outcomes=outcome_scores(store, window),
        counts=store.counts(),
        first_logged=first,
        units=store.profile().units,
    )


def drawn_span(
    window: Window,
    first_logged: dt.date | None,
    rules: ProgressRules = PROGRESS,
    weekly: bool = False,
) -> tuple[dt.date, dt.date]:
    """The dates a time chart spans: the window, or from a little before the first logged
    day when the history is younger than the window, so a new person's few days are not
    squeezed against the right edge (never less than `min_drawn_days`, or for weekly bars
    `min_drawn_weeks`, and never before the window)."""
    start = window.start
    if first_logged is not None:
        least = rules.min_drawn_weeks * 7 if weekly else rules.min_drawn_days
        shortest = window.end - dt.timedelta(days=least - 1)
        start = max(start, min(first_logged - dt.timedelta(days=1), shortest))
    return min(start, window.end), window.end


def chart_csv(frame: pd.DataFrame) -> str:
    """A chart's data as CSV: ISO dates, numbers rounded to 3 places, text cells guarded
    so a spreadsheet never runs them as formulas."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            out[column] = values.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_float_dtype(values):
            out[column] = values.round(3)
        elif pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
            out[column] = values.astype("string").map(spreadsheet_safe, na_action="ignore")
    return out.to_csv(index=False, lineterminator="\n")
