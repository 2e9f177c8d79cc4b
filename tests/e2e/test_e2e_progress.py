"""The Progress page on the 16-week demo: one tab of charts at a time, each tab in the
address so a view can be reopened; a screenshot of every tab at desktop and phone widths."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import goto, screenshot, set_width, wait_for_app

# Each tab and the charts it draws on the demo history.
TABS = {"Pain": 1, "Exercise": 2, "Habits": 3, "Stages": 1, "Outcomes": 1}
CHARTS = ".js-plotly-plot"


def test_each_tab_draws_its_charts_and_stays_in_the_address(app_server, open_page):
    server = app_server("demo")
    page = open_page("desktop")
    goto(page, server, "progress")
    tabs = page.get_by_role("tab")
    expect(tabs).to_have_text(list(TABS))
    for name, count in TABS.items():
        page.get_by_role("tab", name=name, exact=True).click()
        wait_for_app(page)
        expect(page.get_by_role("tab", name=name, exact=True)).to_have_attribute(
            "aria-selected", "true"
        )
        expect(page.locator(f"{CHARTS}:visible")).to_have_count(count)
        if name != "Pain":  # the first tab is the default and keeps the address clean
            expect(page).to_have_url(re.compile(rf"[?&]view={name}\b"))
        slug = name.lower()
        screenshot(page, f"progress-tab-{slug}-demo-desktop")
        set_width(page, "phone")
        screenshot(page, f"progress-tab-{slug}-demo-phone")
        set_width(page, "desktop")

    page.reload()  # the address brings the same tab back
    wait_for_app(page)
    expect(page.get_by_role("tab", name="Outcomes", exact=True)).to_have_attribute(
        "aria-selected", "true"
    )
    expect(page.get_by_role("heading", name="Outcome scores")).to_be_visible()


def test_a_few_days_of_history_fill_the_habits_tab_without_empty_months(app_server, open_page):
    server = app_server("light")
    page = open_page("desktop")
    goto(page, server, "progress?view=Habits")
    expect(page.get_by_role("heading", name="Consistency")).to_be_visible()
    expect(page.locator(f"{CHARTS}:visible").first).to_be_visible()
    # The calendar's x axis: a month of weeks for a history a few days old, not half a year.
    weeks = page.locator(".js-plotly-plot").first.locator(".xtick").count()
    assert 0 < weeks <= 5
    screenshot(page, "progress-tab-habits-light-desktop")
    set_width(page, "phone")
    screenshot(page, "progress-tab-habits-light-phone")
