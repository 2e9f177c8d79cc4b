"""Plotly figures for the Progress page, in one calm theme that stays readable on a phone.

Each builder takes the small frames of `rehab_core.progress` and returns a figure; none
reads the database. Loads arrive in kg and are drawn in the person's units.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .rules import LB_IN_KG

STAGE_COLOURS = {1: "#60a5fa", 2: "#34d399", 3: "#fbbf24", 4: "#fb923c", 5: "#a78bfa"}
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
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
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
WEEK_BAR_MS = 5.5 * DAY_MS  # a weekly bar keeps its width even when it is the only one


def _span_axis(fig: go.Figure, span: tuple | None) -> None:
    if span is not None:  # the chosen dates, edge to edge, however sparse the points
        fig.update_xaxes(
            range=[
                pd.Timestamp(span[0]) - pd.Timedelta(days=1),
                pd.Timestamp(span[1]) + pd.Timedelta(days=2),
            ]
        )


def _week_axis(fig: go.Figure, span: tuple | None) -> None:
    # Weekly bars are centred on their Monday; the axis covers the weeks of the span.
    fig.update_traces(width=WEEK_BAR_MS, selector={"type": "bar"})
    if span is not None:
        first = pd.Timestamp(span[0])
        monday = first - pd.Timedelta(days=first.weekday())
        last = pd.Timestamp(span[1])
        last_monday = last - pd.Timedelta(days=last.weekday())
        fig.update_xaxes(range=[monday - pd.Timedelta(days=4), last_monday + pd.Timedelta(days=4)])


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
        name="Pain during sessions",
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
    _span_axis(fig, span)
    return _theme(fig)


def extension_figure(
    work: pd.DataFrame, best_hold: pd.DataFrame, span: tuple | None = None
) -> go.Figure:
    """Weekly time under tension stacked by exercise (minutes), best hold as a line (s)."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for i, exercise in enumerate(dict.fromkeys(work["exercise"])):
        rows = work[work["exercise"] == exercise]
        fig.add_bar(
            x=rows["week"],
            y=rows["seconds"] / 60,
            name=str(exercise),
            marker_color=EXERCISE_COLOURS[i % len(EXERCISE_COLOURS)],
            hovertemplate="Week of %{x|%d %b}<br>%{y:.1f} min under tension<extra>"
            + str(exercise)
            + "</extra>",
            secondary_y=False,
        )
    if len(best_hold):
        fig.add_scatter(
            x=best_hold["week"],
            y=best_hold["seconds"],
            name="Best hold (s)",
            mode="lines+markers",
            line={"color": INK, "width": 2},
            marker={"size": 5},
            hovertemplate="Week of %{x|%d %b}<br>Best hold: %{y:.0f} s<extra></extra>",
            secondary_y=True,
        )
    fig.update_layout(barmode="stack")
    _week_axis(fig, span)
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
    fig.update_xaxes(tickformat="%d %b", showgrid=False, ticks="")
    fig = _theme(fig, 250)
    fig.update_layout(margin={"t": 8})
    return fig


def timeline_figure(timeline: pd.DataFrame) -> go.Figure:
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
    fig.update_xaxes(title=None, type="date")
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
    return _theme(fig)


def walking_figure(walking: pd.DataFrame, goal: float, span: tuple | None = None) -> go.Figure:
    """Average walking minutes per day of each week, against the daily goal."""
    met = walking["minutes_per_day"] >= goal
    fig = go.Figure(
        go.Bar(
            x=walking["week"],
            y=walking["minutes_per_day"],
            marker_color=met.map({True: "#0f766e", False: "#99c9c3"}).tolist(),
            customdata=walking[["walking_minutes"]].to_numpy(),
            hovertemplate="Week of %{x|%d %b}<br>%{y:.0f} min a day (%{customdata[0]:.0f} in "
            "the week)<extra></extra>",
            name="Walking",
        )
    )
    fig.add_hline(
        y=goal,
        line={"color": INK, "dash": "dash", "width": 1.5},
        annotation_text=f"goal {goal:g} min/day",
        annotation_position="top left",
        annotation_font={"size": 11},
        annotation_bgcolor="rgba(255,255,255,0.85)",
    )
    fig.update_yaxes(title="Minutes a day", rangemode="tozero")
    fig.update_layout(showlegend=False)
    _week_axis(fig, span)
    return _theme(fig, 280)


def muscle_feel_figure(walking: pd.DataFrame, span: tuple | None = None) -> go.Figure:
    """Share of each week's rated sessions with a clear muscle feel."""
    rated = walking[walking["rated_sessions"] > 0]
    fig = go.Figure(
        go.Bar(
            x=rated["week"],
            y=rated["clear_share"] * 100,
            marker_color="#7c3aed",
            customdata=rated[["clear_sessions", "rated_sessions"]].to_numpy(),
            hovertemplate="Week of %{x|%d %b}<br>%{customdata[0]} of %{customdata[1]} sessions "
            "with a clear feel<extra></extra>",
            name="Clear muscle feel",
        )
    )
    fig.update_yaxes(title="Sessions with a clear feel (%)", range=[0, 105], ticksuffix="%")
    fig.update_layout(showlegend=False)
    _week_axis(fig, span)
    return _theme(fig, 280)


def outcomes_figure(scores: pd.DataFrame) -> go.Figure:
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
    return _theme(fig, 200 * len(measures) + 40)
