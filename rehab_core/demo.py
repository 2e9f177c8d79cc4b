"""A realistic ~16-week history: slow, pain-respecting progress with one flare-up.

Weeks 1-3 short prone holds and walks; a flare-up in week 5 and a calm deload; longer
45° holds from week 6; unloaded 45° extensions for reps from week 11; sessions rated
for pain, most check-ins filled in, a few days missed as in real life.
"""

from __future__ import annotations

import datetime as dt
import random

from . import outcomes, safety
from .models import Checkin, Profile, Session, SetEntry

DEMO_DAYS = 16 * 7


def _sets(exercise: str, count: int, *, reps=None, seconds=None, load_kg=None) -> list[SetEntry]:
    return [
        SetEntry(exercise, i, "normal", reps=reps, seconds=seconds, load_kg=load_kg)
        for i in range(1, count + 1)
    ]


def _workout(day: int, rng: random.Random) -> list[SetEntry]:
    if day < 21:  # stage 1: short, pain-free holds to rebuild trust
        hold = min(10, 5 + day // 3)
        work = _sets("Prone extension hold", 4, seconds=hold) + _sets("Bird dog", 2, reps=8)
        walk = 12 + day // 2
    elif day < 42:  # longer holds, circulation
        hold = 15 if day < 30 else 20
        work = _sets("45° back extension hold", 3, seconds=hold) + _sets("Glute bridge", 2, reps=10)
        walk = 20 + rng.randint(0, 5)
    elif day < 77:
        hold = 30 if day < 56 else 40 if day < 66 else 45
        work = (
            _sets("45° back extension hold", 3, seconds=hold)
            + _sets("45° back extension", 2, reps=10 if day < 60 else 12)
            + _sets("Side plank", 2, seconds=20)
        )
        walk = 25 + rng.randint(0, 10)
    else:  # strength: more reps, longer holds
        reps = 12 if day < 88 else 15 if day < 100 else 16
        work = (
            _sets("45° back extension", 3, reps=reps)
            + _sets("45° back extension hold", 1, seconds=60 if day >= 95 else 50)
            + _sets("Dead bug", 2, reps=10)
        )
        walk = 30 + rng.randint(0, 10)
    return work + [SetEntry("Walking", 1, "normal", seconds=walk * 60, distance_m=walk * 80)]


def _training_day(day: int) -> bool:
    weekday = day % 7
    if day < 42:
        return weekday != 6  # six a week while the plant is watered
    if day < 77:
        return weekday in (0, 1, 3, 4, 5)
    return weekday in (0, 2, 4, 5)


FLARE_DAY = 33  # bent to lift a suitcase: pain flares, the program eases off for a week


def demo_history(today: dt.date, seed: int = 7) -> tuple[Profile, list[Session], list[Checkin]]:
    rng = random.Random(seed)
    start = today - dt.timedelta(days=DEMO_DAYS - 1)
    sessions: list[Session] = []
    checkins: list[Checkin] = []
    for day in range(DEMO_DAYS):
        date = start + dt.timedelta(days=day)
        base = max(1, round(4 - day / 30))  # resting pain eases from 4 to 1 over the months
        flare = day == FLARE_DAY
        deload = FLARE_DAY < day < FLARE_DAY + 7
        if rng.random() > 0.1 or flare:
            checkins.append(
                Checkin(
                    date=date,
                    pain=6 if flare else base + (1 if deload else 0),
                    stiffness=max(0, base + rng.choice((0, 1)) + (2 if flare else 0)),
                    trust=min(10, 4 + day // 14) - (3 if flare or deload else 0),
                    walking_minutes=0 if flare else 15 + min(day // 4, 20),
                    flare=flare,
                    notes="Lifted a suitcase; sharp pain, rested" if flare else "",
                )
            )
        if flare or not _training_day(day):
            continue
        sets = _workout(day, rng)
        if deload:  # one step easier while the flare settles
            sets = [s for s in sets if s.exercise != "45° back extension"] or sets
        during = base + (0 if day > 10 else 1) - (1 if rng.random() < 0.3 else 0)
        if day == 26:  # an amber day: a little more than usual, settled next morning
            during += 2
        sessions.append(
            Session(
                date=date,
                sets=tuple(sets),
                pain_before=base,
                pain_during=max(0, min(during, base + 1)) if day != 26 else base + 2,
                pain_after=max(0, base - 1),
                pain_next_morning=base if date < today else None,
                effort=5 + min(day // 20, 3),
                muscle_feel=1 if day < 21 else 2 if day < 77 else 3,
                notes="Easy does it" if day == 0 else "",
            )
        )
    return Profile(start_date=start, starting_stage=1, units="kg"), sessions, checkins


# Outcome questionnaires every two weeks: disability eases slowly, a little worse after the
# flare, while the chosen activities become possible again.
OUTCOME_DAYS = (0, 14, 28, 42, 56, 70, 84, 98, 110)
RMDQ_SCORES = (12, 11, 12, 10, 8, 7, 6, 5, 4)
PSFS_ACTIVITIES = ("Sitting through a film", "Putting on socks", "Gardening for an hour")
PSFS_RATINGS = (
    (4, 3, 2),
    (4, 4, 2),
    (4, 3, 2),
    (5, 5, 3),
    (6, 6, 4),
    (7, 6, 4),
    (7, 7, 5),
    (8, 7, 6),
    (8, 8, 7),
)


def load_demo(store, today: dt.date | None = None) -> dict[str, int]:
    """Replace the store's rows with the demo history ending on `today`: sessions,
    check-ins, a clean red-flag screening on day one and outcome scores every two weeks."""
    today = today or dt.date.today()
    profile, sessions, checkins = demo_history(today)
    store.erase_all()
    store.save_profile(profile)
    safety.record_screening(store, [], profile.start_date)
    for session in sessions:
        store.save_session(session, today)
    for checkin in checkins:
        store.save_checkin(checkin, today)
    for day, rmdq, psfs in zip(OUTCOME_DAYS, RMDQ_SCORES, PSFS_RATINGS, strict=True):
        on = profile.start_date + dt.timedelta(days=day)
        outcomes.save_rmdq(store, on, {n: n <= rmdq for n in range(1, 25)}, today)
        outcomes.save_psfs(store, on, dict(zip(PSFS_ACTIVITIES, psfs, strict=True)), today)
    return store.counts()
