"""Outcomes: the two-weekly questionnaires and weekly pain, each compared with the first."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pages._ui import store
from rehab_core import outcomes
from rehab_core.rules import OUTCOMES

st.title("Outcomes")
st.write(
    "Every two weeks, two short questionnaires show whether your back is really getting "
    "better: what it stops you doing, and the activities that matter to you. Each score is "
    "compared with your first one, against the smallest change that people notice."
)

person = store()
today = dt.date.today()
due = outcomes.outcomes_due(person, today)
if due:
    names = " and ".join(outcomes.MEASURE_NAMES[m] for m in due)
    st.info(f"Due now: {names}.", icon=":material/checklist:")
else:
    last = min(d for d in outcomes.last_scored(person).values() if d is not None)
    next_due = last + dt.timedelta(days=OUTCOMES.prompt_interval_days)
    st.success(f"All done for now. Next check on {next_due:%A %d %B}.", icon=":material/done:")


def history_table(measure: str, score_label: str) -> None:
    frame = outcomes.history_with_changes(person, measure)
    if frame.empty:
        st.caption("No scores yet.")
        return
    st.dataframe(
        frame.rename(
            columns={"date": "Date", "score": score_label, "change": "Compared with first"}
        ).iloc[::-1],
        hide_index=True,
        width="stretch",
    )


def delete_entry(measure: str) -> None:
    entries = outcomes.scores(person, measure)
    if entries.empty:
        return
    with st.expander("Delete an entry made by mistake"):
        choice = st.selectbox(
            "Entry",
            entries["id"].tolist()[::-1],
            format_func=lambda i: (
                f"{entries.loc[entries['id'] == i, 'date'].iloc[0]:%d %b %Y} — score "
                f"{entries.loc[entries['id'] == i, 'score'].iloc[0]:g}"
            ),
            key=f"delete_{measure}",
        )
        if st.button("Delete this entry", key=f"delete_{measure}_button"):
            outcomes.delete_score(person, int(choice))
            st.rerun()


def save_rmdq() -> None:
    # A callback: it runs before the page redraws, so it may empty the form it read.
    answers = {}
    for number in range(1, len(outcomes.RMDQ_STATEMENTS) + 1):
        answer = st.session_state.get(f"rmdq_{number}")
        answers[number] = None if answer is None else answer == "Yes"
    try:
        outcomes.save_rmdq(person, st.session_state["rmdq_date"], answers, today)
    except ValueError as exc:
        st.session_state["rmdq_result"] = ("error", str(exc))
        return
    score = outcomes.score_rmdq(answers)
    first = int(outcomes.scores(person, outcomes.RMDQ)["score"].iloc[0])
    message = f"Saved: {score} of 24. " + (
        f"Compared with your first: {outcomes.rmdq_change(first, score).text}."
        if len(outcomes.scores(person, outcomes.RMDQ)) > 1
        else "This is your first score; later ones are compared with it."
    )
    st.session_state["rmdq_result"] = ("success", message)
    for number in answers:
        st.session_state[f"rmdq_{number}"] = None


def save_psfs() -> None:
    rows = [
        (
            slot + 1,
            st.session_state.get(f"psfs_name_{slot}", ""),
            st.session_state.get(f"psfs_rating_{slot}"),
        )
        for slot in range(OUTCOMES.psfs_max_activities)
    ]
    unnamed = [slot for slot, name, rating in rows if not name.strip() and rating is not None]
    if unnamed:
        st.session_state["psfs_result"] = (
            "error",
            f"Activity {unnamed[0]} has a rating but no name: name it or clear the rating.",
        )
        return
    ratings = {name: rating for _, name, rating in rows}
    try:
        outcomes.save_psfs(person, st.session_state["psfs_date"], ratings, today)
    except ValueError as exc:
        st.session_state["psfs_result"] = ("error", str(exc))
        return
    mean = outcomes.score_psfs(ratings)
    saved = outcomes.scores(person, outcomes.PSFS)
    message = f"Saved: mean {mean:g} of 10."
    if len(saved) > 1:
        change = outcomes.psfs_change(float(saved["score"].iloc[0]), mean)
        message += f" Compared with your first: {change.text}."
    st.session_state["psfs_result"] = ("success", message)
    for slot in range(OUTCOMES.psfs_max_activities):
        st.session_state[f"psfs_rating_{slot}"] = None  # the activities stay for next time


def show_result(key: str) -> None:
    kind, message = st.session_state.pop(key, (None, None))
    if kind == "error":
        st.error(message, icon=":material/error:")
    elif kind == "success":
        st.success(message, icon=":material/check:")


rmdq_tab, psfs_tab, pain_tab = st.tabs(
    ["Roland-Morris questionnaire", "Your activities (PSFS)", "Weekly pain"]
)

with rmdq_tab:
    st.caption(
        f"Score 0-24, lower is better. A change of {OUTCOMES.rmdq_mcid_points} points, or "
        f"{OUTCOMES.rmdq_mcid_fraction:.0%} of your first score if that is more, is one you "
        f"would notice; {OUTCOMES.rmdq_recovered_max} or less counts as recovered."
    )
    with st.form("rmdq"):
        st.write(outcomes.RMDQ_INSTRUCTIONS)
        st.date_input("Date", value=today, max_value=today, key="rmdq_date", format="YYYY-MM-DD")
        for number, statement in enumerate(outcomes.RMDQ_STATEMENTS, start=1):
            st.radio(
                f"{number}. {statement}",
                ["Yes", "No"],
                index=None,
                horizontal=True,
                key=f"rmdq_{number}",
            )
        st.form_submit_button("Save my answers", type="primary", on_click=save_rmdq)
        show_result("rmdq_result")
    st.subheader("Your scores")
    history_table(outcomes.RMDQ, "Score (0-24)")
    delete_entry(outcomes.RMDQ)

with psfs_tab:
    st.caption(
        f"Each activity 0-10, higher is better; the score is their mean. A change of "
        f"{OUTCOMES.psfs_mcid_mean:g} points in the mean, or {OUTCOMES.psfs_mcid_single:g} in "
        "one activity, is one that matters."
    )
    kept = outcomes.psfs_activities(person)
    with st.form("psfs"):
        st.write(outcomes.PSFS_INSTRUCTIONS)
        st.date_input("Date", value=today, max_value=today, key="psfs_date", format="YYYY-MM-DD")
        for slot in range(OUTCOMES.psfs_max_activities):
            name_col, rating_col = st.columns([3, 1])
            name_col.text_input(
                f"Activity {slot + 1}",
                value=kept[slot] if slot < len(kept) else "",
                placeholder="e.g. putting on socks" if slot == 0 else "",
                key=f"psfs_name_{slot}",
            )
            rating_col.number_input(
                "Rating 0-10",
                min_value=0,
                max_value=OUTCOMES.psfs_rating_max,
                value=None,
                step=1,
                key=f"psfs_rating_{slot}",
            )
        st.form_submit_button("Save my ratings", type="primary", on_click=save_psfs)
        show_result("psfs_result")
    st.subheader("Your scores")
    history_table(outcomes.PSFS, "Mean (0-10)")
    per_activity = outcomes.psfs_activity_changes(person)
    if per_activity:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Activity": activity,  # typed by the person: shown as data, never markup
                        "First": change.first,
                        "Latest": change.latest,
                        "Compared with first": change.text,
                    }
                    for activity, change in per_activity
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    delete_entry(outcomes.PSFS)

with pain_tab:
    st.caption(
        f"The average of your daily check-in pain (0-10) for each week. A change of "
        f"{OUTCOMES.nprs_mcid_points:g} points, or {OUTCOMES.nprs_mcid_fraction:.0%} of your "
        "first week's average if that is more, is one that matters."
    )
    history_table(outcomes.NPRS, "Average pain (0-10)")
