"""The session traffic light, straight from the pain-monitoring rules."""

from __future__ import annotations

import pandas as pd
import pytest

from rehab_core.rules import ToleranceRules
from rehab_core.tolerance import light_of, session_tolerance


@pytest.mark.parametrize(
    ("before", "during", "morning", "light"),
    [
        (None, None, None, "unrated"),  # an import from a gym app
        (2, None, 6, "unrated"),  # without "during" it is never evidence, even if worse later
        (2, 2, 2, "green"),
        (0, 1, None, "green"),  # next morning not known yet
        (None, 1, None, "green"),  # no "before" counts as 0
        (2, 3, 3, "green"),  # one point up, settled to one above by next morning
        (2, 4, 2, "amber"),  # two points up during
        (0, 3, 1, "amber"),  # more than one point over the day's start
        (3, 5, 3, "amber"),  # 5/10 is the most acceptable during
        (3, 6, 3, "red"),  # above 5/10 during
        (0, 4, 0, "red"),  # a rise of more than 3 points
        (2, 3, 4, "red"),  # two points worse next morning: did not settle
        (2, 2, 3, "green"),  # one point worse next morning is fine
    ],
)
def test_light_follows_the_rules(before, during, morning, light):
    assert light_of(before, during, morning) == light


def test_lights_are_aligned_to_the_sessions_frame():
    frame = pd.DataFrame(
        {"pain_before": [2, 2, None], "pain_during": [7, 2, None], "pain_next_morning": [2, 2, 2]},
        index=[10, 11, 12],
    )
    lights = session_tolerance(frame)
    assert lights.to_dict() == {10: "red", 11: "green", 12: "unrated"}


def test_empty_sessions_frame_gives_an_empty_series():
    assert session_tolerance(pd.DataFrame(columns=["pain_before", "pain_during"])).empty


def test_other_rules_can_be_passed():
    strict = ToleranceRules(red_during_above=3)
    assert light_of(2, 4, 2, strict) == "red"
