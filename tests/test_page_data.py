"""The Import & export page under AppTest: upload, preview, confirm; mapping; backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from streamlit.testing.v1 import AppTest

from rehab_core import backup, importing
from rehab_core.storage import Database

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "data.py")


def opened() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def upload(at: AppTest, name: str, data: bytes | None = None, key="import_file_0") -> AppTest:
    content = data if data is not None else (FIXTURES / name).read_bytes()
    at.file_uploader(key=key).set_value((name, content, "text/csv")).run()
    assert not at.exception
    return at


def counts(path) -> dict:
    with Database(str(path)) as db:
        return db.store().counts()


def texts(elements) -> list[str]:
    return [str(e.value) for e in elements]


def test_a_strong_file_shows_format_units_and_a_preview(app_db):
    at = upload(opened(), "strong_comma.csv")
    assert any("Detected:** Strong" in t for t in texts(at.markdown))
    assert texts(at.metric)[:3] == ["3", "13", "0"]
    assert at.radio(key="import_units").value == "kg"


def test_confirming_imports_in_one_go_and_offers_a_starting_stage(app_db):
    at = upload(opened(), "strong_comma.csv")
    at.button(key="confirm_import").click().run()
    assert not at.exception
    assert any("Imported 3 sessions, 13 sets" in t for t in texts(at.success))
    assert any("no pain ratings" in t for t in texts(at.info))
    assert counts(app_db)["sets"] == 13
    # The imported file leaves the page: an empty uploader, no second preview.
    assert at.file_uploader(key="import_file_1").value is None
    assert not any(s.value == "Preview" for s in at.subheader)


def test_the_starting_stage_offer_saves_the_profile(app_db):
    at = upload(opened(), "hevy_kg.csv")
    at.button(key="confirm_import").click().run()
    at.selectbox[0].set_value(3)
    at.button(key="FormSubmitter:starting_stage-Set starting stage").click().run()
    assert not at.exception
    db = Database(str(app_db))
    assert db.store().profile().starting_stage == 3
    db.close()


def test_reuploading_the_same_file_has_nothing_new(app_db):
    at = upload(opened(), "bearable.csv")
    at.button(key="confirm_import").click().run()
    at = upload(opened(), "bearable.csv")
    assert any("Nothing new" in t for t in texts(at.info))


def test_a_binary_file_is_one_clear_error_and_nothing_is_written(app_db):
    at = upload(opened(), "photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert texts(at.error) == ["This looks like a binary file (an image or archive), not a CSV."]
    assert counts(app_db) == {"sessions": 0, "sets": 0, "checkins": 0}


def test_a_header_only_file_says_so(app_db):
    at = upload(opened(), "header_only.csv")
    assert any("no rows" in t for t in texts(at.error))


def test_line_errors_are_listed_beside_the_preview(app_db):
    text = (FIXTURES / "strong_comma.csv").read_text().replace(",8,0,0,", ",eight,0,0,", 1)
    at = upload(opened(), "strong.csv", text.encode())
    assert any("1 lines could not be read" in t for t in texts(at.warning))


def test_an_unknown_layout_gets_the_mapping_form_and_imports(app_db):
    at = upload(opened(), "daylio.csv")
    assert any("does not know this file" in t for t in texts(at.info))
    at.selectbox(key="map_date").set_value("full_date")
    at.selectbox(key="map_notes").set_value("note")
    at.button(key="FormSubmitter:column_mapping-Use these columns").click().run()
    assert not at.exception
    assert texts(at.metric)[:3] == ["0", "0", "2"]
    at.button(key="confirm_import").click().run()
    assert counts(app_db)["checkins"] == 2


def test_the_mapping_is_remembered_for_the_same_header(app_db):
    at = upload(opened(), "daylio.csv")
    at.selectbox(key="map_date").set_value("full_date")
    at.button(key="FormSubmitter:column_mapping-Use these columns").click().run()
    at = upload(opened(), "daylio.csv")
    assert at.selectbox(key="map_date").value == "full_date"


def test_exports_and_a_backup_are_offered_for_download(app_db):
    at = opened()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "Download sessions.csv",
        "Download checkins.csv",
        "Download outcomes.csv",
        "Download full backup",
    ]


def test_restoring_a_backup_over_existing_rows_asks_replace_or_merge(app_db, tmp_path):
    source = Database(":memory:").store()
    importing.import_bytes(source, (FIXTURES / "hevy_kg.csv").read_bytes())
    data = backup.make_backup(source)
    at = upload(opened(), "strong_comma.csv")
    at.button(key="confirm_import").click().run()
    at.file_uploader(key="restore_file").set_value(("b.zip", data, "application/zip")).run()
    assert at.radio(key="restore_mode").value == "replace"
    at.radio(key="restore_mode").set_value("merge")
    at.button(key="confirm_restore").click().run()
    assert not at.exception
    assert counts(app_db) == {"sessions": 6, "sets": 22, "checkins": 0}


def test_a_damaged_backup_is_refused_on_the_page(app_db):
    at = opened()
    at.file_uploader(key="restore_file").set_value(("b.zip", b"PK\x03\x04junk", "application/zip"))
    at.run()
    assert not at.exception
    assert any("not a Backtrack backup" in t for t in texts(at.error))


def test_imported_custom_exercises_can_be_remapped(app_db):
    at = upload(opened(), "strong_comma.csv")
    at.button(key="confirm_import").click().run()
    at = opened()
    at.selectbox(key="remap_old").set_value("Romanian Deadlift (Barbell)")
    at.selectbox(key="remap_new").set_value("Glute bridge")
    at.button(key="FormSubmitter:remap_exercise-Remap").click().run()
    assert not at.exception
    assert any("Moved 1 sets" in t for t in texts(at.success))


def strong_file(workouts: int) -> bytes:
    """A Strong export of `workouts` daily workouts of ten sets each."""
    header = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"
    start = dt.datetime(2015, 1, 1, 7, 30)
    rows = [
        f'{start + dt.timedelta(days=day):%Y-%m-%d %H:%M:%S},"Rehab",30m,"Back Extension",{n},0,10,0,0,"","",\n'
        for day in range(workouts)
        for n in range(1, 11)
    ]
    return (header + "".join(rows)).encode()


def test_a_file_of_thousands_of_rows_shows_a_progress_bar(app_db):
    at = upload(opened(), "big.csv", strong_file(400))
    bars = at.get("progress")
    assert bars and "Read 4000 rows" in bars[0].proto.text
    assert texts(at.metric)[:2] == ["400", "4000"]
