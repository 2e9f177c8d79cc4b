"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest
import streamlit as st

from rehab_core.storage import Database


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
