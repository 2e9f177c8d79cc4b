"""Where a person's rows live, decided once at start-up (pure logic, no UI).

- local: one file (`data/backtrack.duckdb` or BACKTRACK_DB) for the one person at this
  computer; the default for `make run`.
- sandbox: each browser session gets its own private in-memory database that no other
  visitor can see, gone when the tab closes; the default on a shared host with no login.
- signed-in: `[auth]` is configured in Streamlit secrets; one shared database (a file, or a
  MotherDuck `md:` database) and every row belongs to the signed-in user. The Store filters
  every query by that user id, so pages never filter by owner themselves.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

LOCAL = "local"
SANDBOX = "sandbox"
SIGNED_IN = "signed-in"

# What BACKTRACK_MODE may say, and the mode each spelling means.
_SPELLINGS = {
    "local": LOCAL,
    "shared": SANDBOX,
    "sandbox": SANDBOX,
    "signed-in": SIGNED_IN,
    "signed_in": SIGNED_IN,
    "signin": SIGNED_IN,
    "auth": SIGNED_IN,
}
# Streamlit Community Cloud checks repositories out below this folder.
COMMUNITY_CLOUD_ROOT = "/mount/src/"
USER_PREFIX = "user:"  # signed-in ids never collide with the local person's id "local"


class ModeError(ValueError):
    """A configuration that cannot work, explained in one line."""


@dataclass(frozen=True)
class StorageMode:
    name: str
    why: str  # one line for Settings: how this mode was chosen

    @property
    def shared_database(self) -> bool:
        """One database for the process (local, signed-in) rather than one per session."""
        return self.name != SANDBOX

    @property
    def description(self) -> str:
        return {
            LOCAL: "Local: your data is kept in one database file on this computer.",
            SANDBOX: (
                "Private sandbox: your data lives only in this browser tab and vanishes "
                "when you close it. Download a backup to keep it."
            ),
            SIGNED_IN: (
                "Signed in: your data is kept in the app's database under your account; "
                "nobody else can see it."
            ),
        }[self.name]


def on_shared_host(env: Mapping[str, str], app_dir: str) -> bool:
    """True when the app runs on a host many visitors share (Streamlit Community Cloud)."""
    return app_dir.startswith(COMMUNITY_CLOUD_ROOT) or bool(env.get("STREAMLIT_SHARING_MODE"))


def decide_mode(env: Mapping[str, str], auth_configured: bool, app_dir: str = "") -> StorageMode:
    """The storage mode from BACKTRACK_MODE, the presence of `[auth]` secrets and the host.

    An explicit BACKTRACK_MODE wins; otherwise a login means signed-in, a shared host means
    sandbox (never one file shared by strangers), and anything else is local.
    """
    asked = (env.get("BACKTRACK_MODE") or "").strip().lower()
    if asked:
        if asked not in _SPELLINGS:
            raise ModeError(
                f"BACKTRACK_MODE={asked!r} is not a storage mode; use local, shared or signed-in."
            )
        name = _SPELLINGS[asked]
        if name == SIGNED_IN and not auth_configured:
            raise ModeError(
                "BACKTRACK_MODE=signed-in needs an [auth] section in .streamlit/secrets.toml "
                "(see the README); without it nobody can sign in."
            )
        return StorageMode(name, f"BACKTRACK_MODE is set to {asked}.")
    if auth_configured:
        return StorageMode(SIGNED_IN, "A login ([auth]) is configured in the app's secrets.")
    if on_shared_host(env, app_dir):
        return StorageMode(SANDBOX, "The app runs on a shared host with no login configured.")
    return StorageMode(LOCAL, "The default when Backtrack runs on your own computer.")


def decide_mode_here(auth_configured: bool, app_dir: str | None = None) -> StorageMode:
    return decide_mode(os.environ, auth_configured, app_dir if app_dir is not None else os.getcwd())


def signed_in_user_id(claims: Mapping[str, object]) -> str:
    """A stable id for the signed-in person: the identity provider's subject, else the email."""
    issuer = str(claims.get("iss") or "").strip()
    subject = str(claims.get("sub") or "").strip()
    if subject:
        return f"{USER_PREFIX}{issuer}|{subject}" if issuer else f"{USER_PREFIX}{subject}"
    email = str(claims.get("email") or "").strip().lower()
    if email:
        return f"{USER_PREFIX}{email}"
    raise ModeError("The sign-in did not say who you are (no subject or email); sign in again.")
