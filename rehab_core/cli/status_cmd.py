"""status: where the person stands: stage, gate to the next stage, stage timeline."""

from __future__ import annotations

import json

from .common import add_db, add_json, add_today, assessed

NAME = "status"
HELP = "show the current stage and what the next stage's gate needs"


def add_arguments(parser) -> None:
    add_db(parser)
    add_today(parser)
    add_json(parser)


def run(args) -> int:
    _, status, _ = assessed(args)
    if args.json:
        print(json.dumps(status.as_dict()))
        return 0
    started = status.program_start.isoformat() if status.program_start else "not yet"
    print(
        f"Stage {status.stage}: {status.stage_name} (since {status.stage_started.isoformat()}, "
        f"{status.days_in_stage} days). Program start: {started}, week {status.week}."
    )
    for message in status.messages:
        print(f"  {message.text}")
    if status.gates:
        print(f"Gate to stage {status.stage + 1}, {status.next_stage_name}:")
        for gate in status.gates:
            print(f"  [{'x' if gate.met else ' '}] {gate.text}")
    else:
        print("No further gate: keep going; this stage lasts months to years.")
    return 0
