"""restore FILE.zip: put a backup back, replacing or merging with what is there."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .. import backup
from .common import add_db, add_json, open_store

NAME = "restore"
HELP = "restore a backup .zip (verified against its manifest, all or nothing)"


def add_arguments(parser) -> None:
    parser.add_argument("file")
    add_db(parser)
    parser.add_argument(
        "--mode",
        choices=backup.MODES,
        default=None,
        help="replace: the database becomes the backup; merge: add what is missing "
        "(asked when the database already has rows)",
    )
    add_json(parser)


def _ask_mode(have: dict[str, int]) -> str:
    if not sys.stdin.isatty():
        raise backup.BackupError(
            f"The database already has {have['sessions']} sessions and {have['checkins']} "
            "check-ins; pass --mode replace or --mode merge."
        )
    answer = input(
        f"The database already has {have['sessions']} sessions. Replace them with the backup "
        "or merge the backup in? [replace/merge] "
    )
    mode = answer.strip().casefold()
    if mode not in backup.MODES:
        raise backup.BackupError("Nothing restored: answer replace or merge.")
    return mode


def run(args) -> int:
    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        raise backup.BackupError(f"Cannot read {args.file}: {exc.strerror or exc}.") from None
    backup.read_backup(data)  # a damaged file never touches the database
    with open_store(args) as store:
        have = store.counts()
        mode = args.mode or (
            "merge" if any(have.values()) and _ask_mode(have) == "merge" else "replace"
        )
        result = backup.restore(store, data, mode=mode)
        where = store.db.path
    if args.json:
        print(json.dumps(result.as_dict()))
    else:
        added = result.added
        print(
            f"Restored ({result.mode}) into {where}: {added.get('sessions', 0)} sessions, "
            f"{added.get('sets', 0)} sets, {added.get('checkins', 0)} check-ins added."
        )
    return 0
