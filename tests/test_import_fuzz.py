"""Whatever the bytes, the importer answers with a batch or one ImportFileError."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehab_core import importing
from rehab_core.importing import ImportFileError
from rehab_core.storage import Database

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = sorted(p.name for p in FIXTURES.glob("*.csv"))
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def store():
    return Database(":memory:").store()


def parse_or_refuse(data: bytes):
    try:
        return importing.parse(data)
    except ImportFileError as exc:
        assert "\n" not in str(exc)
        return None


@st.composite
def mangled(draw):
    """A real export with a few edits: cut, inserted quotes, delimiters and line breaks."""
    text = (FIXTURES / draw(st.sampled_from(SAMPLES))).read_text(encoding="utf-8-sig")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["cut", "insert", "truncate", "duplicate"]))
        if edit == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif edit == "insert":
            junk = draw(st.text(alphabet='",;\n\r\t0123456789.-=:éW ', max_size=8))
            text = text[:at] + junk + text[at:]
        elif edit == "truncate":
            text = text[:at]
        else:
            lines = text.splitlines(keepends=True)
            text = "".join(lines + lines[1:2])
    return text.encode("utf-8")


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_never_raise_past_the_import_error(data):
    parse_or_refuse(data)


@FUZZ
@given(mangled())
def test_mangled_exports_never_raise_past_the_import_error(data):
    parse_or_refuse(data)


@FUZZ
@given(st.binary(max_size=300) | mangled())
def test_refused_files_never_change_the_database(store, data):
    before = store.counts()
    try:
        importing.import_bytes(store, data)
    except ImportFileError:
        assert store.counts() == before
