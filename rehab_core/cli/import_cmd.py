"""import FILE: read another tracker's export, Backtrack's own CSV, or a backup."""

from __future__ import annotations

import json
from pathlib import Path

from .. import importing
from ..csvformat import ImportFileError
from .common import add_db, add_json, open_db

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


def _read(path: str) -> bytes:
    file = Path(path)
    try:
        if file.stat().st_size > importing.MAX_IMPORT_BYTES:
            raise ImportFileError(
                f"{file} is larger than {importing.MAX_IMPORT_BYTES // 2**20} MB; not imported."
            )
        return file.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Cannot read {file}: {exc.strerror or exc}.") from None


def run(args) -> int:
    data = _read(args.file)
    if not importing.is_backup(data):
        # Parse before opening the database: an unreadable file never touches it.
        importing.parse(data, format=args.format, units=args.units or "kg")
    db = open_db(args)
    try:
        result = importing.import_bytes(
            db.store(), data, format=args.format, units=args.units, dry_run=args.dry_run
        )
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
