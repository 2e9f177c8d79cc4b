"""`make bench`: how Backtrack's speed holds up with years of history.

Each measure is a median over repeated runs in this one process, reported as a ratio to a
baseline measured in the same run, the two run in turns (so a busy machine slows both
sides alike):

- import:  a 100k-row Strong CSV through rehab_core (parse + Store.import_batch) vs DuckDB's
           own read_csv of the same file into a table (the engine's floor)
- pages:   AppTest run of Log, Plan and Progress at 100k sets vs an empty database, and vs
           an empty Streamlit page
- stages:  rehab_core.stages.assess at 100k sets vs 1k sets (the history is 100x longer)
- browser: headless chromium, navigation to the Progress page's charts being visible (demo
           history) vs a one-line Streamlit page; and that page with one tiny plotly chart
           (the floor: Streamlit loads its plotly.js bundle for any chart)
- memory:  peak RSS of the `streamlit run` process after Log, Plan and Progress at 100k sets

Prints one table (machine in its header) and writes bench/results.json. A step that
cannot run here (no chromium, a page not written yet) is reported, not fatal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.chdir(REPO)

import duckdb  # noqa: E402
import streamlit  # noqa: E402

from rehab_core import importing, synthetic  # noqa: E402
from rehab_core.storage import Database  # noqa: E402
from tests.e2e.helpers import CHROMIUM, CHROMIUM_ARGS, AppServer  # noqa: E402

RESULTS = REPO / "bench" / "results.json"
BIG = 100_000
SMALL = 1_000
TODAY = dt.date.today()
PAGES = ("log", "plan", "progress")
ONE_LINE_PAGE = 'import streamlit as st\n\nst.write("Hello")\n'
# The same page with one 3-point plotly chart: what any page with a plotly chart pays in the
# browser (Streamlit loads its 4.7 MB plotly.js bundle for the first chart on a page).
PLOTLY_PAGE = (
    "import plotly.graph_objects as go\nimport streamlit as st\n\n"
    'st.write("Hello")\nst.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3], y=[1, 3, 2])))\n'
)

rows: list[dict] = []  # the table, one dict per measure


def interleaved(works: list[Callable[[], object]], repeats: int, setups=None) -> list[float]:
    """Median wall time of each work, run in turns (a, b, a, b, ...) so that a change in the
    machine's load during the bench falls on both sides of a ratio alike."""
    times: list[list[float]] = [[] for _ in works]
    for _ in range(repeats):
        for i, work in enumerate(works):
            if setups is not None and setups[i] is not None:
                setups[i]()
            start = time.perf_counter()
            work()
            times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def in_turns(works: list[Callable[[], float]], repeats: int) -> list[float]:
    """Like `interleaved`, for works that time themselves (the browser measures: opening a
    fresh browser context is not part of what they measure)."""
    seconds: list[list[float]] = [[] for _ in works]
    for _ in range(repeats):
        for i, work in enumerate(works):
            seconds[i].append(work())
    return [statistics.median(s) for s in seconds]


def record(name, value, baseline, baseline_name, target=None, unit="s", note=""):
    ratio = None if value is None or not baseline else value / baseline
    rows.append(
        {
            "measure": name,
            "value": value,
            "baseline": baseline,
            "baseline_name": baseline_name,
            "ratio": ratio,
            "target": target,
            "met": None if ratio is None or target is None else ratio <= target,
            "unit": unit,
            "note": note,
        }
    )
    shown = "n/a" if ratio is None else f"{ratio:.2f}"
    print(f"  {name}: {value} vs {baseline} -> {shown} {note}", file=sys.stderr, flush=True)


def failed(name: str, exc: BaseException) -> None:
    traceback.print_exc(file=sys.stderr)
    message = f"{type(exc).__name__}: {exc}".splitlines()[0][:120]
    rows.append({"measure": name, "value": None, "ratio": None, "note": f"not measured: {message}"})


@contextlib.contextmanager
def step(name: str):
    print(f"[{time.strftime('%H:%M:%S')}] {name}", file=sys.stderr, flush=True)
    try:
        yield
    except Exception as exc:
        failed(name, exc)


# -- databases ----------------------------------------------------------------------------
def history_db(path: Path, sets: int) -> Path:
    with Database(path) as db:
        if sets:
            db.store().import_batch(synthetic.synthetic_history(sets, end=TODAY))
    return path


def demo_db(path: Path) -> Path:
    from rehab_core.demo import load_demo

    with Database(path) as db:
        load_demo(db.store(), TODAY)
    return path


# -- 1. import ----------------------------------------------------------------------------
def bench_import(work: Path, repeats: int = 5) -> None:
    strong = importing.by_name("strong") if hasattr(importing, "by_name") else None
    strong = strong or next((f for f in importing.FORMATS if f.name == "strong"), None)
    history = synthetic.synthetic_history(BIG, end=TODAY)
    if strong is not None:
        text, label = synthetic.strong_csv(history), "Strong"
    else:
        text, label = synthetic.sessions_csv(history), "Backtrack"
    csv_path = work / "import.csv"
    csv_path.write_text(text, encoding="utf-8")
    target = work / "import.duckdb"
    floor_target = work / "read_csv.duckdb"
    state: dict = {}

    def fresh_store():
        if "db" in state:
            state.pop("db").close()
        for leftover in (target, target.with_name(target.name + ".wal")):
            leftover.unlink(missing_ok=True)
        state["db"] = Database(target)
        state["store"] = state["db"].store()

    parse_times, write_times = [], []

    def ours():
        start = time.perf_counter()
        batch = importing.parse(csv_path.read_bytes(), units="kg")
        parsed = time.perf_counter()
        result = state["store"].import_batch(batch)
        parse_times.append(parsed - start)
        write_times.append(time.perf_counter() - parsed)
        assert result.sets_added == BIG, result

    def fresh_file():
        if "con" in state:
            state.pop("con").close()
        for leftover in (floor_target, floor_target.with_name(floor_target.name + ".wal")):
            leftover.unlink(missing_ok=True)
        state["con"] = duckdb.connect(str(floor_target))

    def floor():
        state["con"].execute("CREATE TABLE raw AS SELECT * FROM read_csv(?)", [str(csv_path)])

    mine, engine = interleaved([ours, floor], repeats, [fresh_store, fresh_file])
    state.pop("db").close()
    state.pop("con").close()
    record(
        f"import {BIG // 1000}k-row {label} CSV",
        mine,
        engine,
        "DuckDB read_csv",
        target=3,
        note=f"parse {statistics.median(parse_times):.1f} s + write "
        f"{statistics.median(write_times):.1f} s"
        + ("" if strong else "; Strong importer not available: Backtrack format"),
    )


# -- 2. page reruns -----------------------------------------------------------------------
def _session(script: str, db_path: Path, titled: bool = True) -> tuple[Callable[[], None], float]:
    """One AppTest session on `db_path`: its rerun function and its first run's time."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(script, default_timeout=300)

    def rerun() -> None:
        os.environ["BACKTRACK_DB"] = str(db_path)  # read by the page on every run
        at.run()

    start = time.perf_counter()
    rerun()
    first = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{script} raised: {at.exception[0].message}")
    if titled and not at.title:  # a script that does not compile reports no exception
        raise RuntimeError(f"{Path(script).name} drew no title (does it compile?)")
    return rerun, first


def bench_pages(work: Path, empty: Path, big: Path, repeats: int = 7) -> None:
    blank = work / "blank_page.py"
    blank.write_text(ONE_LINE_PAGE)
    streamlit.cache_resource.clear()
    streamlit.cache_data.clear()
    blank_rerun, _ = _session(str(blank), empty, titled=False)
    for name in PAGES:
        script = str(REPO / "pages" / f"{name}.py")
        with step(f"page {name}"):
            on_empty, _ = _session(script, empty)
            on_big, first = _session(script, big)
            blank_time, at_empty, at_big = interleaved([blank_rerun, on_empty, on_big], repeats)
            record(
                f"page {name} rerun, {BIG // 1000}k sets",
                at_big,
                at_empty,
                "same page, empty db",
                target=2,
                note=f"first run {first:.2f} s",
            )
            record(
                f"page {name} rerun, {BIG // 1000}k sets (vs blank)",
                at_big,
                blank_time,
                "one-line Streamlit page",
            )


# -- 3. stage replay ----------------------------------------------------------------------
def bench_stages(small: Path, big: Path, repeats: int = 5) -> None:
    from rehab_core import stages

    def history(path: Path):
        with Database(path) as db:
            return db.store().history()

    few, many = history(small), history(big)
    t_many, t_few = interleaved(
        [lambda: stages.assess(many, TODAY), lambda: stages.assess(few, TODAY)], repeats
    )
    record(
        f"stage replay (assess), {BIG // 1000}k vs {SMALL // 1000}k sets",
        t_many,
        t_few,
        f"{SMALL // 1000}k sets",
        target=BIG / SMALL,
        note="target: at most linear (x100 data)",
    )


# -- 4 and 5. browser and memory ----------------------------------------------------------
def Server(script: Path | str, db_path: Path, log: Path) -> AppServer:
    """A healthy `streamlit run SCRIPT` on `db_path` (the browser tests' own server)."""
    server = AppServer(db_path, log, script)
    server.wait_healthy(90)
    return server


CHARTS_JS = "() => document.querySelectorAll('.js-plotly-plot .main-svg').length"
IDLE_JS = (
    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText"
    ".toLowerCase().includes('running')"
)
# A page has drawn: its title is on screen and the script is no longer running.
DRAWN_JS = (
    f"() => !!document.querySelector('[data-testid=\"stMainBlockContainer\"] h1') && ({IDLE_JS})()"
)


@contextlib.contextmanager
def _fresh_page(browser):
    """A page in a browser context of its own: nothing cached from an earlier visit."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def _until(page, ready_js: str, start: float, what: str, timeout_ms: int) -> float:
    """Seconds from `start` until `ready_js()` is true on `page`."""
    page.wait_for_function(ready_js, timeout=timeout_ms, polling=25)
    seconds = time.perf_counter() - start
    print(f"    {what}: {seconds:.2f} s", file=sys.stderr, flush=True)
    return seconds


def _open(browser, url: str, ready_js: str, timeout_ms: int = 120_000) -> float:
    """Seconds from navigation until `ready_js()` is true, in a fresh page."""
    with _fresh_page(browser) as page:
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        return _until(page, ready_js, start, url, timeout_ms)


def _click_through(browser, app_url: str, ready_js: str, timeout_ms: int = 120_000) -> float:
    """Seconds from clicking Progress in the sidebar of the open app (on Log, in a fresh
    browser) until `ready_js()` is true: how a person usually gets there."""
    with _fresh_page(browser) as page:
        page.goto(app_url, timeout=timeout_ms)
        page.wait_for_function(DRAWN_JS, timeout=timeout_ms, polling=25)
        link = page.get_by_test_id("stSidebarNav").get_by_role("link", name="Progress")
        start = time.perf_counter()
        link.click()
        return _until(page, ready_js, start, f"{app_url} -> Progress", timeout_ms)


def _settled_chart_count(browser, url: str) -> int:
    with _fresh_page(browser) as page:
        page.goto(url, timeout=120_000)
        page.wait_for_function(f"({CHARTS_JS})() > 0", timeout=120_000)
        page.wait_for_function(IDLE_JS, timeout=120_000)
        page.wait_for_timeout(1500)
        return page.evaluate(CHARTS_JS)


def bench_browser(work: Path, demo: Path, big: Path, repeats: int = 5) -> None:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} missing (run `make chromium`)")
    from playwright.sync_api import sync_playwright

    blank = work / "blank_app.py"
    blank.write_text(ONE_LINE_PAGE)
    plotly_page = work / "plotly_app.py"
    plotly_page.write_text(PLOTLY_PAGE)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with step("browser: Progress (demo) vs one-line page"):
                servers = [Server(REPO / "app.py", demo, work / "demo_server.log")]
                try:
                    servers.append(Server(blank, demo, work / "blank_server.log"))
                    servers.append(Server(plotly_page, demo, work / "plotly_server.log"))
                    app, one, floor = servers
                    url = f"{app.url}/progress"
                    charts = _settled_chart_count(browser, url)  # also warms the app up
                    ready = f"() => ({CHARTS_JS})() >= {charts}"
                    hello = "() => document.body.innerText.includes('Hello')"
                    drawn = f"() => ({CHARTS_JS})() >= 2"
                    _open(browser, one.url, hello)  # the same warm-up for the others
                    _open(browser, floor.url, drawn)
                    progress_time, blank_time, floor_time, clicked_time = in_turns(
                        [
                            lambda: _open(browser, url, ready),
                            lambda: _open(browser, one.url, hello),
                            lambda: _open(browser, floor.url, drawn),
                            lambda: _click_through(browser, app.url, ready),
                        ],
                        repeats,
                    )
                finally:
                    for server in servers:
                        server.stop()
                record(
                    "browser: Progress charts visible (demo)",
                    progress_time,
                    blank_time,
                    "one-line Streamlit page",
                    target=2,
                    note=f"{charts // 2} chart(s) on the first tab; "
                    f"{progress_time / floor_time:.2f}x the plotly floor below",
                )
                record(
                    "browser: Progress charts visible after its sidebar link (app open on Log)",
                    clicked_time,
                    blank_time,
                    "one-line Streamlit page",
                    note="the usual way there: the app is loaded, plotly.js is not yet",
                )
                record(
                    "browser: one-line page + one 3-point plotly chart (the floor)",
                    floor_time,
                    blank_time,
                    "one-line Streamlit page",
                    note="what Streamlit's plotly.js costs any page with a chart",
                )
            with step(f"memory at {BIG // 1000}k sets"):
                app = Server(REPO / "app.py", big, work / "big_server.log")
                note = ""
                try:
                    started_mb = app.peak_rss_mb()
                    note = f"{started_mb:.0f} MB at start"
                    for name in ("", "plan"):
                        _open(browser, f"{app.url}/{name}", DRAWN_JS, timeout_ms=180_000)
                    drawn = f"() => ({CHARTS_JS})() > 0 && ({IDLE_JS})()"
                    seconds = _open(browser, f"{app.url}/progress", drawn, timeout_ms=180_000)
                    note += f"; Progress charts at {BIG // 1000}k sets after {seconds:.1f} s"
                except Exception as exc:
                    note += f"; pages did not all finish: {type(exc).__name__}"
                finally:
                    peak = app.peak_rss_mb()
                    app.stop()
                rows.append(
                    {
                        "measure": f"app peak memory after Log, Plan, Progress, {BIG // 1000}k sets",
                        "value": peak,
                        "unit": "MB",
                        "ratio": None,
                        "note": note,
                    }
                )
        finally:
            browser.close()


# -- report ---------------------------------------------------------------------------------
def machine() -> dict:
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "streamlit": streamlit.__version__,
        "platform": platform.platform(terse=True),
    }


def _num(value, unit="s") -> str:
    if value is None:
        return "–"
    return f"{value:.0f} MB" if unit == "MB" else f"{value:.3f} s"


def table(info: dict, took: float) -> str:
    head = (
        f"Backtrack benchmark, {info['date']}: {info['cores']} cores, Python {info['python']}, "
        f"DuckDB {info['duckdb']}, Streamlit {info['streamlit']} (bench took {took:.0f} s)"
    )
    lines = [
        head,
        "",
        "| measure | value | baseline | ratio | target | |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = row.get("ratio")
        target = row.get("target")
        met = row.get("met")
        baseline = row.get("baseline")
        lines.append(
            "| {} | {} | {} | {} | {} | {} |".format(
                row["measure"],
                _num(row.get("value"), row.get("unit", "s")),
                "–" if baseline is None else f"{_num(baseline)} ({row.get('baseline_name', '')})",
                "–" if ratio is None else f"{ratio:.2f}×",
                "–" if target is None else f"≤ {target:g}",
                ("ok" if met else "MISSED" if met is not None else "") + _note(row),
            )
        )
    return "\n".join(lines)


def _note(row: dict) -> str:
    note = row.get("note") or ""
    return f" {note}".rstrip() if note else ""


def main() -> int:
    began = time.perf_counter()
    info = machine()
    work = Path(tempfile.mkdtemp(prefix="backtrack-bench-"))
    try:
        with step("databases"):
            empty = history_db(work / "empty.duckdb", 0)
            small = history_db(work / "small.duckdb", SMALL)
            big = history_db(work / "big.duckdb", BIG)
            demo = demo_db(work / "demo.duckdb")
        with step("import"):
            bench_import(work)
        with step("stage replay"):
            bench_stages(small, big)
        with step("pages"):
            # AppTest keeps its Database open in this process (st.cache_resource), which
            # would lock the file against the app server below: give it its own copy.
            bench_pages(work, empty, Path(shutil.copyfile(big, work / "big_apptest.duckdb")))
            streamlit.cache_resource.clear()
        with step("browser"):
            bench_browser(work, demo, big)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    took = time.perf_counter() - began
    RESULTS.write_text(json.dumps({"machine": info, "seconds": took, "rows": rows}, indent=2))
    print(table(info, took))
    print(f"\n(written to {RESULTS.relative_to(REPO)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
