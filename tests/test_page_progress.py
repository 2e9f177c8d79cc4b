"""The Progress page through AppTest: an empty database, the demo history, five years."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from support import open_page, page

from pages import _ui
from rehab_core.demo import load_demo
from rehab_core.models import Checkin, Profile, Session, SetEntry
from rehab_core.storage import Database
from rehab_core.synthetic import synthetic_history

TODAY = dt.date.today()


def _open(**state) -> AppTest:
    at = AppTest.from_file(page("progress.py"), default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def _fill(path, fill) -> None:
    with Database(path) as db:
        fill(db.store())


TABS = ["Pain", "Exercise", "Habits", "Stages", "Outcomes"]


def _charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _view(at: AppTest, tab: str) -> AppTest:
    at.session_state["view"] = tab
    return at.run()


def _every_tab(at: AppTest) -> dict[str, AppTest]:
    """What each tab draws, opened one after another as a person would."""
    seen = {}
    for tab in TABS:
        _view(at, tab)
        assert not at.exception and not at.error, tab
        seen[tab] = {
            "charts": _charts(at),
            "downloads": [b.label for b in at.get("download_button")],
            "texts": _texts(at),
        }
    return seen


def _trace(chart: dict, name: str) -> dict:
    return next(t for t in chart["data"] if t.get("name") == name)


def _pain_chart(at: AppTest) -> dict:
    return next(c for c in _charts(at) if any(t.get("name") == "7-day average" for t in c["data"]))


def _texts(at: AppTest) -> str:
    parts = [i.value for i in at.info] + [c.value for c in at.caption]
    return "\n".join(parts + [s.value for s in at.subheader])


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo history ending today, written once and copied into each test's file."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    _fill(path, lambda s: load_demo(s, TODAY))
    return path


def test_an_empty_database_says_what_to_log_and_draws_nothing(app_db):
    at = _open()
    assert not at.exception and not at.error
    assert "Nothing logged yet" in _texts(at)
    assert not at.get("plotly_chart") and not at.metric


def test_in_the_app_an_empty_database_links_to_the_log_page(app_db):
    at = open_page("progress.py")
    assert not at.exception
    assert "log" in [link.proto.page for link in at.get("page_link")]


def test_the_demo_history_shows_the_headline_numbers(app_db, demo):
    app_db.write_bytes(demo.read_bytes())
    at = _open()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels == [
        "Current stage",
        "Sessions, 4 wk",
        "Pain (7-day avg)",
        "Best hold",
        "Program week",
        "Best session work",
        "Streak (weeks)",
        "Sessions logged",
    ]
    values = {m.label: m.value for m in at.metric}
    assert values["Best hold"] == "1 min"  # the demo's 60 s hold
    assert values["Sessions logged"] == "80"
    assert values["Current stage"] == "Stage 3"


def test_the_demo_history_draws_every_chart_each_with_its_csv(app_db, demo):
    app_db.write_bytes(demo.read_bytes())
    seen = _every_tab(_open())
    assert {tab: len(v["charts"]) for tab, v in seen.items()} == {
        "Pain": 1,
        "Exercise": 2,
        "Habits": 3,
        "Stages": 1,
        "Outcomes": 1,
    }
    for tab, drawn in seen.items():
        assert len(drawn["downloads"]) == len(drawn["charts"]), tab
    assert "Flare-up" in [t.get("name") for t in seen["Pain"]["charts"][0]["data"]]


def test_only_the_open_tab_is_drawn_and_the_first_is_pain(app_db, demo):
    app_db.write_bytes(demo.read_bytes())
    at = _open()
    assert [t.label for t in at.tabs] == TABS
    assert [s.value for s in at.subheader] == ["Pain over time"]
    assert len(_charts(at)) == 1
    _view(at, "Habits")
    assert [s.value for s in at.subheader] == ["Consistency", "Walking", "Mind-muscle connection"]


def test_a_tab_can_be_opened_from_the_address(app_db, demo):
    app_db.write_bytes(demo.read_bytes())
    at = AppTest.from_file(page("progress.py"), default_timeout=60)
    at.query_params["view"] = "Stages"
    at.run()
    assert [s.value for s in at.subheader] == ["Stage timeline"]


def test_chart_downloads_wait_in_one_expander_at_the_tab_end(app_db, demo):
    app_db.write_bytes(demo.read_bytes())
    at = _view(_open(), "Exercise")
    box = next(e for e in at.expander if "Download this data" in e.label)
    inside = [b.label for b in box.get("download_button")]
    assert inside == [b.label for b in at.get("download_button")]
    assert inside == ["Extension work per week", "Which doses your back tolerates"]


def test_four_key_tiles_come_first_and_the_rest_wait_in_an_expander(app_db, demo):
    app_db.write_bytes(demo.read_bytes())
    at = _open()
    more = next(e for e in at.expander if e.label.startswith("More numbers"))
    assert [m.label for m in more.metric] == [
        "Program week",
        "Best session work",
        "Streak (weeks)",
        "Sessions logged",
    ]


def test_every_date_axis_uses_one_day_month_format(app_db, demo):
    app_db.write_bytes(demo.read_bytes())
    drawn = [c for tab in _every_tab(_open()).values() for c in tab["charts"]]
    assert len(drawn) == 8
    for chart in drawn:
        layout = chart["layout"]
        for name, axis in layout.items():
            if name.startswith("xaxis") and axis.get("type") == "date":
                assert axis.get("tickformat") == "%d %b", name


def test_a_flat_pain_week_shows_no_meaningless_zero_change(app_db):
    def fill(store):
        store.save_profile(Profile(start_date=TODAY - dt.timedelta(days=40)))
        for back in (0, 1, 28, 29):
            store.save_checkin(Checkin(date=TODAY - dt.timedelta(days=back), pain=2), TODAY)

    _fill(app_db, fill)
    at = _open()
    pain = next(m for m in at.metric if m.label == "Pain (7-day avg)")
    assert pain.value == "2.0"
    assert not pain.delta


def _light(store) -> None:
    """Three days into the program: two sessions and one check-in."""
    store.save_profile(Profile(start_date=TODAY - dt.timedelta(days=2)))
    hold = (SetEntry("Prone extension hold", 1, seconds=20),)
    for back in (2, 0):
        store.save_session(
            Session(date=TODAY - dt.timedelta(days=back), sets=hold, pain_during=1, muscle_feel=2),
            TODAY,
        )
    store.save_checkin(Checkin(date=TODAY - dt.timedelta(days=1), pain=1), TODAY)


def test_three_days_in_the_sessions_target_counts_only_those_days(app_db):
    _fill(app_db, _light)
    at = _open()
    values = {m.label: (m.value, m.delta) for m in at.metric}
    assert values["Sessions, 4 wk"] == ("2 / 3", "in your first 3 days")
    assert values["Sessions logged"] == ("2", "1 check-in")


def test_three_days_of_history_fill_the_charts_not_a_sliver_of_three_months(app_db):
    _fill(app_db, _light)
    at = _open()
    lo, hi = (pd.Timestamp(x) for x in _pain_chart(at)["layout"]["xaxis"]["range"])
    assert (hi - lo).days <= 11  # ten days drawn, three of them logged
    assert any("from just before your first log" in c.value for c in at.caption)


def test_weekly_bars_have_a_fixed_width_and_weekly_ticks(app_db):
    _fill(app_db, _light)
    at = _open(view="Exercise")
    week_ms = 7 * 86_400_000
    bars = [
        (trace, chart["layout"]["xaxis"])
        for chart in _charts(at)
        for trace in chart["data"]
        if trace.get("type") == "bar" and trace.get("orientation") != "h"  # not the stages
    ]
    assert bars  # the extension chart's one week
    for trace, axis in bars:
        assert trace["width"] == 5 * 86_400_000
        assert axis["dtick"] >= week_ms


def test_the_range_selector_changes_what_every_chart_contains(app_db, demo):
    app_db.write_bytes(demo.read_bytes())
    at = _open()
    at.segmented_control(key="progress_range").set_value("4 weeks").run()
    assert len(_trace(_pain_chart(at), "Check-in pain")["x"]) == 28
    short = _every_tab(at)
    _view(at, "Pain").segmented_control(key="progress_range").set_value("All").run()
    assert not at.exception
    assert len(_trace(_pain_chart(at), "Check-in pain")["x"]) == 112  # the demo's 16 weeks
    assert "Flare-up" in [t.get("name") for t in _pain_chart(at)["data"]]
    assert any("Charts show" in c.value for c in at.caption)
    whole = _every_tab(at)
    for tab in ("Pain", "Exercise", "Stages"):  # the calendar is always the last 26 weeks
        assert whole[tab]["charts"] != short[tab]["charts"], tab


def test_a_new_checkin_appears_at_once_never_a_stale_chart(app_db, demo):
    app_db.write_bytes(demo.read_bytes())
    at = _open(progress_range="4 weeks")
    flares_before = len(
        [t for t in _pain_chart(at)["data"] if t.get("name") == "Flare-up"]
    )  # the demo's flare-up is older than four weeks
    _ui._database(str(app_db)).store().save_checkin(Checkin(date=TODAY, pain=7, flare=True), TODAY)
    at.run()
    assert flares_before == 0
    assert len(_trace(_pain_chart(at), "Flare-up")["x"]) == 1


def test_a_thin_history_shows_what_to_log_for_each_missing_chart(app_db):
    _fill(
        app_db,
        lambda s: s.save_session(
            Session(date=TODAY, sets=(SetEntry("Glute bridge", 1, reps=10),)), TODAY
        ),
    )
    texts = "\n".join(tab["texts"] for tab in _every_tab(_open()).values())
    assert "Log a daily check-in with your pain" in texts
    assert "Log extension exercises" in texts
    assert "Rate pain before, during and the next morning" in texts
    assert "Log minutes walked" in texts
    assert "Rate the muscle feel" in texts
    assert "Fill in the questionnaires" in texts


def test_loads_are_shown_in_pounds_for_a_person_using_pounds(app_db):
    def fill(store):
        store.save_profile(Profile(start_date=TODAY, units="lb"))
        store.save_session(
            Session(
                date=TODAY,
                sets=(SetEntry("45° back extension (weighted)", 1, reps=10, load_kg=10),),
                pain_before=1,
                pain_during=2,
            ),
            TODAY,
        )

    _fill(app_db, fill)
    at = _open(progress_dose="volume", view="Exercise")
    titles = [c["layout"].get("xaxis", {}).get("title", {}).get("text") for c in _charts(at)]
    assert "Extension volume (lb × reps)" in titles


@pytest.fixture(scope="module")
def five_years(tmp_path_factory):
    path = tmp_path_factory.mktemp("five_years") / "history.duckdb"
    _fill(path, lambda s: s.import_batch(synthetic_history(5 * 365 * 28, end=TODAY)))
    return path


def test_five_years_of_history_draw_weekly_points_without_error(app_db, five_years):
    app_db.write_bytes(five_years.read_bytes())
    at = _open(progress_range="All")
    assert not at.exception and not at.error
    points = len(_trace(_pain_chart(at), "Check-in pain")["x"])
    assert 250 < points <= 5 * 53 + 1  # a point a week, not 1826 days
    assert any("weekly means" in c.value for c in at.caption)
    at.segmented_control(key="progress_range").set_value("4 weeks").run()
    assert len(_trace(_pain_chart(at), "Check-in pain")["x"]) == 28
