"""The five stages and their gates: replay a history day by day to know where a person is.

The replay starts on the program start (the profile's start date, else the first session)
at the profile's starting stage and walks to `today`. On each day, in this order:
a gap of `gap_days` without a session drops one stage ("welcome back"); a second red
session within `step_back_window_days` of an earlier one drops one stage ("step back");
a flare event (a red session or a check-in marked as a flare) starts a deload; and when
nothing of that happened and no deload is running, the stage advances if every gate of
the current stage holds that day. So a stage changes at most once a day, and the result
depends only on the history's contents, never on row order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .measures import DailyMeasures, daily_measures, date_of, day_number, session_facts
from .rules import STAGE_RULES, TOLERANCE, StageRules, ToleranceRules
from .storage import History

STAGE_NAMES = {
    1: "Tissue tolerance & trust",
    2: "Circulation & tension",
    3: "Strength gains & progression",
    4: "Muscular growth",
    5: "Structural change",
}


@dataclass(frozen=True)
class StageInfo:
    name: str
    goal: str  # what the stage is for, in one line
    inside: str  # what is happening in the body, in two or three plain sentences
    time_frame: str


STAGE_INFO = {
    1: StageInfo(
        STAGE_NAMES[1],
        "Short, gentle holds every day, so your back learns that moving is safe.",
        "Your nervous system is relearning to trust your back and to switch its muscles on "
        "again. There is often little to see or feel yet: the change is in the wiring, "
        "and it is real.",
        "Weeks 1-6, together with stage 2",
    ),
    2: StageInfo(
        STAGE_NAMES[2],
        "Longer holds, slow unloaded reps and daily walks keep blood moving through the tissue.",
        "Muscles that were guarded learn to work and relax again, and regular tension and "
        "walking bring blood and nutrients to the tissue. Like watering a plant, nothing "
        "seems to happen for weeks, and then it grows.",
        "Weeks 1-6 (the six 'watering the plant' weeks)",
    ),
    3: StageInfo(
        STAGE_NAMES[3],
        "More reps and longer holds, step by step.",
        "Strength now grows from practice: more reps and longer holds, mostly through "
        "better coordination of the muscles you already have.",
        "Weeks 6-12",
    ),
    4: StageInfo(
        STAGE_NAMES[4],
        "Loaded extensions, 8-12 reps, a small step heavier when every set reaches 12.",
        "With steady loading the muscles themselves grow. It becomes visible and measurable "
        "after about 8-12 weeks of loading.",
        "From about month 3, for at least 8 weeks",
    ),
    5: StageInfo(
        STAGE_NAMES[5],
        "Maintenance: two sessions a week keep what you built.",
        "Discs, bones, ligaments and tendons adapt to load far more slowly than muscle. "
        "They keep strengthening over months to a year while you keep training.",
        "Months to years",
    ),
}
STAGE_DESCRIPTIONS = {
    stage: f"{info.inside} Usually: {info.time_frame}." for stage, info in STAGE_INFO.items()
}


@dataclass(frozen=True)
class Gate:
    """One criterion of a stage's gate, as of one day."""

    name: str
    current: float | None  # None: not tracked
    target: float
    met: bool
    progress: float  # 0..1, for a progress bar
    text: str  # in plain words, e.g. "3 of 4 recent rated sessions green"
    hint: str = ""  # what would help, when not met


@dataclass(frozen=True)
class StagePeriod:
    stage: int
    start: dt.date
    end: dt.date | None  # the last day in that stage; None for the current stage


@dataclass(frozen=True)
class StageEvent:
    date: dt.date
    kind: str  # "advance", "step_back", "gap" or "flare"
    stage: int  # the stage after the event
    text: str


@dataclass(frozen=True)
class Message:
    kind: str  # "flare", "deload", "step_back", "welcome_back", "advance"
    text: str


@dataclass(frozen=True)
class StageStatus:
    today: dt.date
    stage: int
    stage_name: str
    stage_started: dt.date
    program_start: dt.date | None
    week: int  # week of the program, 1 on the first day; 0 before it starts
    days_in_stage: int  # whole days since the stage started (0 on its first day)
    deload: bool
    flare: bool
    gates: tuple[Gate, ...]  # the gate to the next stage; empty in stage 5
    timeline: tuple[StagePeriod, ...]
    events: tuple[StageEvent, ...]
    messages: tuple[Message, ...]
    deload_until: dt.date | None = None  # last day of the running deload
    last_flare: dt.date | None = None

    @property
    def next_stage_name(self) -> str | None:
        return STAGE_NAMES.get(self.stage + 1)

    @property
    def gates_met(self) -> int:
        return sum(g.met for g in self.gates)

    def as_dict(self) -> dict:
        """The `status --json` object."""
        return {
            "stage": self.stage,
            "stage_name": self.stage_name,
            "stage_started": self.stage_started.isoformat(),
            "program_start": self.program_start.isoformat() if self.program_start else None,
            "week": self.week,
            "deload": self.deload,
            "flare": self.flare,
            "gates": [
                {"name": g.name, "current": g.current, "target": g.target, "met": g.met}
                for g in self.gates
            ],
            "timeline": [
                {
                    "stage": p.stage,
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat() if p.end else None,
                }
                for p in self.timeline
            ],
        }


# -- gates ---------------------------------------------------------------------------------
# Each criterion is computed from a few array look-ups. The words are built only when
# `describe` is set: the day-by-day replay asks just "does it hold?" thousands of times.
def _num(value: float) -> float | int:
    value = round(float(value), 1)
    return int(value) if value.is_integer() else value


def _ratio(current: float, target: float) -> float:
    if target <= 0:
        return 1.0
    return float(min(max(current / target, 0.0), 1.0))


def _gate(
    describe: bool,
    name: str,
    current: float | None,
    target: float,
    met: bool,
    progress: Callable[[], float],
    text: Callable[[], str],
    hint: Callable[[], str] = lambda: "",
) -> Gate | bool:
    if not describe:
        return bool(met)
    shown = None if current is None else _num(current)
    return Gate(name, shown, _num(target), bool(met), progress(), text(), "" if met else hint())


def _at_least(describe, name, current, target, text, hint=lambda: "") -> Gate | bool:
    return _gate(
        describe,
        name,
        current,
        target,
        current >= target,
        lambda: _ratio(current, target),
        text,
        hint,
    )


def duration(seconds: float) -> str:
    """Seconds as a person reads them: "45 s", "3 min 24 s", "2 min"."""
    total = round(float(seconds))
    minutes, rest = divmod(total, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _sessions(n: float) -> str:
    return "1 session" if n == 1 else f"{int(n)} sessions"


def _days_in_stage(describe: bool, days: int, target: int) -> Gate | bool:
    days = max(days, 0)
    return _at_least(
        describe,
        "days_in_stage",
        days,
        target,
        lambda: (
            f"{days} of {target} days in this stage"
            if days < target
            else f"{days} days in this stage (at least {target})"
        ),
        lambda: "Time is part of the method: tissue adapts slowly.",
    )


def _days_in_program(describe: bool, days: int, target: int) -> Gate | bool:
    days = max(days, 0)
    return _at_least(
        describe,
        "days_in_program",
        days,
        target,
        lambda: (
            f"{days} of {target} days since you started"
            if days < target
            else f"{days} days since you started (at least {target})"
        ),
        lambda: "Keep watering the plant: these weeks build the ground for strength.",
    )


def _no_red(describe: bool, m: DailyMeasures, d: int, window: int) -> Gate | bool:
    reds = m.total("red", d, window)
    return _gate(
        describe,
        f"no_red_{window}d",
        reds,
        0,
        reds == 0,
        lambda: 1.0 if reds == 0 else 0.0,
        lambda: (
            f"No red session in the last {window} days"
            if reds == 0
            else f"{_sessions(reds)} red in the last {window} days (goal: none)"
        ),
        lambda: "Stay at a level that leaves pain settled by the next morning.",
    )


def _weekly_sessions(
    describe: bool, m: DailyMeasures, d: int, weeks: int, per_week: int
) -> Gate | bool:
    counts = [m.total("sessions", d - 7 * k, 7) for k in range(weeks)]
    return _at_least(
        describe,
        f"sessions_each_week_{weeks}w",
        min(counts),
        per_week,
        lambda: (
            f"{per_week}+ sessions in each of the last {weeks} weeks (you had "
            + ", ".join(str(int(c)) for c in reversed(counts))
            + ")"
        ),
        lambda: "Regular, modest sessions beat occasional big ones.",
    )


def _stage1_gates(
    describe: bool, m: DailyMeasures, d: int, start: int, rules: StageRules
) -> Iterator[Gate | bool]:
    yield _days_in_stage(describe, d - start, rules.s1_min_days)
    window = rules.s1_window_days
    sessions = m.total("sessions", d, window)
    yield _at_least(
        describe,
        "sessions_14d",
        sessions,
        rules.s1_sessions,
        lambda: f"{_sessions(sessions)} of {rules.s1_sessions} in the last {window} days",
        lambda: "Short daily sessions: a few minutes is enough.",
    )
    streak = rules.s1_green_streak
    rated = int(min(m.rated_so_far[d], streak))
    green = int(m.recent_green[d])
    yield _gate(
        describe,
        "recent_sessions_green",
        green,
        streak,
        rated >= streak and green >= streak,
        lambda: _ratio(green, streak),
        lambda: f"{green} of {streak} recent rated sessions green (well tolerated)",
        lambda: (
            "Rate pain before and during each session: unrated sessions count for "
            "consistency, not as proof of tolerance."
            if rated < streak
            else "Ease off until sessions leave your pain at most a little above where it started."
        ),
    )
    best = min(m.peak("holds_best", d - window + 1, d), rules.s1_hold_sets)
    yield _at_least(
        describe,
        "extension_holds",
        best,
        rules.s1_hold_sets,
        lambda: (
            f"{int(best)} of {rules.s1_hold_sets} extension holds of "
            f"{_num(rules.s1_hold_seconds)} s in one session (last {window} days)"
        ),
        lambda: (
            f"Hold each extension for {_num(rules.s1_hold_seconds)} s, "
            f"{rules.s1_hold_sets} times in a session."
        ),
    )
    calm = rules.s1_flare_free_days
    flares = m.flare[max(d - calm + 1, 0) : d + 1]
    since = calm - 1 - int(np.flatnonzero(flares)[-1]) if flares.any() else calm
    yield _gate(
        describe,
        "no_flare_7d",
        m.total("flare", d, calm),
        0,
        since >= calm,
        lambda: _ratio(since, calm),
        lambda: (
            f"No flare-up in the last {calm} days"
            if since >= calm
            else f"A flare-up {_days(since)} ago: a calm week first"
        ),
        lambda: "Let the flare settle; gentle walks and short holds only.",
    )
    trust_days = rules.s1_trust_days
    if m.ever("trust_n", d) == 0:
        yield _gate(
            describe,
            "trust_7d",
            None,
            rules.s1_trust_min,
            True,
            lambda: 1.0,
            lambda: "Trust in your back: not tracked (no check-ins), so it does not hold you back",
        )
        return
    n = m.total("trust_n", d, trust_days)
    average = m.total("trust_sum", d, trust_days) / n if n else 0.0
    yield _at_least(
        describe,
        "trust_7d",
        average,
        rules.s1_trust_min,
        lambda: (
            f"Average trust in your back {_num(average)} of 10 over the last {trust_days} "
            f"days (goal {_num(rules.s1_trust_min)})"
            if n
            else f"No trust rating in the last {trust_days} days (goal {_num(rules.s1_trust_min)})"
        ),
        lambda: (
            "Trust grows with calm, repeated success; rate it in the daily check-in."
            if n
            else "Add a daily check-in with your trust rating."
        ),
    )


def _stage2_gates(
    describe: bool, m: DailyMeasures, d: int, start: int, p0: int, rules: StageRules
) -> Iterator[Gate | bool]:
    yield _days_in_program(describe, d - p0, rules.s2_min_program_days)
    yield _days_in_stage(describe, d - start, rules.s2_min_days)
    yield _weekly_sessions(describe, m, d, rules.s2_weeks, rules.s2_weekly_sessions)
    window = rules.s2_window_days
    rated = m.total("rated", d, window)
    green = m.total("green", d, window)
    red = m.total("red", d, window)
    share = green / rated if rated else 0.0
    goal = round(rules.s2_green_fraction * 100)
    yield _gate(
        describe,
        "green_share_14d",
        share * 100,
        goal,
        rated > 0 and share >= rules.s2_green_fraction and red == 0,
        lambda: 0.0 if red else _ratio(share, rules.s2_green_fraction),
        lambda: (
            f"{int(green)} of {_sessions(rated)} rated in the last {window} days green, "
            + (f"{int(red)} red" if red else "none red")
            + f" (goal {goal} % green, none red)"
            if rated
            else f"No rated session in the last {window} days (goal {goal} % green, none red)"
        ),
        lambda: (
            "Rate pain during your sessions."
            if not rated
            else "Stay at a level that feels fine during and the next morning."
        ),
    )
    best = m.peak("hold_seconds", d - window + 1, d)
    yield _at_least(
        describe,
        "extension_hold_seconds",
        best,
        rules.s2_hold_total_seconds,
        lambda: (
            f"Longest total hold time in one session: {duration(best)}; goal "
            f"{duration(rules.s2_hold_total_seconds)} (last {window} days)"
        ),
        lambda: "Add up your holds: for example 3 holds of 30 s.",
    )
    days = rules.s2_walking_days
    average = m.total("walking", d, days) / days
    logged = m.ever("walking_logged", d) > 0
    yield _at_least(
        describe,
        "walking_7d",
        average,
        rules.s2_walking_min_per_day,
        lambda: (
            f"Walking {_num(average)} of {_num(rules.s2_walking_min_per_day)} min a day "
            f"(average of the last {days} days)"
            if logged
            else "No walks logged yet"
        ),
        lambda: (
            "Walk daily and log it: as a 'Walking' set or as minutes in your check-in."
            if logged
            else "Log your walks (a 'Walking' set, or walking minutes in the daily check-in)."
        ),
    )


def _work_baseline(m: DailyMeasures, start: int, d: int, rules: StageRules) -> float:
    """Best extension work of stage 3's first week (or of the first week that had any)."""
    base = m.peak("work", start, min(start + rules.s3_baseline_days - 1, d))
    if base > 0:
        return base
    worked = np.flatnonzero(m.work[start : d + 1])
    if not len(worked):
        return 0.0
    first = start + int(worked[0])
    return m.peak("work", first, min(first + rules.s3_baseline_days - 1, d))


def _stage3_gates(
    describe: bool, m: DailyMeasures, d: int, start: int, rules: StageRules
) -> Iterator[Gate | bool]:
    yield _days_in_stage(describe, d - start, rules.s3_min_days)
    window = rules.s3_window_days
    base = _work_baseline(m, start, d, rules)
    best = m.peak("work", d - window + 1, d)
    target = base * rules.s3_work_factor
    factor = _num(rules.s3_work_factor)
    yield _gate(
        describe,
        "extension_work",
        best,
        target,
        base > 0 and best >= target,
        lambda: _ratio(best, target) if base > 0 else 0.0,
        lambda: (
            f"Longest time under tension in one session: {duration(best)}; goal "
            f"{duration(target)} ({factor} × your first week's best; last {window} days)"
            if base > 0
            else "No extension work logged in this stage yet"
        ),
        lambda: (
            "Add reps or seconds a step at a time."
            if base > 0
            else "Log a session with extensions to set your starting point."
        ),
    )
    shown = min(m.total("capacity", d, window), 1)
    yield _at_least(
        describe,
        "capacity_shown",
        shown,
        1,
        lambda: (
            f"A green session with {rules.s3_capacity_sets} × {rules.s3_capacity_reps} "
            f"unloaded extension reps, or a {_num(rules.s3_capacity_hold_seconds)} s hold "
            f"(last {window} days): " + ("done" if shown else "not yet")
        ),
        lambda: "Build up to it along the ladder; it shows you are ready for load.",
    )
    yield _weekly_sessions(describe, m, d, rules.s3_weeks, rules.s3_weekly_sessions)
    yield _no_red(describe, m, d, window)


def _stage4_gates(
    describe: bool, m: DailyMeasures, d: int, start: int, p0: int, rules: StageRules
) -> Iterator[Gate | bool]:
    yield _days_in_stage(describe, d - start, rules.s4_min_days)
    yield _days_in_program(describe, d - p0, rules.s4_min_program_days)
    loaded = m.total("loaded", d, d - start + 1)
    yield _at_least(
        describe,
        "loaded_sessions",
        loaded,
        rules.s4_loaded_sessions,
        lambda: (
            f"{_sessions(loaded)} of {rules.s4_loaded_sessions} with loaded extensions "
            "in this stage"
        ),
        lambda: "Loaded extensions at 8-12 reps, two or three times a week.",
    )
    window = rules.s4_load_window_days
    first = m.peak("heaviest", start, min(start + window - 1, d))
    recent = m.peak("heaviest", d - window + 1, d)
    yield _gate(
        describe,
        "heavier_load",
        recent,
        first,
        recent > first,
        lambda: 1.0 if recent > first else 0.99 * _ratio(recent, first),
        lambda: (
            f"Heaviest extension load {_num(recent)} kg in the last {window} days (goal: "
            f"more than the {_num(first)} kg of this stage's first {window} days)"
        ),
        lambda: "Add a small plate when every set reaches 12 reps and feels fine.",
    )
    weeks = (d - start + 1) // 7
    starts = start + 7 * np.arange(weeks)
    cum = m.cumulative("sessions")
    good = int(((cum[starts + 7] - cum[starts]) >= rules.s4_weekly_sessions).sum())
    share = good / weeks if weeks else 0.0
    goal = round(rules.s4_week_fraction * 100)
    yield _gate(
        describe,
        "regular_weeks",
        share * 100,
        goal,
        weeks > 0 and share >= rules.s4_week_fraction,
        lambda: _ratio(share, rules.s4_week_fraction),
        lambda: (
            f"{good} of {weeks} weeks in this stage with {rules.s4_weekly_sessions}+ "
            f"sessions (goal {goal} %)"
        ),
        lambda: "Two sessions a week, most weeks.",
    )
    yield _no_red(describe, m, d, rules.s4_red_free_days)


def stage_gates(
    stage: int,
    m: DailyMeasures,
    d: int,
    start: int,
    p0: int,
    rules: StageRules = STAGE_RULES,
    describe: bool = True,
) -> Iterator[Gate | bool]:
    """The criteria of `stage`'s gate on day index `d`, lazily (so `all()` stops early).

    With `describe` they are `Gate`s in plain words; without, just whether each holds.
    """
    if stage == 1:
        return _stage1_gates(describe, m, d, start, rules)
    if stage == 2:
        return _stage2_gates(describe, m, d, start, p0, rules)
    if stage == 3:
        return _stage3_gates(describe, m, d, start, rules)
    if stage == 4:
        return _stage4_gates(describe, m, d, start, p0, rules)
    return iter(())


# -- replay --------------------------------------------------------------------------------
def _as_date(value) -> dt.date:
    return pd.Timestamp(value).date()


def program_start(history: History) -> dt.date | None:
    """The profile's start date, else the date of the first session."""
    if history.profile.start_date is not None:
        return _as_date(history.profile.start_date)
    if len(history.sessions):
        return _as_date(min(history.sessions["date"]))
    return None


def _first_data_day(history: History) -> dt.date | None:
    dates = [_as_date(min(f["date"])) for f in (history.sessions, history.checkins) if len(f)]
    return min(dates) if dates else None


def assess(
    history: History,
    today: dt.date,
    rules: StageRules = STAGE_RULES,
    tolerance_rules: ToleranceRules = TOLERANCE,
) -> StageStatus:
    """Where the person stands on `today`: stage, gate, timeline and messages."""
    started = program_start(history)
    p0_date = started if started is not None else today
    first = _first_data_day(history)
    origin = min(d for d in (p0_date, today, first) if d is not None)
    facts = session_facts(history, rules, tolerance_rules)
    m = daily_measures(history, origin, today, rules, tolerance_rules, facts=facts)
    p0 = day_number(p0_date) - m.origin
    t = day_number(today) - m.origin

    stage = min(max(int(history.profile.starting_stage or 1), 1), 5)
    start = p0
    periods: list[tuple[int, int]] = [(stage, p0)]
    events: list[tuple[int, str, int]] = []
    last_active = p0  # the program start counts as activity for the gap rule
    open_red: int | None = None  # the red session that opened a step-back window
    last_flare: int | None = None
    sessions, red, flare = m.sessions, m.red, m.flare

    for d in range(p0, t + 1):
        changed = False
        if sessions[d]:
            last_active = d
        elif (d - last_active) and (d - last_active) % rules.gap_days == 0:
            events.append((d, "gap", max(stage - 1, 1)))
            if stage > 1:
                stage, start, changed = stage - 1, d, True
        if red[d]:
            again = open_red is not None and d - open_red <= rules.step_back_window_days
            if again or red[d] >= 2:
                events.append((d, "step_back", max(stage - 1, 1)))
                if stage > 1:
                    stage, start, changed = stage - 1, d, True
                open_red = None
            else:
                open_red = d
        if flare[d]:
            last_flare = d
            events.append((d, "flare", stage))
        deload = last_flare is not None and d - last_flare <= rules.deload_days
        ready = not changed and not deload and stage < 5
        if ready and all(stage_gates(stage, m, d, start, p0, rules, describe=False)):
            stage, start, changed = stage + 1, d, True
            events.append((d, "advance", stage))
        if changed and periods[-1][1] == d:  # changed on the program's first day
            periods[-1] = (stage, d)
        elif changed:
            periods.append((stage, d))

    deload = last_flare is not None and 0 <= t - last_flare <= rules.deload_days
    flare_now = last_flare is not None and 0 <= t - last_flare < rules.flare_days
    stage_events = tuple(
        StageEvent(date_of(m.origin + d), kind, s, _event_text(kind, s)) for d, kind, s in events
    )
    timeline = tuple(
        StagePeriod(
            s,
            date_of(m.origin + begin),
            date_of(m.origin + periods[i + 1][1] - 1) if i + 1 < len(periods) else None,
        )
        for i, (s, begin) in enumerate(periods)
    )
    gates = tuple(stage_gates(stage, m, t, start, p0, rules)) if t >= 0 else ()
    deload_until = date_of(m.origin + last_flare + rules.deload_days) if deload else None
    return StageStatus(
        today=today,
        stage=stage,
        stage_name=STAGE_NAMES[stage],
        stage_started=date_of(m.origin + start),
        program_start=started,
        week=(t - p0) // 7 + 1 if started is not None and t >= p0 else 0,
        days_in_stage=max(t - start, 0),
        deload=deload,
        flare=flare_now,
        gates=gates,
        timeline=timeline,
        events=stage_events,
        messages=_messages(stage_events, today, deload, flare_now, deload_until, m, t, rules),
        deload_until=deload_until,
        last_flare=date_of(m.origin + last_flare) if last_flare is not None else None,
    )


def _event_text(kind: str, stage: int) -> str:
    name = STAGE_NAMES[stage]
    if kind == "advance":
        return f"Moved on to stage {stage}, {name}."
    if kind == "step_back":
        return f"Two red sessions within two weeks: back to stage {stage}, {name}."
    if kind == "gap":
        return f"Three weeks without a session: picking up again at stage {stage}, {name}."
    return "A flare-up: a week of easier sessions."


def _messages(
    events: tuple[StageEvent, ...],
    today: dt.date,
    deload: bool,
    flare: bool,
    deload_until: dt.date | None,
    m: DailyMeasures,
    t: int,
    rules: StageRules,
) -> tuple[Message, ...]:
    recent = today - dt.timedelta(days=rules.message_days)
    latest = {e.kind: e for e in events if recent <= e.date <= today}
    out = []
    if flare:
        out.append(
            Message(
                "flare",
                "A flare-up. Pain is a signal, not an enemy: rest from anything that provokes "
                "it, keep moving gently (short easy walks), and let it settle. It usually does "
                "within days.",
            )
        )
    if deload and deload_until is not None:
        out.append(
            Message(
                "deload",
                f"An easier week until {deload_until:%d %b}: the plan is one step lighter and "
                "the stage waits. Stop any exercise that sharpens the pain; never push through it.",
            )
        )
    if "step_back" in latest:
        event = latest["step_back"]
        out.append(
            Message(
                "step_back",
                f"Two red sessions within two weeks, so on {event.date:%d %b} the plan stepped "
                f"back to stage {event.stage}. That is the method working, not a failure: "
                "a lighter load for a while lets your back catch up.",
            )
        )
    if "gap" in latest:
        event = latest["gap"]
        back = t >= 0 and m.sessions[max(t - rules.message_days, 0) : t + 1].any()
        out.append(
            Message(
                "welcome_back",
                f"Welcome back{'!' if back else '.'} After three weeks off, the plan picks up "
                f"at stage {event.stage}, {STAGE_NAMES[event.stage]}, with easier sessions. "
                "Start gently; it comes back faster than it was built.",
            )
        )
    if "advance" in latest and not (deload or "step_back" in latest or "gap" in latest):
        event = latest["advance"]
        out.append(
            Message(
                "advance",
                f"On {event.date:%d %b} you reached stage {event.stage}, {STAGE_NAMES[event.stage]}. "
                "Patient, regular work got you here.",
            )
        )
    return tuple(out)
