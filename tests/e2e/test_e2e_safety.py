"""A red flag in the first-start screening stops the program, and Settings shows it."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import answer_first_screening, goto, screenshot, set_width, visit


def test_a_red_flag_shows_the_stop_message_and_is_recorded_in_settings(own_server, open_page):
    page = open_page("desktop")
    goto(page, own_server)
    answer_first_screening(page, ticked=("Loss of bowel control",))

    stop = page.get_by_test_id("stAlertContentError").filter(has_text="Stop:")
    expect(stop).to_contain_text("emergency care")
    expect(stop).to_contain_text("Loss of bowel control")
    screenshot(page, "flow-red-flag-stop-desktop")
    set_width(page, "phone")
    screenshot(page, "flow-red-flag-stop-phone")
    set_width(page, "desktop")

    visit(page, own_server, "Settings", "settings")
    expect(page.get_by_text("not cleared yet")).to_be_visible()
    screenshot(page, "flow-red-flag-settings-desktop")
    clear = page.get_by_role("button", name="Mark it cleared")
    clear.click()  # without saying a clinician checked it, nothing is cleared
    expect(page.get_by_text("Until then the program stays paused")).to_be_visible()
    page.get_by_text("A doctor or physiotherapist has examined me for this").click()
    clear.click()
    expect(page.get_by_text("cleared by a clinician on")).to_be_visible()
