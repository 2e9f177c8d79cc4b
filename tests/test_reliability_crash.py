"""A process killed mid-write leaves the database openable, with all of the write or none.

The child is the real CLI (`python -m rehab_core import|restore ...`) with two small hooks:
it says when the database is open, and optionally pauses inside its big transaction so the
SIGKILL certainly lands there. Other kills land at spread-out moments of a real run, which
also covers the commit and the checkpoint after it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import ROOT

from rehab_core import synthetic
from rehab_core.models import Checkin
from rehab_core.storage import Database

SETS = 10_000  # years of history: big enough that its write takes a while
PROBE_DAY = dt.date(1999, 1, 1)
KILL_AT = (0.2, 0.6, 1.0)  # fractions of a full run's time after the file opened

CHILD = """
import os, sys, time
from rehab_core import storage
from rehab_core.cli import main

pause = os.environ.get("PAUSE_IN_TRANSACTION") == "1"
opened = []
original_init, original_write = storage.Database.__init__, storage.Database.write

def init(self, *args, **kwargs):
    original_init(self, *args, **kwargs)
    self.store()  # seed the catalog first: the next write is the big one
    opened.append(True)
    print("opened", flush=True)

def write(self, work):
    if not (pause and opened):
        return original_write(self, work)
    def paused(cur):
        result = work(cur)
        print("in transaction", flush=True)
        time.sleep(600)
        return result
    return original_write(self, paused)

storage.Database.__init__ = init
storage.Database.write = write
sys.exit(main(sys.argv[1:]))
"""


def _start(args: list[str], pause: bool = False) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, *args],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PAUSE_IN_TRANSACTION": "1" if pause else "0", "BACKTRACK_DB": ""},
    )


def _wait_for(child: subprocess.Popen, line: str) -> None:
    got = child.stdout.readline().strip()
    if got != line:
        child.kill()
        raise AssertionError(f"child said {got!r}; stderr: {child.stderr.read()[-2000:]}")


def _state(path: Path) -> tuple:
    """What a person would notice: how many rows and a checksum of their values.

    The database must also still take a write afterwards (a check-in far in the past).
    """
    with Database(path) as db:
        counts = db.store().counts()
        total = db.query(
            "SELECT coalesce(sum(coalesce(reps, 0) + coalesce(seconds, 0)), 0) AS t FROM sets"
        )["t"].iloc[0]
        db.store().save_checkin(Checkin(date=PROBE_DAY, pain=1), PROBE_DAY)
        db.store().delete_checkin(PROBE_DAY)
    return counts["sessions"], counts["sets"], counts["checkins"], round(float(total), 3)


def _small_database(path: Path) -> Path:
    with Database(path) as db:
        history = synthetic.synthetic_history(300, end=dt.date(2015, 1, 1), seed=3)
        db.store().import_batch(history, source="earlier")
    return path


def _before_and_after(template: Path, args_for, tmp_path: Path) -> tuple[tuple, tuple, float]:
    """The database's state before, after a full run, and how long the write part took."""
    before = _state(_copy(template, tmp_path / "before.duckdb"))
    full = _copy(template, tmp_path / "full.duckdb")
    child = _start(args_for(full))
    _wait_for(child, "opened")
    started = time.perf_counter()
    _, err = child.communicate(timeout=300)
    write_time = time.perf_counter() - started
    assert child.returncode == 0, err
    after = _state(full)
    assert after != before
    return before, after, write_time


def _copy(template: Path, to: Path) -> Path:
    shutil.copyfile(template, to)
    return to


def _kill(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    child.stdout.close()
    child.stderr.close()


@pytest.fixture(scope="module")
def import_case(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash-import")
    csv = folder / "sessions.csv"
    csv.write_text(synthetic.sessions_csv(synthetic.synthetic_history(SETS)), encoding="utf-8")
    template = _small_database(folder / "template.duckdb")

    def args_for(db: Path) -> list[str]:
        return ["import", str(csv), "--db", str(db)]

    before, after, write_time = _before_and_after(template, args_for, folder)
    return template, args_for, before, after, write_time


@pytest.fixture(scope="module")
def restore_case(tmp_path_factory):
    pytest.importorskip("rehab_core.backup")
    from rehab_core import backup

    folder = tmp_path_factory.mktemp("crash-restore")
    with Database(folder / "source.duckdb") as source:
        source.store().import_batch(synthetic.synthetic_history(SETS))
        archive = folder / "backup.zip"
        archive.write_bytes(backup.make_backup(source.store()))
    template = _small_database(folder / "template.duckdb")

    def args_for(db: Path) -> list[str]:
        return ["restore", str(archive), "--db", str(db), "--mode", "replace"]

    before, after, write_time = _before_and_after(template, args_for, folder)
    return template, args_for, before, after, write_time


CASES = ["import_case", "restore_case"]


@pytest.mark.parametrize("case", CASES)
def test_killed_inside_the_transaction_leaves_nothing_of_it(case, request, tmp_path):
    template, args_for, before, _, _ = request.getfixturevalue(case)
    db = _copy(template, tmp_path / "victim.duckdb")
    child = _start(args_for(db), pause=True)
    _wait_for(child, "opened")
    _wait_for(child, "in transaction")
    _kill(child)
    assert _state(db) == before


@pytest.mark.parametrize("fraction", KILL_AT)
@pytest.mark.parametrize("case", CASES)
def test_killed_at_any_moment_leaves_all_or_nothing(case, fraction, request, tmp_path):
    template, args_for, before, after, write_time = request.getfixturevalue(case)
    db = _copy(template, tmp_path / "victim.duckdb")
    child = _start(args_for(db))
    _wait_for(child, "opened")
    time.sleep(write_time * fraction)
    _kill(child)
    assert _state(db) in (before, after)
