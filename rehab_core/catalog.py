"""The exercise catalog seeded on first start, and how outside names map onto it."""

from __future__ import annotations

from .models import Exercise

# The extension ladder, easiest first: the core, scalable exercise of the program.
EXTENSION_LADDER = (
    Exercise("Prone extension hold", "extension", "hold", 1, True),
    Exercise("Bird dog", "extension", "reps", 2, True),
    Exercise("45° back extension hold", "extension", "hold", 3, True),
    Exercise("45° back extension", "extension", "reps", 4, True),
    Exercise("Horizontal back extension hold", "extension", "hold", 5, True),
    Exercise("45° back extension (weighted)", "extension", "reps+load", 6, True),
    Exercise("Reverse hyperextension", "extension", "reps+load", 7, True),
)

SEED_EXERCISES = EXTENSION_LADDER + (
    Exercise("Walking", "circulation", "duration/distance", None, True),
    Exercise("Glute bridge", "hip", "reps", None, True),
    Exercise("Side plank", "core", "hold", None, True),
    Exercise("Curl-up", "core", "reps", None, True),
    Exercise("Plank", "core", "hold", None, True),
    Exercise("Dead bug", "core", "reps", None, True),
    Exercise("Cat-camel", "mobility", "reps", None, True),
)

WALKING = "Walking"

# Names other trackers use, lower-cased, onto the catalog's names.
ALIASES = {
    "back extension": "45° back extension",
    "back extensions": "45° back extension",
    "hyperextension": "45° back extension",
    "hyperextensions": "45° back extension",
    "back extension (hyperextension)": "45° back extension",
    "back extension (machine)": "45° back extension",
    "superman": "Prone extension hold",
    "superman hold": "Prone extension hold",
    "hyperextension hold": "45° back extension hold",
    "back extension hold": "45° back extension hold",
    "back extension (weighted)": "45° back extension (weighted)",
    "back extension (weighted hyperextension)": "45° back extension (weighted)",
    "weighted hyperextension": "45° back extension (weighted)",
    "reverse hyper": "Reverse hyperextension",
    "walking": WALKING,
    "walk": WALKING,
    "glute bridge": "Glute bridge",
    "bird dog": "Bird dog",
    "bird-dog": "Bird dog",
    "side plank": "Side plank",
    "plank": "Plank",
    "dead bug": "Dead bug",
    "curl up": "Curl-up",
    "cat camel": "Cat-camel",
    "cat-cow": "Cat-camel",
}


def canonical_name(name: str, known: dict[str, str] | None = None) -> str:
    """The catalog name for an outside name: an exact (case-insensitive) catalog match,
    then an alias, else the name itself, trimmed (it becomes a custom exercise)."""
    cleaned = " ".join(str(name).split())
    key = cleaned.casefold()
    known = known if known is not None else {e.name.casefold(): e.name for e in SEED_EXERCISES}
    if key in known:
        return known[key]
    alias = ALIASES.get(key)
    if alias is not None:
        return known.get(alias.casefold(), alias)
    return cleaned
