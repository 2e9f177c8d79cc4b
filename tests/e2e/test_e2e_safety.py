"""Red flags and outcomes in a real browser: the stop message, Plan paused, a saved score."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import goto, screenshot, wait_for_app


def test_a_red_flag_in_the_first_screening_stops_the_program(app_server, open_page):
    server = app_server("light", fresh=True)
    page = open_page("desktop")
    goto(page, server)
    page.get_by_text("Before you start: a quick safety check").wait_for()
    page.get_by_text("Loss of bowel control").first.click()
    page.get_by_role("button", name="Save my answers").click()
    wait_for_app(page)
    stop = page.get_by_text("Stop: get emergency care now.")
    expect(stop).to_be_visible()
    stop.scroll_into_view_if_needed()
    screenshot(page, "red-flag-stop-desktop")

    goto(page, server, "plan")
    expect(page.get_by_text("no progression is shown")).to_be_visible()
    expect(page.get_by_role("heading", name="Next session")).to_have_count(0)
    screenshot(page, "plan-red-flag-desktop")

    page.get_by_role("button", name="A clinician has checked this and says I can carry on").click()
    wait_for_app(page)
    expect(page.get_by_text("no progression is shown")).to_have_count(0)


def test_outcomes_saves_a_roland_morris_score(app_server, open_page):
    server = app_server("light", fresh=True)
    page = open_page("desktop")
    goto(page, server, "outcomes")
    for number in range(1, 25):
        group = page.get_by_role("radiogroup").nth(number - 1)
        group.get_by_text("Yes" if number <= 4 else "No", exact=True).click()
    page.get_by_role("button", name="Save my answers").click()
    wait_for_app(page)
    expect(page.get_by_text("Saved: 4 of 24")).to_be_visible()
    screenshot(page, "outcomes-saved-desktop")


def _save_rmdq(page, yes: int) -> None:
    for number in range(1, 25):
        group = page.get_by_role("radiogroup").nth(number - 1)
        group.get_by_text("Yes" if number <= yes else "No", exact=True).click()
    page.get_by_role("button", name="Save my answers").click()
    wait_for_app(page)


def test_two_visitors_of_a_shared_server_each_have_a_private_sandbox(
    app_server, open_page, monkeypatch
):
    monkeypatch.setenv("BACKTRACK_MODE", "shared")
    server = app_server("empty", fresh=True)
    first, second = open_page("desktop"), open_page("desktop")
    for page in (first, second):
        goto(page, server)  # the app's root first: it sets up the navigation
        goto(page, server, "outcomes")
        expect(
            page.get_by_text("Private sandbox: your data lives only in this browser")
        ).to_be_visible()
    _save_rmdq(first, yes=6)
    expect(first.get_by_text("Saved: 6 of 24")).to_be_visible()
    screenshot(first, "sandbox-outcomes-desktop")
    goto(second, server, "outcomes")
    expect(second.get_by_text("No scores yet.").first).to_be_visible()
    assert not server.db_path.exists()  # nothing reached the server's database file
