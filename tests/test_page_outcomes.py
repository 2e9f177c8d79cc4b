"""The Outcomes page: completing the questionnaires stores their scores."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest
from support import open_page

from rehab_core import outcomes
from rehab_core.storage import Database


def _click(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label == label).click().run()


def _answer_rmdq(at: AppTest, yes: set[int], skip: set[int] = frozenset()) -> None:
    for number in range(1, 25):
        if number not in skip:
            at.radio(key=f"rmdq_{number}").set_value("Yes" if number in yes else "No")


def _rate(at: AppTest, ratings: list[tuple[str, int | None]]) -> None:
    for slot, (name, rating) in enumerate(ratings):
        at.text_input(key=f"psfs_name_{slot}").set_value(name)
        at.number_input(key=f"psfs_rating_{slot}").set_value(rating)


def _stored(app_db, measure: str) -> list[float]:
    return outcomes.scores(Database(app_db).store(), measure)["score"].tolist()


def test_completing_the_rmdq_stores_its_score(app_db):
    at = open_page("outcomes.py")
    _answer_rmdq(at, yes={1, 2, 3, 10, 18})
    _click(at, "Save my answers")
    assert not at.exception
    assert "Saved: 5 of 24" in at.success[0].value
    assert _stored(app_db, outcomes.RMDQ) == [5]


def test_an_incomplete_rmdq_names_the_missing_statements_and_stores_nothing(app_db):
    at = open_page("outcomes.py")
    _answer_rmdq(at, yes={1}, skip={4, 20})
    _click(at, "Save my answers")
    assert at.error[0].value == "Not scored: answer yes or no to statements 4 and 20 first."
    assert _stored(app_db, outcomes.RMDQ) == []


def test_completing_the_psfs_stores_the_mean(app_db):
    at = open_page("outcomes.py")
    _rate(at, [("Putting on socks", 3), ("Sitting 30 minutes", 4), ("Gardening", 8)])
    _click(at, "Save my ratings")
    assert not at.exception
    assert _stored(app_db, outcomes.PSFS) == [5]


def test_an_unrated_activity_is_named_and_nothing_is_stored(app_db):
    at = open_page("outcomes.py")
    _rate(at, [("Putting on socks", 3), ("Sitting 30 minutes", None), ("Gardening", 8)])
    _click(at, "Save my ratings")
    assert "rate 'Sitting 30 minutes'" in at.error[0].value
    assert _stored(app_db, outcomes.PSFS) == []


def test_the_activities_are_offered_again_next_time(app_db):
    person = Database(app_db).store()
    outcomes.save_psfs(person, dt.date.today(), {"Socks": 3, "Sitting": 4, "Gardening": 5})
    at = open_page("outcomes.py")
    assert [at.text_input(key=f"psfs_name_{i}").value for i in range(3)] == [
        "Socks",
        "Sitting",
        "Gardening",
    ]


def test_a_later_score_is_compared_with_the_first_in_plain_words(app_db):
    person = Database(app_db).store()
    answers = {n: n <= 12 for n in range(1, 25)}
    outcomes.save_rmdq(person, dt.date.today() - dt.timedelta(days=14), answers)
    at = open_page("outcomes.py")
    _answer_rmdq(at, yes=set(range(1, 7)))
    _click(at, "Save my answers")
    assert "improved by 6 points — more than the 5-point change that matters" in (
        at.success[0].value
    )


def test_a_saved_questionnaire_clears_its_answers_so_it_is_not_saved_twice(app_db):
    at = open_page("outcomes.py")
    _answer_rmdq(at, yes={1})
    _click(at, "Save my answers")
    assert all(at.radio(key=f"rmdq_{n}").value is None for n in range(1, 25))
    _click(at, "Save my answers")
    assert "statements 1, 2" in at.error[0].value
    assert _stored(app_db, outcomes.RMDQ) == [1]


def test_saved_ratings_clear_but_the_activities_stay(app_db):
    at = open_page("outcomes.py")
    _rate(at, [("Socks", 3), ("Sitting", 4), ("Gardening", 8)])
    _click(at, "Save my ratings")
    assert at.text_input(key="psfs_name_2").value == "Gardening"
    assert at.number_input(key="psfs_rating_2").value is None
