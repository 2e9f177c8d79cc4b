"""Settings: your profile, where your data lives, and erasing it."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pages._safety import red_flag_records, red_flag_screening
from pages._ui import database_location, storage_mode, store
from rehab_core.models import Profile

STAGES = {
    1: "Tissue tolerance & trust: short, pain-free holds; the nervous system relearns safety.",
    2: "Circulation & tension: longer holds, slow reps and daily walks.",
    3: "Strength gains & progression: more reps and longer holds, step by step.",
    4: "Muscular growth: gradual loading of the extensions.",
    5: "Structural change: maintenance while discs, bones and tendons adapt over months.",
}
ERASE_WORD = "ERASE"

STORE = store()
profile = STORE.profile()

st.title("Settings")

st.subheader("Your program")
with st.form("profile_form"):
    has_start = st.checkbox(
        "I started my program on a set date",
        value=profile.start_date is not None,
        help="Otherwise the program starts with your first logged session.",
    )
    start = st.date_input(
        "Program start date",
        value=profile.start_date or dt.date.today(),
        max_value=dt.date.today(),
        format="YYYY-MM-DD",
    )
    stage = st.radio(
        "Starting stage",
        options=list(STAGES),
        index=profile.starting_stage - 1,
        format_func=lambda n: f"{n}. {STAGES[n]}",
        help="Most people start at 1. Choose a later stage only if you already train "
        "without pain, for example when you bring a history from another app.",
    )
    units = st.radio(
        "Units for loads",
        options=["kg", "lb"],
        index=["kg", "lb"].index(profile.units),
        horizontal=True,
    )
    if st.form_submit_button("Save profile", type="primary"):
        STORE.save_profile(
            Profile(start_date=start if has_start else None, starting_stage=stage, units=units)
        )
        st.success("Profile saved.", icon=":material/check_circle:")

st.subheader("Your data")
counts = STORE.counts()
st.markdown(
    f"Stored in `{database_location()}`: {counts['sessions']} sessions, {counts['sets']} sets, "
    f"{counts['checkins']} check-ins."
)
mode = storage_mode()
st.caption(f"{mode.description} ({mode.why})")
st.page_link(
    "pages/data.py", label="Back up, restore, import or export", icon=":material/swap_vert:"
)

with st.expander("Erase all my data"):
    st.warning(
        "This deletes every session, set, check-in and your profile from this database. "
        "Download a backup first if you may want them back."
    )
    typed = st.text_input(f"Type {ERASE_WORD} to confirm", key="erase_confirm")
    if st.button("Erase everything", type="primary", disabled=typed.strip() != ERASE_WORD):
        STORE.erase_all()
        st.success("All your data was erased. The exercise catalog is back to its defaults.")

st.subheader("Safety check")
st.caption("Red-flag symptoms mean: stop the program and get care. Recorded ones are listed below.")
with st.expander("Answer the red-flag screening again"):
    red_flag_screening(STORE, key="settings")
red_flag_records(STORE)
