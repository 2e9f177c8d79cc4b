"""demo: replace the database's rows with a realistic 16-week history."""

from __future__ import annotations

from ..demo import load_demo
from .common import add_db, add_today, open_store

NAME = "demo"
HELP = "write a realistic ~16-week demo history (replaces existing rows)"


def add_arguments(parser) -> None:
    add_db(parser)
    add_today(parser)


def run(args) -> int:
    with open_store(args) as store:
        counts = load_demo(store, args.today)
        where = store.db.path
    print(
        f"Demo history written to {where}: {counts['sessions']} sessions, "
        f"{counts['sets']} sets, {counts['checkins']} check-ins."
    )
    return 0
