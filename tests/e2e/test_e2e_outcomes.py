"""Answering the Roland-Morris questionnaire on the Outcomes page, in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import goto, screenshot, set_width


def test_a_roland_morris_answered_in_full_is_scored(own_server, open_page):
    page = open_page("desktop")
    goto(page, own_server, "outcomes")
    form = page.get_by_test_id("stForm").filter(has_text="Roland")
    if not form.count():
        form = page.get_by_test_id("stForm").first
    questions = form.get_by_test_id("stRadio")
    expect(questions).to_have_count(24)
    for number in range(24):
        answer = "Yes" if number < 3 else "No"
        questions.nth(number).get_by_text(answer, exact=True).click()
    form.get_by_role("button", name="Save my answers").click()

    expect(page.get_by_text("Saved: 3 of 24")).to_be_visible()
    screenshot(page, "flow-outcomes-saved-desktop")
    set_width(page, "phone")
    screenshot(page, "flow-outcomes-saved-phone")
