"""The command line: the same core, with a stable JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from rehab_core.cli import main
from rehab_core.storage import Database

SESSIONS = (
    "date,session,exercise,set_index,reps,seconds,pain_before,pain_during\n"
    "2025-03-03,1,Prone extension hold,1,,10,2,3\n"
    "2025-03-03,1,Prone extension hold,2,,10,2,3\n"
    "2025-03-04,1,Bird dog,1,8,,1,2\n"
)


def _run(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rehab_core", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_json_reports_counts_and_is_idempotent(tmp_path, capsys):
    file = tmp_path / "sessions.csv"
    file.write_text(SESSIONS)
    db = tmp_path / "t.duckdb"
    assert main(["import", str(file), "--db", str(db), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first == {
        "format": "backtrack",
        "rows_read": 3,
        "sets_added": 3,
        "sessions_added": 2,
        "checkins_added": 0,
        "duplicates_skipped": 0,
        "rows_skipped": 0,
        "errors": [],
    }
    assert main(["import", str(file), "--db", str(db), "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert (second["sets_added"], second["duplicates_skipped"]) == (0, 3)


def test_dry_run_writes_nothing(tmp_path, capsys):
    file = tmp_path / "sessions.csv"
    file.write_text(SESSIONS)
    db = tmp_path / "t.duckdb"
    assert main(["import", str(file), "--db", str(db), "--dry-run", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sets_added"] == 3
    assert Database(db).store().counts()["sets"] == 0


@pytest.mark.parametrize(
    "content",
    [b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "date;x\n\xe9\n".encode("latin-1")],
    ids=["empty", "image", "latin-1"],
)
def test_unreadable_file_exits_2_with_one_line_and_no_change(tmp_path, content):
    file = tmp_path / "bad.csv"
    file.write_bytes(content)
    db = tmp_path / "t.duckdb"
    result = _run("import", file, "--db", db)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not db.exists()


def test_missing_file_exits_2(tmp_path):
    result = _run("import", tmp_path / "nope.csv", "--db", tmp_path / "t.duckdb")
    assert result.returncode == 2 and "Cannot read" in result.stderr


def test_demo_then_export_import_export_is_identical(tmp_path):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    assert main(["demo", "--db", str(first), "--today", "2025-06-30"]) == 0
    assert main(["export", "--db", str(first), "--out", str(tmp_path / "one")]) == 0
    for name in ("sessions.csv", "checkins.csv"):
        assert main(["import", str(tmp_path / "one" / name), "--db", str(second)]) == 0
    assert main(["export", "--db", str(second), "--out", str(tmp_path / "two")]) == 0
    for name in ("sessions.csv", "checkins.csv"):
        assert (tmp_path / "one" / name).read_text() == (tmp_path / "two" / name).read_text()


def test_demo_history_spans_sixteen_weeks_with_a_flare(tmp_path):
    db = tmp_path / "d.duckdb"
    assert main(["demo", "--db", str(db), "--today", "2025-06-30"]) == 0
    store = Database(db).store()
    history = store.history()
    span = (history.sessions["date"].max() - history.sessions["date"].min()).days
    assert span >= 100
    assert history.checkins["flare"].any()
    assert history.sets["family"].eq("extension").any()
