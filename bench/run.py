"""`make bench`: how Backtrack's speed holds up with years of history.

Each measure is a median over repeated runs in this one process, reported as a ratio to a
baseline measured in the same run (so a busy machine slows both sides alike):

- import:  a 100k-row Strong CSV through rehab_core (parse + Store.import_batch) vs DuckDB's
           own read_csv of the same file into a table (the engine's floor)
- pages:   AppTest run of Log, Plan and Progress at 100k sets vs an empty database, and vs
           an empty Streamlit page
- stages:  rehab_core.stages.assess at 100k sets vs 1k sets (the history is 100x longer)
- browser: headless chromium, navigation to the Progress page's charts being visible (demo
           history) vs a one-line Streamlit page
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
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.chdir(REPO)

import duckdb  # noqa: E402
import streamlit  # noqa: E402

from rehab_core import importing, synthetic  # noqa: E402
from rehab_core.storage import Database  # noqa: E402

RESULTS = REPO / "bench" / "results.json"
BIG = 100_000
SMALL = 1_000
TODAY = dt.date.today()
PAGES = ("log", "plan", "progress")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
ONE_LINE_PAGE = 'import streamlit as st\n\nst.write("Hello")\n'

rows: list[dict] = []  # the table, one dict per measure


def median_seconds(work: Callable[[], object], repeats: int, setup: Callable[[], object] = None):
    """Median wall time of `work()` over `repeats` runs; `setup()` runs untimed before each."""
    times = []
    for _ in range(repeats):
        if setup is not None:
            setup()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
    db = Database(path)
    try:
        if sets:
            db.store().import_batch(synthetic.synthetic_history(sets, end=TODAY))
    finally:
        db.close()
    return path


def demo_db(path: Path) -> Path:
    from rehab_core.demo import load_demo

    db = Database(path)
    try:
        load_demo(db.store(), TODAY)
    finally:
        db.close()
    return path


# -- 1. import ----------------------------------------------------------------------------
def bench_import(work: Path, repeats: int = 3) -> None:
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
        for leftover in (target, target.with_name(target.name + ".wal")):
            leftover.unlink(missing_ok=True)
        state["con"] = duckdb.connect(str(target))

    def floor():
        state["con"].execute("CREATE TABLE raw AS SELECT * FROM read_csv(?)", [str(csv_path)])

    mine = median_seconds(ours, repeats, fresh_store)
    state.pop("db").close()
    engine = median_seconds(floor, repeats, fresh_file)
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
def _apptest_seconds(script: str, db_path: Path, repeats: int) -> tuple[float, float]:
    """(first run, median of reruns) of one AppTest session on `db_path`."""
    from streamlit.testing.v1 import AppTest

    os.environ["BACKTRACK_DB"] = str(db_path)
    streamlit.cache_resource.clear()
    streamlit.cache_data.clear()
    at = AppTest.from_file(script, default_timeout=300)
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{script} raised: {at.exception[0].message}")
    rerun = median_seconds(at.run, repeats)
    return first, rerun


def bench_pages(work: Path, empty: Path, big: Path, repeats: int = 7) -> None:
    blank = work / "blank_page.py"
    blank.write_text(ONE_LINE_PAGE)
    with step("empty Streamlit page"):
        _, blank_time = _apptest_seconds(str(blank), empty, repeats)
    for name in PAGES:
        script = REPO / "pages" / f"{name}.py"
        with step(f"page {name}"):
            _, at_empty = _apptest_seconds(str(script), empty, repeats)
            first, at_big = _apptest_seconds(str(script), big, repeats)
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
def bench_stages(small: Path, big: Path, repeats: int = 3) -> None:
    from rehab_core import stages

    def history(path: Path):
        db = Database(path)
        try:
            return db.store().history()
        finally:
            db.close()

    few, many = history(small), history(big)
    t_few = median_seconds(lambda: stages.assess(few, TODAY), repeats * 3)
    t_many = median_seconds(lambda: stages.assess(many, TODAY), repeats)
    record(
        f"stage replay (assess), {BIG // 1000}k vs {SMALL // 1000}k sets",
        t_many,
        t_few,
        f"{SMALL // 1000}k sets",
        target=BIG / SMALL,
        note="target: at most linear (x100 data)",
    )


# -- 4 and 5. browser and memory ----------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`streamlit run SCRIPT` on a free loopback port with BACKTRACK_DB set."""

    def __init__(self, script: Path | str, db_path: Path, log: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script),
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",  # watching the repo (and .venv) costs the server seconds of CPU
            ],
            cwd=REPO,
            env={**os.environ, "BACKTRACK_DB": str(db_path)},
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited early; see {log}")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer,
            ):
                if answer.status == 200:
                    return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("streamlit did not answer /_stcore/health within 90 s")

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM in /proc")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


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


def _open(browser, url: str, ready_js: str, timeout_ms: int = 120_000) -> float:
    """Seconds from navigation until `ready_js()` is true, in a fresh page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        page.wait_for_function(ready_js, timeout=timeout_ms, polling=25)
        seconds = time.perf_counter() - start
        print(f"    {url}: {seconds:.2f} s", file=sys.stderr, flush=True)
        return seconds
    finally:
        context.close()


def _settled_chart_count(browser, url: str) -> int:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(url, timeout=120_000)
        page.wait_for_function(f"({CHARTS_JS})() > 0", timeout=120_000)
        page.wait_for_function(IDLE_JS, timeout=120_000)
        page.wait_for_timeout(1500)
        return page.evaluate(CHARTS_JS)
    finally:
        context.close()


def bench_browser(work: Path, demo: Path, big: Path, repeats: int = 3) -> None:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} missing (run `make chromium`)")
    from playwright.sync_api import sync_playwright

    blank = work / "blank_app.py"
    blank.write_text(ONE_LINE_PAGE)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with step("browser: Progress (demo) vs one-line page"):
                app = Server(REPO / "app.py", demo, work / "demo_server.log")
                try:
                    url = f"{app.url}/progress"
                    charts = _settled_chart_count(browser, url)
                    ready = f"() => ({CHARTS_JS})() >= {charts}"
                    progress_time = median_seconds(lambda: _open(browser, url, ready), repeats)
                finally:
                    app.stop()
                one = Server(blank, demo, work / "blank_server.log")
                try:
                    hello = "() => document.body.innerText.includes('Hello')"
                    _open(browser, one.url, hello)  # warm-up, as for the app
                    blank_time = median_seconds(lambda: _open(browser, one.url, hello), repeats)
                finally:
                    one.stop()
                record(
                    "browser: Progress charts visible (demo)",
                    progress_time,
                    blank_time,
                    "one-line Streamlit page",
                    target=2,
                    note=f"{charts // 2} charts",
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
