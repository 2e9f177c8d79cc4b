"""Every page opens without an error, with light data and with the full demo history,
at desktop and phone widths; a screenshot of each lands in tests/e2e/artifacts/."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import PAGES, goto, screenshot


def _errors_on(page) -> list[str]:
    return page.locator('[data-testid="stException"]').all_inner_texts()


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("data", ["light", "demo"])
def test_every_page_opens_without_an_error(app_server, open_page, data, width):
    server = app_server(data)
    page = open_page(width)
    for title, path in PAGES:
        goto(page, server, path)
        slug = path or "log"
        screenshot(page, f"{slug}-{data}-{width}")
        assert _errors_on(page) == [], f"{title} shows an exception with {data} data"
        page_title = page.locator('[data-testid="stMainBlockContainer"] h1').first
        assert title.split(" ")[0].lower() in page_title.inner_text().lower()
