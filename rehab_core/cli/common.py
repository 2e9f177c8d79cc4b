"""Arguments several commands share."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from collections.abc import Iterator

from ..stages import StageStatus, assess
from ..storage import Database, History, Store, default_db_path


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default=None, help="database file (default: $BACKTRACK_DB or data/backtrack.duckdb)"
    )


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, default=None, help="evaluate as of YYYY-MM-DD"
    )


@contextlib.contextmanager
def open_store(args: argparse.Namespace) -> Iterator[Store]:
    """The local person's rows in the chosen file; the file is released on leaving, so a
    command never holds it longer than its own work."""
    with Database(args.db or default_db_path()) as db:
        yield db.store()


def assessed(args: argparse.Namespace) -> tuple[History, StageStatus, dt.date]:
    """The history, the stage engine's verdict on it and the day it is for (`--today`)."""
    today = args.today or dt.date.today()
    with open_store(args) as store:
        history = store.history()
    return history, assess(history, today), today
