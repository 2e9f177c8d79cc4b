"""Every page opens without an error, with light data and with the full demo history, and
fits a phone's width; a screenshot of each, at desktop and phone widths, lands in
tests/e2e/artifacts/ for a person to look at."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import PAGES, PHONE, goto, screenshot, set_width, visit


def _errors_on(page) -> list[str]:
    return page.locator('[data-testid="stException"]').all_inner_texts()


def _page_width(page) -> int:
    """How wide the page's content is: wider than the window means sideways scrolling."""
    return page.evaluate(
        """() => Math.max(document.documentElement.scrollWidth,
                          document.querySelector('[data-testid="stMain"]').scrollWidth)"""
    )


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
        assert _page_width(page) <= PHONE["width"], f"{title} scrolls sideways on a phone"
        set_width(page, "desktop")
