"""Helpers the tests share (plain functions, importable as `support` from any test).

They live here rather than in conftest.py: tests/ and tests/e2e/ both have a conftest, so
`from conftest import ...` would pick whichever pytest imported first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from rehab_core.models import Checkin, Session, SetEntry

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
