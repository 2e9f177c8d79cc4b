"""The Plan page, driven through AppTest on an empty database and on the demo history."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from streamlit.testing.v1 import AppTest
from support import holds, page

from rehab_core.demo import load_demo
from rehab_core.models import Checkin
from rehab_core.storage import Database


def _open() -> AppTest:
    return AppTest.from_file(page("plan.py"), default_timeout=30).run()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """The demo history written once; each test copies the file."""
    path = tmp_path_factory.mktemp("plan") / "demo.duckdb"
    with Database(path) as db:
        load_demo(db.store(), dt.date.today())
    return path


@pytest.fixture
def demo_db(app_db, demo_file):
    shutil.copyfile(demo_file, app_db)
    return app_db


@pytest.fixture
def light_db(app_db):
    """Three days in: two green sessions of 3 x 8 s prone holds and one check-in."""
    today = dt.date.today()
    with Database(app_db) as db:
        store = db.store()
        for n in (3, 2):
            green = {"pain_before": 2, "pain_during": 2, "pain_next_morning": 2}
            store.save_session(holds(today - dt.timedelta(days=n), seconds=8, count=3, **green))
        store.save_checkin(Checkin(date=today - dt.timedelta(days=1), pain=2, trust=6))
    return app_db


def _progress_texts(at: AppTest) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


def _next_session_lines(at: AppTest) -> list[str]:
    """The exercise lines of the next session: "**name** · dose" then the reason."""
    return [m.value for m in at.markdown if " · " in m.value and ":small[:gray[" in m.value]


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [s.value for s in at.subheader] + [i.value for i in at.info]
    return "\n".join(parts)


def test_empty_database_shows_first_steps_and_no_error(app_db):
    at = _open()
    assert not at.exception and not at.error
    assert "Welcome. Here is how to start." in _texts(at)
    assert "Stage 1: Tissue tolerance & trust" in _texts(at)


def test_empty_database_still_offers_a_first_session(app_db):
    lines = "\n".join(_next_session_lines(_open()))
    assert "**Prone extension hold** · 4 × 5 s" in lines and "**Walking** · 15 min" in lines


def test_next_session_reasons_are_lines_under_each_exercise_not_a_wide_table(light_db):
    at = _open()
    assert not at.dataframe
    lines = _next_session_lines(at)
    assert len(lines) == 3
    assert all("  \n:small[:gray[" in line and line.endswith("]]") for line in lines)


def test_day_count_in_the_stage_line_agrees_with_the_days_criterion(light_db):
    at = _open()
    assert any(c.value.startswith("3 days in this stage (since") for c in at.caption)
    assert any(t.endswith("3 of 14 days in this stage") for t in _progress_texts(at))
    assert "Day 4" not in _texts(at)


def test_demo_day_count_agrees_in_both_lines(demo_db):
    at = _open()
    caption = next(c.value for c in at.caption if "in this stage (since" in c.value)
    days = caption.split(" days in this stage")[0]
    assert any(f"{days} days in this stage (at least" in t for t in _progress_texts(at))


def test_after_two_green_sessions_the_plan_moves_one_step_and_says_which(light_db):
    (holds_line,) = [line for line in _next_session_lines(_open()) if "Prone extension" in line]
    assert holds_line.startswith("**Prone extension hold** · 4 × 8 s")  # one more set, same hold
    assert "one more set, same 8 s holds" in holds_line


def test_stage_three_work_criterion_reads_in_minutes_and_names_the_goal(demo_db):
    (work,) = [t for t in _progress_texts(_open()) if "time under tension" in t]
    assert "Longest time under tension in one session: " in work
    assert " min " in work and "; goal " in work and "your first week's best" in work


def test_watering_days_ahead_are_faint_dots_explained_in_the_legend(light_db):
    at = _open()
    grid = next(m.value for m in at.markdown if m.value.startswith("Week 1"))
    week_one = grid.split("  \n")[0]
    assert week_one.count("check_box:") == 3  # two sessions and a check-in
    assert week_one.count("fiber_manual_record") == 4  # today, not yet logged, and 3 ahead
    assert "more_horiz" not in grid
    assert any("Dot: today or a day still ahead." in c.value for c in at.caption)


def test_the_week_ahead_is_one_compact_line_a_day(light_db):
    at = _open()
    (week,) = [m.value for m in at.markdown if "(today) · " in m.value]
    lines = week.split("  \n")
    assert len(lines) == 7
    assert all(" · :material/" in line for line in lines)
    assert lines[0].startswith(f"**{dt.date.today():%a %d}** (today)")


def test_demo_history_is_in_stage_three_with_its_gate(demo_db):
    at = _open()
    assert not at.exception and not at.error
    text = _texts(at)
    assert "Stage 3: Strength gains & progression" in text
    assert "To reach stage 4, Muscular growth" in text
    assert "Welcome. Here is how to start." not in text
    assert len(at.get("progress")) >= 4


def test_demo_history_shows_the_six_watering_weeks(demo_db):
    text = _texts(at := _open())
    assert "Watering the plant" in text
    assert "Week 6" in text and "check_box:" in text
    assert not at.exception


def test_demo_history_shows_what_happens_inside_and_the_week(demo_db):
    text = _texts(_open())
    assert "Usual time frame: Weeks 6-12." in text
    assert "The week ahead" in text


def test_log_this_session_hands_the_sets_to_the_log_page(demo_db):
    at = _open()
    at.button(key="log_plan").click().run()
    sets = at.session_state["prefill_sets"]
    assert sets and {s["set_type"] for s in sets} == {"normal"}
    assert set(sets[0]) == {"exercise", "set_type", "reps", "seconds", "load_kg"}
    assert sets[0]["exercise"] == "45° back extension"


def test_a_flare_today_shows_calm_flare_and_deload_banners(app_db):
    today = dt.date.today()
    with Database(app_db) as db:
        store = db.store()
        store.save_session(holds(today - dt.timedelta(days=1), pain_before=2, pain_during=2))
        store.save_checkin(Checkin(date=today, pain=6, flare=True))
    at = _open()
    assert not at.exception
    assert any("Pain is a signal" in w.value for w in at.warning)
    assert any("An easier week until" in i.value for i in at.info)
    said = [c.value for c in at.caption if "one step below your last session" in c.value]
    assert len(said) == 1  # said once under the session, not again above it
