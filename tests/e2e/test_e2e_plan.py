"""The Plan page on a 16-week history, and handing today's session over to the Log page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import goto, grid_cell, screenshot

DOSE_LINE = re.compile(r"^([^\n·]+) · \d", re.MULTILINE)


def test_log_this_session_opens_the_log_page_with_the_plan_filled_in(app_server, open_page):
    server = app_server("demo")
    page = open_page("desktop")
    goto(page, server, "plan")
    expect(page.get_by_role("heading", name="Next session")).to_be_visible()
    # Each planned exercise reads "<exercise> · <dose>", e.g. "45° back extension · 3 × 20 reps".
    planned = page.get_by_test_id("stMarkdownContainer").filter(has_text=DOSE_LINE)
    first_exercise = DOSE_LINE.search(planned.first.inner_text()).group(1).strip()
    screenshot(page, "flow-plan-demo-desktop")

    page.get_by_role("button", name="Log this session").click()
    expect(page.get_by_text("Sets start from today's plan")).to_be_visible()
    grid = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Save session"))
    expect(grid_cell(grid, 0, "Exercise")).to_have_text(first_exercise)
    screenshot(page, "flow-plan-to-log-desktop")
