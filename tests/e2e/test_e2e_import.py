"""Importing a Strong export through the real Import & export page, in a real browser."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.helpers import goto, screenshot, wait_for_app

STRONG = Path(__file__).resolve().parent.parent / "fixtures" / "strong_comma.csv"


def test_uploading_a_strong_file_previews_and_imports_it(app_server, open_page):
    server = app_server("empty", fresh=True)
    page = open_page("desktop")
    goto(page, server, "data")
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(STRONG))
    expect(page.get_by_text("Detected:")).to_be_visible()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetricValue").nth(1)).to_have_text("13")
    screenshot(page, "import-strong-preview")
    page.get_by_role("button", name="Import from Strong").click()
    expect(page.get_by_text("Imported 3 sessions, 13 sets")).to_be_visible()
    expect(page.get_by_text("no pain ratings")).to_be_visible()
    wait_for_app(page)
    screenshot(page, "import-strong-done")
