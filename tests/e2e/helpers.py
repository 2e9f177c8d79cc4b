"""What the browser tests share: seeded databases, the app server, waits and screenshots.

Streamlit reruns asynchronously, so the helpers wait for the app to report that its
script stopped running rather than sleeping.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
# Generous bounds: the machine's two cores are shared with other work.
SERVER_START_SECONDS = 60
APP_SETTLE_MS = 30_000
TODAY = dt.date.today()

# Every page of the app: (title in the navigation, url path).
PAGES = [
    ("Log", ""),
    ("Plan", "plan"),
    ("Progress", "progress"),
    ("Import & export", "data"),
    ("Outcomes", "outcomes"),
    ("Settings", "settings"),
]


def require_chromium() -> None:
    if Path(CHROMIUM).exists() and os.access(CHROMIUM, os.X_OK):
        return
    message = f"Debian chromium not found at {CHROMIUM} (run `make chromium`)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}: browser tests must run in CI", pytrace=False)
    pytest.skip(f"{message}: browser tests skipped", allow_module_level=True)


# --- databases -----------------------------------------------------------------------


def _seed_light(path: Path) -> None:
    """A couple of sessions and a check-in: what a new user has after a few days
    (the first-start safety check answered, with nothing found)."""
    from rehab_core import safety
    from rehab_core.models import Checkin, Profile, Session, SetEntry
    from rehab_core.storage import Database

    with Database(path) as db:
        store = db.store()
        start = TODAY - dt.timedelta(days=3)
        store.save_profile(Profile(start_date=start))
        safety.record_screening(store, [], start)
        holds = tuple(SetEntry("Prone extension hold", i, seconds=8) for i in (1, 2, 3))
        walk = (SetEntry("Walking", 1, seconds=15 * 60, distance_m=1200),)
        for days_ago, pain in ((3, 3), (1, 2)):
            store.save_session(
                Session(
                    date=TODAY - dt.timedelta(days=days_ago),
                    sets=holds + walk,
                    pain_before=pain,
                    pain_during=pain,
                    pain_after=pain - 1,
                    effort=5,
                    muscle_feel=1,
                    notes="Easy holds, short walk",
                ),
                TODAY,
            )
        store.save_checkin(Checkin(date=TODAY - dt.timedelta(days=1), pain=2, stiffness=3, trust=6))


def _seed_demo(path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "rehab_core", "demo", "--db", str(path)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )


SEEDS: dict[str, Callable[[Path], None] | None] = {
    "empty": None,
    "light": _seed_light,
    "demo": _seed_demo,
}


# --- the server ----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """`streamlit run SCRIPT` (app.py unless told) on a free loopback port, with its own
    database file. The benchmark starts its servers with this class too."""

    def __init__(self, db_path: Path, log_path: Path, script: Path | str = "app.py"):
        self.db_path = db_path
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        env = {
            **os.environ,
            "BACKTRACK_DB": str(db_path),
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        }
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=REPO,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self.log_path = log_path

    def wait_healthy(self, seconds: float = SERVER_START_SECONDS) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with {self._process.returncode}:\n{self.log_path.read_text()}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.read().decode().strip() == "ok":
                        return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not answer /_stcore/health within {seconds:.0f} s")

    def peak_rss_mb(self) -> float:
        """The server's peak resident memory so far (Linux /proc)."""
        for line in Path(f"/proc/{self._process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM in /proc")

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        self._log.close()


# --- helpers for tests ---------------------------------------------------------------


def wait_for_app(page) -> None:
    """Wait until Streamlit is connected and its script has finished running."""
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]'
        '[data-test-connection-state="CONNECTED"]',
        timeout=APP_SETTLE_MS,
    )
    page.wait_for_selector(
        '[data-testid="stStatusWidget"]', state="detached", timeout=APP_SETTLE_MS
    )
    # Widgets whose code is still loading show as skeletons: wait until they are drawn.
    page.wait_for_function(
        "() => !document.querySelector("
        '\'[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]\')',
        timeout=APP_SETTLE_MS,
    )


def goto(page, server: AppServer, path: str = "") -> None:
    page.goto(f"{server.url}/{path}")
    wait_for_app(page)
    page.wait_for_selector(
        '[data-testid="stMainBlockContainer"] h1, [data-testid="stException"]',
        timeout=APP_SETTLE_MS,
    )
    wait_for_app(page)


def _main_title(page) -> str:
    titles = page.locator('[data-testid="stMainBlockContainer"] h1')
    return titles.first.inner_text() if titles.count() else ""


def visit(page, server: AppServer, title: str, path: str) -> None:
    """Open a page the way a user does: the sidebar link when it shows, else its address."""
    if page.url.rstrip("/") == f"{server.url}/{path}".rstrip("/"):
        wait_for_app(page)
        return
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True)
    if not link.count() or not link.is_visible():
        goto(page, server, path)
        return
    before = _main_title(page)
    link.click()
    page.wait_for_url(f"{server.url}/{path}")
    # The old page stays on screen until the new script draws its title (or fails).
    page.wait_for_function(
        """old => {
            if (document.querySelector('[data-testid="stException"]')) return true;
            const h = document.querySelector('[data-testid="stMainBlockContainer"] h1');
            return h && h.innerText !== old;
        }""",
        arg=before,
        timeout=APP_SETTLE_MS,
    )
    wait_for_app(page)


def set_width(page, width: str) -> None:
    """Resize the window (Streamlit re-lays out and collapses the sidebar on a phone)."""
    page.set_viewport_size(WIDTHS[width])
    _next_frames(page)
    # The sidebar slides out on a phone and back in on a desktop: wait for it to finish.
    page.wait_for_function(
        """phone => {
            const bar = document.querySelector('[data-testid="stSidebar"]');
            if (!bar) return true;
            const box = bar.getBoundingClientRect();
            const still = bar.getAnimations({subtree: true}).length === 0;
            return still && (phone ? box.right <= 0 : box.left >= 0);
        }""",
        arg=width == "phone",
        timeout=APP_SETTLE_MS,
    )
    wait_for_app(page)


def screenshot(page, name: str, settle: bool = True) -> Path:
    """Save the whole page (not just the viewport) to tests/e2e/artifacts/<name>.png."""
    if settle:
        wait_for_app(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    viewport = page.viewport_size
    # Streamlit scrolls inside its own container, so grow the viewport to its content.
    height = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            const app = document.querySelector('[data-testid="stAppViewContainer"]');
            return Math.max(main ? main.scrollHeight : 0, app ? app.scrollHeight : 0,
                            document.body.scrollHeight);
        }"""
    )
    page.set_viewport_size({"width": viewport["width"], "height": max(viewport["height"], height)})
    try:
        _next_frames(page)
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(viewport)
    return path


def answer_first_screening(page, ticked: tuple[str, ...] = ()) -> None:
    """Answer the first-start red-flag screening (ticking `ticked`), if it is showing."""
    save = page.get_by_role("button", name="Save my answers")
    if not save.count():
        return
    form = page.get_by_test_id("stForm").filter(has=save)
    for text in ticked:
        form.get_by_text(text, exact=True).click()
    save.click()
    if not ticked:
        page.get_by_text("None of these applies to you now").wait_for()
    wait_for_app(page)


# --- data grids (drawn on a canvas, with an accessible copy of their cells) ---------------


def _grid_columns(grid, wanted: str) -> list[str]:
    headers = grid.locator("th[role=columnheader]")
    headers.filter(has_text=wanted).first.wait_for(state="attached")
    return headers.all_text_contents()


def grid_cell(grid, row: int, column: str):
    """A cell of a data editor/dataframe by row (from 0) and column title."""
    column_no = _grid_columns(grid, column).index(column) + 1
    return grid.locator(f'td[role=gridcell][aria-colindex="{column_no}"]').nth(row)


def move_to_cell(page, grid, row: int, column: str) -> None:
    """Move the grid's selected cell with arrow keys, one confirmed step at a time."""
    target = (_grid_columns(grid, column).index(column) + 1, row)
    selected = grid.locator('td[role=gridcell][aria-selected="true"]')
    for _ in range(20):
        column_no, row_no = (int(n) for n in selected.first.get_attribute("id").split("-")[2:])
        if (column_no, row_no) == target:
            return
        if row_no != target[1]:
            key = "ArrowUp" if row_no > target[1] else "ArrowDown"
            step = (column_no, row_no + (1 if key == "ArrowDown" else -1))
        else:
            key = "ArrowLeft" if column_no > target[0] else "ArrowRight"
            step = (column_no + (1 if key == "ArrowRight" else -1), row_no)
        page.keyboard.press(key)
        expect(selected.first).to_have_id(f"glide-cell-{step[0]}-{step[1]}")
    raise AssertionError(f"could not reach cell {column!r} of row {row}")


def _next_frames(page) -> None:
    """Let the browser lay out and paint twice (after a resize), without a fixed sleep."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
