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
from itertools import pairwise
from pathlib import Path

from bench.browser import ROOT, free_port, wait_healthy

REGIONS = ("ECE", "ECA", "ESCAP", "ESCWA", "ECLAC")
#: Page (its URL path) -> extra query string; the Country profile needs a country to draw its charts.
PAGES = {"": "", "practices": "", "pledges": "", "funding": "", "map": "", "country": "country=Georgia"}
TITLES = {
    "": "Overview",
    "practices": "Practices",
    "pledges": "Pledges",
    "funding": "Funding",
    "map": "Map",
    "country": "Country profile",
}


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
                    counts[
                        (kind(names.get(ident, "?")), " < ".join(f"{Path(f.filename).name}:{f.name}" for f in inner))
                    ] += 1

    def write() -> None:
        lines = [
            f"{total[0]} samples every {interval * 1000:.0f} ms; share of samples per thread kind and innermost "
            f"frames (innermost first)",
            "script threads alive: " + ", ".join(f"{k}: {v / max(total[0], 1):.0%}" for k, v in sorted(alive.items())),
        ]
        lines += [f"{n / max(total[0], 1):7.1%}  {who:14} {where}" for (who, where), n in counts.most_common(60)]
        path.write_text("\n".join(lines) + "\n")

    atexit.register(write)
    threading.Thread(target=loop, name="bench-sampler", daemon=True).start()


def trace_reruns(path: Path) -> None:
    """Log, per session, the timestamps of each rerun's way through the server (and GC pauses) to `path` (JSON lines).

    Points: BackMsg handled on the event loop (recv), AppSession.request_rerun returned (requested), ScriptRunner
    thread started (thread), _run_script began and ended (start, end, with thread CPU), _on_script_finished
    returned (after its gc.collect: cleanup), script_finished enqueued on the event loop (enqueued) and handed to
    the websocket (sent). Also every garbage collection (gc, with its generation and duration) and the event loop's
    lateness on a 50 ms timer (lag)."""
    import atexit
    import collections
    import gc
    import threading

    from streamlit.runtime import app_session, runtime
    from streamlit.runtime.scriptrunner import script_runner

    # Records go through a deque (append is atomic) and a writer thread: no lock, so a garbage collection starting
    # inside a record's own allocation can log itself without deadlocking on it.
    pending: collections.deque[str] = collections.deque()
    clock = time.perf_counter

    def log(kind: str, **fields) -> None:
        pending.append(json.dumps({"t": clock(), "k": kind, **fields}))

    def drain() -> None:
        with path.open("a") as out:
            while pending:
                out.write(pending.popleft() + "\n")

    def writer() -> None:
        while True:
            time.sleep(0.5)
            drain()

    atexit.register(drain)
    threading.Thread(target=writer, name="bench-trace", daemon=True).start()
    gc_started = [0.0]

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            gc_started[0] = clock()
        else:
            log("gc", gen=info["generation"], dur=clock() - gc_started[0], thread=threading.current_thread().name)

    gc.callbacks.append(on_gc)
    original_handle, original_request = runtime.Runtime.handle_backmsg, app_session.AppSession.request_rerun
    original_send, original_run = runtime.Runtime._send_message, script_runner.ScriptRunner._run_script
    original_finished, original_start = script_runner.ScriptRunner._on_script_finished, script_runner.ScriptRunner.start
    original_event = app_session.AppSession._handle_scriptrunner_event_on_event_loop
    lag_started = [False]

    def lag_probe(loop, due: float) -> None:
        now = clock()
        log("lag", late=now - due)
        loop.call_later(0.05, lag_probe, loop, now + 0.05)

    def handle_backmsg(self, session_id, msg, *args, **kwargs):
        if not lag_started[0]:
            import asyncio

            lag_started[0] = True
            loop = asyncio.get_running_loop()
            loop.call_later(0.05, lag_probe, loop, clock() + 0.05)
        log("recv", s=session_id, type=msg.WhichOneof("type"))
        return original_handle(self, session_id, msg, *args, **kwargs)

    def request_rerun(self, client_state):
        result = original_request(self, client_state)
        log("requested", s=self.id)
        return result

    def start(self):
        log("thread", s=self._session_id, threads=threading.active_count())
        return original_start(self)

    def run_script(self, rerun_data):
        cpu = time.thread_time()
        log("start", s=self._session_id)
        try:
            return original_run(self, rerun_data)
        finally:
            log("end", s=self._session_id, cpu=time.thread_time() - cpu)

    def on_script_finished(self, *args, **kwargs):
        began = clock()
        try:
            return original_finished(self, *args, **kwargs)
        finally:
            log("cleanup", s=self._session_id, dur=clock() - began)

    def on_event(self, sender, event, *args, **kwargs):
        if event.name == "SCRIPT_STOPPED_WITH_SUCCESS":
            log("enqueued", s=self.id, queued=len(self._browser_queue._queue))
        return original_event(self, sender, event, *args, **kwargs)

    def send_message(self, session_info, msg):
        if msg.WhichOneof("type") == "script_finished":
            log("sent", s=session_info.session.id, status=msg.script_finished)
        return original_send(self, session_info, msg)

    runtime.Runtime.handle_backmsg, app_session.AppSession.request_rerun = handle_backmsg, request_rerun
    runtime.Runtime._send_message, script_runner.ScriptRunner._run_script = send_message, run_script
    script_runner.ScriptRunner._on_script_finished, script_runner.ScriptRunner.start = on_script_finished, start
    app_session.AppSession._handle_scriptrunner_event_on_event_loop = on_event


def trace_summary(path: Path) -> str:
    """Per-step latency of the reruns in a trace_reruns file, GC pauses and event-loop lag, as text."""
    from bench.common import percentile

    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    steps: dict[str, list[float]] = {}
    open_runs: dict[str, dict[str, float]] = {}
    # request_rerun starts the thread and the run before it returns, so "requested" is left out of the chain.
    chain = ("recv", "thread", "start", "end", "enqueued", "sent")
    for row in rows:
        session, kind = row.get("s"), row["k"]
        if kind == "recv" and row.get("type") == "rerun_script":
            open_runs[session] = {"recv": row["t"]}
        elif session in open_runs and kind in chain and kind not in open_runs[session]:
            run = open_runs[session]
            run[kind] = row["t"]
            if kind == "sent":
                seen = [k for k in chain if k in run]
                for a, b in pairwise(seen):
                    steps.setdefault(f"{a} -> {b}", []).append(run[b] - run[a])
                steps.setdefault("recv -> sent (total)", []).append(run["sent"] - run["recv"])
                del open_runs[session]
    lines = ["step: runs, p50, p95 (ms); start -> end includes _on_script_finished (its gc.collect)"]
    lines += [
        f"{name:22} {len(v):5} {1000 * statistics.median(v):8.1f} {1000 * percentile(v, 95):8.1f}"
        for name, v in steps.items()
    ]
    span = rows[-1]["t"] - rows[0]["t"] if rows else 0.0
    for generation in (0, 1, 2):
        pauses = [r["dur"] for r in rows if r["k"] == "gc" and r["gen"] == generation]
        if pauses:
            lines.append(
                f"gc generation {generation}: {len(pauses)} collections, {sum(pauses):.2f} s in {span:.0f} s, "
                f"p50 {1000 * statistics.median(pauses):.1f} ms, max {1000 * max(pauses):.1f} ms"
            )
    cpu = [r["cpu"] for r in rows if r["k"] == "end"]
    lag = [r["late"] for r in rows if r["k"] == "lag"]
    if cpu:
        lines.append(f"script thread CPU per run p50 {1000 * statistics.median(cpu):.1f} ms")
    if lag:
        lines.append(
            f"event loop lateness on a 50 ms timer: p50 {1000 * statistics.median(lag):.1f} ms, "
            f"p95 {1000 * percentile(lag, 95):.1f} ms, max {1000 * max(lag):.1f} ms"
        )
    return "\n".join(lines)


def serve(argv: list[str]) -> None:
    """`streamlit run`, with each script run timed into $RERUN_COST_LOG (profiled if $RERUN_COST_PROFILE) if set,
    every thread sampled into $BENCH_SAMPLE_OUT if set, and each rerun's path traced into $BENCH_TRACE_OUT if set."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    if os.environ.get("BENCH_SAMPLE_OUT"):
        sample_threads(Path(os.environ["BENCH_SAMPLE_OUT"]))
    if os.environ.get("BENCH_TRACE_OUT"):
        trace_reruns(Path(os.environ["BENCH_TRACE_OUT"]))
    if os.environ.get("BENCH_SWITCH_INTERVAL"):  # to try a GIL switch interval without editing app.py
        sys.setswitchinterval(float(os.environ["BENCH_SWITCH_INTERVAL"]))
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
    (
        "shell: sidebar, banners, notices",
        lambda f: (
            f.function
            in (
                "shell",
                "present_button",
                "_sidebar_widgets",
                "filter_sidebar",
                "data_banner",
                "preview_banner",
                "illustrative_notice",
                "leave_pages_folder_mode",
                "dataset_or_stop",
            )
        ),
    ),
    (
        "data: views, filters, metrics, maps (not mine)",
        lambda f: any(
            f"gcmdash/{m}.py" in (f.file_path or "")
            for m in (
                "views/pages",
                "model/filters",
                "views/metrics",
                "render/maps",
                "render/map_facts",
                "render/map_colours",
                "render/map_view",
                "render/map_layers",
                "render/map_legend",
                "render/map_text",
                "model/dataset",
            )
        ),
    ),
    (
        "charts: Altair build, to_dict, st.altair_chart",
        lambda f: (
            any(
                f"gcmdash/render/{m}.py" in (f.file_path or "")
                for m in ("charts", "fund_charts", "chart_theme", "chart_templates")
            )
            or f.function in ("chart_block", "chart", "themed", "altair_chart", "vega_lite_chart", "_slide_chart")
        ),
    ),
    (
        "records tables and downloads (not mine)",
        lambda f: f.function in ("records_table", "record_downloads", "table_downloads"),
    ),
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
    env = {
        **os.environ,
        "RERUN_COST_LOG": str(log),
        "GCMDASH_DATA_DIR": str(data_dir),
        "GCMDASH_STORE_DIR": str(work / "store"),
    }
    if profile_dir:
        profile_dir.mkdir(parents=True, exist_ok=True)
        env["RERUN_COST_PROFILE"] = str(profile_dir)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench.rerun_cost",
            "serve",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "server.log", "w"),
    )
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
            out[TITLES[page]] = {
                "script_cpu": statistics.median(script_cpu),
                "process_cpu": statistics.median(process_cpu),
                "new_state": statistics.median(process_cpu[:new]),
                "repeated_state": statistics.median(process_cpu[new:] or process_cpu),
                "runs": len(script_cpu),
            }
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
    print(
        "| page | script thread CPU | server process CPU | … new filter state | … repeated filter state |\n"
        "|---|---|---|---|---|"
    )
    for page, cost in found.items():
        print(
            f"| {page} | {1000 * cost['script_cpu']:.0f} ms | {1000 * cost['process_cpu']:.0f} ms | "
            f"{1000 * cost['new_state']:.0f} ms | {1000 * cost['repeated_state']:.0f} ms |"
        )
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
    elif len(sys.argv) == 3 and sys.argv[1] == "trace":  # python -m bench.rerun_cost trace FILE (from --trace)
        print(trace_summary(Path(sys.argv[2])))
    else:
        raise SystemExit(main())
