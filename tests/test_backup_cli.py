"""`backtrack backup` and `backtrack restore` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from rehab_core.cli import main
from rehab_core.storage import Database

FIXTURES = Path(__file__).parent / "fixtures"


def filled(tmp_path, name="a.duckdb") -> str:
    db = str(tmp_path / name)
    assert main(["import", str(FIXTURES / "strong_comma.csv"), "--db", db]) == 0
    return db


def test_backup_then_restore_into_a_new_database(tmp_path, capsys):
    db = filled(tmp_path)
    out = tmp_path / "b.zip"
    assert main(["backup", "--db", db, "--out", str(out)]) == 0
    capsys.readouterr()
    target = str(tmp_path / "c.duckdb")
    assert main(["restore", str(out), "--db", target, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["mode"] == "replace" and result["added"]["sets"] == 13
    assert Database(target).store().counts() == {"sessions": 3, "sets": 13, "checkins": 0}


def test_restore_over_existing_rows_asks_for_a_mode(tmp_path, capsys, monkeypatch):
    db = filled(tmp_path)
    out = tmp_path / "b.zip"
    main(["backup", "--db", db, "--out", str(out)])
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    capsys.readouterr()
    assert main(["restore", str(out), "--db", db]) == 2
    assert "--mode replace or --mode merge" in capsys.readouterr().err


def test_restore_merge_adds_nothing_already_present(tmp_path, capsys):
    db = filled(tmp_path)
    out = tmp_path / "b.zip"
    main(["backup", "--db", db, "--out", str(out)])
    capsys.readouterr()
    assert main(["restore", str(out), "--db", db, "--mode", "merge", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["added"]["sets"] == 0 and result["already_present"]["sets"] == 13


def test_import_accepts_a_backup_and_merges_it(tmp_path, capsys):
    db = filled(tmp_path)
    out = tmp_path / "b.zip"
    main(["backup", "--db", db, "--out", str(out)])
    capsys.readouterr()
    assert main(["import", str(out), "--db", str(tmp_path / "d.duckdb"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["format"], result["sets_added"], result["sessions_added"]) == ("backup", 13, 3)


def test_a_damaged_backup_is_refused_without_opening_the_database(tmp_path, capsys):
    broken = tmp_path / "b.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    target = tmp_path / "c.duckdb"
    assert main(["restore", str(broken), "--db", str(target)]) == 2
    assert "not a Backtrack backup" in capsys.readouterr().err
    assert not target.exists()
