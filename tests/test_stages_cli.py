"""`status` and `plan` on the command line: the stage engine's JSON contract."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from support import holds

from rehab_core.cli import main
from rehab_core.demo import load_demo
from rehab_core.storage import Database

TODAY = dt.date(2025, 3, 31)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.duckdb"
    with Database(path) as db:
        load_demo(db.store(), TODAY)
    return path


def _json(capsys, *args) -> dict:
    assert main([*map(str, args), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_status_json_has_the_documented_shape(demo_db, capsys):
    data = _json(capsys, "status", "--db", demo_db, "--today", TODAY)
    assert list(data) == [
        "stage",
        "stage_name",
        "stage_started",
        "program_start",
        "week",
        "deload",
        "flare",
        "gates",
        "timeline",
    ]
    assert all(set(g) == {"name", "current", "target", "met"} for g in data["gates"])
    assert data["timeline"][-1]["end"] is None


def test_demo_ends_in_stage_three_after_a_flare_deload(demo_db, capsys):
    data = _json(capsys, "status", "--db", demo_db, "--today", TODAY)
    assert (data["stage"], data["stage_name"]) == (3, "Strength gains & progression")
    assert [p["stage"] for p in data["timeline"]] == [1, 2, 3]
    assert data["week"] == 16 and not data["deload"]


def test_status_on_an_empty_database_is_stage_one_not_started(tmp_path, capsys):
    data = _json(capsys, "status", "--db", tmp_path / "empty.duckdb", "--today", TODAY)
    assert (data["stage"], data["program_start"], data["week"]) == (1, None, 0)


def test_status_text_lists_the_gate(tmp_path, capsys):
    path = tmp_path / "few.duckdb"
    db = Database(path)
    db.store().save_session(holds(TODAY, pain_before=1, pain_during=1))
    db.close()
    assert main(["status", "--db", str(path), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Stage 1: Tissue tolerance & trust" in out
    assert "[ ] 0 of 14 days in this stage" in out


def test_plan_json_has_the_documented_shape(demo_db, capsys):
    data = _json(capsys, "plan", "--db", demo_db, "--today", TODAY)
    assert list(data) == ["date", "stage", "exercises", "week"]
    assert data["stage"] == 3 and len(data["week"]) == 7
    assert all(
        set(e) == {"exercise", "sets", "reps", "seconds", "load_kg"} for e in data["exercises"]
    )
    assert {d["kind"] for d in data["week"]} <= {"session", "walk", "rest"}
    assert all(e["load_kg"] is None for e in data["exercises"])  # no load before stage 4


def test_plan_text_names_the_next_session(demo_db, capsys):
    assert main(["plan", "--db", str(demo_db), "--today", TODAY.isoformat()]) == 0
    assert "45° back extension: 3 x" in capsys.readouterr().out
