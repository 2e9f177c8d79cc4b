"""A second process on the same file: a clear message naming it, then work once it is free.

DuckDB lets one process write a file at a time. The app started while a CLI import holds
the file must say so in one line (never a traceback) and work on the next rerun once the
import ends; the CLI started while the app holds the file does the same in reverse.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support import ROOT, page

from rehab_core import synthetic
from rehab_core.storage import Database, DatabaseLockedError

HOLDER = """
import sys
from rehab_core.storage import Database
db = Database(sys.argv[1])
db.store()
print("holding", flush=True)
sys.stdin.read()  # hold the file until the parent closes our stdin
db.close()
"""


# The real CLI import, paused with the database open (before it writes) until the parent
# closes our stdin.
IMPORTER = """
import sys
from rehab_core import storage
from rehab_core.cli import main

original = storage.Store.import_batch

def paused(self, batch, *args, **kwargs):
    print("holding", flush=True)
    sys.stdin.read()
    return original(self, batch, *args, **kwargs)

storage.Store.import_batch = paused
sys.exit(main(sys.argv[1:]))
"""


class Holder:
    """Another process with the database open, until `release()`."""

    def __init__(self, path: Path, script: str = HOLDER, args: tuple[str, ...] = ()):
        self.process = subprocess.Popen(
            [sys.executable, "-c", script, *(args or (str(path),))],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline()
        assert line.strip() == "holding", "the holder process did not open the database"

    def release(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=60)


@pytest.fixture
def held(tmp_path):
    path = tmp_path / "held.duckdb"
    Database(path).close()
    holder = Holder(path)
    yield path, holder
    holder.release()
    if holder.process.poll() is None:
        holder.process.kill()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rehab_core", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "BACKTRACK_DB": ""},
    )


@pytest.fixture
def small_csv(tmp_path) -> Path:
    file = tmp_path / "sessions.csv"
    file.write_text(synthetic.sessions_csv(synthetic.synthetic_history(50)), encoding="utf-8")
    return file


# -- the core ----------------------------------------------------------------------------
def test_opening_a_held_file_raises_database_locked_naming_the_file(held):
    path, _ = held
    with pytest.raises(DatabaseLockedError) as locked:
        Database(path)
    message = str(locked.value)
    assert str(path) in message
    assert "\n" not in message


def test_the_file_opens_once_the_other_process_lets_go(held):
    path, holder = held
    holder.release()
    with Database(path) as db:
        assert db.store().counts()["sessions"] == 0


# -- the app while a CLI import holds the file ------------------------------------------
def test_the_app_shows_one_clear_line_while_another_process_holds_the_file(held, monkeypatch):
    path, _ = held
    monkeypatch.setenv("BACKTRACK_DB", str(path))
    at = AppTest.from_file(page("log.py"), default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1
    assert str(path) in at.error[0].value
    assert "in use" in at.error[0].value


def test_the_app_works_on_the_next_rerun_once_the_file_is_free(held, monkeypatch, app_db):
    path, holder = held
    monkeypatch.setenv("BACKTRACK_DB", str(path))
    at = AppTest.from_file(page("log.py"), default_timeout=60).run()
    assert at.error
    holder.release()
    at.run()
    assert not at.exception
    assert not at.error
    assert at.title[0].value == "Log"


def test_the_app_during_a_cli_import_says_so_then_shows_the_imported_history(
    tmp_path, small_csv, monkeypatch, app_db
):
    path = tmp_path / "importing.duckdb"
    Database(path).close()
    monkeypatch.setenv("BACKTRACK_DB", str(path))
    importer = Holder(path, IMPORTER, ("import", str(small_csv), "--db", str(path)))
    try:
        at = AppTest.from_file(page("log.py"), default_timeout=60).run()
        assert not at.exception
        assert [e.value for e in at.error if str(path) in e.value]
        importer.release()
        assert importer.process.returncode == 0
        at.run()
    finally:
        if importer.process.poll() is None:
            importer.process.kill()
    assert not at.exception
    assert not at.error
    assert not any("No sessions yet" in i.value for i in at.info)


# -- the CLI while the app (this process) holds the file --------------------------------
def test_cli_import_into_a_held_file_exits_2_with_one_line_naming_it(tmp_path, small_csv):
    path = tmp_path / "app.duckdb"
    with Database(path) as app:
        done = _cli("import", str(small_csv), "--db", str(path))
        counts = app.store().counts()
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("backtrack: ")
    assert str(path) in lines[0]
    assert "Traceback" not in done.stderr
    assert counts["sets"] == 0


def test_cli_import_succeeds_once_the_app_lets_go(tmp_path, small_csv):
    path = tmp_path / "app.duckdb"
    Database(path).close()
    done = _cli("import", str(small_csv), "--db", str(path))
    assert done.returncode == 0, done.stderr
    with Database(path) as db:
        assert db.store().counts()["sets"] == 50


def test_cli_import_into_a_file_held_by_another_cli_is_refused(held, small_csv):
    path, holder = held
    refused = _cli("import", str(small_csv), "--db", str(path))
    holder.release()
    accepted = _cli("import", str(small_csv), "--db", str(path))
    assert refused.returncode == 2
    assert str(path) in refused.stderr
    assert accepted.returncode == 0, accepted.stderr
