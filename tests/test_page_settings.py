"""The Settings page: profile, data location, erasing."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest
from support import holds, open_page

from rehab_core.models import Profile
from rehab_core.storage import Database


def _open() -> AppTest:
    return open_page("settings.py")


def test_profile_is_saved_from_the_form(app_db):
    at = _open()
    assert not at.exception
    at.checkbox[0].check()
    at.date_input[0].set_value(dt.date(2025, 1, 6))
    next(r for r in at.radio if r.label == "Starting stage").set_value(2)
    next(r for r in at.radio if r.label == "Units for loads").set_value("lb")
    next(b for b in at.button if b.label == "Save profile").click().run()
    assert Database(app_db).store().profile() == Profile(dt.date(2025, 1, 6), 2, "lb")


def test_database_location_is_shown(app_db):
    at = _open()
    assert any(str(app_db) in m.value for m in at.markdown)


def test_erase_needs_the_typed_word(app_db):
    Database(app_db).store().save_session(holds(dt.date.today()))
    at = _open()
    erase = next(b for b in at.button if b.label == "Erase everything")
    assert erase.disabled
    at.text_input(key="erase_confirm").input("erase").run()
    assert next(b for b in at.button if b.label == "Erase everything").disabled
    at.text_input(key="erase_confirm").input("ERASE").run()
    next(b for b in at.button if b.label == "Erase everything").click().run()
    assert Database(app_db).store().counts()["sessions"] == 0
