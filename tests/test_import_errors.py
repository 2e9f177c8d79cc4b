"""Bad input: one plain line, nothing written; a bad row never stops the rest of a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from rehab_core import importing
from rehab_core.importing import ImportFileError
from rehab_core.storage import Database

FIXTURES = Path(__file__).parent / "fixtures"
STRONG_HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"


def strong_row(date="2025-03-03 07:41:10", exercise="Back Extension", weight="0", reps="8"):
    return f'{date},"Back rehab",24m,"{exercise}",1,{weight},{reps},0,0,"","",\n'


def fresh_store():
    return Database(":memory:").store()


def refused(data: bytes) -> str:
    store = fresh_store()
    before = store.counts()
    with pytest.raises(ImportFileError) as caught:
        importing.import_bytes(store, data)
    assert store.counts() == before
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_an_empty_file_is_refused():
    assert "empty" in refused(b"")


def test_a_file_of_blank_lines_is_refused():
    assert "empty" in refused(b"\n\n  \n")


def test_a_header_without_rows_is_refused():
    assert "no rows" in refused((FIXTURES / "header_only.csv").read_bytes())


def test_an_image_is_refused():
    assert "binary" in refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))


def test_latin1_text_is_refused_as_not_utf8():
    assert "UTF-8" in refused(
        "Date,Exercise,Category\n2025-01-01,Rückenstrecker,Back\n".encode("latin-1")
    )


def test_an_unknown_layout_points_to_the_mapping_form():
    assert "column-mapping" in refused((FIXTURES / "daylio.csv").read_bytes())


def test_a_file_over_the_upload_limit_is_refused(monkeypatch):
    monkeypatch.setattr(importing, "MAX_IMPORT_BYTES", 100)
    assert "limit" in refused((STRONG_HEADER + strong_row() * 5).encode())


def test_utf8_with_bom_reads_like_without():
    text = STRONG_HEADER + strong_row()
    plain = importing.parse(text.encode())
    with_bom = importing.parse(b"\xef\xbb\xbf" + text.encode())
    assert plain.sets.equals(with_bom.sets)


def test_a_bad_number_is_a_line_error_and_the_rest_imports():
    text = STRONG_HEADER + strong_row() + strong_row(weight="heavy") + strong_row(reps="9")
    batch = importing.parse(text.encode())
    assert [(e.line, e.message) for e in batch.errors] == [(3, "Weight: 'heavy' is not a number")]
    assert len(batch.sets) == 2


def test_a_bad_date_names_its_line():
    text = STRONG_HEADER + strong_row() + strong_row(date="yesterday")
    batch = importing.parse(text.encode())
    assert [e.line for e in batch.errors] == [3]
    assert "yesterday" in batch.errors[0].message


def test_a_ragged_row_is_a_line_error_and_the_rest_imports():
    text = STRONG_HEADER + strong_row() + "2025-03-04,too,few\n" + strong_row(reps="9")
    batch = importing.parse(text.encode())
    assert [e.line for e in batch.errors] == [3]
    assert len(batch.sets) == 2


def test_line_numbers_count_notes_that_span_lines():
    multi = '2025-03-03 07:41:10,"Back rehab",24m,"Plank",1,0,0,0,30,"one\ntwo","",\n'
    text = STRONG_HEADER + multi + strong_row(reps="many")
    batch = importing.parse(text.encode())
    assert [e.line for e in batch.errors] == [4]


def test_an_implausible_value_is_a_line_error():
    text = STRONG_HEADER + strong_row() + strong_row(reps="5000")
    batch = importing.parse(text.encode())
    assert [e.line for e in batch.errors] == [3]
    assert "reps" in batch.errors[0].message


def test_line_errors_reach_the_import_result():
    store = fresh_store()
    text = STRONG_HEADER + strong_row() + strong_row(weight="x")
    result = importing.import_bytes(store, text.encode())
    assert result.as_dict()["errors"] == [{"line": 3, "message": "Weight: 'x' is not a number"}]
    assert result.sets_added == 1


def test_a_dry_run_writes_nothing():
    store = fresh_store()
    result = importing.import_bytes(
        store, (FIXTURES / "strong_comma.csv").read_bytes(), dry_run=True
    )
    assert result.sets_added == 13
    assert store.counts() == {"sessions": 0, "sets": 0, "checkins": 0}


def test_an_unknown_format_name_is_refused():
    with pytest.raises(ImportFileError, match="Unknown format"):
        importing.parse(b"a,b\n1,2\n", format="nonsense")
