"""import FILE: read another tracker's export (or Backtrack's own) into the database."""

from __future__ import annotations

import json

from .. import importing
from .common import add_db, open_db

NAME = "import"
HELP = "import a CSV export (format detected from its header)"


def add_arguments(parser) -> None:
    parser.add_argument("file")
    add_db(parser)
    parser.add_argument("--format", default=None, help="skip detection and use this format")
    parser.add_argument(
        "--units", choices=["kg", "lb"], default=None, help="units of files that do not say"
    )
    parser.add_argument("--dry-run", action="store_true", help="count what would be added")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args) -> int:
    # Parse before opening the database: an unreadable file never touches it.
    batch = importing.parse_path(args.file, format=args.format, units=args.units or "kg")
    db = open_db(args)
    try:
        store = db.store()
        result = store.import_batch(batch, dry_run=args.dry_run)
    finally:
        db.close()
    if args.json:
        print(json.dumps(result.as_dict()))
    else:
        verb = "Would add" if args.dry_run else "Added"
        print(
            f"{result.format}: read {result.rows_read} rows. {verb} {result.sessions_added} "
            f"sessions, {result.sets_added} sets, {result.checkins_added} check-ins; "
            f"{result.duplicates_skipped} already present, {result.rows_skipped} skipped."
        )
        for error in result.errors:
            print(f"  line {error.line}: {error.message}")
    return 0
