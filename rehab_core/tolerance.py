"""How well a session was tolerated: the traffic light of the pain-monitoring model.

Pain during exercise is acceptable up to 5/10 when it has settled by the next morning.
A session without a "during" rating (an import from a gym app, say) is "unrated": it
counts for consistency but never as evidence that the back tolerated the load.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .rules import TOLERANCE, ToleranceRules

GREEN, AMBER, RED, UNRATED = "green", "amber", "red", "unrated"
LIGHTS = (GREEN, AMBER, RED, UNRATED)


def _numbers(sessions: pd.DataFrame, column: str) -> np.ndarray:
    if column not in sessions:
        return np.full(len(sessions), np.nan)
    return pd.to_numeric(sessions[column], errors="coerce").to_numpy(
        dtype="float64", na_value=np.nan
    )


def session_tolerance(sessions: pd.DataFrame, rules: ToleranceRules = TOLERANCE) -> pd.Series:
    """ "green"/"amber"/"red"/"unrated" for each row of a sessions frame, aligned to it."""
    before = np.nan_to_num(_numbers(sessions, "pain_before"), nan=0.0)
    during = _numbers(sessions, "pain_during")
    morning = _numbers(sessions, "pain_next_morning")
    rise = during - before
    with np.errstate(invalid="ignore"):
        red = (
            (during > rules.red_during_above)
            | (rise > rules.red_rise_above)
            | (morning >= before + rules.red_next_morning_rise)
        )
        settled = np.isnan(morning) | (morning <= before + rules.green_next_morning_rise)
        green = (during <= rules.green_during_max) & (rise <= rules.green_rise_max) & settled
    unrated = np.isnan(during)
    light = np.select([unrated, red, green], [UNRATED, RED, GREEN], default=AMBER)
    return pd.Series(light, index=sessions.index, dtype=object, name="tolerance")


def light_of(
    pain_before: float | None,
    pain_during: float | None,
    pain_next_morning: float | None = None,
    rules: ToleranceRules = TOLERANCE,
) -> str:
    """The light of one session, for a form that has not saved it yet."""
    frame = pd.DataFrame(
        {
            "pain_before": [pain_before],
            "pain_during": [pain_during],
            "pain_next_morning": [pain_next_morning],
        },
        dtype="float64",
    )
    return str(session_tolerance(frame, rules).iloc[0])
