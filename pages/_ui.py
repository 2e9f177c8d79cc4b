"""Small UI helpers shared by the pages: the database handle, units, the disclaimer."""

from __future__ import annotations

import streamlit as st

from rehab_core.rules import LB_IN_KG
from rehab_core.storage import Database, StorageError, Store, default_db_path

DISCLAIMER = (
    "Backtrack is a self-help tracker, not a diagnosis or a substitute for a clinician. "
    "Pain is a signal to respect: stop and seek care if something new or worrying appears."
)


@st.cache_resource(show_spinner=False)
def _database(path: str) -> Database:
    # One DuckDB instance per process, shared by every browser session (STYLE.md).
    return Database(path)


def database() -> Database:
    """The process's database; stops the page with a clear message if it cannot open."""
    try:
        return _database(default_db_path())
    except StorageError as exc:
        st.error(str(exc), icon=":material/error:")
        st.stop()


def store() -> Store:
    return database().store()


def disclaimer() -> None:
    st.caption(DISCLAIMER)


def to_display_load(kg: float | None, units: str) -> float | None:
    if kg is None:
        return None
    return round(kg / LB_IN_KG, 1) if units == "lb" else kg


def from_display_load(value: float | None, units: str) -> float | None:
    if value is None:
        return None
    return value * LB_IN_KG if units == "lb" else value
