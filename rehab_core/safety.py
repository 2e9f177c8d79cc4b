"""Red flags: symptoms that mean stop the program and get care, recorded with their date.

Two groups. Signs of possible cauda equina syndrome (pressure on the nerves at the base of
the spine) need an emergency department now; the others need a doctor soon. While a flag
is recorded and not cleared by a clinician, the program shows no progression.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

EMERGENCY = "emergency"
SEE_DOCTOR_SOON = "see a doctor soon"
URGENCY_ORDER = (EMERGENCY, SEE_DOCTOR_SOON)

SCREENING = "screening"  # the short screening on first start and from Settings
LOG_CHECK = "log check"  # "Something new or worrying?" on the Log page


@dataclass(frozen=True)
class RedFlag:
    key: str
    text: str  # in the second person, as the person reads it
    urgency: str


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag("bladder", "New trouble passing urine or controlling your bladder", EMERGENCY),
    RedFlag("bowel", "Loss of bowel control", EMERGENCY),
    RedFlag(
        "saddle_numbness",
        "Numbness around your genitals, buttocks or inner thighs (the saddle area)",
        EMERGENCY,
    ),
    RedFlag("sexual_dysfunction", "New sexual dysfunction", EMERGENCY),
    RedFlag("both_legs", "Pain or numbness spreading into both legs", EMERGENCY),
    RedFlag("leg_weakness", "Leg weakness that is severe or getting worse", EMERGENCY),
    RedFlag("walking_change", "A change in the way you walk", EMERGENCY),
    RedFlag("fever", "Fever or chills together with your back pain", SEE_DOCTOR_SOON),
    RedFlag("cancer_history", "A history of cancer", SEE_DOCTOR_SOON),
    RedFlag("weight_loss", "Weight loss you cannot explain", SEE_DOCTOR_SOON),
    RedFlag(
        "night_pain",
        "Constant pain at night that does not ease when you rest or change position",
        SEE_DOCTOR_SOON,
    ),
    RedFlag("trauma", "Pain that started after a significant fall or accident", SEE_DOCTOR_SOON),
    RedFlag(
        "age_new_episode",
        "You are under 20 or over 50 and this is a new episode of back pain",
        SEE_DOCTOR_SOON,
    ),
    RedFlag(
        "steroids_osteoporosis",
        "Long-term steroid use or osteoporosis, and a new pain",
        SEE_DOCTOR_SOON,
    ),
)
_BY_KEY = {flag.key: flag for flag in RED_FLAGS}

STOP_MESSAGES = {
    EMERGENCY: (
        "Stop the program and go to an emergency department now, or call emergency "
        "services. These symptoms can mean pressure on the nerves at the base of the spine "
        "(cauda equina syndrome), which needs treatment within hours. Do not wait to see if "
        "it settles, and do not continue the exercises."
    ),
    SEE_DOCTOR_SOON: (
        "Pause the program and see a doctor soon, within the next few days. Tell them what "
        "you ticked here. Do not continue the exercises until a clinician has checked you "
        "and said it is safe to carry on."
    ),
}


@dataclass(frozen=True)
class RecordedRedFlag:
    id: int
    date: dt.date
    flag: RedFlag
    source: str
    cleared_on: dt.date | None = None
    cleared_note: str = ""

    @property
    def active(self) -> bool:
        return self.cleared_on is None


def red_flag(key: str) -> RedFlag:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise ValueError(f"Unknown red flag {key!r}") from None


def flags_of(urgency: str) -> tuple[RedFlag, ...]:
    return tuple(flag for flag in RED_FLAGS if flag.urgency == urgency)


def most_urgent(flags: Iterable[RedFlag | RecordedRedFlag]) -> str | None:
    """The urgency that decides the advice: an emergency outweighs everything else."""
    urgencies = {f.flag.urgency if isinstance(f, RecordedRedFlag) else f.urgency for f in flags}
    return next((u for u in URGENCY_ORDER if u in urgencies), None)


def stop_message(urgency: str) -> str:
    return STOP_MESSAGES[urgency]


def record_red_flags(store, keys: Iterable[str], on: dt.date, source: str = LOG_CHECK) -> int:
    """Record each flag with its date; a flag already active is not recorded twice.

    Returns how many new records were made.
    """
    flags = [red_flag(key) for key in dict.fromkeys(keys)]
    if not flags:
        return 0

    def work(cur):
        active = {
            row[0]
            for row in cur.execute(
                "SELECT flag FROM red_flags WHERE user_id = ? AND cleared_on IS NULL",
                [store.user_id],
            ).fetchall()
        }
        new = [f for f in flags if f.key not in active]
        if new:
            cur.executemany(
                "INSERT INTO red_flags (user_id, date, flag, urgency, source) "
                "VALUES (?, ?, ?, ?, ?)",
                [[store.user_id, on, f.key, f.urgency, source] for f in new],
            )
        return len(new)

    return store.db.write(work)


def record_screening(store, keys: Iterable[str], on: dt.date) -> int:
    """Record a completed screening (even with nothing ticked) and any flags it found."""
    keys = list(dict.fromkeys(keys))
    for key in keys:
        red_flag(key)  # refuse unknown keys before writing anything
    added = record_red_flags(store, keys, on, SCREENING) if keys else 0
    store.db.write(
        lambda cur: cur.execute(
            "INSERT INTO red_flag_screenings (user_id, date, flags_found) VALUES (?, ?, ?)",
            [store.user_id, on, len(keys)],
        )
    )
    return added


def last_screening(store) -> dt.date | None:
    frame = store.db.query(
        "SELECT max(date) AS last FROM red_flag_screenings WHERE user_id = ?", [store.user_id]
    )
    value = frame["last"].iloc[0]
    return None if value is None or value != value else _as_date(value)


def red_flag_history(store) -> list[RecordedRedFlag]:
    """Every recorded flag, newest first, cleared ones included."""
    frame = store.db.query(
        "SELECT id, date, flag, source, cleared_on, cleared_note FROM red_flags "
        "WHERE user_id = ? ORDER BY date DESC, id DESC",
        [store.user_id],
    )
    return [
        RecordedRedFlag(
            id=int(row.id),
            date=_as_date(row.date),
            flag=_BY_KEY.get(row.flag, RedFlag(row.flag, row.flag, EMERGENCY)),
            source=str(row.source),
            cleared_on=None
            if row.cleared_on is None or row.cleared_on != row.cleared_on
            else _as_date(row.cleared_on),
            cleared_note=str(row.cleared_note),
        )
        for row in frame.itertuples(index=False)
    ]


def active_red_flags(store) -> list[RecordedRedFlag]:
    """Flags recorded and not yet cleared by a clinician, newest first (empty: none)."""
    return [flag for flag in red_flag_history(store) if flag.active]


def mark_cleared(store, flag_id: int, on: dt.date, note: str = "") -> None:
    """Mark a recorded flag as checked and cleared by a clinician on `on`."""

    def work(cur):
        done = cur.execute(
            "UPDATE red_flags SET cleared_on = ?, cleared_note = ? "
            "WHERE user_id = ? AND id = ? AND cleared_on IS NULL RETURNING id",
            [on, note.strip(), store.user_id, flag_id],
        ).fetchall()
        if not done:
            raise KeyError(f"No active red flag {flag_id}")

    store.db.write(work)


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
