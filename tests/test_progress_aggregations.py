"""The Progress page's numbers, each checked against a small history computed by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from rehab_core import charts, progress
from rehab_core.models import Checkin, Profile, Session, SetEntry
from rehab_core.progress import Window
from rehab_core.rules import LB_IN_KG, ProgressRules
from rehab_core.stages import StagePeriod

MONDAY = dt.date(2026, 3, 2)
TODAY = MONDAY + dt.timedelta(days=20)  # Sunday of the third week


def day(n: int) -> dt.date:
    return MONDAY + dt.timedelta(days=n)


def ts(n: int) -> pd.Timestamp:
    return pd.Timestamp(day(n))


def sets(exercise: str, count: int = 1, **values) -> list[SetEntry]:
    return [SetEntry(exercise, i, **values) for i in range(1, count + 1)]


def log_session(store, n: int, work: list[SetEntry], **values) -> None:
    store.save_session(Session(date=day(n), sets=tuple(work), **values), TODAY)


def log_checkin(store, n: int, **values) -> None:
    store.save_checkin(Checkin(date=day(n), **values), TODAY)


def weeks(frame: pd.DataFrame, column: str = "week") -> list[dt.date]:
    return [d.date() for d in frame[column]]


def whole(n_first: int = 0, n_last: int = 20) -> Window:
    return Window(day(n_first), day(n_last))


# -- the window ---------------------------------------------------------------------------
def test_four_weeks_ends_today_and_is_drawn_by_day():
    window = progress.window_for("4 weeks", TODAY, day(-400))
    assert (window.start, window.end, window.bucket) == (
        TODAY - dt.timedelta(days=27),
        TODAY,
        "day",
    )
    assert window.days == 28


def test_all_starts_at_the_first_logged_day():
    assert progress.window_for("All", TODAY, day(3)).start == day(3)


def test_all_of_an_empty_history_is_just_today():
    window = progress.window_for("All", TODAY, None)
    assert (window.start, window.end) == (TODAY, TODAY)


def test_a_window_longer_than_the_daily_limit_is_drawn_by_week():
    rules = ProgressRules(daily_max_days=30)
    assert progress.window_for("3 months", TODAY, None, rules).bucket == "week"
    assert progress.window_for("4 weeks", TODAY, None, rules).bucket == "day"


def test_a_young_history_is_drawn_from_just_before_its_first_day():
    window = Window(day(-80), day(20))
    assert progress.drawn_span(window, day(-30)) == (day(-31), day(20))
    assert progress.drawn_span(window, day(18)) == (day(11), day(20))  # at least 10 days
    assert progress.drawn_span(window, day(-200)) == (day(-80), day(20))
    assert progress.drawn_span(window, None) == (day(-80), day(20))


def test_weekly_bars_of_a_young_history_get_at_least_six_weeks_of_axis():
    window = Window(day(-80), day(20))
    assert progress.drawn_span(window, day(18), weekly=True) == (day(-21), day(20))
    assert progress.drawn_span(Window(day(0), day(20)), day(18), weekly=True)[0] == day(0)


@pytest.mark.parametrize(
    ("days", "weekly", "dtick"),
    [
        (10, False, 2 * 86_400_000),
        (10, True, 7 * 86_400_000),
        (42, True, 14 * 86_400_000),
        (91, False, 21 * 86_400_000),
        (365, False, "M3"),
        (5 * 365, False, "M12"),
    ],
)
def test_date_ticks_are_a_few_readable_steps_never_finer_than_a_day(days, weekly, dtick):
    ticks = charts.date_ticks(days, weekly)
    assert ticks["dtick"] == dtick
    assert ticks["tickformat"] == ("%b %Y" if dtick == "M12" else "%d %b")


def test_stage_colours_never_borrow_the_tolerance_lights():
    assert not set(charts.STAGE_COLOURS.values()) & set(charts.TOLERANCE_COLOURS.values())
    assert "#fbbf24" not in charts.STAGE_COLOURS.values()  # the old amber stage 3


def test_first_logged_day_is_the_earlier_of_sessions_and_checkins(store):
    assert progress.first_logged_date(store) is None
    log_session(store, 5, sets("Bird dog", reps=8))
    log_checkin(store, 2, pain=3)
    assert progress.first_logged_date(store) == day(2)


# -- 1. pain ------------------------------------------------------------------------------
def test_pain_rows_hold_checkin_pain_session_mean_and_rolling_average(store):
    log_checkin(store, 0, pain=4)
    log_checkin(store, 1, pain=2)
    log_checkin(store, 3, pain=6)
    log_session(store, 1, sets("Bird dog", reps=8), pain_during=3)
    log_session(store, 1, sets("Bird dog", reps=8), pain_during=5)
    pain = progress.pain_over_time(store, whole(0, 3))
    assert [d.date() for d in pain["date"]] == [day(0), day(1), day(2), day(3)]
    assert pain["checkin_pain"].tolist()[:2] == [4.0, 2.0]
    assert pd.isna(pain["checkin_pain"].iloc[2])
    assert pain["session_pain"].iloc[1] == 4.0  # mean of the day's two sessions
    assert pain["pain_average"].tolist() == [4.0, 3.0, 3.0, 4.0]  # (4+2+6)/3 on day 3


def test_the_first_days_average_includes_checkins_before_the_window(store):
    log_checkin(store, 0, pain=8)
    log_checkin(store, 6, pain=2)
    pain = progress.pain_over_time(store, whole(6, 6))
    assert pain["pain_average"].tolist() == [5.0]
    assert len(pain) == 1


def test_the_average_forgets_checkins_older_than_seven_days(store):
    log_checkin(store, 0, pain=8)
    log_checkin(store, 7, pain=2)
    pain = progress.pain_over_time(store, whole(7, 7))
    assert pain["pain_average"].tolist() == [2.0]


def test_long_windows_give_weekly_means_dated_by_monday(store):
    log_checkin(store, 0, pain=4)
    log_checkin(store, 2, pain=2)
    log_checkin(store, 9, pain=1)
    pain = progress.pain_over_time(store, Window(day(0), day(13), "week"))
    assert weeks(pain, "date") == [day(0), day(7)]
    assert pain["checkin_pain"].tolist() == [3.0, 1.0]
    assert pain["pain_average"].tolist() == [3.0, 1.0]  # the 7 days ending each Sunday


def test_flare_checkins_in_the_window(store):
    log_checkin(store, 1, pain=7, flare=True, notes="lifted a box")
    log_checkin(store, 2, pain=3)
    log_checkin(store, -5, pain=7, flare=True)
    flares = progress.flare_checkins(store, whole())
    assert [d.date() for d in flares["date"]] == [day(1)]
    assert flares["notes"].tolist() == ["lifted a box"]


def test_flare_events_merge_checkins_and_red_sessions_in_date_order():
    flares = pd.DataFrame({"date": [ts(5)], "pain": [7.0], "notes": [""]})
    red = pd.DataFrame({"date": [ts(2)], "pain_during": [8.0]})
    events = progress.flare_events(flares, red)
    assert events["date"].tolist() == [ts(2), ts(5)]
    assert events["pain"].tolist() == [8.0, 7.0]
    assert events["what"].tolist() == ["Red session", "Flare-up logged in a check-in"]


# -- 2. extension work ---------------------------------------------------------------------
def test_extension_work_sums_seconds_and_three_seconds_a_rep_per_week_and_exercise(store):
    log_session(
        store,
        0,
        sets("Prone extension hold", 3, seconds=10)
        + sets("Bird dog", 2, reps=8)
        + [SetEntry("Prone extension hold", 9, "warmup", seconds=60)]
        + sets("Glute bridge", 2, reps=10),
    )
    log_session(store, 8, sets("Prone extension hold", 2, seconds=15))
    work = progress.extension_work_by_week(store, whole())
    assert weeks(work) == [day(0), day(0), day(7)]
    assert work["exercise"].tolist() == ["Prone extension hold", "Bird dog", "Prone extension hold"]
    assert work["seconds"].tolist() == [30.0, 48.0, 30.0]


def test_best_hold_is_the_longest_single_extension_hold_of_each_week(store):
    log_session(store, 0, sets("Prone extension hold", 3, seconds=10))
    log_session(store, 2, sets("Prone extension hold", 1, seconds=12) + sets("Plank", seconds=90))
    log_session(store, 9, sets("45° back extension hold", 2, seconds=20))
    best = progress.best_hold_by_week(store, whole())
    assert weeks(best) == [day(0), day(7)]
    assert best["seconds"].tolist() == [12.0, 20.0]


def test_extension_table_joins_each_weeks_best_hold():
    work = pd.DataFrame(
        {"week": [ts(0), ts(7)], "exercise": ["A", "A"], "ladder_rank": [1, 1], "seconds": [9, 8]}
    )
    best = pd.DataFrame({"week": [ts(7)], "seconds": [20.0]})
    table = progress.extension_table(work, best)
    assert table.columns.tolist() == ["week", "exercise", "seconds", "best_hold_seconds"]
    assert pd.isna(table["best_hold_seconds"].iloc[0]) and table["best_hold_seconds"].iloc[1] == 20


# -- 3. consistency calendar ---------------------------------------------------------------
def test_calendar_counts_the_kinds_logged_each_day(store):
    log_session(store, 1, sets("Bird dog", reps=8) + sets("Walking", seconds=600))
    log_checkin(store, 1, pain=2)
    log_checkin(store, 2, pain=2, walking_minutes=20)
    log_session(store, 3, sets("Bird dog", reps=8))
    calendar = progress.activity_calendar(store, whole(0, 9))
    assert len(calendar) == 14  # two whole weeks
    by_day = calendar.set_index(calendar["date"].dt.date)
    assert by_day.loc[day(1), "kinds"] == 3
    assert by_day.loc[day(1), "walking_minutes"] == 10
    assert by_day.loc[day(2), "kinds"] == 2
    assert by_day.loc[day(3), "kinds"] == 1
    assert by_day.loc[day(4), "kinds"] == 0
    assert by_day.loc[day(10), "outside"] and not by_day.loc[day(9), "outside"]
    assert by_day.loc[day(8), "weekday"] == 1


def test_a_young_history_fills_a_month_of_calendar_not_half_a_year(store):
    window = Window(day(-200), day(20))
    recent = progress.activity_calendar(store, window, first_logged=day(18))
    assert recent["week"].nunique() in (4, 5)  # four weeks back from day 20, whole weeks
    assert recent.loc[~recent["outside"], "date"].iloc[0].date() == day(20 - 27)
    older = progress.activity_calendar(store, window, first_logged=day(-30))
    assert older.loc[~older["outside"], "date"].iloc[0].date() == day(-30)


def test_calendar_shows_at_most_the_last_26_weeks(store):
    calendar = progress.activity_calendar(store, Window(day(-400), day(20)))
    assert len(calendar) == 26 * 7
    assert calendar["date"].iloc[-1].date() == day(20)


# -- 5. pain response ----------------------------------------------------------------------
def test_session_doses_give_extension_work_volume_and_pain(store):
    log_session(
        store,
        0,
        sets("45° back extension (weighted)", 2, reps=10, load_kg=20)
        + sets("45° back extension hold", 1, seconds=30)
        + sets("Side plank", 1, seconds=40),
        pain_before=1,
        pain_during=3,
        pain_next_morning=1,
    )
    log_session(store, 1, sets("Walking", seconds=900))
    doses = progress.session_doses(store, whole())
    assert doses["extension_seconds"].tolist() == [90.0, 0.0]  # 20 reps x 3 s + 30 s
    assert doses["extension_volume_kg"].tolist() == [400.0, 0.0]
    assert doses["heaviest_kg"].iloc[0] == 20.0
    assert doses["pain_during"].iloc[0] == 3 and pd.isna(doses["pain_during"].iloc[1])


def test_session_doses_keep_the_most_recent_sessions_up_to_the_point_limit(store):
    for n in range(4):
        log_session(store, n, sets("Bird dog", reps=8))
    doses = progress.session_doses(store, whole(), ProgressRules(max_points=3))
    assert [d.date() for d in doses["date"]] == [day(1), day(2), day(3)]


def test_doses_are_coloured_by_the_tolerance_light(store):
    log_session(store, 0, sets("Bird dog", reps=8), pain_before=2, pain_during=2)
    log_session(store, 1, sets("Bird dog", reps=8), pain_before=2, pain_during=8)
    log_session(store, 2, sets("Bird dog", reps=8))
    doses = progress.with_tolerance(progress.session_doses(store, whole()))
    assert doses["tolerance"].tolist() == ["green", "red", "unrated"]


# -- 6. walking and muscle feel ------------------------------------------------------------
def test_walking_adds_checkin_minutes_and_walking_sets_per_week(store):
    log_checkin(store, 0, walking_minutes=30)
    log_session(store, 0, sets("Walking", seconds=600))
    log_checkin(store, 8, walking_minutes=14)
    walking = progress.walking_and_feel_by_week(store, whole(0, 20))
    assert weeks(walking) == [day(0), day(7), day(14)]
    assert walking["walking_minutes"].tolist() == [40.0, 14.0, 0.0]
    assert walking["minutes_per_day"].tolist() == [40 / 7, 2.0, 0.0]


def test_partial_weeks_average_over_their_days_inside_the_window(store):
    log_checkin(store, 5, walking_minutes=30)
    walking = progress.walking_and_feel_by_week(store, whole(4, 8))
    assert walking["days"].tolist() == [3, 2]  # Fri-Sun, then Mon-Tue
    assert walking["minutes_per_day"].tolist() == [10.0, 0.0]


def test_muscle_feel_share_counts_clear_or_strong_among_rated_sessions(store):
    for n, feel in ((0, 1), (1, 2), (2, 3), (3, None)):
        log_session(store, n, sets("Bird dog", reps=8), muscle_feel=feel)
    walking = progress.walking_and_feel_by_week(store, whole(0, 13))
    assert walking["rated_sessions"].tolist() == [3, 0]
    assert walking["clear_sessions"].tolist() == [2, 0]
    assert walking["clear_share"].iloc[0] == pytest.approx(2 / 3)
    assert pd.isna(walking["clear_share"].iloc[1])


# -- headline numbers ----------------------------------------------------------------------
def test_weekly_sessions_fill_empty_weeks_with_zero(store):
    log_session(store, 0, sets("Bird dog", reps=8))
    log_session(store, 1, sets("Bird dog", reps=8))
    log_session(store, 15, sets("Bird dog", reps=8))
    weekly = progress.weekly_sessions(store, day(2), TODAY)
    assert weeks(weekly) == [day(0), day(7), day(14)]
    assert weekly["sessions"].tolist() == [2, 0, 1]


def test_each_weeks_target_is_that_of_the_stage_on_its_monday():
    weeks_ = pd.Series([ts(0), ts(7), ts(14)])
    periods = pd.DataFrame({"stage": [1, 2], "start": [ts(-3), ts(10)]})
    targets = progress.weekly_targets(weeks_, periods, starting_stage=1)
    assert targets.tolist() == [6, 6, 5]  # the planner's stage 1 and 2 sessions a week


def test_without_a_timeline_every_week_has_the_starting_stages_target():
    targets = progress.weekly_targets(pd.Series([ts(0), ts(7)]), None, starting_stage=3)
    assert targets.tolist() == [4, 4]


@pytest.mark.parametrize(
    ("met", "streak"),
    [
        ([], 0),
        ([True, True, False, True, True, False], 2),  # this week is still under way
        ([True, True, False, True, True, True], 3),
        ([True, True, True, False], 3),
        ([False], 0),
        ([True, False, False], 0),
    ],
)
def test_streak_counts_met_weeks_back_from_the_latest(met, streak):
    assert progress.streak_weeks(pd.Series(met, dtype=bool)) == streak


def test_best_efforts_now_and_before_the_last_four_weeks(store):
    log_session(store, 0, sets("Prone extension hold", 3, seconds=10))
    log_session(store, 10, sets("Prone extension hold", 2, seconds=20) + sets("Bird dog", reps=10))
    log_session(store, 12, sets("Bird dog", 4, reps=8))  # 96 s of work, no hold
    best = progress.best_extension_efforts(store, TODAY, since=day(5))
    assert best == {
        "best_hold": 20.0,
        "best_hold_before": 10.0,
        "best_work": 96.0,
        "best_work_before": 30.0,
    }


def test_pain_averages_compare_the_last_week_with_four_weeks_earlier(store):
    today = day(40)
    for n, pain in ((40, 2), (37, 4), (33, 9), (12, 5), (6, 7), (5, 1)):
        store.save_checkin(Checkin(date=day(n), pain=pain), today)
    averages = progress.pain_averages(store, today)
    assert averages == {"recent": 3.0, "earlier": 6.0}  # days 34-40; days 6-12


def test_pain_averages_are_none_without_checkins(store):
    assert progress.pain_averages(store, TODAY) == {"recent": None, "earlier": None}


def test_headline_counts_sessions_of_the_last_28_days_against_the_stage_target(store):
    store.save_profile(Profile(start_date=day(-30), starting_stage=1))
    for n in (0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 20):
        log_session(store, n, sets("Bird dog", reps=8))
    head = progress.headline(store, TODAY, None, pd.DataFrame(columns=["stage", "start"]))
    assert head.sessions_28d == 13
    assert head.sessions_target == 24  # 6 a week in stage 1, four weeks
    assert head.streak == 2  # weeks 1 and 2 had 6 each; this week (1 so far) adds nothing
    assert head.streak_target == 6


def test_a_program_younger_than_four_weeks_is_held_to_the_days_it_has_had(store):
    store.save_profile(Profile(start_date=TODAY - dt.timedelta(days=2), starting_stage=1))
    log_session(store, 20, sets("Bird dog", reps=8))
    head = progress.headline(store, TODAY, None, pd.DataFrame(columns=["stage", "start"]))
    assert head.sessions_days == 3
    assert head.sessions_target == 3  # 6 a week for 3 days, rounded


# -- the stage timeline --------------------------------------------------------------------
def test_stage_periods_end_today_and_clip_to_the_window():
    class Status:
        timeline = (StagePeriod(1, day(0), day(9)), StagePeriod(2, day(10), None))

    periods = progress.stage_periods(Status, TODAY, whole(5, 20))
    assert periods["stage"].tolist() == [1, 2]
    assert periods["start"].tolist() == [ts(5), ts(10)]
    assert periods["end"].tolist() == [ts(9), ts(20)]
    assert progress.stage_periods(Status, TODAY, whole(12, 20))["stage"].tolist() == [2]


def test_no_stage_status_gives_no_periods():
    assert progress.stage_periods(None, TODAY).empty


# -- outcomes ------------------------------------------------------------------------------
def test_outcome_scores_carry_the_change_that_matters_from_the_first_score(store):
    log_checkin(store, 0, pain=8)
    log_checkin(store, 1, pain=6)  # first week: mean 7, so 30 % is 2.1 > 2 points
    log_checkin(store, 8, pain=3)
    scores = progress.outcome_scores(store, whole(7, 20))
    assert scores["score"].tolist() == [3.0]
    assert scores["first"].tolist() == [7.0]
    assert scores["mcid"].tolist() == [2.1]
    assert scores["scale_max"].tolist() == [10.0]


def test_questionnaire_scores_carry_their_own_scale_and_meaningful_change(store):
    from rehab_core import outcomes

    first = {n: n <= 20 for n in range(1, 25)}  # 20 of 24 statements true
    later = {n: n <= 12 for n in range(1, 25)}
    outcomes.save_rmdq(store, day(0), first, TODAY)
    outcomes.save_rmdq(store, day(14), later, TODAY)
    outcomes.save_psfs(store, day(14), {"Sitting": 4, "Lifting": 6, "Walking": 8}, TODAY)
    scores = progress.outcome_scores(store, whole())
    rmdq = scores[scores["measure"] == "Roland-Morris questionnaire"]
    assert rmdq["score"].tolist() == [20.0, 12.0]
    assert rmdq["mcid"].tolist() == [6.0, 6.0]  # 30 % of 20 is more than 5 points
    assert rmdq["scale_max"].tolist() == [24.0, 24.0]
    psfs = scores[scores["measure"] == "activity scores (PSFS)"]
    assert psfs[["score", "mcid", "first", "scale_max"]].values.tolist() == [[6.0, 2.0, 6.0, 10.0]]


# -- downloads and units -------------------------------------------------------------------
def test_chart_csv_writes_iso_dates_and_guards_formulas():
    frame = pd.DataFrame({"date": [ts(0)], "notes": ["=HYPERLINK(1)"], "pain": [1 / 3], "n": [2]})
    assert progress.chart_csv(frame) == "date,notes,pain,n\n2026-03-02,'=HYPERLINK(1),0.333,2\n"


def test_kilograms_become_pounds_for_a_person_using_pounds():
    frame = pd.DataFrame({"heaviest_kg": [LB_IN_KG * 10], "pain_during": [2]})
    shown = progress.in_units(frame, "lb")
    assert shown.columns.tolist() == ["heaviest_lb", "pain_during"]
    assert shown["heaviest_lb"].iloc[0] == pytest.approx(10)
    assert progress.in_units(frame, "kg") is frame


# -- whole dashboard -----------------------------------------------------------------------
def test_an_empty_history_gives_empty_charts_not_errors(store):
    board = progress.dashboard(store, "3 months", TODAY)
    for frame in (board.pain, board.extension, board.best_hold, board.doses):
        assert frame.empty
    assert board.headline.sessions_28d == 0 and board.headline.streak == 0
    assert (board.calendar["kinds"] == 0).all()


def test_another_persons_rows_never_appear(db):
    me, other = db.store("me"), db.store("other")
    other.save_session(
        Session(date=day(1), sets=tuple(sets("Prone extension hold", seconds=30)), pain_during=4),
        TODAY,
    )
    other.save_checkin(Checkin(date=day(1), pain=5, walking_minutes=30, flare=True), TODAY)
    board = progress.dashboard(me, "4 weeks", TODAY)
    assert board.pain.empty and board.flares.empty and board.extension.empty
    assert board.best_hold.empty and board.doses.empty
    assert board.calendar["kinds"].sum() == 0 and board.walking["walking_minutes"].sum() == 0
    assert progress.best_extension_efforts(me, TODAY, day(0))["best_hold"] is None
    assert progress.first_logged_date(me) is None


def test_five_years_of_history_give_every_chart_at_most_a_few_thousand_points(store):
    from rehab_core.synthetic import synthetic_history

    store.import_batch(synthetic_history(5 * 365 * 28, end=TODAY))
    rules = ProgressRules()
    board = progress.dashboard(store, "All", TODAY, rules)
    assert board.window.bucket == "week" and board.window.days > 5 * 365 - 7
    for frame in (board.pain, board.extension, board.best_hold, board.calendar, board.walking):
        assert 0 < len(frame) <= rules.max_points
    assert len(board.doses) == rules.max_points  # the most recent sessions, not all 3650
    assert len(board.pain) <= 53 * 5 + 1  # one row a week


# -- the charts' layout --------------------------------------------------------------------
def _weekly_walking(*mondays: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "week": [ts(n) for n in mondays],
            "walking_minutes": [140.0] * len(mondays),
            "minutes_per_day": [20.0] * len(mondays),
        }
    )


def test_a_week_partly_before_the_chosen_dates_is_clipped_to_them():
    fig = charts.walking_figure(_weekly_walking(0, 7), 20, (day(2), day(13)))
    bar = fig.data[0]
    day_ms = 86_400_000
    assert fig.layout.xaxis.range[0] == ts(2)  # the axis starts on the span's first day
    assert list(bar.width) == [3.5 * day_ms, 5 * day_ms]  # Wednesday to Saturday noon
    assert bar.offset[0] == -day_ms  # its left edge is that first day, Wednesday


def test_the_walking_goal_label_sits_at_the_right_end_above_the_line():
    fig = charts.walking_figure(_weekly_walking(0, 7), 20, (day(0), day(13)))
    label = fig.layout.annotations[0]
    assert (label.x, label.xref, label.xanchor) == (1, "paper", "right")
    assert (label.y, label.yanchor) == (20, "bottom")
    assert label.bgcolor
    assert fig.layout.yaxis.range[1] > 20 * 1.3  # room above the line for it


def test_mind_muscle_is_drawn_in_the_apps_teal_not_purple():
    walking = _weekly_walking(0, 7).assign(rated_sessions=3, clear_sessions=3, clear_share=1.0)
    trace = charts.muscle_feel_figure(walking, (day(0), day(13))).data[0]
    assert trace.line.color == charts.PRIMARY == "#2f7d6d"
