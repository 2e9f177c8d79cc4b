"""plan: the next session's prescription and the week ahead."""

from __future__ import annotations

import json

from ..planner import next_session, plan_as_dict, week_plan
from .common import add_db, add_json, add_today, assessed

NAME = "plan"
HELP = "show the next session's prescription and the next 7 days"


def add_arguments(parser) -> None:
    add_db(parser)
    add_today(parser)
    add_json(parser)


def _amount(exercise) -> str:
    parts = []
    if exercise.reps is not None:
        parts.append(f"{exercise.reps} reps")
    if exercise.seconds is not None:
        seconds = exercise.seconds
        parts.append(f"{seconds / 60:g} min" if seconds >= 120 else f"{seconds:g} s")
    if exercise.load_kg:
        parts.append(f"{exercise.load_kg:g} kg")
    return f"{exercise.sets} x " + ", ".join(parts) if parts else f"{exercise.sets} sets"


def run(args) -> int:
    history, status, today = assessed(args)
    prescription = next_session(history, today, status)
    week = week_plan(history, today, status)
    if args.json:
        print(json.dumps(plan_as_dict(prescription, week)))
        return 0
    print(
        f"Next session {prescription.date.isoformat()} (stage {prescription.stage}, "
        f"{status.stage_name}{', easier week' if prescription.deload else ''}):"
    )
    for exercise in prescription.exercises:
        print(f"  {exercise.exercise}: {_amount(exercise)}")
    print("Week: " + ", ".join(f"{d.date:%a %d} {d.kind}" for d in week))
    return 0
