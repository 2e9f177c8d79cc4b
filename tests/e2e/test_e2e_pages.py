"""Every page opens without an error, with light data and with the full demo history;
a screenshot of each, at desktop and phone widths, lands in tests/e2e/artifacts/."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import PAGES, goto, screenshot, set_width, visit


def _errors_on(page) -> list[str]:
    return page.locator('[data-testid="stException"]').all_inner_texts()


@pytest.mark.parametrize("data", ["light", "demo"])
def test_every_page_opens_without_an_error(app_server, open_page, data):
    server = app_server(data)
    page = open_page("desktop")
    goto(page, server)
    for title, path in PAGES:
        visit(page, server, title, path)
        assert _errors_on(page) == [], f"{title} shows an exception with {data} data"
        slug = path or "log"
        screenshot(page, f"{slug}-{data}-desktop")
        set_width(page, "phone")
        screenshot(page, f"{slug}-{data}-phone")
        set_width(page, "desktop")
