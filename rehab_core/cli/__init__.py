"""`python -m rehab_core` / `backtrack`: one small module per command.

A command module defines NAME, HELP, `add_arguments(parser)` and `run(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from ..csvformat import ImportFileError
from ..storage import StorageError
from ..validation import ValidationError

COMMANDS = [
    "import_cmd",
    "export_cmd",
    "demo_cmd",
    "status_cmd",
    "plan_cmd",
    "backup_cmd",
    "restore_cmd",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="backtrack", description="Backtrack: a low-back-pain rehab tracker."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"{__name__}.{name}")
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except (StorageError, ImportFileError, ValidationError, KeyError, ValueError) as exc:
        print(f"backtrack: {exc}", file=sys.stderr)
        return 2
