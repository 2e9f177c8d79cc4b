"""Logging a session through the real Log page, in a real browser, as a new user would."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import (
    answer_first_screening,
    goto,
    grid_cell,
    move_to_cell,
    screenshot,
    wait_for_app,
)

GRID_HEADER_PX = 35  # the data editor's header row; rows below are about as tall
GRID_ROW_PX = 35


def _session_form(page):
    return page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Save session"))


def _add_first_set(page, exercise: str, seconds: int) -> None:
    """Type one set into the (canvas-drawn) set grid with the keyboard, like a user does."""
    grid = _session_form(page).get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # A click on the grid's trailing empty row adds a row and opens its exercise picker.
    page.mouse.click(box["x"] + 150, box["y"] + GRID_HEADER_PX + GRID_ROW_PX / 2)
    page.get_by_role("option").first.wait_for()
    page.keyboard.type(exercise)
    page.get_by_role("option", name=exercise, exact=True).wait_for()
    page.keyboard.press("Enter")
    # The grid keeps an accessible copy of its cells: wait for the value to land there.
    expect(grid_cell(grid, 0, "Exercise")).to_have_text(exercise)
    expect(page.get_by_role("option")).to_have_count(0)
    move_to_cell(page, grid, 0, "Seconds")
    page.keyboard.press("Enter")  # opens the cell's editor
    editor = page.locator('[id^="gdg-overlay"] input')
    editor.fill(str(seconds))
    editor.press("Enter")
    expect(grid_cell(grid, 0, "Seconds")).to_have_text(str(seconds))


def _rate_pain(page, name: str, value: int) -> None:
    """The pain scales start at "–" (unrated), then 0 to 10."""
    slider = page.get_by_role("slider", name=name)
    slider.focus()
    slider.press("Home")
    for _ in range(value + 1):
        slider.press("ArrowRight")
    expect(slider).to_have_attribute("aria-valuetext", str(value))


def test_a_new_user_logs_a_session_and_sees_it_in_history(own_server, open_page):
    server = own_server
    page = open_page("desktop")
    goto(page, server)
    answer_first_screening(page)
    page.get_by_text("No sessions yet").wait_for()

    _add_first_set(page, "Prone extension hold", 8)
    _rate_pain(page, "Pain before", 2)
    _rate_pain(page, "Worst pain during", 2)
    _rate_pain(page, "Pain after", 1)
    _session_form(page).get_by_role("textbox", name="Notes").fill("First gentle holds")
    screenshot(page, "flow-log-filled-desktop")
    _session_form(page).get_by_role("button", name="Save session").click()

    page.get_by_text("saved.").wait_for()
    wait_for_app(page)
    assert page.get_by_text("No sessions yet").count() == 0
    history = page.get_by_test_id("stDataFrame").filter(has_text="Pain before → during → after")
    expect(grid_cell(history, 0, "Exercises")).to_have_text("Prone extension hold")
    expect(grid_cell(history, 0, "Notes")).to_have_text("First gentle holds")
    expect(grid_cell(history, 0, "Pain before → during → after")).to_have_text("2 → 2 → 1")
    screenshot(page, "flow-log-saved-desktop")
