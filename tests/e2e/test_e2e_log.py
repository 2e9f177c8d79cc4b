"""Logging a session through the real Log page, in a real browser, as a new user would."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import goto, screenshot, wait_for_app

GRID_HEADER_PX = 35  # the data editor's header row; rows below are about as tall
GRID_ROW_PX = 35


def _answer_first_screening_with_none(page) -> None:
    save = page.get_by_role("button", name="Save my answers")
    if save.count():
        save.click()
        page.get_by_text("None of these applies to you now").wait_for()
        wait_for_app(page)


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
    expect(_cell(grid, 0, "Exercise")).to_have_text(exercise)
    expect(page.get_by_role("option")).to_have_count(0)
    _move_to(page, grid, 0, "Seconds")
    page.keyboard.press("Enter")  # opens the cell's editor
    editor = page.locator('[id^="gdg-overlay"] input')
    editor.fill(str(seconds))
    editor.press("Enter")
    expect(_cell(grid, 0, "Seconds")).to_have_text(str(seconds))


def _columns(grid, wanted: str) -> list[str]:
    headers = grid.locator("th[role=columnheader]")
    headers.filter(has_text=wanted).first.wait_for(state="attached")
    return headers.all_text_contents()


def _cell(grid, row: int, column: str):
    """A cell of a data editor/dataframe by row (from 0) and column title."""
    column_no = _columns(grid, column).index(column) + 1
    return grid.locator(f'td[role=gridcell][aria-colindex="{column_no}"]').nth(row)


def _move_to(page, grid, row: int, column: str) -> None:
    """Move the grid's selected cell with arrow keys, one confirmed step at a time."""
    target = (_columns(grid, column).index(column) + 1, row)
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


def _set_slider(page, name: str, value: int) -> None:
    slider = page.get_by_role("slider", name=name)
    slider.focus()
    slider.press("Home")
    for _ in range(value):
        slider.press("ArrowRight")
    assert slider.input_value() == str(value)


def test_a_new_user_logs_a_session_and_sees_it_in_history(app_server, open_page):
    server = app_server("empty", fresh=True)
    page = open_page("desktop")
    goto(page, server)
    _answer_first_screening_with_none(page)
    page.get_by_text("No sessions yet").wait_for()

    _add_first_set(page, "Prone extension hold", 8)
    _set_slider(page, "Pain before", 2)
    _set_slider(page, "Worst pain during", 2)
    _set_slider(page, "Pain after", 1)
    _session_form(page).get_by_role("textbox", name="Notes").fill("First gentle holds")
    screenshot(page, "flow-log-filled-desktop")
    _session_form(page).get_by_role("button", name="Save session").click()

    page.get_by_text("saved.").wait_for()
    wait_for_app(page)
    assert page.get_by_text("No sessions yet").count() == 0
    history = page.get_by_test_id("stDataFrame").filter(has_text="Pain before → during → after")
    expect(_cell(history, 0, "Exercises")).to_have_text("Prone extension hold")
    expect(_cell(history, 0, "Notes")).to_have_text("First gentle holds")
    expect(_cell(history, 0, "Pain before → during → after")).to_have_text("2 → 2 → 1")
    screenshot(page, "flow-log-saved-desktop")
