"""Outcome measures: Roland-Morris, Patient-Specific Functional Scale, weekly pain."""

from __future__ import annotations

import datetime as dt

from .rules import OUTCOMES, OutcomeRules

RMDQ = "rmdq"
PSFS = "psfs"
MEASURE_NAMES = {RMDQ: "Roland-Morris questionnaire", PSFS: "activity scores (PSFS)"}


def last_scored(store) -> dict[str, dt.date | None]:
    """The date each questionnaire was last completed (None: never)."""
    frame = store.db.query(
        "SELECT measure, max(date) AS last FROM outcome_scores WHERE user_id = ? GROUP BY measure",
        [store.user_id],
    )
    found = {row.measure: _as_date(row.last) for row in frame.itertuples(index=False)}
    return {measure: found.get(measure) for measure in (RMDQ, PSFS)}


def outcomes_due(store, today: dt.date, rules: OutcomeRules = OUTCOMES) -> list[str]:
    """Measures never completed, or last completed `prompt_interval_days` or more ago."""
    return [
        measure
        for measure, last in last_scored(store).items()
        if last is None or (today - last).days >= rules.prompt_interval_days
    ]


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
