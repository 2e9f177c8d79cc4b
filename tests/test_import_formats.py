"""Every format the import issue names, checked for exact counts and sums after import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rehab_core import importing
from rehab_core.rules import LB_IN_KG, MILE_IN_M
from rehab_core.storage import Database

FIXTURES = Path(__file__).parent / "fixtures"


def imported(name: str, units: str = "kg"):
    store = Database(":memory:").store()
    result = importing.import_bytes(store, (FIXTURES / name).read_bytes(), units=units)
    return store, result


def totals(store) -> dict:
    history = store.history()
    sets = history.sets
    return {
        "sessions": len(history.sessions),
        "sets": len(sets),
        "checkins": len(history.checkins),
        "kg": round(float(sets["load_kg"].sum()), 3),
        "seconds": round(float(sets["seconds"].sum()), 3),
        "metres": round(float(sets["distance_m"].sum()), 3),
    }


def test_strong_comma_file_without_units_takes_the_chosen_units():
    store, result = imported("strong_comma.csv")
    assert result.format == "strong"
    assert totals(store) == {
        "sessions": 3, "sets": 13, "checkins": 0, "kg": 52.5, "seconds": 1580, "metres": 2100,
    }  # fmt: skip


def test_strong_float_noise_is_stored_rounded():
    store, _ = imported("strong_comma.csv")
    assert 7.5 in store.history().sets["load_kg"].tolist()


def test_strong_plain_weight_in_pounds_when_the_person_says_lb():
    store, _ = imported("strong_comma.csv", units="lb")
    loads = store.history().sets["load_kg"].dropna()
    assert round(float(loads.sum()), 2) == round(5 * LB_IN_KG + 7.5 * LB_IN_KG + 40 * LB_IN_KG, 2)
    assert round(float(store.history().sets["distance_m"].sum()), 1) == round(2.1 * MILE_IN_M, 1)


def test_strong_semicolon_variant_with_decimal_commas_and_pseudo_rows():
    store, result = imported("strong_semicolon.csv")
    assert totals(store) == {
        "sessions": 2, "sets": 6, "checkins": 0, "kg": 5.0, "seconds": 1500, "metres": 1500,
    }  # fmt: skip
    assert result.rows_skipped == 2  # a rest timer and a note are not sets


def test_strong_set_order_letters_become_set_types():
    store, _ = imported("strong_semicolon.csv")
    types = store.history().sets["set_type"].value_counts().to_dict()
    assert types == {"normal": 3, "warmup": 1, "dropset": 1, "failure": 1}


def test_strong_notes_with_newlines_and_semicolons_reach_the_session():
    store, _ = imported("strong_semicolon.csv")
    notes = store.history().sessions["notes"].iloc[0]
    assert "Morning; stiff, then fine" in notes
    assert "felt it in the glutes,\nnot the back" in notes


def test_strong_rpe_becomes_the_sessions_effort():
    store, _ = imported("strong_semicolon.csv")
    assert store.history().sessions["effort"].iloc[0] == 8.5


def test_strong_weight_unit_column_mixes_pounds_and_kilograms():
    store, _ = imported("strong_weight_unit.csv")
    assert totals(store) == {
        "sessions": 1, "sets": 4, "checkins": 0, "kg": 29.072, "seconds": 900, "metres": 1609.344,
    }  # fmt: skip


def test_strong_units_in_the_header():
    store, _ = imported("strong_lbs_header.csv", units="kg")
    assert totals(store) == {
        "sessions": 1, "sets": 3, "checkins": 0, "kg": 22.68, "seconds": 1800, "metres": 3218.688,
    }  # fmt: skip


def test_hevy_metric_account():
    store, result = imported("hevy_kg.csv")
    assert result.format == "hevy"
    assert totals(store) == {
        "sessions": 3, "sets": 9, "checkins": 0, "kg": 7.5, "seconds": 1925, "metres": 2400,
    }  # fmt: skip
    assert (store.history().sets["set_type"] == "warmup").sum() == 1


def test_hevy_dates_without_zero_padding():
    store, _ = imported("hevy_kg.csv")
    dates = sorted(set(store.history().sessions["date"]))
    assert dates == [dt.date(2025, 3, 3), dt.date(2025, 3, 4), dt.date(2025, 3, 6)]


def test_hevy_pounds_and_miles():
    store, _ = imported("hevy_lbs.csv")
    assert totals(store) == {
        "sessions": 2, "sets": 4, "checkins": 0, "kg": 22.68, "seconds": 1800, "metres": 2414.016,
    }  # fmt: skip
    types = store.history().sets["set_type"].value_counts().to_dict()
    assert types == {"normal": 2, "warmup": 1, "failure": 1}


def test_fitnotes_unit_column():
    store, result = imported("fitnotes_units.csv")
    assert result.format == "fitnotes"
    assert totals(store) == {
        "sessions": 3, "sets": 9, "checkins": 0, "kg": 10, "seconds": 1600, "metres": 2000,
    }  # fmt: skip


def test_fitnotes_sets_are_numbered_within_exercise_and_date():
    store, _ = imported("fitnotes_units.csv")
    sets = store.history().sets
    first_day = sets[sets["date"] == dt.date(2025, 3, 3)]
    assert first_day["set_index"].tolist() == [1, 2, 1, 1]


def test_fitnotes_unquoted_comma_in_a_name_is_repaired_and_the_rest_imports():
    store, result = imported("fitnotes_header_units.csv")
    assert totals(store) == {
        "sessions": 2, "sets": 5, "checkins": 0, "kg": 31.752, "seconds": 2160, "metres": 3000,
    }  # fmt: skip
    assert "Hip Thrust, Barbell" in set(store.history().sets["exercise"])
    assert result.errors == ()


def test_bearable_back_pain_becomes_the_days_highest_checkin_pain():
    store, result = imported("bearable.csv")
    assert result.format == "bearable"
    pains = dict(
        zip(store.history().checkins["date"], store.history().checkins["pain"], strict=True)
    )
    assert pains == {dt.date(2025, 3, 1): 5, dt.date(2025, 3, 2): 8, dt.date(2025, 3, 3): 2}
    assert result.rows_skipped == 3


def test_bearable_ordinal_dates_and_other_symptoms_skipped():
    store, result = imported("bearable_ordinal.csv")
    pains = dict(
        zip(store.history().checkins["date"], store.history().checkins["pain"], strict=True)
    )
    assert pains == {dt.date(2020, 9, 22): 5, dt.date(2020, 9, 23): 8}
    assert result.rows_skipped == 2


def test_backtrack_sessions_csv_strips_the_spreadsheet_guard():
    store, result = imported("backtrack_sessions.csv")
    assert result.format == "backtrack"
    assert totals(store) == {
        "sessions": 2, "sets": 4, "checkins": 0, "kg": 0, "seconds": 1230, "metres": 1600,
    }  # fmt: skip
    assert store.history().sessions["notes"].iloc[0] == "=not a formula"


def test_backtrack_checkins_csv():
    store, result = imported("backtrack_checkins.csv")
    assert importing.detect((FIXTURES / "backtrack_checkins.csv").read_text()).name == (
        "backtrack-checkins"
    )
    checkins = store.history().checkins
    assert checkins["pain"].tolist() == [3, 2, 6]
    assert checkins["notes"].tolist()[1] == "+better"


@pytest.mark.parametrize(
    "name",
    [
        "strong_comma.csv",
        "strong_semicolon.csv",
        "hevy_kg.csv",
        "fitnotes_units.csv",
        "bearable.csv",
    ],
)
def test_reimporting_the_same_file_adds_nothing(name):
    store, _ = imported(name)
    again = importing.import_bytes(store, (FIXTURES / name).read_bytes())
    assert (again.sets_added, again.sessions_added, again.checkins_added) == (0, 0, 0)


def test_an_overlapping_later_export_adds_only_the_new_workout():
    store, _ = imported("strong_comma.csv")
    text = (FIXTURES / "strong_comma.csv").read_text()
    later = text + ('2025-03-10 07:00:00,"Back rehab A",20m,"Back Extension",1,0,12,0,0,"","",\n')
    again = importing.import_bytes(store, later.encode())
    assert (again.sessions_added, again.sets_added, again.duplicates_skipped) == (1, 1, 13)


def test_outside_names_map_onto_the_catalog():
    store, _ = imported("hevy_kg.csv")
    names = set(store.history().sets["exercise"])
    assert {"45° back extension", "45° back extension (weighted)", "Prone extension hold"} <= names
    assert "Walking" in names


def test_unknown_names_become_custom_exercises_that_can_be_remapped():
    store, _ = imported("strong_comma.csv")
    custom = store.exercises().query("not builtin")["name"].tolist()
    assert custom == ["Romanian Deadlift (Barbell)"]
    assert store.remap_exercise("Romanian Deadlift (Barbell)", "Glute bridge") == 1
    assert "Romanian Deadlift (Barbell)" not in set(store.history().sets["exercise"])


def test_imported_sessions_carry_their_source_and_no_pain():
    store, _ = imported("hevy_kg.csv")
    sessions = store.history().sessions
    assert set(sessions["source"]) == {"hevy"}
    assert sessions["pain_during"].isna().all()


def test_files_without_units_default_to_the_profiles_units():
    store = Database(":memory:").store()
    from rehab_core.models import Profile

    store.save_profile(Profile(units="lb"))
    importing.import_bytes(store, (FIXTURES / "strong_comma.csv").read_bytes())
    assert round(float(store.history().sets["load_kg"].max()), 3) == round(40 * LB_IN_KG, 3)


def test_a_column_mapping_reads_any_layout():
    mapping = importing.Mapping(
        date="Day",
        exercise="Movement",
        reps="Times",
        weight="Load",
        weight_unit="Unit",
        pain="Back pain",
        notes="Comment",
    )
    store = Database(":memory:").store()
    data = (FIXTURES / "custom_log.csv").read_bytes()
    result = importing.import_bytes(store, data, mapping=mapping)
    assert result.format == "mapped"
    assert totals(store) == {
        "sessions": 2, "sets": 3, "checkins": 3, "kg": 9.072, "seconds": 0, "metres": 0,
    }  # fmt: skip
    pains = store.history().checkins["pain"].tolist()
    assert pains == [3, 4, 2]


def test_a_diary_mapping_with_only_date_and_notes_gives_checkins():
    mapping = importing.Mapping(date="full_date", notes="note")
    store = Database(":memory:").store()
    importing.import_bytes(store, (FIXTURES / "daylio.csv").read_bytes(), mapping=mapping)
    notes = dict(
        zip(store.history().checkins["date"], store.history().checkins["notes"], strict=True)
    )
    assert notes == {dt.date(2025, 3, 2): "could not bend", dt.date(2025, 3, 3): "sat too long"}
