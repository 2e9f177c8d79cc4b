"""Outcome measures: Roland-Morris, Patient-Specific Functional Scale, weekly pain.

Each is scored by a pure function that refuses an incomplete questionnaire and names
what is missing; each later score is compared with the person's first one, in plain
words, against the smallest change that matters (rules.OutcomeRules).
The Oswestry Disability Index is deliberately absent: its licence forbids redistribution.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from .rules import OUTCOMES, OutcomeRules

RMDQ = "rmdq"
PSFS = "psfs"
NPRS = "nprs"
MEASURE_NAMES = {
    RMDQ: "Roland-Morris questionnaire",
    PSFS: "activity scores (PSFS)",
    NPRS: "weekly average pain",
}
QUESTIONNAIRES = (RMDQ, PSFS)

# Roland MO, Morris RW. A study of the natural history of back pain. Part 1.
# Spine 1983; 8: 141-144. The English version may be reproduced without permission.
RMDQ_INSTRUCTIONS = (
    "When your back hurts, you may find it difficult to do some of the things you normally "
    "do. This list contains sentences that people have used to describe themselves when "
    "they have back pain. As you read the list, think of yourself today. Answer yes to a "
    "sentence only if you are sure it describes you today."
)
RMDQ_STATEMENTS: tuple[str, ...] = (
    "I stay at home most of the time because of my back.",
    "I change position frequently to try and get my back comfortable.",
    "I walk more slowly than usual because of my back.",
    "Because of my back I am not doing any of the jobs that I usually do around the house.",
    "Because of my back, I use a handrail to get upstairs.",
    "Because of my back, I lie down to rest more often.",
    "Because of my back, I have to hold on to something to get out of an easy chair.",
    "Because of my back, I try to get other people to do things for me.",
    "I get dressed more slowly than usual because of my back.",
    "I only stand for short periods of time because of my back.",
    "Because of my back, I try not to bend or kneel down.",
    "I find it difficult to get out of a chair because of my back.",
    "My back is painful almost all the time.",
    "I find it difficult to turn over in bed because of my back.",
    "My appetite is not very good because of my back pain.",
    "I have trouble putting on my socks (or stockings) because of the pain in my back.",
    "I only walk short distances because of my back.",
    "I sleep less well because of my back.",
    "Because of my back pain, I get dressed with help from someone else.",
    "I sit down for most of the day because of my back.",
    "I avoid heavy jobs around the house because of my back.",
    "Because of my back pain, I am more irritable and bad tempered with people than usual.",
    "Because of my back, I go upstairs more slowly than usual.",
    "I stay in bed most of the time because of my back.",
)

PSFS_INSTRUCTIONS = (
    "Choose three to five activities that your back makes hard to do, and rate each from "
    "0 (unable to do it) to 10 (able to do it as well as before your back problem). "
    "Keep the same activities each time, so the scores can be compared."
)


class IncompleteQuestionnaire(ValueError):
    """A questionnaire with answers missing: it is not scored, and the message names them."""


# -- scoring ---------------------------------------------------------------------------
def _listed(items: list) -> str:
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def score_rmdq(answers: Mapping[int, bool | None], rules: OutcomeRules = OUTCOMES) -> int:
    """Roland-Morris score: how many of the statements (numbered from 1) describe you today.

    Every statement needs a yes or a no; otherwise IncompleteQuestionnaire names the missing.
    """
    unknown = sorted(k for k in answers if not (isinstance(k, int) and 1 <= k <= rules.rmdq_items))
    if unknown:
        raise ValueError(f"Roland-Morris has statements 1-{rules.rmdq_items}; got {unknown}")
    missing = [n for n in range(1, rules.rmdq_items + 1) if answers.get(n) is None]
    if missing:
        noun = "statement" if len(missing) == 1 else "statements"
        raise IncompleteQuestionnaire(
            f"Not scored: answer yes or no to {noun} {_listed(missing)} first."
        )
    return sum(1 for n in range(1, rules.rmdq_items + 1) if answers[n])


def psfs_activities_cleaned(ratings: Mapping[str, float | None]) -> dict[str, float | None]:
    """Activity names trimmed, blank names dropped; duplicate names refused."""
    cleaned: dict[str, float | None] = {}
    for name, rating in ratings.items():
        name = " ".join(str(name).split())
        if not name:
            continue
        if name.casefold() in {n.casefold() for n in cleaned}:
            raise ValueError(f"The activity '{name}' is listed twice; keep it once.")
        cleaned[name] = rating
    return cleaned


def score_psfs(ratings: Mapping[str, float | None], rules: OutcomeRules = OUTCOMES) -> float:
    """Patient-Specific Functional Scale: the mean of 3-5 activity ratings (0-10)."""
    cleaned = psfs_activities_cleaned(ratings)
    if not rules.psfs_min_activities <= len(cleaned) <= rules.psfs_max_activities:
        raise IncompleteQuestionnaire(
            f"Not scored: name {rules.psfs_min_activities} to {rules.psfs_max_activities} "
            f"activities (you named {len(cleaned)})."
        )
    missing = [name for name, rating in cleaned.items() if rating is None or pd.isna(rating)]
    if missing:
        quoted = [f"'{name}'" for name in missing]
        raise IncompleteQuestionnaire(f"Not scored: rate {_listed(quoted)} from 0 to 10 first.")
    for name, rating in cleaned.items():
        if not 0 <= float(rating) <= rules.psfs_rating_max:
            raise ValueError(
                f"The rating of '{name}' must be between 0 and {rules.psfs_rating_max}."
            )
    return round(sum(float(r) for r in cleaned.values()) / len(cleaned), 2)


def weekly_pain(checkins: pd.DataFrame) -> pd.DataFrame:
    """Average check-in pain (NPRS 0-10) per week starting Monday: week_start, pain, days."""
    columns = ["week_start", "pain", "days"]
    if checkins is None or checkins.empty or "pain" not in checkins:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    rated = checkins.dropna(subset=["pain"])
    if rated.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    dates = pd.to_datetime(rated["date"])
    week_start = (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.date
    grouped = (
        rated.assign(week_start=week_start.to_numpy())
        .groupby("week_start", sort=True)["pain"]
        .agg(["mean", "count"])
        .reset_index()
    )
    return pd.DataFrame(
        {
            "week_start": grouped["week_start"],
            "pain": grouped["mean"].astype(float).round(1),
            "days": grouped["count"].astype(int),
        }
    )


# -- comparison with the first score ---------------------------------------------------
@dataclass(frozen=True)
class Change:
    first: float
    latest: float
    improvement: float  # positive: better, in the measure's own points
    matters: float  # the smallest change that matters for this person
    meaningful: bool
    text: str


def _points(value: float) -> str:
    value = round(float(value), 1)
    shown = f"{value:g}"
    return f"{shown} point" if value == 1 else f"{shown} points"


def describe_change(first: float, latest: float, matters: float, lower_is_better: bool) -> Change:
    """Compare `latest` with `first` in plain words against the change that matters."""
    improvement = round((first - latest) if lower_is_better else (latest - first), 2)
    threshold = f"the {round(float(matters), 1):g}-point change that matters"
    meaningful = abs(improvement) >= matters
    compared = "more than" if abs(improvement) > matters else "as large as"
    size = _points(abs(improvement))
    if improvement == 0:
        text = "no change since your first score"
    elif improvement > 0:
        text = (
            f"improved by {size} — {compared} {threshold}"
            if meaningful
            else f"improved by {size} — less than {threshold}, so not yet a clear change"
        )
    else:
        text = (
            f"worse by {size} — {compared} {threshold}; if something new is worrying you, "
            "use the red-flag check and consider seeing a clinician"
            if meaningful
            else f"worse by {size} — less than {threshold}, within day-to-day ups and downs"
        )
    return Change(first, latest, improvement, matters, meaningful, text)


def rmdq_change(first: int, latest: int, rules: OutcomeRules = OUTCOMES) -> Change:
    matters = max(rules.rmdq_mcid_points, rules.rmdq_mcid_fraction * first)
    change = describe_change(first, latest, round(matters, 1), lower_is_better=True)
    if latest <= rules.rmdq_recovered_max:
        recovered = (
            f"{change.text}; a score of {rules.rmdq_recovered_max} or less counts as recovered"
        )
        change = Change(**{**change.__dict__, "text": recovered})
    return change


def psfs_change(first: float, latest: float, rules: OutcomeRules = OUTCOMES) -> Change:
    return describe_change(first, latest, rules.psfs_mcid_mean, lower_is_better=False)


def psfs_activity_change(first: float, latest: float, rules: OutcomeRules = OUTCOMES) -> Change:
    return describe_change(first, latest, rules.psfs_mcid_single, lower_is_better=False)


def pain_change(first: float, latest: float, rules: OutcomeRules = OUTCOMES) -> Change:
    matters = max(rules.nprs_mcid_points, rules.nprs_mcid_fraction * first)
    return describe_change(first, latest, round(matters, 1), lower_is_better=True)


# -- storage ---------------------------------------------------------------------------
def _save(store, on: dt.date, measure: str, score: float, answers: list[tuple[str, float]]) -> int:
    def work(cur):
        score_id = cur.execute(
            "INSERT INTO outcome_scores (user_id, date, measure, score) VALUES (?, ?, ?, ?) "
            "RETURNING id",
            [store.user_id, on, measure, float(score)],
        ).fetchone()[0]
        cur.executemany(
            "INSERT INTO outcome_answers (user_id, score_id, position, item, value) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                [store.user_id, score_id, position, item, float(value)]
                for position, (item, value) in enumerate(answers, start=1)
            ],
        )
        return score_id

    return store.db.write(work)


def _check_date(on: dt.date, today: dt.date | None) -> None:
    today = today or dt.date.today()
    if on > today:
        raise ValueError(f"The date {on.isoformat()} is in the future; use today or earlier.")


def save_rmdq(
    store, on: dt.date, answers: Mapping[int, bool | None], today: dt.date | None = None
) -> int:
    """Score and store a complete Roland-Morris questionnaire; returns the score's id."""
    _check_date(on, today)
    score = score_rmdq(answers)
    items = [(str(n), 1.0 if answers[n] else 0.0) for n in range(1, len(RMDQ_STATEMENTS) + 1)]
    return _save(store, on, RMDQ, score, items)


def save_psfs(
    store, on: dt.date, ratings: Mapping[str, float | None], today: dt.date | None = None
) -> int:
    """Score and store activity ratings (order kept); returns the score's id."""
    _check_date(on, today)
    score = score_psfs(ratings)
    cleaned = psfs_activities_cleaned(ratings)
    return _save(store, on, PSFS, score, [(k, float(v)) for k, v in cleaned.items()])


def delete_score(store, score_id: int) -> None:
    def work(cur):
        cur.execute(
            "DELETE FROM outcome_answers WHERE user_id = ? AND score_id = ?",
            [store.user_id, score_id],
        )
        gone = cur.execute(
            "DELETE FROM outcome_scores WHERE user_id = ? AND id = ? RETURNING id",
            [store.user_id, score_id],
        ).fetchall()
        if not gone:
            raise KeyError(f"No outcome score {score_id}")

    store.db.write(work)


def scores(store, measure: str | None = None) -> pd.DataFrame:
    """Stored questionnaire scores, oldest first: id, date, measure, score."""
    frame = store.db.query(
        "SELECT id, date, measure, score FROM outcome_scores WHERE user_id = ? "
        "AND (? IS NULL OR measure = ?) ORDER BY date, id",
        [store.user_id, measure, measure],
    )
    if len(frame):
        frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def psfs_ratings(store) -> pd.DataFrame:
    """Every stored activity rating, oldest first: score_id, date, activity, rating."""
    frame = store.db.query(
        "SELECT s.id AS score_id, s.date, a.item AS activity, a.value AS rating "
        "FROM outcome_scores s JOIN outcome_answers a "
        "ON a.score_id = s.id AND a.user_id = s.user_id "
        "WHERE s.user_id = ? AND s.measure = ? ORDER BY s.date, s.id, a.position",
        [store.user_id, PSFS],
    )
    if len(frame):
        frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def psfs_activities(store) -> list[str]:
    """The activities of the latest PSFS entry: kept so each entry rates the same ones."""
    ratings = psfs_ratings(store)
    if ratings.empty:
        return []
    latest = ratings["score_id"].iloc[-1]
    return ratings.loc[ratings["score_id"] == latest, "activity"].tolist()


def rmdq_answers(store, score_id: int) -> dict[int, bool]:
    frame = store.db.query(
        "SELECT item, value FROM outcome_answers WHERE user_id = ? AND score_id = ? "
        "ORDER BY position",
        [store.user_id, score_id],
    )
    return {int(row.item): bool(row.value) for row in frame.itertuples(index=False)}


def last_scored(store) -> dict[str, dt.date | None]:
    """The date each questionnaire was last completed (None: never)."""
    frame = store.db.query(
        "SELECT measure, max(date) AS last FROM outcome_scores WHERE user_id = ? GROUP BY measure",
        [store.user_id],
    )
    found = {row.measure: pd.Timestamp(row.last).date() for row in frame.itertuples(index=False)}
    return {measure: found.get(measure) for measure in QUESTIONNAIRES}


def outcomes_due(store, today: dt.date, rules: OutcomeRules = OUTCOMES) -> list[str]:
    """Questionnaires never completed, or last completed two weeks or more ago."""
    return [
        measure
        for measure, last in last_scored(store).items()
        if last is None or (today - last).days >= rules.prompt_interval_days
    ]


# -- what the Outcomes and Progress pages show -----------------------------------------
def outcome_series(store) -> pd.DataFrame:
    """Every outcome over time for charts: date, measure (rmdq/psfs/nprs), score.

    RMDQ 0-24 and weekly pain 0-10 (lower is better); PSFS 0-10 (higher is better).
    Weekly pain is dated at the start of its week.
    """
    stored = scores(store)[["date", "measure", "score"]]
    pain = weekly_pain(store.checkins())
    pain = pd.DataFrame(
        {"date": pain["week_start"], "measure": NPRS, "score": pain["pain"].astype(float)}
    )
    frames = [f for f in (stored, pain) if len(f)]
    if not frames:
        return pd.DataFrame(
            {
                "date": pd.Series(dtype="object"),
                "measure": pd.Series(dtype="object"),
                "score": pd.Series(dtype="float64"),
            }
        )
    return pd.concat(frames, ignore_index=True).sort_values(["date", "measure"], ignore_index=True)


def history_with_changes(store, measure: str) -> pd.DataFrame:
    """A measure's scores, oldest first, each compared with the first: date, score, change."""
    if measure == NPRS:
        weekly = weekly_pain(store.checkins())
        frame = pd.DataFrame({"date": weekly["week_start"], "score": weekly["pain"]})
    else:
        frame = scores(store, measure)[["date", "score"]]
    if frame.empty:
        return frame.assign(change=pd.Series(dtype="object"))
    compare = {RMDQ: rmdq_change, PSFS: psfs_change, NPRS: pain_change}[measure]
    first = float(frame["score"].iloc[0])
    changes = ["your first score"] + [
        compare(first, float(score)).text for score in frame["score"].iloc[1:]
    ]
    return frame.assign(change=changes).reset_index(drop=True)


def psfs_activity_changes(store) -> list[tuple[str, Change]]:
    """Each current activity's latest rating compared with its first rating."""
    ratings = psfs_ratings(store)
    result = []
    for activity in psfs_activities(store):
        rows = ratings[ratings["activity"] == activity]
        if len(rows) >= 2:
            first, latest = float(rows["rating"].iloc[0]), float(rows["rating"].iloc[-1])
            result.append((activity, psfs_activity_change(first, latest)))
    return result
