"""backup: write every table of the database's person into one .zip."""

from __future__ import annotations

from pathlib import Path

from .. import backup
from .common import add_db, open_store

NAME = "backup"
HELP = "write a full backup (.zip of Parquet tables plus a manifest)"


def add_arguments(parser) -> None:
    add_db(parser)
    parser.add_argument("--out", required=True, help="the .zip file to write")


def run(args) -> int:
    with open_store(args) as store:
        data = backup.make_backup(store)
        counts = backup.read_backup(data).counts()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(
        f"Wrote {out}: {counts.get('sessions', 0)} sessions, {counts.get('sets', 0)} sets, "
        f"{counts.get('checkins', 0)} check-ins ({len(data) / 1024:.0f} KB)."
    )
    return 0
