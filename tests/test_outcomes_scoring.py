"""Outcome scoring against hand-computed examples, and comparison with the first score."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from rehab_core import outcomes
from rehab_core.outcomes import IncompleteQuestionnaire
from rehab_core.rules import OutcomeRules

TODAY = dt.date(2026, 3, 16)  # a Monday


def rmdq(yes=(), missing=()) -> dict[int, bool | None]:
    """Answers to all 24 statements: yes to `yes`, unanswered for `missing`, no otherwise."""
    return {n: None if n in missing else n in yes for n in range(1, 25)}


# -- Roland-Morris ---------------------------------------------------------------------
def test_rmdq_has_the_24_published_statements():
    assert len(outcomes.RMDQ_STATEMENTS) == 24
    assert outcomes.RMDQ_STATEMENTS[0] == "I stay at home most of the time because of my back."
    assert outcomes.RMDQ_STATEMENTS[-1] == "I stay in bed most of the time because of my back."


def test_rmdq_score_counts_the_statements_answered_yes():
    assert outcomes.score_rmdq(rmdq(yes={1, 3, 5, 13, 18})) == 5


def test_rmdq_score_runs_from_0_to_24():
    assert outcomes.score_rmdq(rmdq()) == 0
    assert outcomes.score_rmdq(rmdq(yes=range(1, 25))) == 24


def test_rmdq_refuses_to_score_with_unanswered_statements_and_names_them():
    with pytest.raises(IncompleteQuestionnaire, match=r"statements 3, 7 and 24"):
        outcomes.score_rmdq(rmdq(yes={1}, missing={3, 7, 24}))


def test_rmdq_names_a_single_missing_statement():
    with pytest.raises(IncompleteQuestionnaire, match=r"statement 12 first"):
        outcomes.score_rmdq(rmdq(missing={12}))


def test_rmdq_with_statements_left_out_of_the_answers_is_incomplete():
    answers = {n: False for n in range(1, 23)}
    with pytest.raises(IncompleteQuestionnaire, match=r"statements 23 and 24"):
        outcomes.score_rmdq(answers)


def test_rmdq_refuses_statement_numbers_that_do_not_exist():
    with pytest.raises(ValueError, match="statements 1-24"):
        outcomes.score_rmdq({**rmdq(), 25: True})


# -- Patient-Specific Functional Scale -------------------------------------------------
def test_psfs_score_is_the_mean_of_the_activity_ratings():
    assert outcomes.score_psfs({"Socks": 4, "Sitting 30 min": 5, "Gardening": 6}) == 5


def test_psfs_mean_of_five_activities():
    ratings = {"Socks": 3, "Sitting": 4, "Gardening": 4, "Lifting a child": 5, "Running": 7}
    assert outcomes.score_psfs(ratings) == pytest.approx(4.6)


def test_psfs_refuses_fewer_than_three_activities():
    with pytest.raises(IncompleteQuestionnaire, match=r"name 3 to 5 activities \(you named 2\)"):
        outcomes.score_psfs({"Socks": 4, "Sitting": 5})


def test_psfs_refuses_more_than_five_activities():
    with pytest.raises(IncompleteQuestionnaire, match=r"you named 6"):
        outcomes.score_psfs({f"Activity {i}": 5 for i in range(6)})


def test_psfs_refuses_an_unrated_activity_and_names_it():
    with pytest.raises(IncompleteQuestionnaire, match=r"rate 'Gardening' from 0 to 10"):
        outcomes.score_psfs({"Socks": 4, "Sitting": 5, "Gardening": None})


def test_psfs_ignores_blank_activity_slots():
    assert outcomes.score_psfs({"Socks": 2, " ": None, "Sitting": 4, "": None, "Gardening": 6}) == 4


def test_psfs_refuses_the_same_activity_twice():
    with pytest.raises(ValueError, match="'socks' is listed twice"):
        outcomes.score_psfs({"Socks": 2, "socks": 4, "Sitting": 6})


def test_psfs_refuses_a_rating_above_ten():
    with pytest.raises(ValueError, match="'Socks' must be between 0 and 10"):
        outcomes.score_psfs({"Socks": 11, "Sitting": 4, "Gardening": 6})


# -- weekly pain -----------------------------------------------------------------------
def test_weekly_pain_averages_check_ins_by_week_starting_monday():
    checkins = pd.DataFrame(
        {
            "date": [
                TODAY,
                TODAY + dt.timedelta(days=1),
                TODAY + dt.timedelta(days=6),
                TODAY + dt.timedelta(days=7),
                TODAY + dt.timedelta(days=8),
            ],
            "pain": [6, 5, None, 3, 4],
        }
    )
    weekly = outcomes.weekly_pain(checkins)
    assert weekly["week_start"].tolist() == [TODAY, TODAY + dt.timedelta(days=7)]
    assert weekly["pain"].tolist() == [5.5, 3.5]
    assert weekly["days"].tolist() == [2, 2]


def test_weekly_pain_of_no_check_ins_is_empty():
    assert outcomes.weekly_pain(pd.DataFrame({"date": [], "pain": []})).empty


# -- comparison with the first score ---------------------------------------------------
def test_rmdq_improvement_larger_than_five_points_is_described_as_mattering():
    change = outcomes.rmdq_change(first=12, latest=6)
    assert change.meaningful
    assert change.text == "improved by 6 points — more than the 5-point change that matters"


def test_rmdq_change_that_matters_is_30_percent_of_a_high_first_score():
    change = outcomes.rmdq_change(first=20, latest=15)
    assert change.matters == 6
    assert not change.meaningful
    assert "less than the 6-point change that matters" in change.text


def test_rmdq_change_exactly_the_threshold_matters():
    change = outcomes.rmdq_change(first=10, latest=5)
    assert change.meaningful
    assert change.text == "improved by 5 points — as large as the 5-point change that matters"


def test_rmdq_of_two_or_less_counts_as_recovered():
    assert "counts as recovered" in outcomes.rmdq_change(first=9, latest=2).text
    assert "recovered" not in outcomes.rmdq_change(first=9, latest=3).text


def test_rmdq_getting_worse_is_said_plainly():
    change = outcomes.rmdq_change(first=6, latest=12)
    assert change.improvement == -6
    assert change.text.startswith("worse by 6 points — more than the 5-point change")


def test_rmdq_same_score_is_no_change():
    assert outcomes.rmdq_change(first=8, latest=8).text == "no change since your first score"


def test_psfs_mean_change_of_two_points_matters():
    change = outcomes.psfs_change(first=4, latest=6)
    assert change.meaningful
    assert change.text == "improved by 2 points — as large as the 2-point change that matters"


def test_psfs_single_activity_needs_three_points():
    assert not outcomes.psfs_activity_change(first=3, latest=5).meaningful
    assert outcomes.psfs_activity_change(first=3, latest=6).meaningful


def test_pain_change_that_matters_is_two_points_or_30_percent():
    assert outcomes.pain_change(first=6, latest=4).meaningful  # 2 >= max(2, 1.8)
    high = outcomes.pain_change(first=8, latest=6)  # 2 < max(2, 2.4)
    assert high.matters == 2.4
    assert not high.meaningful
    assert "less than the 2.4-point change" in high.text


def test_one_point_is_singular():
    assert outcomes.pain_change(first=5, latest=4).text.startswith("improved by 1 point —")


def test_other_rules_change_the_threshold():
    strict = OutcomeRules(rmdq_mcid_points=3)
    assert outcomes.rmdq_change(first=6, latest=3, rules=strict).meaningful


# -- stored scores ---------------------------------------------------------------------
def test_a_complete_rmdq_is_stored_with_its_score(store):
    outcomes.save_rmdq(store, TODAY, rmdq(yes={2, 4, 6}), TODAY)
    stored = outcomes.scores(store, outcomes.RMDQ)
    assert stored[["date", "score"]].values.tolist() == [[TODAY, 3.0]]


def test_an_incomplete_rmdq_stores_nothing(store):
    with pytest.raises(IncompleteQuestionnaire):
        outcomes.save_rmdq(store, TODAY, rmdq(missing={9}), TODAY)
    assert outcomes.scores(store).empty


def test_rmdq_answers_are_kept_item_by_item(store):
    score_id = outcomes.save_rmdq(store, TODAY, rmdq(yes={24}), TODAY)
    answers = outcomes.rmdq_answers(store, score_id)
    assert answers[24] and not answers[1] and len(answers) == 24


def test_a_future_date_is_refused(store):
    with pytest.raises(ValueError, match="in the future"):
        outcomes.save_rmdq(store, TODAY + dt.timedelta(days=1), rmdq(), TODAY)


def test_psfs_activities_are_kept_for_the_next_entry_in_order(store):
    outcomes.save_psfs(store, TODAY, {"Socks": 3, "Sitting": 4, "Gardening": 5}, TODAY)
    assert outcomes.psfs_activities(store) == ["Socks", "Sitting", "Gardening"]


def test_psfs_activity_changes_compare_each_activity_with_its_first_rating(store):
    outcomes.save_psfs(store, TODAY - dt.timedelta(days=14), {"Socks": 3, "Sit": 4, "Dig": 5})
    outcomes.save_psfs(store, TODAY, {"Socks": 7, "Sit": 5, "Dig": 5}, TODAY)
    changes = dict(outcomes.psfs_activity_changes(store))
    assert changes["Socks"].meaningful and not changes["Sit"].meaningful


def test_history_compares_each_score_with_the_first(store):
    outcomes.save_rmdq(store, TODAY - dt.timedelta(days=14), rmdq(yes=range(1, 13)))
    outcomes.save_rmdq(store, TODAY, rmdq(yes=range(1, 7)), TODAY)
    history = outcomes.history_with_changes(store, outcomes.RMDQ)
    assert history["change"].tolist() == [
        "your first score",
        "improved by 6 points — more than the 5-point change that matters",
    ]


def test_deleting_a_score_removes_it(store):
    score_id = outcomes.save_rmdq(store, TODAY, rmdq(), TODAY)
    outcomes.delete_score(store, score_id)
    assert outcomes.scores(store).empty
    with pytest.raises(KeyError):
        outcomes.delete_score(store, score_id)


# -- the two-weekly prompt -------------------------------------------------------------
def test_both_questionnaires_are_due_before_the_first_scores(store):
    assert outcomes.outcomes_due(store, TODAY) == [outcomes.RMDQ, outcomes.PSFS]


def test_nothing_is_due_thirteen_days_after_both(store):
    done = TODAY - dt.timedelta(days=13)
    outcomes.save_rmdq(store, done, rmdq())
    outcomes.save_psfs(store, done, {"Socks": 3, "Sitting": 4, "Gardening": 5})
    assert outcomes.outcomes_due(store, TODAY) == []


def test_a_questionnaire_is_due_again_after_fourteen_days(store):
    outcomes.save_rmdq(store, TODAY - dt.timedelta(days=14), rmdq())
    outcomes.save_psfs(store, TODAY - dt.timedelta(days=3), {"Socks": 3, "Sit": 4, "Dig": 5})
    assert outcomes.outcomes_due(store, TODAY) == [outcomes.RMDQ]


def test_outcome_series_holds_questionnaires_and_weekly_pain_for_charts(store):
    from support import checkin

    outcomes.save_rmdq(store, TODAY, rmdq(yes={1, 2}), TODAY)
    store.save_checkin(checkin(TODAY, pain=4), TODAY)
    series = outcomes.outcome_series(store)
    assert sorted(series["measure"]) == ["nprs", "rmdq"]
    assert series.set_index("measure").loc["nprs", "score"] == 4
