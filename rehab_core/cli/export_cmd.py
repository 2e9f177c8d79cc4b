"""export: write sessions.csv and checkins.csv in Backtrack's own format."""

from __future__ import annotations

from pathlib import Path

from .. import csvformat
from .common import add_db, open_store

NAME = "export"
HELP = "write DIR/sessions.csv and DIR/checkins.csv"


def add_arguments(parser) -> None:
    add_db(parser)
    parser.add_argument("--out", required=True, help="folder to write into (created if missing)")


def run(args) -> int:
    with open_store(args) as store:
        sessions = csvformat.write_sessions_csv(store.export_sets())
        checkins = csvformat.write_checkins_csv(store.export_checkins())
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sessions.csv").write_text(sessions, encoding="utf-8")
    (out / "checkins.csv").write_text(checkins, encoding="utf-8")
    print(f"Wrote {out / 'sessions.csv'} and {out / 'checkins.csv'}")
    return 0
