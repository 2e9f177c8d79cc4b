"""From a file's bytes to an `ImportBatch`: decoding, format detection, parsing.

Formats are tried in the order of `FORMATS`; each names the header it recognises.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import csvformat
from .csvformat import ImportFileError
from .models import ImportBatch

MAX_IMPORT_BYTES = 50 * 1024 * 1024  # matches server.maxUploadSize; larger is refused unread


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    detect: Callable[[list[str]], bool]
    parse: Callable[..., ImportBatch]


FORMATS: list[Format] = [
    Format(
        "backtrack",
        "Backtrack sessions",
        csvformat.is_sessions_header,
        lambda text, **_: csvformat.read_sessions_csv(text),
    ),
    Format(
        "backtrack-checkins",
        "Backtrack check-ins",
        csvformat.is_checkins_header,
        lambda text, **_: csvformat.read_checkins_csv(text),
    ),
]


def decode(data: bytes) -> str:
    """UTF-8 text (with or without BOM), or a one-line reason it is not a CSV."""
    if not data.strip():
        raise ImportFileError("The file is empty.")
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            f"The file is {len(data) / 1e6:.0f} MB; the limit is {MAX_IMPORT_BYTES // 2**20} MB."
        )
    if b"\x00" in data[:4096]:
        raise ImportFileError("This looks like a binary file (an image or archive), not a CSV.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {exc.start}); export it again as UTF-8 CSV."
        ) from None


def header_of(text: str) -> list[str]:
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return next(csv.reader(io.StringIO(first), delimiter=delimiter), [])


def detect(text: str) -> Format:
    header = header_of(text)
    for fmt in FORMATS:
        if fmt.detect(header):
            return fmt
    raise ImportFileError(
        "Unknown CSV layout (header: " + ", ".join(h[:30] for h in header[:8]) + "). "
        "Use the column-mapping form on the Import page."
    )


def parse(data: bytes, format: str | None = None, units: str = "kg") -> ImportBatch:
    text = decode(data)
    if len(text.splitlines()) < 2:
        raise ImportFileError("The file has a header but no rows.")
    fmt = next((f for f in FORMATS if f.name == format), None) if format else detect(text)
    if fmt is None:
        raise ImportFileError(
            f"Unknown format {format!r}; known: {', '.join(f.name for f in FORMATS)}."
        )
    return fmt.parse(text, units=units)


def parse_path(path: str | Path, format: str | None = None, units: str = "kg") -> ImportBatch:
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportFileError(
                f"{file} is {size / 1e6:.0f} MB; the limit is {MAX_IMPORT_BYTES // 2**20} MB."
            )
        data = file.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Cannot read {file}: {exc.strerror or exc}.") from None
    return parse(data, format=format, units=units)
