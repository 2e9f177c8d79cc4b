"""Backtrack's core: storage, rules, the stage engine, planning and imports, with no UI.

The names below are the surface pages and the command line may use; everything else
(private helpers, the importers' internals) can change freely. The submodules listed in
`__all__` are public too: `from rehab_core import stages, planner`.
"""

from .models import Checkin, Exercise, ImportBatch, ImportResult, Profile, Session, SetEntry
from .storage import Database, History, StorageError, Store, default_db_path
from .validation import ValidationError

__all__ = [
    # nouns
    "Checkin",
    "Exercise",
    "ImportBatch",
    "ImportResult",
    "Profile",
    "Session",
    "SetEntry",
    # storage
    "Database",
    "History",
    "StorageError",
    "Store",
    "ValidationError",
    "default_db_path",
    # public submodules
    "backup",
    "catalog",
    "charts",
    "csvformat",
    "importing",
    "measures",
    "modes",
    "outcomes",
    "planner",
    "progress",
    "rules",
    "safety",
    "stages",
    "tolerance",
]
