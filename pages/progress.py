"""Progress: see healing happen, even when it is slow."""

import datetime as dt

import streamlit as st

from pages._ui import database, page_link, store
from rehab_core import charts, progress
from rehab_core.rules import PROGRESS

TILE_WIDTH = 160  # px: four tiles a row on a desktop, two side by side on a 390 px phone


# Both caches are keyed on the database's data version: any committed write makes them fresh.
# The dashboard is a resource (shared, never copied): the page only reads its frames.
@st.cache_data(show_spinner=False, max_entries=16)
def _status(path: str, db_id: int, user_id: str, version: int, today: dt.date, _store):
    return progress.stage_status(_store, today)  # the slow part, the same for every range


@st.cache_resource(show_spinner=False, max_entries=32)
def _cached(path: str, db_id: int, user_id: str, version: int, name: str, today: dt.date, _store):
    status = _status(path, db_id, user_id, version, today, _store)
    return progress.dashboard(_store, name, today, status=status)


def _dashboard(db, me, range_name: str, today: dt.date):
    if db.path == ":memory:":  # a private sandbox: small, and never shared through a cache
        return progress.dashboard(me, range_name, today)
    return _cached(db.path, id(db), me.user_id, db.data_version, range_name, today, me)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes, rest = divmod(round(seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" if not rest else f"{minutes}m {rest:02d}s"


def _gain(now: float | None, before: float | None) -> str | None:
    # Only growth is worth a delta: a best can never fall, and "no change" needs no arrow.
    gained = (now or 0) - (before or 0)
    return f"+{_duration(gained)} in 4 wk" if gained > 0 else None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _tile(row, label, value, delta=None, **options) -> None:
    # Fixed-width tiles wrap: four a row on a desktop, two on a phone.
    row.metric(label, value, delta, border=True, width=TILE_WIDTH, **options)


downloads: list[tuple[str, object, str]] = []  # offered together at the open tab's end


# Figures too are cached per data version: building eight plotly figures costs more than
# reading the history, and they change only when the data (or the chosen range) does.
@st.cache_resource(show_spinner=False, max_entries=64)
def _figure(path, db_id, user_id, version, range_name, today, key, variant, _build):
    return _build()


def _chart(build, data, title: str, key: str, variant: str = "") -> None:
    """Draw a cached figure; `data` builds the chart's table, only if its CSV is asked for."""
    if db.path == ":memory:":  # a private sandbox: never shared through a cache
        fig = build()
    else:
        fig = _figure(
            db.path, id(db), me.user_id, db.data_version, range_name, today, key, variant, build
        )
    width = "content" if fig.layout.width else "stretch"  # a figure may ask for its width
    st.plotly_chart(fig, config=charts.PLOTLY_CONFIG, key=f"chart_{key}", width=width)
    downloads.append((title, data, key))


def _downloads(range_name: str) -> None:
    if not downloads:
        return
    with st.expander("Download this data (CSV)", icon=":material/download:"):
        for title, data, key in downloads:
            st.download_button(
                title,
                lambda data=data: progress.chart_csv(data()),  # built on click, not each run
                file_name=f"backtrack-{key}-{range_name.replace(' ', '-').lower()}.csv",
                mime="text/csv",
                key=f"csv_{key}",
                on_click="ignore",
                icon=":material/download:",
                type="tertiary",
            )


st.title("Progress")
db = database()
me = store()
today = dt.date.today()

if not any(me.counts().get(k) for k in ("sessions", "checkins")):
    st.info(
        "Nothing logged yet, so there is nothing to draw. Open **Log** and record today's "
        "check-in (pain, stiffness, trust, minutes walked) and your first session with its "
        "pain before, during and after. Your charts grow from there, a day at a time.",
        icon=":material/eco:",
    )
    page_link("pages/log.py", "Log today's check-in", ":material/edit_note:")
    st.stop()

labels = [name for name, _ in PROGRESS.ranges]
range_name = st.segmented_control(
    "Show", labels, default=PROGRESS.default_range, required=True, key="progress_range"
)
range_name = range_name or PROGRESS.default_range
board = _dashboard(db, me, range_name, today)
head, window = board.headline, board.window

if head.deload or head.flare:
    st.info(
        "A flare-up happened recently, so this is an easier week. Dips like this are part "
        "of healing; the lines below show the longer road.",
        icon=":material/spa:",
    )

# -- headline ---------------------------------------------------------------------------
# The four numbers that answer "how am I doing?" first; the rest one tap away, so a phone
# reaches the first chart after two rows of tiles.
tiles = st.container(horizontal=True, gap="small")
_tile(
    tiles,
    "Current stage",
    f"Stage {head.stage}",
    f"{_plural(head.days_in_stage or 0, 'day')} in it",
    delta_color="off",
    delta_arrow="off",
    help=head.stage_name,
)
young = head.sessions_days < PROGRESS.sessions_window_days
if head.sessions_28d >= head.sessions_target:
    on_plan = "on track so far" if young else "on target"
elif young:
    on_plan = f"in your first {_plural(head.sessions_days, 'day')}"
else:
    on_plan = f"{head.sessions_target - head.sessions_28d} to go"
_tile(
    tiles,
    "Sessions, 4 wk",
    f"{head.sessions_28d} / {head.sessions_target}",
    on_plan,
    delta_color="off",
    delta_arrow="off",
    help="Sessions logged in the last 4 weeks, against your stage's plan (counted from "
    "your program's start while it is younger than 4 weeks).",
)
pain_delta = (
    round(head.pain_recent - head.pain_earlier, 1)
    if head.pain_recent is not None and head.pain_earlier is not None
    else None
)
_tile(
    tiles,
    "Pain (7-day avg)",
    "—" if head.pain_recent is None else f"{head.pain_recent:.1f}",
    f"{pain_delta:+.1f} vs 4 wk ago" if pain_delta else None,  # no change needs no chip
    delta_color="inverse",
    help="Mean check-in pain over the last 7 days (0–10); the change is against the same "
    "7 days four weeks earlier. Log a daily check-in to see it.",
)
_tile(
    tiles,
    "Best hold",
    _duration(head.best_hold),
    _gain(head.best_hold, head.best_hold_before),
    delta_color="normal",
    help="Your longest single extension hold (warm-ups excluded); the change is what the "
    "last 4 weeks added.",
)
with st.expander("More numbers: program week, streak, totals", icon=":material/more_horiz:"):
    more = st.container(horizontal=True, gap="small")
    _tile(more, "Program week", head.week, help="Weeks since your program started.")
    _tile(
        more,
        "Best session work",
        _duration(head.best_work),
        _gain(head.best_work, head.best_work_before),
        help="Most time under tension in extension sets in one session (a rep counts "
        f"{progress.STAGE_RULES.rep_seconds:g} s).",
    )
    _tile(
        more,
        "Streak (weeks)",
        head.streak,
        help=f"Weeks in a row with at least {head.streak_target} sessions, your stage's plan. "
        "The current week only ever adds to it.",
    )
    _tile(
        more,
        "Sessions logged",
        board.counts.get("sessions", 0),
        _plural(board.counts.get("checkins", 0), "check-in"),
        delta_color="off",
        delta_arrow="off",
    )

weekly = window.bucket == "week"
span = progress.drawn_span(window, board.first_logged)
week_span = progress.drawn_span(window, board.first_logged, weekly=True)
dates = f"{span[0]:%d %b %Y} – {span[1]:%d %b %Y}"
young_history = span[0] > window.start
st.caption(
    f"Charts show {dates}"
    + (", from just before your first log" if young_history else "")
    + (", as weekly means" if weekly else "")
    + "."
)

# -- the charts, a tab at a time ---------------------------------------------------------
# Only the open tab's charts are built and sent: the page stays quick with years of history
# and a phone scrolls through one topic, not eight charts. The tab is in the URL
# (?view=Exercise), so a view can be bookmarked or shared.
TABS = ("Pain", "Exercise", "Habits", "Stages", "Outcomes")
pain_tab, exercise_tab, habits_tab, stages_tab, outcomes_tab = st.tabs(
    TABS, key="view", bind="query-params"
)


def _pain() -> None:
    st.subheader("Pain over time")
    if board.pain.empty:
        st.info(
            "Log a daily check-in with your pain (0–10), and rate pain during your sessions: "
            "this chart draws both, with a 7-day average line.",
            icon=":material/show_chart:",
        )
        return
    st.caption(
        "Grey dots: check-in pain; orange: pain during sessions; the line is the 7-day "
        "average of check-ins. Red crosses mark flare-ups; shaded bands are your stages."
    )
    if board.pain["checkin_pain"].count() < 3:
        st.caption("Only a few check-ins so far: the average line steadies as you log more days.")

    def build():
        red = board.doses[board.doses["tolerance"] == "red"]
        flares = progress.flare_events(board.flares, red)
        return charts.pain_figure(board.pain, flares, board.periods, weekly=weekly, span=span)

    _chart(
        build,
        lambda: board.pain,
        "Pain over time",
        "pain",
    )


def _exercise() -> None:
    st.subheader("Extension work per week")
    if board.extension.empty:
        st.info(
            "Log extension exercises (prone holds, bird dogs, 45° back extensions) with their "
            "seconds or reps: this chart stacks their time under tension per week and draws "
            "your best hold.",
            icon=":material/fitness_center:",
        )
    else:
        st.caption("Minutes under tension per week by exercise (bars) and your best hold (line).")
        _chart(
            lambda: charts.extension_figure(board.extension, board.best_hold, week_span),
            lambda: progress.extension_table(board.extension, board.best_hold),
            "Extension work per week",
            "extension",
        )

    st.subheader("Which doses your back tolerates")
    rated = board.doses[board.doses["pain_during"].notna()]
    if rated.empty:
        st.info(
            "Rate pain before, during and the next morning when you log a session: each rated "
            "session becomes a dot here, coloured green, amber or red by how your back took it.",
            icon=":material/scatter_plot:",
        )
        return
    dose = "seconds"
    if (rated["extension_volume_kg"] > 0).any():
        dose = st.segmented_control(
            "Dose",
            ["seconds", "volume"],
            default="seconds",
            required=True,
            format_func={"seconds": "Time under tension", "volume": "Load × reps"}.get,
            key="progress_dose",
        )
    dose = dose or "seconds"
    unrated = len(board.doses) - len(rated)
    st.caption(
        "Each dot is a session: its extension dose against pain during it. "
        + "Green: well tolerated; amber: watch it; red: too much for now. "
        + (f"{unrated} unrated session(s) are left out. " if unrated else "")
        + (
            f"Only your latest {PROGRESS.max_points} sessions are drawn."
            if len(board.doses) >= PROGRESS.max_points
            else ""
        )
    )
    _chart(
        lambda: charts.response_figure(rated, dose, board.units),
        lambda: progress.in_units(rated, board.units),
        "Which doses your back tolerates",
        "response",
        variant=dose,
    )


def _habits() -> None:
    st.subheader("Consistency")
    st.caption(
        f"Each square is a day (up to the last {PROGRESS.calendar_weeks} weeks): the greener, "
        "the more of session, check-in and walk you logged that day."
    )
    _chart(
        lambda: charts.calendar_figure(board.calendar),
        lambda: board.calendar,
        "Consistency",
        "calendar",
    )
    left, right = st.columns(2)
    with left:
        st.subheader("Walking")
        if not (board.walking["walking_minutes"] > 0).any():
            st.info(
                "Log minutes walked in your daily check-in (or a Walking set): this chart "
                f"shows each week's daily average against the "
                f"{progress.WALKING_GOAL_MIN_PER_DAY:g} min/day goal.",
                icon=":material/directions_walk:",
            )
        else:
            st.caption(
                f"Average minutes a day per week; the dashed line is "
                f"{progress.WALKING_GOAL_MIN_PER_DAY:g} min/day."
            )
            _chart(
                lambda: charts.walking_figure(
                    board.walking, progress.WALKING_GOAL_MIN_PER_DAY, week_span
                ),
                lambda: board.walking[["week", "days", "walking_minutes", "minutes_per_day"]],
                "Walking",
                "walking",
            )
    with right:
        st.subheader("Mind-muscle connection")
        if not (board.walking["rated_sessions"] > 0).any():
            st.info(
                "Rate the muscle feel of a session (0 none … 3 strong with fatigue): this chart "
                "shows how often each week you clearly felt the back muscles work.",
                icon=":material/neurology:",
            )
            return
        rated_weeks = board.walking[board.walking["rated_sessions"] > 0]
        clear, rated_total = (
            rated_weeks["clear_sessions"].sum(),
            rated_weeks["rated_sessions"].sum(),
        )
        st.caption(
            "Share of each week's sessions with a clear muscle feel (2–3): "
            f"{clear} of {_plural(int(rated_total), 'rated session')} in these dates."
        )
        _chart(
            lambda: charts.muscle_feel_figure(board.walking, week_span),
            lambda: board.walking[["week", "rated_sessions", "clear_sessions", "clear_share"]],
            "Mind-muscle connection",
            "muscle-feel",
        )


def _stages() -> None:
    st.subheader("Stage timeline")
    if board.periods.empty:
        st.info("Log your first session and your stage timeline starts.", icon=":material/route:")
        return
    st.caption(
        "Your stages in these dates (pick **All** for the whole road). Slow is normal: "
        "tissues adapt over months."
    )
    _chart(
        lambda: charts.timeline_figure(board.periods, span),
        lambda: board.periods,
        "Stage timeline",
        "stages",
    )


def _outcomes() -> None:
    st.subheader("Outcome scores")
    questionnaires = (
        "Fill in the questionnaires on the **Outcomes** page (Roland-Morris, "
        "Patient-Specific Functional Scale) every two weeks"
    )
    if board.outcomes.empty:
        st.info(
            f"{questionnaires}, and log daily check-ins with your pain: your scores appear "
            "here, with the band of change too small to matter.",
            icon=":material/checklist:",
        )
        return
    st.caption(
        "The grey band around your first score is the change too small to matter; a score "
        "outside it is a change you can trust. Roland-Morris and pain: lower is better; "
        "activity scores: higher is better."
    )
    if board.outcomes["measure"].nunique() < 3:
        st.caption(f"{questionnaires} to see them here too.")
    _chart(
        lambda: charts.outcomes_figure(board.outcomes, span),
        lambda: board.outcomes,
        "Outcome scores",
        "outcomes",
    )


for tab, draw in (
    (pain_tab, _pain),
    (exercise_tab, _exercise),
    (habits_tab, _habits),
    (stages_tab, _stages),
    (outcomes_tab, _outcomes),
):
    if tab.open:
        with tab:
            draw()
            _downloads(range_name)
