"""The one-line disclaimer is under every page, even one that stops early."""

from __future__ import annotations

import datetime as dt

import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest
from support import ROOT

from pages._ui import DISCLAIMER

PAGES = ["log.py", "plan.py", "data.py", "outcomes.py", "settings.py"]


class _NavigationPagesManager(PagesManager):
    """Run app.py on every page switch, as a real server does.

    AppTest forgets before each run that st.navigation is in charge and, because a pages/
    folder exists, guesses the old pages-folder mode; switch_page then runs the page file
    alone and skips app.py, where the disclaimer is drawn. A server decides this once.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture
def app(app_db, monkeypatch):
    monkeypatch.setattr(app_test_module, "PagesManager", _NavigationPagesManager)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption] + [c.value for c in at.sidebar.caption]


@pytest.mark.parametrize("page", PAGES)
def test_the_disclaimer_is_on_every_page(app, page):
    app.run()
    app.switch_page(f"pages/{page}").run()
    assert not app.exception
    assert DISCLAIMER in _captions(app)


def test_the_disclaimer_is_on_progress_before_any_data(app):
    app.run()
    app.switch_page("pages/progress.py").run()
    assert DISCLAIMER in _captions(app)


def test_the_disclaimer_is_on_plan_while_a_red_flag_pauses_it(app, app_db):
    from rehab_core import safety
    from rehab_core.storage import Database

    safety.record_red_flags(Database(app_db).store(), ["fever"], dt.date.today())
    app.run()
    app.switch_page("pages/plan.py").run()
    assert DISCLAIMER in _captions(app)


def test_the_disclaimer_is_under_the_sign_in_screen_too(app):
    app.secrets = {"auth": {"redirect_uri": "http://localhost/oauth2callback"}}
    app.user = {"is_logged_in": False}
    app.run()
    assert "Sign in to Backtrack" in [t.value for t in app.title]
    assert DISCLAIMER in _captions(app)
