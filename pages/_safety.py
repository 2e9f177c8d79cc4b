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

    Returns the active (uncleared) red flags after this run.
    """
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
    if active:
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
        st.info(
            f"Your two-weekly outcome check is due: {names}. It takes about three minutes "
            "and shows whether your back is really getting better.",
            icon=":material/checklist:",
        )
        page_link(OUTCOMES_PAGE, "Open Outcomes", icon=":material/arrow_forward:")
    return due
