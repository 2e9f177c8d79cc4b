"""Import & export: bring a history in from other trackers, take it out, back it up."""

import dataclasses

import streamlit as st

from pages._ui import store as open_store
from rehab_core import backup, catalog, csvformat, importing, outcomes
from rehab_core.importers.mapping import Mapping, remember_mapping, saved_mapping
from rehab_core.models import ImportBatch
from rehab_core.rules import IMPORT_RULES
from rehab_core.stages import STAGE_NAMES
from rehab_core.storage import StorageError

# Each app puts its export in its settings; the wording there changes between versions.
EXPORT_HELP = """
- **Strong**: Settings → *Export Strong data* gives a CSV of every workout.
- **Hevy**: Settings → *Export & import data* → *Export workouts*.
- **FitNotes**: Settings → *Spreadsheet export* (CSV).
- **Bearable**: Settings → *Export data*; Backtrack reads the lower-back-pain ratings.
- **Any other CSV** (a pain diary, a spreadsheet): upload it and say which column is which.

Gym apps do not record pain, so imported sessions count for consistency but not as evidence
that your back tolerates a dose.
"""

NOT_IN_FILE = "— not in the file —"
PREVIEW_COLUMNS = {
    "date": "Date",
    "exercise": "Exercise",
    "set_index": "Set",
    "set_type": "Type",
    "reps": "Reps",
    "seconds": "Seconds",
    "load_kg": "Load (kg)",
    "distance_m": "Distance (m)",
    "pain": "Pain",
    "notes": "Notes",
}
STAGES = {number: f"{number} · {name}" for number, name in STAGE_NAMES.items()}

store = open_store()
profile = store.profile()
st.title("Import & export")
import_tab, export_tab, backup_tab, exercises_tab = st.tabs(
    ["Import", "Export", "Backup & restore", "Imported exercises"]
)


def read_upload(data: bytes, file_id: str, units: str, mapping: Mapping | None) -> ImportBatch:
    """Parse once per file and choice; a rerun of the page reuses the result."""
    key = ("import_batch", file_id, units, mapping)
    cached = st.session_state.get("import_cache")
    if cached and cached[0] == key:
        return cached[1]
    batch = importing.parse(data, units=units, mapping=mapping)
    st.session_state["import_cache"] = (key, batch)
    return batch


def mapping_form(header: list[str]) -> Mapping | None:
    """Which column holds what, for a layout Backtrack does not know; remembered by header."""
    known = saved_mapping(store, header) or st.session_state.get("import_mapping")
    options = [NOT_IN_FILE, *header]

    def pick(label: str, field: str, help: str | None = None) -> str | None:
        current = getattr(known, field, None) if known else None
        index = options.index(current) if current in options else 0
        chosen = st.selectbox(label, options, index=index, key=f"map_{field}", help=help)
        return None if chosen == NOT_IN_FILE else chosen

    st.info(
        "Backtrack does not know this file's layout. Say which column holds what; "
        "it is remembered for the next file with the same columns.",
        icon=":material/table_edit:",
    )
    with st.form("column_mapping"):
        left, right = st.columns(2)
        with left:
            date = pick("Date", "date")
            exercise = pick(
                "Exercise", "exercise", "Leave empty for a diary: rows become check-ins"
            )
            reps = pick("Reps", "reps")
            seconds = pick("Seconds", "seconds")
        with right:
            weight = pick("Weight", "weight")
            weight_unit = pick("Weight unit column (kg/lb per row)", "weight_unit")
            units = st.radio(
                "Otherwise weights are in",
                ["kg", "lb"],
                index=["kg", "lb"].index(getattr(known, "units", profile.units)),
                horizontal=True,
                key="map_units",
            )
            pain = pick("Pain (0-10)", "pain")
            notes = pick("Notes", "notes")
        submitted = st.form_submit_button("Use these columns", type="primary")
    if submitted:
        if date is None:
            st.error("Choose the column that holds the date.")
            return None
        chosen = Mapping(date, exercise, reps, seconds, weight, weight_unit, units, pain, notes)
        remember_mapping(store, header, chosen)
        st.session_state["import_mapping"] = chosen
        return chosen
    chosen = st.session_state.get("import_mapping")
    return chosen if chosen and set(chosen.columns()) <= set(header) else None


def counted(batch: ImportBatch):
    """What the batch would add (a dry run), recounted only when the data changes."""
    key = (id(batch), store.db.data_version)
    cached = st.session_state.get("import_counts")
    if cached and cached[0] == key:
        return cached[1]
    would = store.import_batch(batch, dry_run=True)
    st.session_state["import_counts"] = (key, would)
    return would


def show_preview(batch: ImportBatch, label: str) -> None:
    would = counted(batch)
    st.subheader("Preview")
    counts = st.columns(4)
    counts[0].metric("New sessions", would.sessions_added)
    counts[1].metric("New sets", would.sets_added)
    counts[2].metric("New check-ins", would.checkins_added)
    counts[3].metric("Already here", would.duplicates_skipped)
    st.dataframe(
        importing.preview(batch, IMPORT_RULES.preview_rows).rename(columns=PREVIEW_COLUMNS),
        hide_index=True,
    )
    if batch.skipped_reasons:
        reasons = ", ".join(f"{n} {why}" for why, n in batch.skipped_reasons.items())
        st.caption(f"Rows skipped: {reasons}.")
    if batch.errors:
        st.warning(
            f"{len(batch.errors)} lines could not be read and will be left out; "
            "the rest of the file imports.",
            icon=":material/warning:",
        )
        st.dataframe(importing.skipped_lines(batch), hide_index=True)
    if not (would.sets_added or would.checkins_added):
        st.info("Nothing new in this file: everything is already in Backtrack.")
        return
    if st.button(f"Import from {label}", type="primary", key="confirm_import"):
        big = batch.rows_read > IMPORT_RULES.progress_bar_rows
        bar = st.progress(0.3, text="Writing to the database…") if big else None
        try:
            done = store.import_batch(batch)
        except StorageError as exc:
            st.error(str(exc), icon=":material/error:")
            return
        if bar:
            bar.progress(1.0, text="Done")
        st.session_state["import_done"] = (done, label)
        st.session_state.pop("import_cache", None)
        # A fresh uploader: the imported file leaves the page, the summary stays.
        st.session_state["import_round"] = st.session_state.get("import_round", 0) + 1
        st.rerun()


def import_section() -> None:
    if "import_done" in st.session_state:
        done, label = st.session_state["import_done"]
        st.success(
            f"Imported {done.sessions_added} sessions, {done.sets_added} sets and "
            f"{done.checkins_added} check-ins from {label}; "
            f"{done.duplicates_skipped} were already here.",
            icon=":material/check_circle:",
        )
        if done.sessions_added:
            starting_stage_offer()
    uploaded = st.file_uploader(
        "A CSV from Strong, Hevy, FitNotes, Bearable or Backtrack, or any other CSV",
        type=["csv", "txt"],
        key=f"import_file_{st.session_state.get('import_round', 0)}",
    )
    if uploaded is None:
        st.caption(
            "Nothing is written until you confirm a preview, and the same file imported "
            "twice adds nothing twice."
        )
        with st.expander("Where do I find my export?", icon=":material/help:"):
            st.markdown(EXPORT_HELP)
        return
    data = uploaded.getvalue()
    try:
        text = importing.decode(data)
        header = importing.header_of(text)
        fmt = _detected(text)
        units = profile.units
        mapping = None
        if fmt is None:
            mapping = mapping_form(header)
            if mapping is None:
                return
            label = "your columns"
        else:
            label = fmt.label
            st.markdown(f"**Detected:** {fmt.label}")
            if importing.needs_units(text):
                units = st.radio(
                    "This file does not say its weight unit. Weights are in",
                    ["kg", "lb"],
                    index=["kg", "lb"].index(profile.units),
                    horizontal=True,
                    key="import_units",
                )
        big = data.count(b"\n") > IMPORT_RULES.progress_bar_rows
        bar = st.progress(0.1, text="Reading the file…") if big else None
        batch = read_upload(data, uploaded.file_id, units, mapping)
        if bar:
            bar.progress(1.0, text=f"Read {batch.rows_read} rows")
    except importing.ImportFileError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    show_preview(batch, label)


def _detected(text: str):
    try:
        return importing.detect(text)
    except importing.ImportFileError:
        return None


def starting_stage_offer() -> None:
    st.info(
        "Imported sessions have no pain ratings, and the stage engine moves you on only "
        "when pain during and after sessions says it is safe. If you already train at a "
        "later stage, set it here; otherwise Backtrack starts at stage 1 and learns from "
        "your next rated sessions.",
        icon=":material/info:",
    )
    with st.form("starting_stage"):
        stage = st.selectbox(
            "Starting stage",
            list(STAGES),
            index=profile.starting_stage - 1,
            format_func=STAGES.get,
        )
        if st.form_submit_button("Set starting stage"):
            store.save_profile(dataclasses.replace(profile, starting_stage=stage))
            st.success(f"Starting stage set to {STAGES[stage]}.")


def export_section() -> None:
    st.write(
        "Backtrack's own CSVs, in kg, seconds and metres. Cells that a spreadsheet would run "
        "as a formula start with `'`; importing them back removes it."
    )
    files = {  # each built when its button is clicked
        "sessions.csv": lambda: csvformat.write_sessions_csv(store.export_sets()),
        "checkins.csv": lambda: csvformat.write_checkins_csv(store.export_checkins()),
        "outcomes.csv": lambda: csvformat.write_outcomes_csv(outcomes.scores(store)),
    }
    for name, write in files.items():
        st.download_button(
            f"Download {name}",
            data=write,
            file_name=name,
            mime="text/csv",
            icon=":material/download:",
        )


def backup_section() -> None:
    st.write(
        "A backup is one .zip of every table. On Streamlit Community Cloud the server's disk "
        "is wiped on restart: download a backup after each week of logging."
    )
    st.download_button(
        "Download full backup",
        data=lambda: backup.make_backup(store),
        file_name="backtrack-backup.zip",
        mime="application/zip",
        icon=":material/backup:",
        type="primary",
    )
    st.divider()
    uploaded = st.file_uploader("Restore a backup", type=["zip"], key="restore_file")
    if uploaded is None:
        return
    try:
        found = backup.read_backup(uploaded.getvalue())
    except backup.BackupError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    counts = found.counts()
    st.markdown(
        f"Backup from {found.manifest.get('created_at', 'an unknown date')}: "
        f"{counts.get('sessions', 0)} sessions, {counts.get('sets', 0)} sets, "
        f"{counts.get('checkins', 0)} check-ins."
    )
    have = store.counts()
    mode = "replace"
    if any(have.values()):
        mode = st.radio(
            f"You already have {have['sessions']} sessions and {have['checkins']} check-ins here.",
            backup.MODES,
            format_func={
                "replace": "Replace them with the backup",
                "merge": "Merge: keep them and add what the backup has in addition",
            }.get,
            key="restore_mode",
        )
    if st.button("Restore", type="primary", key="confirm_restore"):
        try:
            done = backup.restore(store, uploaded.getvalue(), mode=mode)
        except (backup.BackupError, StorageError) as exc:
            st.error(str(exc), icon=":material/error:")
            return
        st.success(
            f"Restored ({done.mode}): {done.added.get('sessions', 0)} sessions, "
            f"{done.added.get('sets', 0)} sets, {done.added.get('checkins', 0)} check-ins added.",
            icon=":material/check_circle:",
        )


def exercises_section() -> None:
    exercises = store.exercises()
    custom = exercises[~exercises["builtin"].astype(bool)]["name"].tolist()
    if not custom:
        st.write("Every imported exercise matched Backtrack's catalog.")
        return
    st.write(
        "These names from your imports are not in Backtrack's catalog. Point one at a "
        "catalog exercise and all its sets move with it."
    )
    targets = [e.name for e in catalog.SEED_EXERCISES]
    with st.form("remap_exercise"):
        old = st.selectbox("Imported name", custom, key="remap_old")
        new = st.selectbox("Is really", targets, key="remap_new")
        if st.form_submit_button("Remap"):
            try:
                moved = store.remap_exercise(old, new)
            except StorageError as exc:
                st.error(str(exc), icon=":material/error:")
                return
            st.success(f"Moved {moved} sets from {old} to {new}.")


with import_tab:
    import_section()
with export_tab:
    export_section()
with backup_tab:
    backup_section()
with exercises_tab:
    exercises_section()
