"""Bringing a Strong history in through the Import & export page, in a real browser."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.helpers import goto, screenshot, set_width, visit

STRONG_CSV = Path(__file__).resolve().parents[1] / "fixtures" / "strong_comma.csv"


def test_a_strong_csv_is_detected_previewed_and_imported(own_server, open_page):
    page = open_page("desktop")
    goto(page, own_server, "data")
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="A CSV from Strong")
    uploader.locator("input[type=file]").set_input_files(STRONG_CSV)

    detected = page.get_by_test_id("stMarkdownContainer").filter(has_text="Detected:")
    expect(detected).to_contain_text("Strong")
    expect(page.get_by_role("heading", name="Preview")).to_be_visible()
    screenshot(page, "flow-import-preview-desktop")
    set_width(page, "phone")
    screenshot(page, "flow-import-preview-phone")
    set_width(page, "desktop")

    page.get_by_role("button", name="Import from Strong").click()
    done = page.get_by_test_id("stAlertContentSuccess").filter(has_text="Imported")
    expect(done).to_contain_text("Imported 3 sessions, 13 sets")
    screenshot(page, "flow-import-done-desktop")

    visit(page, own_server, "Log", "")
    expect(page.get_by_role("combobox", name="Choose a session")).to_be_visible()
