"""demo: replace the database's rows with a realistic 16-week history."""

from __future__ import annotations

from ..demo import load_demo
from .common import add_db, add_today, open_db

NAME = "demo"
HELP = "write a realistic ~16-week demo history (replaces existing rows)"


def add_arguments(parser) -> None:
    add_db(parser)
    add_today(parser)


def run(args) -> int:
    db = open_db(args)
    try:
        counts = load_demo(db.store(), args.today)
    finally:
        db.close()
    print(
        f"Demo history written to {db.path}: {counts['sessions']} sessions, "
        f"{counts['sets']} sets, {counts['checkins']} check-ins."
    )
    return 0
