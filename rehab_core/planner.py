"""The next session and the week ahead, from the current stage and how recent sessions went.

Each stage's session is a few slots (rules.PlannerRules.stage_slots). A slot walks a
track of the extension ladder: holds (seconds), unloaded reps, or loaded reps. Where a
person stands on a track is read from what they actually did, not from what was
prescribed, so imported histories work too. From the last two sessions on the track:
two green sessions in a row at a step earn the next step; amber or unrated repeat it;
red goes one step back. A deload prescribes one step below the last session. Loaded
extensions appear only in stages 4 and 5.

A step changes one thing: with fewer sets than the stage's template, one more set at the
same hold or reps; with the template's sets, the next rung of the ladder. Repeating a step
repeats what was done (3 x 8 s stays 3 x 8 s, even between two rungs).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .catalog import EXTENSION_LADDER, WALKING
from .measures import day_number, day_numbers, extension_mask, numbers_of, session_facts, text_is
from .rules import (
    PLANNER,
    STAGE_RULES,
    TOLERANCE,
    PlannerRules,
    SlotRule,
    StageRules,
    ToleranceRules,
)
from .stages import StageStatus, assess
from .storage import History
from .tolerance import GREEN, RED

SESSION, WALK, REST = "session", "walk", "rest"
_TRACK_KINDS = {"hold": "hold", "reps": "reps", "load": "reps+load"}
_RANK = {e.name: e.ladder_rank for e in EXTENSION_LADDER}


@dataclass(frozen=True)
class PrescribedExercise:
    exercise: str
    sets: int
    reps: int | None = None
    seconds: float | None = None
    load_kg: float | None = None
    why: str = ""  # the progression rule that chose this step, in plain words

    def as_dict(self) -> dict:
        return {
            "exercise": self.exercise,
            "sets": self.sets,
            "reps": self.reps,
            "seconds": self.seconds,
            "load_kg": self.load_kg,
        }


@dataclass(frozen=True)
class Prescription:
    date: dt.date
    stage: int
    exercises: tuple[PrescribedExercise, ...]
    deload: bool = False
    notes: tuple[str, ...] = ()

    def prefill_sets(self) -> list[dict]:
        """One dict per set, loads in kg: what the Log page pre-fills."""
        return [
            {
                "exercise": e.exercise,
                "set_type": "normal",
                "reps": e.reps,
                "seconds": e.seconds,
                "load_kg": e.load_kg,
            }
            for e in self.exercises
            for _ in range(e.sets)
        ]


@dataclass(frozen=True)
class PlanDay:
    date: dt.date
    kind: str  # "session", "walk" (walk only) or "rest"


@dataclass(frozen=True)
class Step:
    """One rung of a track: an exercise at a number of seconds or reps (and a load)."""

    exercise: str
    value: float
    load_kg: float | None = None

    @property
    def difficulty(self) -> tuple[float, float, float]:
        return (self.load_kg or 0.0, _RANK.get(self.exercise, 0), self.value)


# -- tracks ------------------------------------------------------------------------------
def _ladder(slot: SlotRule, rules: PlannerRules) -> tuple[float, ...]:
    if slot.track == "hold":
        return tuple(rules.hold_steps)
    if slot.track == "reps":
        return tuple(rules.rep_steps)
    return tuple(rules.load_rep_steps)


def slot_steps(slot: SlotRule, rules: PlannerRules = PLANNER) -> tuple[list[Step], int]:
    """The slot's steps, easiest first, and the index of its lowest regular step.

    One extra step below the slot's range (when the ladder has one) lets a deload step
    down from the easiest regular step. The load track is open-ended; see `_load_step`.
    """
    ladder = _ladder(slot, rules)
    values = [v for v in ladder if slot.lowest <= v <= slot.highest]
    steps = [Step(exercise, v) for exercise in slot.exercises for v in values]
    below = [v for v in ladder if v < slot.lowest]
    if below:
        return [Step(slot.exercises[0], below[-1]), *steps], 1
    return steps, 0


def _load_step(slot: SlotRule, index: int, rules: PlannerRules) -> Step:
    reps = [v for v in rules.load_rep_steps if slot.lowest <= v <= slot.highest]
    load = rules.first_load_kg + rules.load_step_kg * (index // len(reps))
    return Step(slot.exercises[0], reps[index % len(reps)], round(load, 3))


def _load_index(slot: SlotRule, reps: float, load: float, rules: PlannerRules) -> int:
    steps = [v for v in rules.load_rep_steps if slot.lowest <= v <= slot.highest]
    load_idx = max(int(np.floor((load - rules.first_load_kg) / rules.load_step_kg + 1e-9)), 0)
    if load < rules.first_load_kg:
        return 0
    reached = [i for i, v in enumerate(steps) if reps >= v]
    return load_idx * len(steps) + (reached[-1] if reached else 0)


@dataclass(frozen=True)
class _Performed:
    index: int
    light: str
    below: bool  # easier than the slot's range (e.g. the previous stage's work)
    above: bool  # harder than the slot's range
    sets: int = 0  # sets of the hardest exercise on the track in that session
    value: float = 0.0  # their seconds or reps (the lowest of those sets)


def _position(
    slot: SlotRule,
    steps: list[Step],
    lowest: int,
    exercise: str,
    value: float,
    load: float,
    rules: PlannerRules,
) -> tuple[int, bool, bool]:
    if slot.track == "load":
        return _load_index(slot, value, load, rules), False, False
    rank = _RANK.get(exercise)
    ranks = [_RANK.get(e, 0) for e in slot.exercises]
    if rank is None or rank < min(ranks):
        return lowest, True, False
    if rank > max(ranks):
        return len(steps) - 1, False, True
    own = [i for i, s in enumerate(steps) if s.exercise == exercise and i >= lowest]
    if not own:  # between the slot's exercises: treat as the start of the next one
        later = [i for i, s in enumerate(steps) if _RANK.get(s.exercise, 0) > rank and i >= lowest]
        return (later[0] if later else len(steps) - 1), False, False
    reached = [i for i in own if value >= steps[i].value]
    if reached:
        return reached[-1], False, value > steps[own[-1]].value and own[-1] == len(steps) - 1
    first = own[0]
    return first, first == lowest, False


def _performed(
    slot: SlotRule,
    steps: list[Step],
    lowest: int,
    history: History,
    facts: pd.DataFrame,
    rules: PlannerRules,
) -> list[_Performed]:
    """The last two sessions (of `facts`, in time order) on the slot's track, newest first."""
    sets = history.sets
    if not len(sets) or not len(facts):
        return []
    column = "seconds" if slot.track == "hold" else "reps"
    values = numbers_of(sets, column)
    loads = np.nan_to_num(numbers_of(sets, "load_kg"), nan=0.0)
    mask = extension_mask(sets) & text_is(sets, "kind", _TRACK_KINDS[slot.track])
    mask &= ~np.isnan(values)
    if slot.track != "load":
        mask &= loads <= 0
    if not mask.any():
        return []
    owners = numbers_of(sets, "session_id")
    ids = facts["id"].to_numpy()
    latest = np.flatnonzero(np.isin(ids, owners[mask]))[::-1][: rules.greens_to_step_up]
    names = sets["exercise"].to_numpy(dtype=object)
    lights = facts["light"].to_numpy()
    out = []
    for row in latest:
        own = np.flatnonzero(mask & (owners == ids[row]))
        ranks = np.array([_RANK.get(str(names[i]), 0) for i in own])
        hardest = own[ranks == ranks.max()]
        heaviest = loads[hardest].max()
        top = hardest[loads[hardest] == heaviest]
        value = float(values[top].min())
        index, below, above = _position(
            slot, steps, lowest, str(names[hardest[0]]), value, float(heaviest), rules
        )
        out.append(_Performed(index, str(lights[row]), below, above, len(top), value))
    return out


def _dose(slot: SlotRule, step: Step, value: float | None = None) -> str:
    """A step in words for the reason line: "10 s holds", "12 reps"."""
    value = step.value if value is None else value
    return f"{value:g} s holds" if slot.track == "hold" else f"{value:g} reps"


def _step_up(slot: SlotRule, steps: list[Step], index: int, rules: PlannerRules) -> str:
    """What changes from step `index` to the next one, in words."""
    if slot.track == "load":
        now, after = _load_step(slot, index, rules), _load_step(slot, index + 1, rules)
        if after.value < now.value:
            return f"the next plate, back to {after.value:g} reps"
        return f"{after.value:g} reps, same load"
    now, after = steps[index], steps[index + 1]
    if after.exercise != now.exercise:
        return f"the {after.exercise}, {_dose(slot, after)}"
    return _dose(slot, after)


def _choose_step(
    slot: SlotRule,
    steps: list[Step],
    lowest: int,
    done: list[_Performed],
    deload: bool,
    rules: PlannerRules,
) -> tuple[int, int, float | None, str]:
    """The next step: its index, the number of sets, the exact value (None: the step's own)
    and why, in plain words. One thing changes at a time: one more set (up to the stage's
    template), or the next rung of the ladder, or one step back.
    """
    if not done or done[0].below:
        if deload and lowest > 0:
            easier = "Easier week: one step below this stage's first step."
            return lowest - 1, slot.sets, None, easier
        if deload:
            return lowest, slot.sets, None, "Easier week: this stage's easiest step."
        first = (
            "New in this stage: start at the easiest step."
            if not done
            else "This stage's first step."
        )
        return lowest, slot.sets, None, first
    latest = done[0]
    sets = min(max(latest.sets, 1), slot.sets)
    top = None if slot.track == "load" else len(steps) - 1  # the load track is open-ended
    # Staying on a step repeats what was done: 8 s stays 8 s, between two rungs.
    same = None if slot.track == "load" or latest.above else latest.value
    if deload and latest.index > 0:
        why = "Easier week after a flare: one step below your last session."
        return latest.index - 1, sets, None, why
    if deload:  # no easier rung: one set fewer
        return 0, max(sets - 1, 1), same, "Easier week after a flare: one set fewer."
    if latest.light == RED:
        if latest.index > (0 if top is None else lowest):
            return latest.index - 1, sets, None, "One step back: the last session was red."
        return latest.index, max(sets - 1, 1), same, "The last session was red: one set fewer."
    streak = done[: rules.greens_to_step_up]
    earned = (
        len(streak) == rules.greens_to_step_up
        and all(p.light == GREEN for p in streak)
        and all(p.index >= latest.index and p.sets >= latest.sets for p in streak)
    )
    greens = f"{rules.greens_to_step_up} green sessions in a row"
    if earned and sets < slot.sets:
        dose = "same reps and load" if same is None else f"same {_dose(slot, steps[0], same)}"
        return latest.index, sets + 1, same, f"{greens}: one more set, {dose}."
    if earned and not latest.above and (top is None or latest.index < top):
        up = _step_up(slot, steps, latest.index, rules)
        return latest.index + 1, sets, None, f"{greens}: one step up, to {up}."
    if earned:
        return latest.index, sets, same, "The top of this stage's range: keep it here."
    if latest.light == GREEN:
        return latest.index, sets, same, "Green last time: once more at this step, then up."
    if latest.light == "amber":
        return latest.index, sets, same, "Amber last time: repeat this step until it feels easy."
    return latest.index, sets, same, "Repeat this step (rate pain during the session to progress)."


def _slot_prescription(
    slot: SlotRule,
    history: History,
    facts: pd.DataFrame,
    deload: bool,
    rules: PlannerRules,
) -> PrescribedExercise:
    steps, lowest = slot_steps(slot, rules)
    done = _performed(slot, steps, lowest, history, facts, rules)
    index, sets, value, why = _choose_step(slot, steps, lowest, done, deload, rules)
    if slot.track == "load":
        step = _load_step(slot, max(index, 0), rules)
        return PrescribedExercise(
            step.exercise, sets, reps=int(step.value), load_kg=step.load_kg, why=why
        )
    step = steps[min(max(index, 0), len(steps) - 1)]
    value = float(step.value if value is None else value)
    if slot.track == "hold":
        return PrescribedExercise(step.exercise, sets, seconds=value, why=why)
    return PrescribedExercise(step.exercise, sets, reps=int(value), why=why)


def difficulty(exercise: PrescribedExercise) -> tuple[float, float, float]:
    """An order of hardness within one track: load, then ladder rung, then reps or seconds."""
    value = exercise.seconds if exercise.seconds is not None else (exercise.reps or 0)
    return Step(exercise.exercise, float(value), exercise.load_kg).difficulty


# -- week plan ---------------------------------------------------------------------------
def _session_offsets(per_week: int) -> list[int]:
    return sorted({int(i * 7 / per_week + 0.5) for i in range(per_week)})


def _session_days(history: History) -> set[int]:
    if not len(history.sessions):
        return set()
    return set(day_numbers(history.sessions["date"]).tolist())


def week_plan(
    history: History,
    today: dt.date,
    status: StageStatus | None = None,
    rules: PlannerRules = PLANNER,
    stage_rules: StageRules = STAGE_RULES,
) -> tuple[PlanDay, ...]:
    """The next 7 days from `today`: a session, a walk-only day, or rest."""
    status = status or assess(history, today, stage_rules)
    stage = status.stage
    t = day_number(today)
    done = _session_days(history)
    past = [d for d in done if d <= t]
    first = t + 1 if t in done else t
    if status.program_start is not None:  # a start date set ahead: the plan begins then
        first = max(first, day_number(status.program_start))
    if stage >= 4 and past:
        first = max(first, max(past) + rules.loaded_rest_days)
    if status.flare and status.last_flare is not None:
        first = max(first, day_number(status.last_flare) + stage_rules.flare_days)
    plan_days = {first + offset for offset in _session_offsets(rules.sessions_per_week[stage - 1])}
    days = []
    for offset in range(7):
        day = t + offset
        if day in plan_days or (day == t and t in done):
            kind = SESSION
        elif stage >= 4 and (day - 1 in plan_days or (day - 1 == t and t in done)):
            kind = REST
        else:
            kind = WALK
        days.append(PlanDay(today + dt.timedelta(days=offset), kind))
    return tuple(days)


def next_session(
    history: History,
    today: dt.date,
    status: StageStatus | None = None,
    rules: PlannerRules = PLANNER,
    stage_rules: StageRules = STAGE_RULES,
    tolerance_rules: ToleranceRules = TOLERANCE,
) -> Prescription:
    """What to do in the next session, by the current stage and the last sessions."""
    status = status or assess(history, today, stage_rules, tolerance_rules)
    stage = status.stage
    facts = session_facts(history, stage_rules, tolerance_rules)
    facts = facts[facts["day"] <= day_number(today)]
    exercises = [
        _slot_prescription(slot, history, facts, status.deload, rules)
        for slot in rules.stage_slots[stage - 1]
    ]
    walk = rules.walking_minutes[stage - 1]
    exercises.append(
        PrescribedExercise(
            WALKING, 1, seconds=float(walk * 60), why="At an easy pace: you can still talk."
        )
    )
    plan = week_plan(history, today, status, rules, stage_rules)
    t = day_number(today)
    already = t in _session_days(history)
    upcoming = [p.date for p in plan if p.kind == SESSION and not (already and p.date == today)]
    date = upcoming[0] if upcoming else today + dt.timedelta(days=1)
    notes = []
    if status.deload:
        notes.append(
            "An easier week: one step below your last session. Stop anything that sharpens pain."
        )
    if stage >= 4:
        notes.append(
            f"Loaded sets at effort (RPE) {rules.load_rpe}: stop with two or three reps in reserve."
        )
    notes.append(
        "Mild pain during (up to 3/10) that settles by next morning is fine; stop if it "
        "sharpens or spreads. Rate your pain so the plan can progress."
    )
    return Prescription(date, stage, tuple(exercises), status.deload, tuple(notes))


def plan_as_dict(prescription: Prescription, week: tuple[PlanDay, ...]) -> dict:
    """The `plan --json` object."""
    return {
        "date": prescription.date.isoformat(),
        "stage": prescription.stage,
        "exercises": [e.as_dict() for e in prescription.exercises],
        "week": [{"date": d.date.isoformat(), "kind": d.kind} for d in week],
    }
