"""Plan: where you are on the five-stage road, what opens the next stage, and the next session."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from pages._safety import red_flag_plan_block
from pages._ui import page_link, store, to_display_load
from rehab_core import planner, stages
from rehab_core.measures import activity_days
from rehab_core.rules import STAGE_RULES

LOG_PAGE = "pages/log.py"
WATERING_DAYS = STAGE_RULES.s2_min_program_days
BANNERS = {
    "flare": (st.warning, ":material/healing:"),
    "deload": (st.info, ":material/spa:"),
    "step_back": (st.info, ":material/undo:"),
    "welcome_back": (st.info, ":material/waving_hand:"),
    "advance": (st.success, ":material/celebration:"),
}
# Icons (not emoji) so the grid draws the same on every device.
SQUARE_WATERED = ":green[:material/check_box:]"
SQUARE_MISSED = ":gray[:material/check_box_outline_blank:]"
# A faint dot (half-transparent grey reads on light and dark themes): a day still open.
SQUARE_AHEAD = ':color[:material/fiber_manual_record:]{foreground="rgba(128,128,128,0.5)"}'
DAY_KINDS = {
    planner.SESSION: (":material/fitness_center:", "Session"),
    planner.WALK: (":material/directions_walk:", "Walk only"),
    planner.REST: (":material/bedtime:", "Rest"),
}


@st.cache_data(show_spinner=False, max_entries=16)
def _plan(path: str, instance: int, user_id: str, version: int, today: dt.date, _store):
    # Keyed on the database (a sandbox's ":memory:" path is not unique, its instance is) and
    # its data version: any committed write replays the history afresh.
    history = _store.history()
    status = stages.assess(history, today)
    watered = (
        activity_days(history, status.program_start, WATERING_DAYS) if status.program_start else []
    )
    return (
        status,
        planner.next_session(history, today, status),
        planner.week_plan(history, today, status),
        watered,
        len(history.sessions) + len(history.checkins) == 0,
        history.profile.units,
    )


def _amount(exercise: planner.PrescribedExercise, units: str) -> str:
    if exercise.seconds is not None and exercise.seconds >= 120:
        return f"{exercise.seconds / 60:g} min"
    parts = []
    if exercise.reps is not None:
        parts.append(f"{exercise.sets} × {exercise.reps} reps")
    if exercise.seconds is not None:
        parts.append(f"{exercise.sets} × {exercise.seconds:g} s")
    if exercise.load_kg:
        parts.append(f"{to_display_load(exercise.load_kg, units):g} {units}")
    return " at ".join(parts)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _first_steps() -> None:
    with st.container(border=True):
        st.markdown("**Welcome. Here is how to start.**")
        st.markdown(
            "1. Log your first session below: a few short, gentle back-extension holds and a walk.\n"
            "2. Rate your pain before and during it, and tomorrow morning: that is how the plan "
            "knows when to move on.\n"
            "3. Add a daily check-in when you can (pain, trust in your back, minutes walked).\n"
            "4. Coming from another tracker? Import your history, or set your start date and "
            "starting stage in Settings."
        )
        page_link("pages/data.py", "Import your history", ":material/swap_vert:")
        page_link("pages/settings.py", "Set your start date and stage", ":material/settings:")


def _roadmap(status: stages.StageStatus) -> None:
    columns = st.columns(len(stages.STAGE_NAMES))
    for column, (number, name) in zip(columns, stages.STAGE_NAMES.items(), strict=True):
        if number < status.stage:
            column.markdown(f":material/check_circle: {number}. {name}")
        elif number == status.stage:
            column.markdown(f":green-background[**:material/location_on: {number}. {name}**]")
        else:
            column.markdown(f":gray[{number}. {name}]")


def _stage_card(status: stages.StageStatus) -> None:
    with st.container(border=True):
        _roadmap(status)
        st.subheader(f"Stage {status.stage}: {status.stage_name}")
        info = stages.STAGE_INFO[status.stage]
        since = f"since {status.stage_started:%d %B %Y}"
        week = f", week {status.week} of your program" if status.week else ""
        # Whole days, counted as the gate counts them ("3 of 14 days in this stage").
        days = status.days_in_stage
        in_stage = "Your first day in this stage" if days == 0 else f"{_days(days)} in this stage"
        st.caption(f"{in_stage} ({since}){week}. {info.goal}")
        if not status.gates:
            weeks = status.days_in_stage // 7
            st.markdown(
                f"You have been in the last stage for {weeks} weeks. There is no further gate: "
                "keep your two sessions a week, and the slow tissues keep adapting."
            )
            return
        st.markdown(
            f"**To reach stage {status.stage + 1}, {status.next_stage_name}:** "
            f"{status.gates_met} of {len(status.gates)} criteria met"
        )
        for gate in status.gates:
            mark = ":material/check_circle:" if gate.met else ":material/radio_button_unchecked:"
            st.progress(gate.progress, text=f"{mark} {gate.text}")
            if gate.hint:
                st.caption(gate.hint)
        if status.deload:
            st.caption("The gate waits during an easier week; the criteria still count.")


def _inside(status: stages.StageStatus) -> None:
    info = stages.STAGE_INFO[status.stage]
    st.subheader("What is happening inside")
    st.write(info.inside)
    st.caption(f"Usual time frame: {info.time_frame}.")


def _watering(status: stages.StageStatus, watered: list[bool], today: dt.date) -> None:
    if not status.program_start or not watered:
        return
    st.subheader("Watering the plant")
    done = sum(watered)
    day = (today - status.program_start).days
    if day < WATERING_DAYS:
        st.caption(
            f"Week {day // 7 + 1} of 6. Every filled square is a day you showed up. "
            "Little may look different yet: roots grow before leaves."
        )
    else:
        st.caption(f"The first six weeks are behind you: {done} of {WATERING_DAYS} days watered.")
    lines = []
    for week in range(WATERING_DAYS // 7):
        squares = []
        for offset in range(7):
            index = week * 7 + offset
            if index > day or (index == day and not watered[index]):  # today is still open
                squares.append(SQUARE_AHEAD)
            else:
                squares.append(SQUARE_WATERED if watered[index] else SQUARE_MISSED)
        lines.append(f"Week {week + 1} &nbsp; {' '.join(squares)}")
    st.markdown("  \n".join(lines))
    legend = "Ticked: a session or a check-in that day. Empty: nothing logged."
    st.caption(legend + (" Dot: today or a day still ahead." if day < WATERING_DAYS else ""))


def _next_session(prescription: planner.Prescription, units: str) -> None:
    when = "Today" if prescription.date == dt.date.today() else f"{prescription.date:%A %d %B}"
    st.subheader(f"Next session: {when}")
    # One short block per exercise, the reason as a caption under it: it wraps on a phone.
    with st.container(border=True, key="next_session"):
        for exercise in prescription.exercises:
            dose = f"**{exercise.exercise}** · {_amount(exercise, units)}"
            st.markdown(f"{dose}  \n:small[:gray[{exercise.why}]]")
    for note in prescription.notes:
        st.caption(note)
    if st.button("Log this session", icon=":material/edit_note:", type="primary", key="log_plan"):
        st.session_state["prefill_sets"] = prescription.prefill_sets()
        st.switch_page(LOG_PAGE)


def _week(week: tuple[planner.PlanDay, ...], today: dt.date) -> None:
    # One line a day: compact on a phone, where columns would stack into tall blocks.
    st.subheader("The week ahead")
    lines = []
    for day in week:
        icon, label = DAY_KINDS[day.kind]
        when = " (today)" if day.date == today else ""
        lines.append(f"**{day.date:%a %d}**{when} · {icon} {label}")
    st.markdown("  \n".join(lines))


st.title("Plan")
me = store()
if red_flag_plan_block(me):  # an uncleared red flag: no progression, point to care
    st.stop()
today = dt.date.today()
status, prescription, week, watered, empty, units = _plan(
    me.db.path, id(me.db), me.user_id, me.db.data_version, today, me
)

# Safety blocks that stop progression go here, before anything that suggests a next step.

if empty:
    _first_steps()
for message in status.messages:
    show, icon = BANNERS.get(message.kind, (st.info, None))
    show(message.text, icon=icon)

_stage_card(status)
_inside(status)
_watering(status, watered, today)
_next_session(prescription, units)
_week(week, today)
