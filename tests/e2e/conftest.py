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


@pytest.fixture(scope="session")
def app_server(tmp_path_factory) -> Iterator[Callable[[str], AppServer]]:
    """app_server("light") -> a running server on a database seeded that way.

    Servers are shared by the whole run; `app_server("empty", fresh=True)` gives a test
    its own server when it writes data others must not see.
    """
    require_chromium()
    servers: dict[str, AppServer] = {}

    def start(seed: str, fresh: bool = False) -> AppServer:
        if seed in servers and not fresh:
            return servers[seed]
        key = seed if not fresh else f"{seed}-{len(servers)}"
        folder = tmp_path_factory.mktemp(f"app-{key}")
        db_path = folder / "backtrack.duckdb"
        seeder = SEEDS[seed]
        if seeder is not None:
            seeder(db_path)
        server = AppServer(db_path, folder / "streamlit.log")
        servers[key] = server
        server.wait_healthy()
        return server

    yield start
    for server in servers.values():
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
                    screenshot(page, f"failed-{request.node.name}-{number}")
        context.close()
