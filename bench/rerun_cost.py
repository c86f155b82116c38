"""What one script run of each page costs the server: CPU per rerun after a region change, and where it goes.

A real ``streamlit run app.py`` is started through ``serve`` below, which wraps Streamlit's ScriptRunner so that
every script run records its own thread CPU time (and, with ``--profile``, a pyinstrument profile per page,
combined over the runs). One websocket client per page (Streamlit's own protocol, as bench/viewers.py speaks it)
opens the page, then changes the region REPEAT times, one rerun at a time. Per page it reports the median CPU of
the script thread and of the whole server process (which adds the event loop's serialising and sending).

    .venv/bin/python -m bench.rerun_cost [--repeat 12] [--profile DIR]

Medians per page over all reruns, over the first pass of regions (filter states new to the server) and over the
later passes (states some viewer already drew: what caches keyed by filter state make cheap).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.browser import ROOT, free_port, wait_healthy

REGIONS = ("ECE", "ECA", "ESCAP", "ESCWA", "ECLAC")
#: Page (its URL path) -> extra query string; the Country profile needs a country to draw its charts.
PAGES = {"": "", "practices": "", "pledges": "", "funding": "", "map": "", "country": "country=Georgia"}
TITLES = {"": "Overview", "practices": "Practices", "pledges": "Pledges", "funding": "Funding", "map": "Map",
          "country": "Country profile"}


# --- The server side ---------------------------------------------------------------------------------------------


def sample_threads(path: Path, interval: float = 0.01, depth: int = 6) -> None:
    """Sample every thread's innermost frames each `interval` s in a daemon thread; counts written to `path` at exit."""
    import atexit
    import collections
    import threading
    import traceback

    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    alive: collections.Counter[int] = collections.Counter()
    total = [0]

    def kind(name: str) -> str:
        # Script threads are many and short-lived: one name for all of them, so their samples add up.
        return "script run" if "ScriptRunner" in name else name.split("-")[0].split("_")[0]

    def loop() -> None:
        me = threading.get_ident()
        while True:
            time.sleep(interval)
            names = {t.ident: t.name for t in threading.enumerate()}
            total[0] += 1
            alive[sum("ScriptRunner" in n for n in names.values())] += 1
            for ident, frame in sys._current_frames().items():
                if ident != me:
                    inner = traceback.extract_stack(frame)[-depth:][::-1]
                    counts[(kind(names.get(ident, "?")),
                            " < ".join(f"{Path(f.filename).name}:{f.name}" for f in inner))] += 1

    def write() -> None:
        lines = [f"{total[0]} samples every {interval * 1000:.0f} ms; share of samples per thread kind and innermost "
                 f"frames (innermost first)",
                 "script threads alive: "
                 + ", ".join(f"{k}: {v / max(total[0], 1):.0%}" for k, v in sorted(alive.items()))]
        lines += [f"{n / max(total[0], 1):7.1%}  {who:14} {where}" for (who, where), n in counts.most_common(60)]
        path.write_text("\n".join(lines) + "\n")

    atexit.register(write)
    threading.Thread(target=loop, name="bench-sampler", daemon=True).start()


def serve(argv: list[str]) -> None:
    """`streamlit run`, with each script run timed into $RERUN_COST_LOG (profiled if $RERUN_COST_PROFILE) if set, and
    every thread sampled into $BENCH_SAMPLE_OUT if set."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    if os.environ.get("BENCH_SAMPLE_OUT"):
        sample_threads(Path(os.environ["BENCH_SAMPLE_OUT"]))
    if not os.environ.get("RERUN_COST_LOG"):
        sys.argv = ["streamlit", "run", *argv]
        sys.exit(cli.main())
    log = Path(os.environ["RERUN_COST_LOG"])
    profile_dir = os.environ.get("RERUN_COST_PROFILE")
    original = script_runner.ScriptRunner._run_script
    counter = iter(range(1_000_000))

    def timed_run(self, rerun_data):
        profiler = None
        if profile_dir:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.001, async_mode="disabled")
            profiler.start()
        started, wall = time.thread_time(), time.perf_counter()
        try:
            return original(self, rerun_data)
        finally:
            cpu, elapsed = time.thread_time() - started, time.perf_counter() - wall
            page = rerun_data.page_name or "overview"
            number = next(counter)
            with log.open("a") as out:
                out.write(json.dumps({"page": page, "run": number, "cpu": cpu, "wall": elapsed}) + "\n")
            if profiler is not None:
                profiler.stop().save(str(Path(profile_dir, f"{page}-{number:05d}.pyisession")))

    script_runner.ScriptRunner._run_script = timed_run
    sys.argv = ["streamlit", "run", *argv]
    sys.exit(cli.main())


# --- Where the time goes ------------------------------------------------------------------------------------------
#: Parts of a script run, by the first frame (from the top) that matches; the rest is "other". Ordered: a chart
#: drawn inside the sidebar is a chart.
PARTS = (
    ("shell: sidebar, banners, notices", lambda f: f.function in (
        "shell", "present_button", "_sidebar_widgets", "filter_sidebar", "data_banner", "preview_banner",
        "illustrative_notice", "leave_pages_folder_mode", "dataset_or_stop")),
    ("data: views, filters, metrics, maps (not mine)", lambda f: any(
        f"gcmdash/{m}.py" in (f.file_path or "") for m in ("views", "filters", "metrics", "maps", "dataset"))),
    ("charts: Altair build, to_dict, st.altair_chart", lambda f: "gcmdash/charts.py" in (f.file_path or "")
     or f.function in ("chart_block", "chart", "_themed", "altair_chart", "vega_lite_chart", "_slide_chart")),
    ("records tables and downloads (not mine)", lambda f: f.function in (
        "records_table", "record_downloads", "table_downloads")),
    ("other st.dataframe (Arrow)", lambda f: f.function == "dataframe"),
    ("pydeck map", lambda f: f.function == "pydeck_chart"),
)
OTHER = "other: Streamlit elements, navigation, script runner"


def _split(frame, parts: dict[str, float]) -> None:
    for name, matches in PARTS:
        if matches(frame):
            parts[name] = parts.get(name, 0.0) + frame.time
            return
    own = frame.time - sum(child.time for child in frame.children)
    parts[OTHER] = parts.get(OTHER, 0.0) + own
    for child in frame.children:
        _split(child, parts)


def breakdown(profile_dir: Path, page: str, last: int) -> dict[str, float]:
    """Mean seconds per run of each part, over the page's last runs profiled."""
    from pyinstrument.session import Session

    files = sorted(profile_dir.glob(f"{page}-*.pyisession"))[-last:]
    parts: dict[str, float] = {}
    for file in files:
        root = Session.load(str(file)).root_frame()
        if root is not None:
            _split(root, parts)
    return {name: seconds / max(len(files), 1) for name, seconds in parts.items()}


# --- The client side ---------------------------------------------------------------------------------------------


def _rerun(page: str, query: str, widgets: dict[str, object] | None, region: str, url: str) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    state = message.rerun_script
    state.query_string = "&".join(p for p in (f"region={region}", query) if p)
    state.page_name = page
    state.context_info.timezone = "UTC"
    state.context_info.locale = "en-US"
    state.context_info.url = url
    for widget_id in widgets or {}:
        widget = state.widget_states.widgets.add()
        widget.id = widget_id
        widget.string_value = region
    return message.SerializeToString()


async def _until_finished(ws) -> list[str]:
    """Reads messages up to the end of the run; returns the widget ids of the region selectbox seen."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    ids = []
    while True:
        message = ForwardMsg()
        message.ParseFromString(await ws.recv())
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            if element.WhichOneof("type") == "exception":
                raise RuntimeError(f"exception on the page: {element.exception.message[:200]}")
            if element.WhichOneof("type") == "selectbox" and element.selectbox.id.endswith("-region"):
                ids.append(element.selectbox.id)
        if kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
            return ids


async def _page(base: str, page: str, query: str, repeat: int, pid: int) -> list[float]:
    import psutil
    from websockets.asyncio.client import connect

    proc = psutil.Process(pid)
    url = base.replace("http://", "ws://") + "/_stcore/stream"
    costs = []
    async with connect(url, subprotocols=["streamlit"], max_size=None, ping_interval=None) as ws:
        await ws.send(_rerun(page, query, None, "ECE", f"{base}/{page}"))
        ids = await _until_finished(ws)
        if not ids:  # the first run of a fresh server may end early for a rerun (pages-folder mode)
            ids = await _until_finished(ws)
        for n in range(repeat):
            region = REGIONS[(n + 1) % len(REGIONS)]
            await asyncio.sleep(0.3)  # let the previous run's messages go out
            before = proc.cpu_times()
            await ws.send(_rerun(page, query, {ids[0]: None}, region, f"{base}/{page}"))
            await _until_finished(ws)
            await asyncio.sleep(0.05)
            after = proc.cpu_times()
            costs.append((after.user + after.system) - (before.user + before.system))
    return costs


def measure(repeat: int = 12, profile_dir: Path | None = None, data_dir: Path = ROOT / "data") -> dict[str, dict]:
    """Per page: median script-thread CPU and server-process CPU (seconds) of one region-change rerun."""
    import subprocess

    port = free_port()
    work = Path(tempfile.mkdtemp(prefix="gcmdash-rerun-cost-"))
    log = work / "runs.jsonl"
    env = {**os.environ, "RERUN_COST_LOG": str(log), "GCMDASH_DATA_DIR": str(data_dir),
           "GCMDASH_STORE_DIR": str(work / "store")}
    if profile_dir:
        profile_dir.mkdir(parents=True, exist_ok=True)
        env["RERUN_COST_PROFILE"] = str(profile_dir)
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.rerun_cost", "serve", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(work / "server.log", "w"))
    base = f"http://127.0.0.1:{port}"
    out: dict[str, dict] = {}
    try:
        wait_healthy(base)
        asyncio.run(_page(base, "", "", 2, process.pid))  # warm: data loaded, modules imported
        for page, query in PAGES.items():
            log.write_text("")
            process_cpu = asyncio.run(_page(base, page, query, repeat, process.pid))
            runs = [json.loads(line) for line in log.read_text().splitlines()]
            script_cpu = [r["cpu"] for r in runs][-repeat:]
            # The first pass over the regions meets filter states this server has not drawn yet (the page opened on
            # ECE); later passes repeat states, as many viewers of one server do.
            new = len(REGIONS) - 1
            out[TITLES[page]] = {"script_cpu": statistics.median(script_cpu), "process_cpu": statistics.median(process_cpu),
                                 "new_state": statistics.median(process_cpu[:new]),
                                 "repeated_state": statistics.median(process_cpu[new:] or process_cpu),
                                 "runs": len(script_cpu)}
            if profile_dir:
                out[TITLES[page]]["parts"] = breakdown(profile_dir, page or "overview", repeat)
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    """Print a Markdown table of the per-page rerun cost."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=12, help="reruns per page (the first 4 meet new states)")
    parser.add_argument("--profile", type=Path, default=None, help="write one pyinstrument text profile per page")
    args = parser.parse_args(argv)
    found = measure(args.repeat, args.profile)
    print("| page | script thread CPU | server process CPU | … new filter state | … repeated filter state |\n"
          "|---|---|---|---|---|")
    for page, cost in found.items():
        print(f"| {page} | {1000 * cost['script_cpu']:.0f} ms | {1000 * cost['process_cpu']:.0f} ms | "
              f"{1000 * cost['new_state']:.0f} ms | {1000 * cost['repeated_state']:.0f} ms |")
    if args.profile:
        names = [name for name, _ in PARTS] + [OTHER]
        print("\nWall time per rerun by part (ms, pyinstrument; profiling inflates it)\n")
        print("| part | " + " | ".join(found) + " |\n|---|" + "---|" * len(found))
        for name in names:
            print(f"| {name} | " + " | ".join(f"{1000 * c['parts'].get(name, 0):.0f}" for c in found.values()) + " |")
        print("| total | " + " | ".join(f"{1000 * sum(c['parts'].values()):.0f}" for c in found.values()) + " |")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("serve", "run"):  # "run": as `python -m streamlit run` (browser.server)
        serve(sys.argv[2:])
    else:
        raise SystemExit(main())
