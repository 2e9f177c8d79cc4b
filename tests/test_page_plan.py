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
    db = Database(path)
    try:
        load_demo(db.store(), dt.date.today())
    finally:
        db.close()
    return path


@pytest.fixture
def demo_db(app_db, demo_file):
    shutil.copyfile(demo_file, app_db)
    return app_db


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
    at = _open()
    exercises = at.dataframe[0].value["Exercise"].tolist()
    assert "Prone extension hold" in exercises and "Walking" in exercises


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
    db = Database(app_db)
    try:
        store = db.store()
        store.save_session(holds(today - dt.timedelta(days=1), pain_before=2, pain_during=2))
        store.save_checkin(Checkin(date=today, pain=6, flare=True))
    finally:
        db.close()
    at = _open()
    assert not at.exception
    assert any("Pain is a signal" in w.value for w in at.warning)
    assert any("An easier week until" in i.value for i in at.info)
