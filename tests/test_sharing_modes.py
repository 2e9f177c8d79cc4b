"""Sharing privately: the storage mode chosen at start-up, and each person's rows their own."""

from __future__ import annotations

import datetime as dt
import inspect

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from support import ROOT, checkin, holds

from pages._ui import _SANDBOX_KEY as SANDBOX_KEY
from rehab_core import backup, modes, outcomes, safety
from rehab_core.models import Exercise, ImportBatch, Profile
from rehab_core.storage import Database, Store

TODAY = dt.date(2026, 3, 16)
AUTH = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x"}}


# -- the mode ------------------------------------------------------------------------
def test_local_is_the_default_on_your_own_computer():
    assert modes.decide_mode({}, auth_configured=False, app_dir="/home/me/backtrack").name == (
        modes.LOCAL
    )


def test_backtrack_mode_shared_gives_each_visitor_a_sandbox():
    assert modes.decide_mode({"BACKTRACK_MODE": "shared"}, False).name == modes.SANDBOX


def test_community_cloud_without_login_defaults_to_the_sandbox():
    mode = modes.decide_mode({}, auth_configured=False, app_dir="/mount/src/backtrack")
    assert mode.name == modes.SANDBOX
    assert not mode.shared_database


def test_an_auth_section_in_secrets_means_signed_in():
    assert modes.decide_mode({}, auth_configured=True, app_dir="/mount/src/x").name == (
        modes.SIGNED_IN
    )


def test_an_explicit_mode_wins_over_the_guess():
    assert modes.decide_mode({"BACKTRACK_MODE": "local"}, True, "/mount/src/x").name == modes.LOCAL


def test_signed_in_without_a_login_configured_is_refused_in_one_line():
    with pytest.raises(modes.ModeError, match=r"needs an \[auth\] section"):
        modes.decide_mode({"BACKTRACK_MODE": "signed-in"}, auth_configured=False)


def test_an_unknown_mode_is_refused_naming_the_choices():
    with pytest.raises(modes.ModeError, match="use local, shared or signed-in"):
        modes.decide_mode({"BACKTRACK_MODE": "cloud"}, auth_configured=False)


def test_signed_in_ids_come_from_the_provider_subject_and_never_clash_with_local():
    claims = {"iss": "https://accounts.google.com", "sub": "123", "email": "a@example.com"}
    assert modes.signed_in_user_id(claims) == "user:https://accounts.google.com|123"
    assert modes.signed_in_user_id({"email": "A@Example.com"}) == "user:a@example.com"
    with pytest.raises(modes.ModeError):
        modes.signed_in_user_id({"name": "Ann"})


# -- sandbox: two browser sessions ----------------------------------------------------
def _outcomes_page(**setup) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in setup.items():
        setattr(at, name, value)
    at.run()
    at.switch_page("pages/outcomes.py").run()
    return at


def _save_rmdq(at: AppTest, yes: int) -> None:
    for number in range(1, 25):
        at.radio(key=f"rmdq_{number}").set_value("Yes" if number <= yes else "No")
    next(b for b in at.button if b.label == "Save my answers").click().run()


def _rmdq_rows(at: AppTest) -> list:
    tables = [d.value for d in at.dataframe if "Score (0-24)" in d.value.columns]
    return tables[0]["Score (0-24)"].tolist() if tables else []


def test_two_sandbox_sessions_never_see_each_others_rows(app_db, monkeypatch):
    monkeypatch.setenv("BACKTRACK_MODE", "shared")
    first, second = _outcomes_page(), _outcomes_page()
    _save_rmdq(first, yes=7)
    second.run()
    assert _rmdq_rows(first) == [7]
    assert _rmdq_rows(second) == []
    _save_rmdq(second, yes=3)
    first.run()
    assert _rmdq_rows(first) == [7]
    assert _rmdq_rows(second) == [3]
    assert not app_db.exists()  # nothing of either visitor reached the shared file


def test_the_sandbox_banner_says_data_vanishes_and_links_to_backup(app_db, monkeypatch):
    monkeypatch.setenv("BACKTRACK_MODE", "shared")
    at = _outcomes_page()
    [banner] = [w.value for w in at.warning if w.value.startswith("Private sandbox")]
    assert "vanishes when you close it" in banner
    assert at.get("download_button")[0].proto.label == "Download a backup"
    assert at.file_uploader(key="sandbox_restore_upload").label == "Restore a backup"


def test_a_backup_restores_into_a_fresh_sandbox_tab(app_db, monkeypatch):
    monkeypatch.setenv("BACKTRACK_MODE", "shared")
    old_tab = _outcomes_page()
    _save_rmdq(old_tab, yes=11)
    saved = backup.make_backup(old_tab.session_state[SANDBOX_KEY].store())
    new_tab = _outcomes_page()
    new_tab.file_uploader(key="sandbox_restore_upload").upload("b.zip", saved, "application/zip")
    new_tab.run()
    new_tab.button(key="sandbox_restore").click().run()
    assert not new_tab.exception
    assert _rmdq_rows(new_tab) == [11]


# -- signed in: through the pages ----------------------------------------------------
def _signed_in(sub: str | None) -> dict:
    if sub is None:
        return {"is_logged_in": False}
    return {"is_logged_in": True, "iss": "https://id.example", "sub": sub, "email": f"{sub}@x"}


def test_signed_in_users_each_see_only_their_own_scores(app_db):
    ann = _outcomes_page(secrets=AUTH, user=_signed_in("ann"))
    _save_rmdq(ann, yes=9)
    bob = _outcomes_page(secrets=AUTH, user=_signed_in("bob"))
    assert "Signed in as bob@x" in [t.value for t in bob.sidebar.text]
    assert _rmdq_rows(bob) == []
    assert _rmdq_rows(ann) == [9]
    assert outcomes.scores(Database(app_db).store("user:https://id.example|ann"))[
        "score"
    ].tolist() == [9]


def test_nobody_signed_in_sees_the_sign_in_screen_and_no_data(app_db):
    at = _outcomes_page(secrets=AUTH, user=_signed_in(None))
    assert "Sign in to Backtrack" in [t.value for t in at.title]
    assert any(b.label == "Sign in" for b in at.button)
    assert not at.radio


# -- signed in: every rehab_core function keeps user A's rows from user B --------------
ANN = modes.signed_in_user_id({"iss": "https://id.example", "sub": "ann"})
BOB = modes.signed_in_user_id({"iss": "https://id.example", "sub": "bob"})


def _ann_owns_a_history(db: Database) -> dict:
    ann = db.store(ANN)
    ann.save_profile(Profile(TODAY - dt.timedelta(days=30), 2, "lb"))
    ann.add_exercise(Exercise("Ann's wall slide", "mobility", "reps"))
    yesterday = TODAY - dt.timedelta(days=1)
    session_id = ann.save_session(holds(yesterday, pain_during=2), TODAY)
    ann.save_checkin(checkin(yesterday, pain=3, notes="ann's note"), TODAY)
    score_id = outcomes.save_rmdq(ann, yesterday, {n: n < 5 for n in range(1, 25)}, TODAY)
    outcomes.save_psfs(ann, yesterday, {"Socks": 2, "Sitting": 4, "Gardening": 6}, TODAY)
    safety.record_red_flags(ann, ["fever"], yesterday)
    return {
        "session_id": session_id,
        "date": yesterday,
        "score_id": score_id,
        "flag_id": safety.active_red_flags(ann)[0].id,
    }


def _rows(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _everything_of(store: Store) -> dict:
    history = store.history()
    return {
        "profile": store.profile(),
        "exercises": _rows(store.exercises()),
        "sessions": _rows(history.sessions),
        "sets": _rows(history.sets),
        "checkins": _rows(history.checkins),
        "scores": _rows(outcomes.scores(store)),
        "psfs": _rows(outcomes.psfs_ratings(store)),
        "flags": safety.red_flag_history(store),
        "screening": safety.last_screening(store),
    }


def _batch() -> ImportBatch:
    return ImportBatch(
        format="backtrack",
        sessions=pd.DataFrame(
            [{"session_key": "k1", "date": TODAY, "session_no": 1, "pain_during": 1, "notes": ""}]
        ),
        sets=pd.DataFrame(
            [{"session_key": "k1", "exercise": "Bird dog", "set_index": 1, "reps": 8}]
        ),
        checkins=pd.DataFrame([{"date": TODAY - dt.timedelta(days=1), "pain": 9}]),
        rows_read=1,
    )


def _bob_tries_everything(bob: Store, ann: dict) -> set[str]:
    """Bob uses every public Store method (and the outcome and safety functions) on Ann's ids."""
    tried = set()

    def expect_missing(name, call):
        tried.add(name)
        with pytest.raises(KeyError):
            call()

    def call(name, fn, *args, **kwargs):
        tried.add(name)
        return fn(*args, **kwargs)

    # reads see nothing of Ann's
    expect_missing("session", lambda: bob.session(ann["session_id"]))
    assert call("checkin", bob.checkin, ann["date"]) is None
    assert call("checkins", bob.checkins).empty
    assert call("recent_sessions", bob.recent_sessions).empty
    assert call("last_session", bob.last_session) is None
    assert call("sessions_missing_next_morning", bob.sessions_missing_next_morning, TODAY).empty
    history = call("history", bob.history)
    assert history.sessions.empty and history.sets.empty and history.checkins.empty
    assert call("counts", bob.counts) == {"sessions": 0, "sets": 0, "checkins": 0}
    assert call("export_sets", bob.export_sets).empty
    assert call("export_checkins", bob.export_checkins).empty
    assert "Ann's wall slide" not in call("exercise_names", bob.exercise_names)
    assert "Ann's wall slide" not in call("exercises", bob.exercises)["name"].tolist()
    assert call("profile", bob.profile) == Profile()
    assert outcomes.scores(bob).empty and outcomes.psfs_activities(bob) == []
    assert outcomes.rmdq_answers(bob, ann["score_id"]) == {}
    assert outcomes.last_scored(bob) == {"rmdq": None, "psfs": None}
    assert safety.active_red_flags(bob) == [] and safety.red_flag_history(bob) == []

    # changes and deletions aimed at Ann's rows are refused or land in Bob's own rows
    expect_missing("delete_session", lambda: bob.delete_session(ann["session_id"]))
    expect_missing("set_next_morning_pain", lambda: bob.set_next_morning_pain(ann["session_id"], 9))
    replaced = holds(TODAY, pain_during=9)
    replaced = type(replaced)(**{**replaced.__dict__, "id": ann["session_id"]})
    expect_missing("save_session", lambda: bob.save_session(replaced, TODAY))
    expect_missing("delete_checkin", lambda: bob.delete_checkin(ann["date"]))
    expect_missing("delete_score", lambda: outcomes.delete_score(bob, ann["score_id"]))
    expect_missing("mark_cleared", lambda: safety.mark_cleared(bob, ann["flag_id"], TODAY))
    call("save_checkin", bob.save_checkin, checkin(ann["date"], pain=8), TODAY)
    call("save_profile", bob.save_profile, Profile(TODAY, 4, "kg"))
    call("add_exercise", bob.add_exercise, Exercise("Ann's wall slide", "core", "hold"))
    call("remap_exercise", bob.remap_exercise, "Ann's wall slide", "Bird dog")
    call("seed_catalog", bob.seed_catalog)
    call("import_batch", bob.import_batch, _batch())
    call("import_batch", bob.import_batch, _batch(), dry_run=True)
    outcomes.save_rmdq(bob, TODAY, {n: True for n in range(1, 25)}, TODAY)
    safety.record_screening(bob, ["bladder"], TODAY)
    call("erase_all", bob.erase_all)
    return tried


def test_user_b_cannot_read_change_or_delete_user_a_rows_through_any_function():
    with Database(":memory:") as db:
        ann_ids = _ann_owns_a_history(db)
        before = _everything_of(db.store(ANN))
        assert before["sessions"] and before["scores"] and before["flags"]
        tried = _bob_tries_everything(db.store(BOB), ann_ids)
        assert _everything_of(db.store(ANN)) == before
    public = {name for name, _ in inspect.getmembers(Store) if not name.startswith("_")}
    assert public <= tried, f"Store methods not yet tried by another user: {public - tried}"


def test_erasing_all_my_data_erases_outcomes_and_red_flags_too(store):
    outcomes.save_rmdq(store, TODAY, {n: True for n in range(1, 25)}, TODAY)
    safety.record_screening(store, ["fever"], TODAY)
    store.erase_all()
    assert outcomes.scores(store).empty
    assert safety.red_flag_history(store) == [] and safety.last_screening(store) is None
