"""`backtrack import FILE` on the command line: detection, units, dry runs, JSON."""

from __future__ import annotations

import json
from pathlib import Path

from rehab_core.cli import main
from rehab_core.models import Profile
from rehab_core.storage import Database

FIXTURES = Path(__file__).parent / "fixtures"


def run_json(capsys, *argv) -> dict:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_import_detects_the_format_and_reports_json(tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")
    result = run_json(capsys, "import", str(FIXTURES / "hevy_kg.csv"), "--db", db)
    assert result == {
        "format": "hevy",
        "rows_read": 9,
        "sets_added": 9,
        "sessions_added": 3,
        "checkins_added": 0,
        "duplicates_skipped": 0,
        "rows_skipped": 0,
        "errors": [],
    }


def test_importing_twice_adds_nothing(tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")
    run_json(capsys, "import", str(FIXTURES / "strong_comma.csv"), "--db", str(db))
    again = run_json(capsys, "import", str(FIXTURES / "strong_comma.csv"), "--db", str(db))
    assert (again["sets_added"], again["duplicates_skipped"]) == (0, 13)


def test_units_flag_reads_plain_weights_as_pounds(tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")
    run_json(capsys, "import", str(FIXTURES / "strong_comma.csv"), "--db", db, "--units", "lb")
    store = Database(db).store()
    assert round(float(store.history().sets["load_kg"].max()), 3) == 18.144  # 40 lb


def test_dry_run_writes_nothing(tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")
    result = run_json(capsys, "import", str(FIXTURES / "bearable.csv"), "--db", db, "--dry-run")
    assert result["checkins_added"] == 3
    assert Database(db).store().counts()["checkins"] == 0


def test_forced_format(tmp_path, capsys):
    db = str(tmp_path / "t.duckdb")
    result = run_json(
        capsys, "import", str(FIXTURES / "fitnotes_units.csv"), "--db", db, "--format", "fitnotes"
    )
    assert result["format"] == "fitnotes"


def test_a_bad_file_is_one_line_on_stderr_and_the_database_is_not_created(tmp_path, capsys):
    db = tmp_path / "t.duckdb"
    assert main(["import", str(FIXTURES / "header_only.csv"), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no rows" in err
    assert not db.exists()


def test_a_missing_file_is_a_clear_message(tmp_path, capsys):
    assert main(["import", str(tmp_path / "nope.csv"), "--db", str(tmp_path / "t.duckdb")]) == 2
    assert "Cannot read" in capsys.readouterr().err


def test_line_errors_are_listed_in_text_output(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    text = (FIXTURES / "strong_comma.csv").read_text()
    bad.write_text(text.replace(",8,0,0,", ",eight,0,0,", 1))
    assert main(["import", str(bad), "--db", str(tmp_path / "t.duckdb")]) == 0
    out = capsys.readouterr().out
    assert "line 2: Reps: 'eight' is not a number" in out


def test_file_without_units_takes_the_profile_units_when_none_given(tmp_path, capsys):
    db = tmp_path / "t.duckdb"
    person = Database(db)
    person.store().save_profile(Profile(units="lb"))
    person.close()
    run_json(capsys, "import", str(FIXTURES / "strong_comma.csv"), "--db", str(db))
    store = Database(db).store()
    assert round(float(store.history().sets["load_kg"].max()), 3) == 18.144  # 40 lb
