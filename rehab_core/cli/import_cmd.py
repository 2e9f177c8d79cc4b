"""import FILE: read another tracker's export, Backtrack's own CSV, or a backup."""

from __future__ import annotations

import json

from .. import importing
from .common import add_db, add_json, open_store

NAME = "import"
HELP = "import a CSV export or a backup .zip (format detected from its header)"


def add_arguments(parser) -> None:
    parser.add_argument("file")
    add_db(parser)
    parser.add_argument(
        "--format",
        default=None,
        choices=[f.name for f in importing.FORMATS if f.name != "mapped"] + ["backup"],
        help="skip detection and use this format",
    )
    parser.add_argument(
        "--units",
        choices=["kg", "lb"],
        default=None,
        help="units of files that do not say (default: the profile's units)",
    )
    parser.add_argument("--dry-run", action="store_true", help="count what would be added")
    add_json(parser)


def run(args) -> int:
    data = importing.read_file(args.file)
    backup_file = importing.is_backup(data) and args.format in (None, "backup")
    units = args.units or "kg"
    # Parse before opening the database: an unreadable file never touches it.
    batch = None if backup_file else importing.parse(data, format=args.format, units=units)
    with open_store(args) as store:
        if batch is None:
            result = importing.import_bytes(store, data, format=args.format, dry_run=args.dry_run)
        else:
            wanted = importing.units_for(store, args.units)
            if wanted != units:  # a file without units takes the profile's: read it again
                batch = importing.parse(data, format=args.format, units=wanted)
            result = store.import_batch(batch, dry_run=args.dry_run)
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
