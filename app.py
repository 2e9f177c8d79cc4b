"""Backtrack's entry point: the navigation, and the disclaimer every page shares."""

import streamlit as st

from pages._ui import disclaimer

st.set_page_config(page_title="Backtrack", page_icon="🌱", layout="wide")

navigation = st.navigation(
    {
        "Track": [
            st.Page("pages/log.py", title="Log", icon=":material/edit_note:", default=True),
            st.Page("pages/plan.py", title="Plan", icon=":material/route:"),
            st.Page("pages/progress.py", title="Progress", icon=":material/monitoring:"),
        ],
        "Data": [
            st.Page("pages/data.py", title="Import & export", icon=":material/swap_vert:"),
        ],
        "You": [
            st.Page("pages/outcomes.py", title="Outcomes", icon=":material/checklist:"),
            st.Page("pages/settings.py", title="Settings", icon=":material/settings:"),
        ],
    }
)
# Drawn before the page so it stays even on a page that stops early (st.stop()).
disclaimer()
navigation.run()
