"""Log: today's session in a few taps, the daily check-in, and recent history."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from pages._safety import outcomes_due_banner, red_flag_check
from pages._ui import from_display_load, store, to_display_load
from rehab_core.models import MUSCLE_FEEL, SET_TYPES, Checkin, Exercise, Session, SetEntry
from rehab_core.validation import ValidationError

STORE = store()
PROFILE = STORE.profile()
UNITS = PROFILE.units
TODAY = dt.date.today()
EXERCISES = STORE.exercise_names()
GRID_COLUMNS = ["exercise", "set_type", "reps", "seconds", "load", "distance_km"]

st.title("Log")
st.caption("Pain is a signal to respect: log honestly, and ease off when it speaks up.")
if "flash" in st.session_state:
    st.success(st.session_state.pop("flash"), icon=":material/check_circle:")
if red_flag_check(STORE):
    # The stop message says "do not continue the program": nothing here invites more exercise
    # until a clinician has checked it (cleared in Settings). The history stays safe.
    st.stop()


# -- yesterday's next-morning pain ---------------------------------------------------------
missing = STORE.sessions_missing_next_morning(TODAY)
if not missing.empty:
    pending = missing.iloc[0]
    with st.container(border=True):
        st.markdown(
            f"**How is your back this morning?** Your session on "
            f"{pending['date']:%A %d %B} has no next-morning pain yet; it tells whether "
            "that dose settled."
        )
        # No default: an untouched control must not record "0, no pain".
        morning = st.pills(
            "Pain next morning (0 = none, 10 = worst imaginable)",
            options=list(range(11)),
            key="next_morning",
        )
        if st.button("Save", key="save_next_morning", disabled=morning is None):
            STORE.set_next_morning_pain(int(pending["id"]), morning)
            st.session_state["flash"] = "Next-morning pain saved. Thank you."
            st.rerun()


# -- the set grid's starting rows -------------------------------------------------------------
def _rows_from_sets(sets) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "exercise": s["exercise"],
                "set_type": s.get("set_type") or "normal",
                "reps": s.get("reps"),
                "seconds": s.get("seconds"),
                "load": to_display_load(s.get("load_kg"), UNITS),
                "distance_km": None if s.get("distance_m") is None else s["distance_m"] / 1000,
            }
            for s in sets
        ],
        columns=GRID_COLUMNS,
    )


def _session_sets(session: Session | None) -> list[dict]:
    if session is None:
        return []
    return [
        {
            "exercise": s.exercise,
            "set_type": s.set_type,
            "reps": s.reps,
            "seconds": s.seconds,
            "load_kg": s.load_kg,
            "distance_m": s.distance_m,
        }
        for s in session.sets
    ]


def _start_grid(sets: list[dict], editing: Session | None = None) -> None:
    st.session_state["grid_rows"] = _rows_from_sets(sets)
    st.session_state["grid_version"] = st.session_state.get("grid_version", 0) + 1
    st.session_state["editing"] = editing


if "prefill_sets" in st.session_state:  # handed over by the Plan page
    _start_grid(st.session_state.pop("prefill_sets"))
    st.session_state["grid_origin"] = "today's plan"
elif "grid_rows" not in st.session_state:
    last = STORE.last_session()
    _start_grid(_session_sets(last))
    st.session_state["grid_origin"] = "your last session" if last else "a blank sheet"

editing: Session | None = st.session_state.get("editing")


def _sets_from_grid(grid: pd.DataFrame) -> tuple[SetEntry, ...]:
    def value(row, column, cast=float):
        item = row[column]
        return None if item is None or pd.isna(item) else cast(item)

    counters: dict[str, int] = {}
    sets = []
    for _, row in grid.iterrows():
        name = row["exercise"]
        if name is None or pd.isna(name) or not str(name).strip():
            if all(value(row, c) is None for c in ("reps", "seconds", "load", "distance_km")):
                continue  # an untouched blank row
            name = ""
        counters[name] = counters.get(name, 0) + 1
        distance_km = value(row, "distance_km")
        sets.append(
            SetEntry(
                exercise=str(name),
                set_index=counters[name],
                set_type=str(row["set_type"] or "normal"),
                reps=value(row, "reps", lambda v: int(round(float(v)))),
                seconds=value(row, "seconds"),
                load_kg=from_display_load(value(row, "load"), UNITS),
                distance_m=None if distance_km is None else distance_km * 1000,
            )
        )
    return tuple(sets)


UNRATED = "–"


def _pain_scale(where, label: str, value) -> int | None:
    """0-10 with an "unrated" stop first; returns None while unrated."""
    chosen = where.select_slider(
        label,
        options=[UNRATED, *range(11)],
        value=UNRATED if value is None or pd.isna(value) else int(value),
        help="0 = no pain, 10 = worst imaginable; – = not rated yet",
    )
    return None if chosen == UNRATED else int(chosen)


session_tab, checkin_tab = st.tabs(["Session", "Daily check-in"])

# -- session ----------------------------------------------------------------------------------
with session_tab:
    if editing is not None:
        st.info(
            f"Editing the session of {editing.date:%d %b %Y} (#{editing.session_no}). "
            "Save to replace it.",
            icon=":material/edit:",
        )
    else:
        st.caption(f"Sets start from {st.session_state.get('grid_origin', 'a blank sheet')}.")

    buttons = st.columns(3)
    if buttons[0].button("Start from last session", width="stretch"):
        _start_grid(_session_sets(STORE.last_session()))
        st.session_state["grid_origin"] = "your last session"
        st.rerun()
    if buttons[1].button("Blank sheet", width="stretch"):
        _start_grid([])
        st.session_state["grid_origin"] = "a blank sheet"
        st.rerun()
    if editing is not None and buttons[2].button("Cancel editing", width="stretch"):
        _start_grid(_session_sets(STORE.last_session()))
        st.rerun()

    with st.form("session_form", border=True):
        date = st.date_input(
            "Date",
            value=editing.date if editing else TODAY,
            max_value=TODAY,
            format="YYYY-MM-DD",
        )
        grid = st.data_editor(
            st.session_state["grid_rows"],
            key=f"sets_editor_{st.session_state['grid_version']}",
            num_rows="dynamic",
            placeholder="",
            column_order=["exercise", "reps", "seconds", "load", "distance_km", "set_type"],
            width="stretch",
            hide_index=True,
            column_config={
                # Widths in px so Exercise, Reps and Seconds fit a phone's width.
                "exercise": st.column_config.SelectboxColumn(
                    "Exercise", options=EXERCISES, required=True, width=140
                ),
                "set_type": st.column_config.SelectboxColumn(
                    "Type", options=list(SET_TYPES), default="normal", width="small"
                ),
                "reps": st.column_config.NumberColumn("Reps", min_value=0, step=1, width=60),
                "seconds": st.column_config.NumberColumn(
                    "Seconds",
                    min_value=0,
                    width=90,
                    help="A hold's length; for a walk its duration (15 min = 900 s), "
                    "or log walking minutes in the daily check-in",
                ),
                "load": st.column_config.NumberColumn(f"Load ({UNITS})", min_value=0),
                "distance_km": st.column_config.NumberColumn("Distance (km)", min_value=0),
            },
        )
        # Pain starts unrated ("–"): an untouched control must not record "no pain",
        # which the stage engine would read as a well-tolerated dose.
        pain = st.columns(3)
        pain_before = _pain_scale(pain[0], "Pain before", editing and editing.pain_before)
        pain_during = _pain_scale(pain[1], "Worst pain during", editing and editing.pain_during)
        pain_after = _pain_scale(pain[2], "Pain after", editing and editing.pain_after)
        more = st.columns(2)
        effort = more[0].slider(
            "Effort (RPE)",
            0,
            10,
            int(editing.effort or 5) if editing else 5,
            help="0 rest, 5 moderate, 10 all-out. Rehab lives mostly at 4-7.",
        )
        feel = more[1].radio(
            "Muscle feel",
            options=list(MUSCLE_FEEL),
            index=int(editing.muscle_feel or 0) if editing else 0,
            format_func=lambda v: f"{v}: {MUSCLE_FEEL[v]}",
            horizontal=True,
            help="The mind-muscle connection: pain dampens it, training rebuilds it.",
        )
        notes = st.text_area("Notes", value=editing.notes if editing else "", height=68)
        submitted = st.form_submit_button("Save session", type="primary")

    if submitted and pain_during is None:
        st.error(
            "Not saved: rate your worst pain during the session (0 = none, 10 = worst "
            "imaginable). It tells whether this dose suits your back."
        )
    elif submitted:
        session = Session(
            id=editing.id if editing else None,
            date=date,
            sets=_sets_from_grid(grid),
            pain_before=pain_before,
            pain_during=pain_during,
            pain_after=pain_after,
            pain_next_morning=editing.pain_next_morning if editing else None,
            effort=effort,
            muscle_feel=feel,
            notes=notes,
        )
        try:
            STORE.save_session(session, TODAY)
        except ValidationError as exc:
            st.error("Not saved:\n\n" + "\n".join(f"- {p}" for p in exc.problems))
        else:
            _start_grid(_session_sets(STORE.last_session()))
            st.session_state["grid_origin"] = "your last session"
            st.session_state["flash"] = f"Session of {date:%d %b} saved."
            st.rerun()

    with (
        st.expander("Add your own exercise"),
        st.form("new_exercise", clear_on_submit=True, border=False),
    ):
        cols = st.columns([3, 2, 2])
        name = cols[0].text_input("Name")
        family = cols[1].selectbox(
            "Family", ["other", "extension", "core", "hip", "circulation", "mobility"]
        )
        kind = cols[2].selectbox("Kind", ["reps", "hold", "reps+load", "duration/distance"])
        if st.form_submit_button("Add exercise"):
            if not name.strip():
                st.error("Give the exercise a name.")
            else:
                STORE.add_exercise(Exercise(name, family, kind))
                st.session_state["flash"] = f"Added {' '.join(name.split())}."
                st.rerun()

# -- check-in ---------------------------------------------------------------------------------
with checkin_tab:
    checkin_date = st.date_input(
        "Check-in date", value=TODAY, max_value=TODAY, format="YYYY-MM-DD", key="checkin_date"
    )
    existing = STORE.checkin(checkin_date)
    if existing:
        st.caption("You already checked in that day; saving replaces it.")
    with st.form("checkin_form", border=True):
        cols = st.columns(3)
        c_pain = cols[0].slider("Pain now", 0, 10, int(existing.pain or 0) if existing else 0)
        c_stiff = cols[1].slider(
            "Stiffness", 0, 10, int(existing.stiffness or 0) if existing else 0
        )
        c_trust = cols[2].slider(
            "Trust in my back",
            0,
            10,
            int(existing.trust or 5) if existing else 5,
            help="How much you trust your back to move today; it returns slowly.",
        )
        cols = st.columns([2, 1])
        c_walk = cols[0].number_input(
            "Walking minutes",
            min_value=0,
            max_value=1440,
            value=int(existing.walking_minutes or 0) if existing else 0,
            step=5,
        )
        c_flare = cols[1].toggle("Flare-up today", value=existing.flare if existing else False)
        c_notes = st.text_input("Notes", value=existing.notes if existing else "")
        if st.form_submit_button("Save check-in", type="primary"):
            try:
                STORE.save_checkin(
                    Checkin(
                        date=checkin_date,
                        pain=c_pain,
                        stiffness=c_stiff,
                        trust=c_trust,
                        walking_minutes=c_walk,
                        flare=c_flare,
                        notes=c_notes,
                    ),
                    TODAY,
                )
            except ValidationError as exc:
                st.error("Not saved:\n\n" + "\n".join(f"- {p}" for p in exc.problems))
            else:
                st.session_state["flash"] = f"Check-in for {checkin_date:%d %b} saved."
                st.rerun()

outcomes_due_banner(STORE, TODAY)


# -- history ----------------------------------------------------------------------------------
def _confirm_delete(state_key: str, question: str, labels, delete, done: str) -> None:
    """Ask before deleting: a warning with a yes and a keep button."""
    st.warning(question)
    yes, keep = st.columns(2)
    if yes.button(labels[0], type="primary"):
        delete()
        st.session_state.pop(state_key)
        st.session_state["flash"] = done
        st.rerun()
    if keep.button(labels[1]):
        st.session_state.pop(state_key)
        st.rerun()


st.subheader("Recent sessions")
recent = STORE.recent_sessions(20)
if recent.empty:
    st.info("No sessions yet. Your first one can be as small as a few 5-second holds.")
else:
    shown = recent.assign(
        pain=recent[["pain_before", "pain_during", "pain_after"]].apply(
            lambda row: " → ".join("–" if pd.isna(v) else f"{v:g}" for v in row), axis=1
        )
    )[["date", "exercises", "pain", "sets", "effort", "notes", "session_no"]]
    st.dataframe(
        shown,
        hide_index=True,
        placeholder="–",
        width="stretch",
        column_config={
            "date": st.column_config.DateColumn("Date", format="ddd D MMM YYYY"),
            "session_no": st.column_config.NumberColumn("#", width="small"),
            "exercises": "Exercises",
            "sets": st.column_config.NumberColumn("Sets", width="small"),
            "pain": "Pain before → during → after",
            "effort": st.column_config.NumberColumn("Effort", width="small"),
            "notes": "Notes",
        },
    )
    labels = {
        int(r.id): f"{r.date:%a %d %b %Y} #{r.session_no}: {r.exercises}"
        for r in recent.itertuples()
    }
    cols = st.columns([4, 1, 1], vertical_alignment="bottom")
    chosen = cols[0].selectbox(
        "Choose a session", list(labels), format_func=labels.get, key="history_choice"
    )
    if cols[1].button("Edit", width="stretch"):
        session = STORE.session(chosen)
        _start_grid(_session_sets(session), editing=session)
        st.rerun()
    if cols[2].button("Delete…", width="stretch"):
        st.session_state["confirm_delete"] = chosen
    if st.session_state.get("confirm_delete") == chosen:

        def _delete_session() -> None:
            STORE.delete_session(chosen)
            if editing is not None and editing.id == chosen:
                _start_grid(_session_sets(STORE.last_session()))

        _confirm_delete(
            "confirm_delete",
            f"Delete the session {labels[chosen]}? This cannot be undone.",
            ("Yes, delete it", "Keep it"),
            _delete_session,
            "Session deleted.",
        )

st.subheader("Recent check-ins")
checkins = STORE.checkins(limit=14)
if checkins.empty:
    st.info("No check-ins yet. A daily check-in takes ten seconds and shows trust returning.")
else:
    st.dataframe(
        checkins.drop(columns=["source"]),
        hide_index=True,
        placeholder="–",
        width="stretch",
        column_config={
            "date": st.column_config.DateColumn("Date", format="ddd D MMM YYYY"),
            "pain": "Pain",
            "stiffness": "Stiffness",
            "trust": "Trust",
            "walking_minutes": "Walking (min)",
            "flare": "Flare-up",
            "notes": "Notes",
        },
    )
    cols = st.columns([4, 1], vertical_alignment="bottom")
    day = cols[0].selectbox(
        "Choose a check-in", list(checkins["date"]), format_func=lambda d: f"{d:%a %d %b %Y}"
    )
    if cols[1].button("Delete check-in…", width="stretch"):
        st.session_state["confirm_checkin_delete"] = day
    if st.session_state.get("confirm_checkin_delete") == day:
        _confirm_delete(
            "confirm_checkin_delete",
            f"Delete the check-in of {day:%d %b %Y}?",
            ("Yes, delete check-in", "Keep check-in"),
            lambda: STORE.delete_checkin(day),
            "Check-in deleted.",
        )
