"""Browser fixtures: one `streamlit run` per seeded database, one chromium for the run.

Each seeded database gets one server for the whole test run (started on first use,
stopped at the end); each test gets fresh browser contexts at the widths it asks for.
Every test under tests/e2e/ is marked `browser`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.helpers import (
    APP_SETTLE_MS,
    CHROMIUM,
    CHROMIUM_ARGS,
    SEEDS,
    WIDTHS,
    AppServer,
    require_chromium,
    screenshot,
)


def pytest_collection_modifyitems(items) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _start(seed: str, folder: Path) -> AppServer:
    db_path = folder / "backtrack.duckdb"
    seeder = SEEDS[seed]
    if seeder is not None:
        seeder(db_path)
    server = AppServer(db_path, folder / "streamlit.log")
    server.wait_healthy()
    return server


@pytest.fixture(scope="session")
def app_server(tmp_path_factory) -> Iterator[Callable[[str], AppServer]]:
    """app_server("light") -> the run's shared server on a database seeded that way.

    Tests on shared servers only read; a test that writes uses `own_server`.
    """
    require_chromium()
    servers: dict[str, AppServer] = {}

    def start(seed: str) -> AppServer:
        if seed not in servers:
            servers[seed] = _start(seed, tmp_path_factory.mktemp(f"app-{seed}"))
        return servers[seed]

    yield start
    for server in servers.values():
        server.stop()


@pytest.fixture
def own_server(tmp_path) -> Iterator[AppServer]:
    """A server of the test's own, on an empty database, stopped when the test ends."""
    require_chromium()
    server = _start("empty", tmp_path)
    yield server
    server.stop()


# --- the browser ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture
def open_page(browser, request):
    """open_page(width="desktop") -> a fresh page (own cookies, own Streamlit session).

    When the test fails, each page it opened is saved as artifacts/failed-<test>-<n>.png.
    """
    contexts = []

    def make(width: str = "desktop"):
        context = browser.new_context(viewport=WIDTHS[width])
        context.set_default_timeout(APP_SETTLE_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for number, context in enumerate(contexts):
        if getattr(request.node, "call_failed", False):
            for page in context.pages:
                with contextlib.suppress(Exception):
                    screenshot(page, f"failed-{request.node.name}-{number}", settle=False)
        context.close()
