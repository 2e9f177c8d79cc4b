"""Arguments several commands share."""

from __future__ import annotations

import argparse
import datetime as dt

from ..storage import Database, default_db_path


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


def open_db(args: argparse.Namespace) -> Database:
    return Database(args.db or default_db_path())
