"""From a file's bytes to an `ImportBatch`: decoding, format detection, parsing.

A thin facade over `rehab_core.importers` (one module per format behind `FORMATS`).
Every failure that stops a whole file is an `ImportFileError` with one plain sentence;
problems with single rows are `LineError`s on the batch.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .csvformat import ImportFileError
from .importers import FORMATS, Format, Mapping, by_name, detect_header, header_key, needs_units
from .importers._table import header_of
from .models import ImportBatch, ImportResult

MAX_IMPORT_BYTES = 50 * 1024 * 1024  # matches server.maxUploadSize; larger is refused unread
ZIP_MAGIC = b"PK\x03\x04"

__all__ = [
    "FORMATS",
    "MAX_IMPORT_BYTES",
    "Format",
    "ImportFileError",
    "Mapping",
    "decode",
    "detect",
    "header_key",
    "header_of",
    "import_bytes",
    "is_backup",
    "needs_units",
    "parse",
    "parse_path",
    "read_file",
]


def is_backup(data: bytes) -> bool:
    return data[:4] == ZIP_MAGIC


def decode(data: bytes) -> str:
    """UTF-8 text (with or without BOM), or a one-line reason it is not a CSV."""
    if not data.strip():
        raise ImportFileError("The file is empty.")
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            f"The file is {len(data) / 1e6:.0f} MB; the limit is {MAX_IMPORT_BYTES // 2**20} MB."
        )
    if is_backup(data):
        raise ImportFileError("This is a zip archive: restore a Backtrack backup with `restore`.")
    if b"\x00" in data[:4096]:
        raise ImportFileError("This looks like a binary file (an image or archive), not a CSV.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {exc.start}); export it again as UTF-8 CSV."
        ) from None
    # Control characters mark binary data; unassigned code points may be newer emoji.
    if sum(c < " " and c not in "\r\n\t" or "\x7f" <= c < "\xa0" for c in text[:4096]) > 8:
        raise ImportFileError("This looks like a binary file, not a CSV.")
    return text.lstrip("\ufeff")


def _has_rows(text: str) -> bool:
    """Whether any line after the first non-blank one (the header) has text."""
    header = re.search(r"\S", text)
    end = text.find("\n", header.start()) if header else -1
    return end >= 0 and re.compile(r"\S").search(text, end) is not None


def detect(text: str) -> Format:
    header = header_of(text)
    fmt = detect_header(header)
    if fmt is None:
        raise ImportFileError(
            "Unknown CSV layout (columns: " + ", ".join(h[:30] for h in header[:8]) + "). "
            "Use the column-mapping form on the Import page."
        )
    return fmt


def parse(
    data: bytes,
    format: str | None = None,
    units: str = "kg",
    mapping: Mapping | None = None,
) -> ImportBatch:
    """Parse a whole file. `units` (kg or lb) applies where the file does not say."""
    text = decode(data)
    if not _has_rows(text):
        raise ImportFileError("The file has a header but no rows.")
    if units not in ("kg", "lb"):
        raise ImportFileError(f"Units must be kg or lb, not {units!r}.")
    if mapping is not None and format is None:
        format = "mapped"
    fmt = by_name(format) if format else detect(text)
    if fmt is None:
        raise ImportFileError(
            f"Unknown format {format!r}; known: {', '.join(f.name for f in FORMATS)}."
        )
    try:
        batch = fmt.parse(text, units=units, mapping=mapping)
    except ImportFileError:
        raise
    except (ValueError, KeyError, TypeError, IndexError, ArithmeticError) as exc:
        reason = " ".join(str(exc).split())[:160]
        raise ImportFileError(f"This file could not be read as {fmt.label} ({reason}).") from None
    if batch.rows_read == 0:
        raise ImportFileError("The file has a header but no rows.")
    batch.units = units
    return batch


def read_file(path: str | Path) -> bytes:
    """A file's bytes; one over the limit is refused before it is read."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportFileError(
                f"{file} is {size / 1e6:.0f} MB; the limit is {MAX_IMPORT_BYTES // 2**20} MB."
            )
        return file.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Cannot read {file}: {exc.strerror or exc}.") from None


def parse_path(
    path: str | Path, format: str | None = None, units: str = "kg", mapping: Mapping | None = None
) -> ImportBatch:
    return parse(read_file(path), format=format, units=units, mapping=mapping)


def units_for(store, units: str | None) -> str:
    """The unit for files that do not say: the caller's choice, else the profile's."""
    return units or store.profile().units


def import_bytes(
    store,
    data: bytes,
    format: str | None = None,
    units: str | None = None,
    mapping: Mapping | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import one file into `store`: a CSV of any known format, or a backup (merged)."""
    if is_backup(data) and format in (None, "backup"):
        return _merge_backup(store, data, dry_run)
    batch = parse(data, format=format, units=units_for(store, units), mapping=mapping)
    return store.import_batch(batch, dry_run=dry_run)


def _merge_backup(store, data: bytes, dry_run: bool) -> ImportResult:
    from . import backup  # backup imports storage; keep parsing free of it

    if dry_run:
        found = backup.read_backup(data)
        counts = found.counts()
        return ImportResult(
            format="backup",
            rows_read=sum(counts.values()),
            sets_added=counts.get("sets", 0),
            sessions_added=counts.get("sessions", 0),
            checkins_added=counts.get("checkins", 0),
            duplicates_skipped=0,
            rows_skipped=0,
        )
    done = backup.restore(store, data, mode="merge")
    return ImportResult(
        format="backup",
        rows_read=sum(done.added.values()) + sum(done.already_present.values()),
        sets_added=done.added.get("sets", 0),
        sessions_added=done.added.get("sessions", 0),
        checkins_added=done.added.get("checkins", 0),
        duplicates_skipped=sum(
            done.already_present.get(t, 0) for t in ("sets", "sessions", "checkins")
        ),
        rows_skipped=0,
    )


def preview(batch: ImportBatch, rows: int) -> pd.DataFrame:
    """The first rows as they will be stored: sets with their session's date, else check-ins."""
    sets = batch.sets
    if sets is not None and len(sets):
        dates = dict(zip(batch.sessions["session_key"], batch.sessions["date"], strict=False))
        head = sets.head(rows).copy()
        head.insert(0, "date", head["session_key"].map(dates))
        return head.drop(columns=["session_key"]).reset_index(drop=True)
    if batch.checkins is not None and len(batch.checkins):
        return batch.checkins.head(rows).reset_index(drop=True)
    return pd.DataFrame()


def skipped_lines(batch: ImportBatch) -> pd.DataFrame:
    """Per-line problems as a table (line, problem), for showing beside the preview."""
    return pd.DataFrame(
        {"line": [e.line for e in batch.errors], "problem": [e.message for e in batch.errors]}
    )
