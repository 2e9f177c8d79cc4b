"""Safety widgets the pages share: the red-flag check, the stop message, the outcomes prompt."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pages._ui import page_link
from rehab_core import outcomes, safety
from rehab_core.storage import Store

OUTCOMES_PAGE = "pages/outcomes.py"
SETTINGS_PAGE = "pages/settings.py"


def red_flag_stop_message(flags) -> None:
    """The prominent stop message for recorded or ticked flags (nothing shown if none)."""
    flags = list(flags)
    urgency = safety.most_urgent(flags)
    if urgency is None:
        return
    names = [f.flag.text if isinstance(f, safety.RecordedRedFlag) else f.text for f in flags]
    title = (
        "**Stop: get emergency care now.**"
        if urgency == safety.EMERGENCY
        else "**Stop: see a doctor soon.**"
    )
    listed = "\n".join(f"- {name}" for name in dict.fromkeys(names))
    st.error(
        f"{title}\n\n{safety.stop_message(urgency)}\n\nYou told Backtrack about:\n{listed}",
        icon=":material/emergency:",
    )


def _record_tick(store: Store, key: str, widget_key: str, source: str) -> None:
    if st.session_state.get(widget_key):
        safety.record_red_flags(store, [key], dt.date.today(), source)


def red_flag_check(store: Store, *, key: str = "log", expanded: bool = False) -> list:
    """ "Something new or worrying?": any tick records the flag and shows the stop message.

    On first start (no screening yet) the full screening is shown first.
    Returns the active (uncleared) red flags after this run.
    """
    screened = first_start_screening(store)
    with st.expander(
        "Something new or worrying?", icon=":material/health_and_safety:", expanded=expanded
    ):
        st.caption(
            "Tick anything that is true for you now. Backtrack records it with today's date "
            "and tells you what to do."
        )
        for urgency, heading in (
            (safety.EMERGENCY, "Signs that need emergency care now"),
            (safety.SEE_DOCTOR_SOON, "Signs that need a doctor soon"),
        ):
            st.markdown(f"**{heading}**")
            for flag in safety.flags_of(urgency):
                widget_key = f"red_flag_{key}_{flag.key}"
                st.checkbox(
                    flag.text,
                    key=widget_key,
                    on_change=_record_tick,
                    args=(store, flag.key, widget_key, safety.LOG_CHECK),
                )
    active = safety.active_red_flags(store)
    if active and not screened:  # a screening just saved showed its own stop message
        red_flag_stop_message(active)
        page_link(
            SETTINGS_PAGE,
            "A clinician has checked you? Mark it cleared in Settings",
            icon=":material/verified:",
        )
    return active


def outcomes_due_banner(store: Store, today: dt.date | None = None) -> list[str]:
    """A banner when the two-weekly outcome questionnaires are due; returns the due measures."""
    due = outcomes.outcomes_due(store, today or dt.date.today())
    if due:
        names = " and ".join(outcomes.MEASURE_NAMES[m] for m in due)
        first_time = not any(outcomes.last_scored(store).values())
        message = (
            f"Take your first scores ({names}): about three minutes, and they become the "
            "baseline that shows whether your back is really getting better."
            if first_time
            else f"Your two-weekly outcome check is due: {names}. It takes about three "
            "minutes and shows whether your back is really getting better."
        )
        st.info(message, icon=":material/checklist:")
        page_link(OUTCOMES_PAGE, "Open Outcomes", icon=":material/arrow_forward:")
    return due


def red_flag_screening(store: Store, *, key: str = "screening") -> list | None:
    """The short red-flag screening (first start and Settings).

    Returns the flags ticked when it is saved on this run, None otherwise.
    """
    with st.form(f"red_flag_{key}"):
        st.write(
            "Before you exercise, check that none of these is true for you. They are rare, "
            "but they need a doctor rather than a program."
        )
        ticked = []
        for urgency, heading in (
            (safety.EMERGENCY, "Signs that need emergency care now"),
            (safety.SEE_DOCTOR_SOON, "Signs that need a doctor soon"),
        ):
            st.markdown(f"**{heading}**")
            for flag in safety.flags_of(urgency):
                if st.checkbox(flag.text, key=f"red_flag_{key}_{flag.key}"):
                    ticked.append(flag)
        saved = st.form_submit_button("Save my answers", type="primary")
    if not saved:
        return None
    safety.record_screening(store, [f.key for f in ticked], dt.date.today())
    if ticked:
        red_flag_stop_message(ticked)
    else:
        st.success(
            "Thank you. None of these applies to you now; if that changes, use "
            '"Something new or worrying?" on the Log page.',
            icon=":material/check:",
        )
    return ticked


def red_flag_records(store: Store) -> None:
    """Recorded red flags with their dates; an active one can be marked cleared by a clinician."""
    history = safety.red_flag_history(store)
    if not history:
        st.caption("No red flags recorded.")
        return
    for record in history:
        status = (
            f"cleared by a clinician on {record.cleared_on:%d %b %Y}"
            if record.cleared_on
            else "not cleared yet: the program is paused"
        )
        st.markdown(f"- {record.date:%d %b %Y}: {record.flag.text} ({record.source}) — {status}")
        if record.active:
            _clear_form(store, record)


def _clear_form(store: Store, record) -> None:
    # Clearing resumes the program, so it takes a deliberate statement, not a stray click.
    with st.form(f"clear_red_flag_{record.id}"):
        checked = st.checkbox(
            "A doctor or physiotherapist has examined me for this and says I can exercise again",
            key=f"clear_red_flag_{record.id}_confirmed",
        )
        if not st.form_submit_button("Mark it cleared", icon=":material/verified:"):
            return
    if not checked:
        st.error(
            "Tick the box once a clinician has checked you. Until then the program stays paused.",
            icon=":material/pause_circle:",
        )
        return
    safety.mark_cleared(store, record.id, dt.date.today())
    st.rerun()


def first_start_screening(store: Store) -> list | None:
    """The screening, shown until this person has completed it once.

    Returns the flags ticked in a screening saved on this run ([] if none), or None when
    the screening was not shown or not saved.
    """
    if safety.last_screening(store) is not None:
        return None
    with st.container(border=True):
        st.subheader("Before you start: a quick safety check")
        return red_flag_screening(store, key="first_start")


def red_flag_plan_block(store: Store) -> bool:
    """On Plan: while a red flag is recorded and not cleared, no progression; point to care.

    Returns True when the plan must stop here.
    """
    active = safety.active_red_flags(store)
    if not active:
        return False
    st.warning(
        "Your program is paused: no progression is shown while a red flag is recorded. "
        "Get checked by a clinician first.",
        icon=":material/pause_circle:",
    )
    red_flag_stop_message(active)
    red_flag_records(store)
    return True
