"""Fixtures shared by the whole suite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from rehab_core.models import Checkin, Session, SetEntry
from rehab_core.storage import Database

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def db():
    database = Database(":memory:")
    yield database
    database.close()


@pytest.fixture
def store(db):
    return db.store()


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    """A fresh database file for a page under AppTest; returns its path."""
    path = tmp_path / "app.duckdb"
    monkeypatch.setenv("BACKTRACK_DB", str(path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def page(name: str) -> str:
    """Absolute path of a page script, for AppTest.from_file."""
    return str(ROOT / "pages" / name)


def open_page(name: str, **state) -> AppTest:
    """Run the app at one page, as navigation does (so page links resolve).

    `state` seeds st.session_state before the first run.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if name != "log.py":
        at.switch_page(f"pages/{name}").run()
    return at


def holds(date: dt.date, seconds: float = 10, count: int = 3, **pain) -> Session:
    """A small prone-hold session, the stage-1 staple."""
    return Session(
        date=date,
        sets=tuple(
            SetEntry("Prone extension hold", i, seconds=seconds) for i in range(1, count + 1)
        ),
        **pain,
    )


def checkin(date: dt.date, **values) -> Checkin:
    return Checkin(date=date, **values)
