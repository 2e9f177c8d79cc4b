"""Small UI helpers shared by the pages: the database handle, units, the disclaimer."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit import config
from streamlit.errors import StreamlitAPIException, StreamlitDuplicateElementKey
from streamlit.runtime.pages_manager import PagesManager

from rehab_core import backup, modes
from rehab_core.rules import LB_IN_KG
from rehab_core.storage import Database, StorageError, Store, default_db_path

DISCLAIMER = "Backtrack is a self-help tracker, not a diagnosis or a substitute for a clinician."


def leave_legacy_pages_mode() -> None:
    """A fresh server opened straight at a page's URL runs that page through Streamlit's
    legacy `pages/` directory mode, which lists every file in the sidebar instead of
    app.py's sections. Leave that mode and rerun, so app.py's st.navigation draws them."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@st.cache_resource(show_spinner=False)
def _database(path: str) -> Database:
    # One DuckDB instance per process, shared by every browser session (STYLE.md).
    return Database(path)


def _auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitAPIException):  # no secrets file at all
        return False


def storage_mode() -> modes.StorageMode:
    """Local file, private per-visitor sandbox, or signed-in (see rehab_core.modes)."""
    try:
        return modes.decide_mode_here(_auth_configured())
    except modes.ModeError as exc:
        st.error(str(exc), icon=":material/error:")
        st.stop()


_SANDBOX_KEY = "_backtrack_sandbox_database"


def database() -> Database:
    """This visitor's database; stops the page with a clear message if it cannot open.

    Local and signed-in modes share one database per process (STYLE.md); the sandbox gives
    each browser session its own private in-memory database, gone when the tab closes.
    """
    if not config.get_option("global.appTest"):
        # AppTest starts every run in that legacy mode; a rerun there would drop the
        # button click being tested. A real server leaves the mode once, for good.
        leave_legacy_pages_mode()
    mode = storage_mode()
    if mode.name == modes.SANDBOX:
        if _SANDBOX_KEY not in st.session_state:
            st.session_state[_SANDBOX_KEY] = Database(":memory:")
        _sandbox_banner(st.session_state[_SANDBOX_KEY])
        return st.session_state[_SANDBOX_KEY]
    try:
        return _database(default_db_path())
    except StorageError as exc:
        st.error(str(exc), icon=":material/error:")
        st.stop()


def database_location() -> str:
    """Where this visitor's rows are kept, in words for Settings."""
    if storage_mode().name == modes.SANDBOX:
        return "Only in this browser tab's memory (a private sandbox)"
    path = default_db_path()
    return "A MotherDuck database in the cloud" if path.startswith("md:") else path


def _sandbox_banner(db: Database) -> None:
    # Drawn once per run even when a page asks for the database twice: Streamlit refuses a
    # second container with the same key within one run.
    try:
        box = st.container(key="backtrack_sandbox_banner")
    except StreamlitDuplicateElementKey:
        return
    box.warning(
        "Private sandbox: your data lives only in this browser tab and vanishes when you "
        "close it. Nobody else can see it. Download a backup to keep it.",
        icon=":material/visibility_off:",
    )
    with box.popover("Back up or restore", icon=":material/download:"):
        person = db.store()
        st.download_button(
            "Download a backup",
            data=lambda: backup.make_backup(person),  # made only when clicked
            file_name=f"backtrack-backup-{dt.date.today().isoformat()}.zip",
            mime="application/zip",
            key="sandbox_backup_download",
        )
        upload = st.file_uploader("Restore a backup", type=["zip"], key="sandbox_restore_upload")
        if upload is not None and st.button("Restore it here", key="sandbox_restore"):
            try:
                backup.restore(person, upload.getvalue(), "replace")
            except backup.BackupError as exc:
                st.error(str(exc), icon=":material/error:")
            else:
                st.success("Backup restored into this tab.", icon=":material/check:")


def page_link(page: str, label: str, icon: str | None = None) -> None:
    """A link to another page; plain text when a page runs on its own (tests)."""
    try:
        st.page_link(page, label=label, icon=icon)
    except StreamlitAPIException:
        st.caption(label)


def signed_in_user() -> str:
    """The signed-in person's id; shows the sign-in screen and stops if nobody is signed in."""
    if not st.user.is_logged_in:
        st.title("Sign in to Backtrack")
        st.write("Each person's log is private: sign in to see and keep your own.")
        providers = _login_providers()
        for provider in providers or [None]:
            label = f"Sign in with {provider.title()}" if provider else "Sign in"
            st.button(
                label,
                on_click=st.login,
                args=(provider,) if provider else (),
                key=f"login_{provider or 'default'}",
                icon=":material/login:",
            )
        st.stop()
    try:
        user_id = modes.signed_in_user_id(st.user.to_dict())
    except modes.ModeError as exc:
        st.error(str(exc), icon=":material/error:")
        st.stop()
    try:  # once per run, like the sandbox banner
        account = st.sidebar.container(key="backtrack_account")
    except StreamlitDuplicateElementKey:
        return user_id
    account.text(f"Signed in as {st.user.get('email') or st.user.get('name') or 'you'}")
    account.button("Sign out", on_click=st.logout, key="logout", icon=":material/logout:")
    return user_id


def _login_providers() -> list[str]:
    """Named providers ([auth.google], ...) when [auth] has no default client of its own."""
    auth = st.secrets.get("auth", {})
    if "client_id" in auth:
        return []
    return [name for name, value in auth.items() if hasattr(value, "keys")]


def store() -> Store:
    """This visitor's rows: the local person's, the sandbox's, or the signed-in user's."""
    if storage_mode().name == modes.SIGNED_IN:
        user_id = signed_in_user()
        return database().store(user_id)
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
