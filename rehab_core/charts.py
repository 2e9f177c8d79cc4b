"""Plotly figures for the Progress page, in one calm theme that stays readable on a phone.

Each builder takes the small frames of `rehab_core.progress` and returns a figure; none
reads the database. Loads arrive in kg and are drawn in the person's units.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .rules import LB_IN_KG, PROGRESS, ProgressRules

# Stages are places on a road, not verdicts: a calm grey-blue-teal scale, so green, amber
# and red keep meaning only how a dose was tolerated.
STAGE_COLOURS = {1: "#b8c4d2", 2: "#8fb3d1", 3: "#6a9fc4", 4: "#5b9e94", 5: "#2f7d6d"}
TOLERANCE_COLOURS = {
    "green": "#16a34a",
    "amber": "#f59e0b",
    "red": "#dc2626",
    "unrated": "#9ca3af",
}
INK = "#334155"
PAIN_CHECKIN = "#94a3b8"
PAIN_SESSION = "#f97316"
PAIN_AVERAGE = "#0f766e"
PRIMARY = "#2f7d6d"  # the app theme's primaryColor
PRIMARY_TINT = "rgba(47, 125, 109, 0.12)"
DATE_FORMAT = "%d %b"  # every date axis: "06 Sep"
LONG_DATE_FORMAT = "%b %Y"  # when the ticks are months apart: "Sep 2026"
FLARE = "#dc2626"
EXERCISE_COLOURS = ["#0f766e", "#14b8a6", "#5eead4", "#0369a1", "#38bdf8", "#7c3aed", "#c084fc"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
CALENDAR_SCALE = [
    [0.0, "#eef2f6"],
    [0.25, "#eef2f6"],
    [0.25, "#bbf7d0"],
    [0.5, "#bbf7d0"],
    [0.5, "#4ade80"],
    [0.75, "#4ade80"],
    [0.75, "#15803d"],
    [1.0, "#15803d"],
]

# Plotly's own toolbar: PNG export stays, the clutter goes.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "backtrack-progress"},
}


def _theme(fig: go.Figure, height: int = 320) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 8, "r": 8, "t": 36, "b": 8},
        legend={  # below the plot, in a row that wraps: never a column beside a phone's plot
            "orientation": "h",
            "yanchor": "top",
            "y": -0.16,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 12},
            "title": None,
        },
        font={"color": INK, "size": 13},
        hovermode="closest",
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
        bargap=0.2,
    )
    fig.update_xaxes(showgrid=False, automargin=True)
    fig.update_yaxes(gridcolor="#e2e8f0", zeroline=False, automargin=True)
    return fig


DAY_MS = 86_400_000
WEEK_BAR_MS = 5 * DAY_MS  # a weekly bar keeps its width even when it is the only one
MONDAY = "2024-01-01"  # day and week ticks fall on Mondays, month ticks on the 1st
# Tick steps to choose from, shortest first: (days apart, plotly dtick).
TICK_STEPS = (
    (1, DAY_MS),
    (2, 2 * DAY_MS),
    (7, 7 * DAY_MS),
    (14, 14 * DAY_MS),
    (21, 21 * DAY_MS),
    (30, "M1"),
    (61, "M2"),
    (91, "M3"),
    (182, "M6"),
    (365, "M12"),
)


def date_ticks(days: float, weekly: bool = False, rules: ProgressRules = PROGRESS) -> dict:
    """Tick settings of a date axis spanning `days`: at most `max_date_ticks` labels, never
    closer than a day (a week for weekly bars), in one format on every chart."""
    least = 7 if weekly else 1
    step, dtick = next(
        ((d, t) for d, t in TICK_STEPS if d >= least and days / d <= rules.max_date_ticks),
        TICK_STEPS[-1],
    )
    return {
        "type": "date",
        "dtick": dtick,
        "tick0": MONDAY,
        "tickformat": DATE_FORMAT if step < 365 else LONG_DATE_FORMAT,
        "ticklabelmode": "instant",
    }


def _date_axis(fig: go.Figure, start, end, weekly: bool = False) -> None:
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    fig.update_xaxes(range=[start, end], **date_ticks((end - start).days, weekly))


def _span_axis(fig: go.Figure, span: tuple | None, data_dates: pd.Series | None = None) -> None:
    # The chosen dates, edge to edge, however sparse the points (half a day's margin so
    # the first and last dots are whole).
    if span is None:
        if data_dates is None or not len(data_dates):
            return
        span = (data_dates.min(), data_dates.max())
    _date_axis(
        fig,
        pd.Timestamp(span[0]) - pd.Timedelta(hours=12),
        pd.Timestamp(span[1]) + pd.Timedelta(hours=12),
    )


def week_middle(weeks: pd.Series) -> pd.Series:
    """Where a week's bar or point is drawn: mid-week (Thursday), so each bar sits between
    the Monday ticks of its own week."""
    return pd.to_datetime(weeks) + pd.Timedelta(days=3)


def _week_axis(fig: go.Figure, span: tuple | None, weeks: pd.Series | None = None) -> None:
    # Bars a fixed 5 days wide; the axis runs from the span's first day (a partly shown
    # week is clipped, never drawn before the chosen dates) to the end of today's week.
    fig.update_traces(width=WEEK_BAR_MS, selector={"type": "bar"})
    if span is None:
        if weeks is None or not len(weeks):
            return
        span = (pd.to_datetime(weeks).min(), pd.to_datetime(weeks).max())
    first, last = pd.Timestamp(span[0]), pd.Timestamp(span[1])
    half = pd.Timedelta(WEEK_BAR_MS / 2, "ms")
    for bar in fig.select_traces(selector={"type": "bar"}):
        middle = pd.to_datetime(pd.Series(bar.x))
        left = (middle - half).clip(lower=first)
        if (left > middle - half).any():
            # A week partly before the span keeps only its part inside: a narrower bar
            # whose left edge is the span's first day, never drawn before the chosen dates.
            width = (middle + half - left).dt.total_seconds() * 1000
            width = width.where(width >= DAY_MS, 0)  # under a day would read as an axis line
            offset = (left - middle).dt.total_seconds() * 1000
            bar.update(width=width.tolist(), offset=offset.tolist())
    end = last - pd.Timedelta(days=last.weekday()) + pd.Timedelta(days=7)
    _date_axis(fig, first, end, weekly=True)


def _stage_bands(fig: go.Figure, periods: pd.DataFrame, span: tuple | None = None) -> None:
    if periods.empty:
        return
    if span is not None:
        span = max((pd.Timestamp(span[1]) - pd.Timestamp(span[0])).days, 1)
    else:
        span = max((periods["end"].max() - periods["start"].min()).days, 1)
    for stage, start, end in zip(periods["stage"], periods["start"], periods["end"], strict=True):
        # A band too narrow for its label stays unlabelled rather than overprinting a neighbour.
        wide = (end - start).days >= 0.08 * span
        label = {
            "annotation_text": f"Stage {int(stage)}",
            "annotation_position": "top left",
            "annotation_font": {"size": 10, "color": INK},
        }
        fig.add_vrect(
            x0=start,
            x1=end + pd.Timedelta(days=1),
            fillcolor=STAGE_COLOURS.get(int(stage), "#e2e8f0"),
            opacity=0.12,
            layer="below",
            line_width=0,
            **(label if wide else {}),
        )


def pain_figure(
    pain: pd.DataFrame,
    flares: pd.DataFrame,
    periods: pd.DataFrame,
    weekly: bool = False,
    span: tuple | None = None,
) -> go.Figure:
    """Check-in pain (dots), session pain during (dots), rolling average (line), flare
    events (red crosses; `flares` has date and pain), stage periods shaded behind."""
    fig = go.Figure()
    _stage_bands(fig, periods, span)
    what = "weekly mean" if weekly else "day"
    fig.add_scatter(
        x=pain["date"],
        y=pain["checkin_pain"],
        mode="markers",
        name="Check-in pain",
        marker={"color": PAIN_CHECKIN, "size": 6},
        hovertemplate=f"%{{x|%d %b %Y}}<br>Check-in pain ({what}): %{{y:.1f}}<extra></extra>",
    )
    fig.add_scatter(
        x=pain["date"],
        y=pain["session_pain"],
        mode="markers",
        name="Session pain",
        marker={"color": PAIN_SESSION, "size": 6, "symbol": "diamond"},
        hovertemplate=f"%{{x|%d %b %Y}}<br>Pain during session ({what}): %{{y:.1f}}<extra></extra>",
    )
    fig.add_scatter(
        x=pain["date"],
        y=pain["pain_average"],
        mode="lines",
        name="7-day average",
        line={"color": PAIN_AVERAGE, "width": 3, "shape": "spline", "smoothing": 0.6},
        connectgaps=True,
        hovertemplate="%{x|%d %b %Y}<br>7-day average: %{y:.1f}<extra></extra>",
    )
    if len(flares):
        fig.add_scatter(
            x=flares["date"],
            y=flares["pain"].fillna(10),
            mode="markers",
            name="Flare-up",
            text=flares.get("what", None),
            marker={"color": FLARE, "size": 12, "symbol": "x", "line": {"width": 1}},
            hovertemplate="%{x|%d %b %Y}<br>%{text}<extra></extra>",
        )
    fig.update_yaxes(range=[-0.3, 10.5], title="Pain (0–10)", dtick=2)
    _span_axis(fig, span, pain["date"])
    return _theme(fig)


def extension_figure(
    work: pd.DataFrame, best_hold: pd.DataFrame, span: tuple | None = None
) -> go.Figure:
    """Weekly time under tension stacked by exercise (minutes), best hold as a line (s)."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for i, exercise in enumerate(dict.fromkeys(work["exercise"])):
        rows = work[work["exercise"] == exercise]
        fig.add_bar(
            x=week_middle(rows["week"]),
            y=rows["seconds"] / 60,
            name=str(exercise),
            marker_color=EXERCISE_COLOURS[i % len(EXERCISE_COLOURS)],
            customdata=_week_labels(rows["week"]),
            hovertemplate="Week of %{customdata}<br>%{y:.1f} min under tension<extra>"
            + str(exercise)
            + "</extra>",
            secondary_y=False,
        )
    if len(best_hold):
        fig.add_scatter(
            x=week_middle(best_hold["week"]),
            y=best_hold["seconds"],
            name="Best hold (s)",
            mode="lines+markers",
            line={"color": INK, "width": 2},
            marker={"size": 6},
            customdata=_week_labels(best_hold["week"]),
            hovertemplate="Week of %{customdata}<br>Best hold: %{y:.0f} s<extra></extra>",
            secondary_y=True,
        )
    fig.update_layout(barmode="stack")
    _week_axis(fig, span, work["week"])
    fig.update_yaxes(title="Minutes under tension", secondary_y=False, rangemode="tozero")
    fig.update_yaxes(
        title="Best hold (s)",
        secondary_y=True,
        rangemode="tozero",
        showgrid=False,
        tickmode="auto",
        nticks=5,
        tickformat=".0f",
    )
    return _theme(fig, 340)


CALENDAR_STRETCH_WEEKS = 16  # from about four months on, the grid fills the page's width


def calendar_figure(calendar: pd.DataFrame) -> go.Figure:
    """A GitHub-style grid: a column per week, a row per weekday, darker = more logged."""
    shown = calendar.assign(
        level=calendar["kinds"].where(~calendar["outside"]),
        label=calendar["date"].dt.strftime("%a %d %b %Y")
        + "<br>"
        + calendar["sessions"].astype(int).astype(str)
        + " session(s)"
        + calendar["checkin"].map({True: ", check-in", False: ""})
        + calendar["walking_minutes"].round(0).astype(int).astype(str).radd(", walked ")
        + " min",
    )
    z = shown.pivot(index="weekday", columns="week", values="level").reindex(range(7))
    text = shown.pivot(index="weekday", columns="week", values="label").reindex(range(7))
    fig = go.Figure(
        go.Heatmap(
            z=z.to_numpy(dtype="float64"),
            x=z.columns,
            y=WEEKDAYS,
            text=text.to_numpy(),
            hovertemplate="%{text}<extra></extra>",
            colorscale=CALENDAR_SCALE,
            zmin=0,
            zmax=3,
            xgap=3,
            ygap=3,
            showscale=False,
        )
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, tickfont={"size": 11})
    weeks = pd.to_datetime(pd.Series(z.columns))
    if len(weeks):
        days = (weeks.max() - weeks.min()).days + 7
        fig.update_xaxes(**date_ticks(days, weekly=True))
    fig.update_xaxes(showgrid=False, ticks="")
    fig = _theme(fig, 250)
    fig.update_layout(margin={"t": 8})
    if len(z.columns) < CALENDAR_STRETCH_WEEKS:  # a few weeks: near-square days, not bars
        fig.update_layout(width=max(300, 64 + 44 * len(z.columns)))
    return fig


def timeline_figure(timeline: pd.DataFrame, span: tuple | None = None) -> go.Figure:
    """One horizontal band per stage period."""
    frame = timeline.assign(
        label=timeline["stage"].astype(int).map(lambda s: f"Stage {s}"),
        days=(timeline["end"] - timeline["start"]).dt.days + 1,
        finish=timeline["end"] + pd.Timedelta(days=1),
    )
    fig = px.timeline(
        frame,
        x_start="start",
        x_end="finish",
        y="label",
        color="label",
        color_discrete_map={f"Stage {s}": c for s, c in STAGE_COLOURS.items()},
        hover_data={"name": True, "days": True, "label": False, "finish": False},
        category_orders={"label": [f"Stage {s}" for s in range(1, 6)]},
    )
    fig.update_layout(showlegend=False)
    fig.update_yaxes(title=None)
    fig.update_xaxes(title=None)
    if span is None:
        span = (frame["start"].min(), frame["end"].max())
    _span_axis(fig, span)
    fig.update_traces(marker_line_width=0)
    fig = _theme(fig, 60 + 36 * max(1, frame["label"].nunique()))
    fig.update_layout(margin={"t": 8})
    return fig


def response_figure(doses: pd.DataFrame, dose: str, units: str = "kg") -> go.Figure:
    """Each rated session: its dose (x) against pain during (y), coloured by tolerance."""
    rated = doses[doses["pain_during"].notna()]
    scale = LB_IN_KG if units == "lb" else 1.0
    x = rated["extension_volume_kg"] / scale if dose == "volume" else rated["extension_seconds"]
    x_title = (
        f"Extension volume ({units} × reps)"
        if dose == "volume"
        else "Extension work (s under tension)"
    )
    fig = go.Figure()
    for tolerance, colour in TOLERANCE_COLOURS.items():
        pick = (rated["tolerance"] == tolerance).to_numpy()
        if not pick.any():
            continue
        rows = rated[pick]
        fig.add_scatter(
            x=x[pick],
            y=rows["pain_during"],
            mode="markers",
            name=tolerance.capitalize(),
            marker={"color": colour, "size": 10, "opacity": 0.65, "line": {"width": 0}},
            customdata=rows[["pain_before", "pain_next_morning"]].to_numpy(),
            text=rows["date"].dt.strftime("%d %b %Y"),
            hovertemplate="%{text}<br>Dose: %{x:.0f}<br>Pain before %{customdata[0]}, during "
            "%{y}, next morning %{customdata[1]}<extra></extra>",
        )
    fig.update_xaxes(title=x_title, rangemode="tozero", showgrid=True, gridcolor="#e2e8f0")
    fig.update_yaxes(title="Pain during (0–10)", range=[-0.5, 10.5], dtick=2)
    fig.update_layout(showlegend=True)  # the colours need their key even when all are green
    fig = _theme(fig)
    fig.update_layout(legend={"y": -0.3})  # below the axis title
    return fig


def walking_figure(walking: pd.DataFrame, goal: float, span: tuple | None = None) -> go.Figure:
    """Average walking minutes per day of each week, against the daily goal."""
    met = walking["minutes_per_day"] >= goal
    fig = go.Figure(
        go.Bar(
            x=week_middle(walking["week"]),
            y=walking["minutes_per_day"],
            marker_color=met.map({True: PRIMARY, False: "#9cc8bf"}).tolist(),
            customdata=list(
                zip(_week_labels(walking["week"]), walking["walking_minutes"], strict=True)
            ),
            hovertemplate="Week of %{customdata[0]}<br>%{y:.0f} min a day (%{customdata[1]:.0f} "
            "in the week)<extra></extra>",
            name="Walking",
        )
    )
    fig.add_hline(y=goal, line={"color": INK, "dash": "dash", "width": 1.5})
    # The label sits at the right end, above the line and clear of the bars' tops.
    top = max(goal * 1.35, float(walking["minutes_per_day"].max() or 0) * 1.1)
    fig.add_annotation(
        x=1,
        xref="paper",
        xanchor="right",
        y=goal,
        yanchor="bottom",
        yshift=3,
        text=f"goal {goal:g} min/day",
        showarrow=False,
        font={"size": 11, "color": INK},
        bgcolor="rgba(255,255,255,0.9)",
        borderpad=2,
    )
    fig.update_yaxes(title="Minutes a day", range=[0, top])
    fig.update_layout(showlegend=False)
    _week_axis(fig, span, walking["week"])
    return _theme(fig, 280)


def muscle_feel_figure(walking: pd.DataFrame, span: tuple | None = None) -> go.Figure:
    """Share of each week's rated sessions with a clear muscle feel."""
    rated = walking[walking["rated_sessions"] > 0]
    # A line over a soft teal area: a steady 100 % reads as a calm plateau, a dip as a dip.
    fig = go.Figure(
        go.Scatter(
            x=week_middle(rated["week"]),
            y=rated["clear_share"] * 100,
            mode="lines+markers",
            line={"color": PRIMARY, "width": 2.5},
            marker={"color": PRIMARY, "size": 8},
            fill="tozeroy",
            fillcolor=PRIMARY_TINT,
            customdata=list(
                zip(
                    _week_labels(rated["week"]),
                    rated["clear_sessions"],
                    rated["rated_sessions"],
                    strict=True,
                )
            ),
            hovertemplate="Week of %{customdata[0]}<br>%{customdata[1]} of %{customdata[2]} "
            "sessions with a clear feel<extra></extra>",
            name="Clear muscle feel",
        )
    )
    fig.update_yaxes(title="Sessions with a clear feel", range=[0, 108], ticksuffix="%", dtick=25)
    fig.update_layout(showlegend=False)
    _week_axis(fig, span, rated["week"])
    return _theme(fig, 280)


def outcomes_figure(scores: pd.DataFrame, span: tuple | None = None) -> go.Figure:
    """Outcome scores over time, one panel per measure, the band of no meaningful change
    around the first score shaded (columns: date, measure, score, mcid, first, scale_max)."""
    measures = list(dict.fromkeys(scores["measure"]))
    titles = [m[:1].upper() + m[1:] for m in measures]
    fig = make_subplots(
        rows=len(measures), cols=1, shared_xaxes=True, subplot_titles=titles, vertical_spacing=0.12
    )
    for row, measure in enumerate(measures, start=1):
        rows = scores[scores["measure"] == measure].sort_values("date")
        first, change = float(rows["first"].iloc[0]), float(rows["mcid"].iloc[0])
        top = float(rows["scale_max"].iloc[0])
        fig.add_shape(
            type="rect",
            xref="x domain" if row == 1 else f"x{row} domain",
            yref="y" if row == 1 else f"y{row}",
            x0=0,
            x1=1,
            y0=max(0.0, first - change),
            y1=min(top, first + change),
            fillcolor="#94a3b8",
            opacity=0.25,
            line_width=0,
            layer="below",
        )
        fig.update_yaxes(range=[-0.5, top + 0.5], row=row, col=1)
        fig.add_scatter(
            x=rows["date"],
            y=rows["score"],
            mode="lines+markers",
            name=measure,
            line={"color": PAIN_AVERAGE},
            hovertemplate="%{x|%d %b %Y}<br>%{y:.1f}<extra>" + measure + "</extra>",
            row=row,
            col=1,
        )
    fig.update_layout(showlegend=False)
    _span_axis(fig, span, scores["date"])
    return _theme(fig, 200 * len(measures) + 40)


def _week_labels(weeks: pd.Series) -> list[str]:
    return pd.to_datetime(weeks).dt.strftime("%d %b").tolist()
