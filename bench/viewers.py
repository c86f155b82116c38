"""Part 6 — many viewers: N real Streamlit sessions, each changing a filter every few seconds.

Headless Chromium pages cost 50-100 MB and real CPU each, and on a 2-core machine a browser per viewer would
measure the browsers, not the server. The load client therefore speaks Streamlit's own websocket protocol
(``/_stcore/stream``, protobuf BackMsg/ForwardMsg), as the browser does: one real Chromium session is opened
first and its rerun message for a region change is captured, giving the widget ids and states of the real
sidebar; every simulated viewer then opens its own session and sends that message with its own region every
3-7 s (random, seeded). Latency is from sending the rerun to receiving ``script_finished`` for it. Errors:
failed connections, reruns not finished within 30 s, and exception elements in the page.

The client is one asyncio process; its own CPU (process time over wall time) is reported next to the server's, so
a reader can tell a client-bound run (client near 1 core) from a server-bound one. Websocket compression: the client
offers permessage-deflate, as browsers do, but Streamlit accepts it only with ``server.enableWebsocketCompression``
(off by default and here); the extension actually negotiated is reported.
``--option server.fileWatcherType=auto`` passes Streamlit options to the server (e.g. to measure a setting's
effect in one run); ``--sample FILE`` samples the server's threads (bench.rerun_cost.sample_threads) into FILE;
``--trace FILE`` logs each rerun's way through the server (bench.rerun_cost.trace_reruns) into FILE.

Server memory: RSS of the server process (psutil) with no session, and the highest RSS seen with N sessions;
their difference divided by N is the memory per extra session. Runs for N = 50, 100, 200, 60 s each (bounded),
plus N = 10 as a reference below saturation, on the Overview page of the bundled data by default
(``--scale large`` for the 100k data set).
"""

from __future__ import annotations

import asyncio
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench import generate
from bench.browser import ROOT, chromium, server, wait_healthy
from bench.common import Result, percentile

PART = "6 viewers"
REGIONS = ("ECE", "ECA", "ESCAP", "ESCWA", "ECLAC")
FINISH_TIMEOUT = 30.0


def capture_template(base: str) -> bytes:
    """The BackMsg a real Chromium sends when the region is changed in the sidebar of the Overview page."""
    frames: list[bytes] = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(payload)))
        page.goto(base + "/", timeout=180_000)
        page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=180_000)
        page.wait_for_timeout(1000)
        before = len(frames)
        page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click()
        page.get_by_role("option", name="ECA").click()
        page.wait_for_timeout(3000)
        page.close()
    from streamlit.proto.BackMsg_pb2 import BackMsg

    for frame in frames[before:]:
        message = BackMsg()
        message.ParseFromString(frame if isinstance(frame, bytes) else frame.encode())
        if message.WhichOneof("type") == "rerun_script" and message.rerun_script.widget_states.widgets:
            return message.SerializeToString()
    raise RuntimeError("no rerun message with widget states was captured")


def _rerun(template: bytes | None, region: str, url: str) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    if template is None:  # the first run of a fresh session, as the browser sends it
        message.rerun_script.query_string = f"region={region}"
        message.rerun_script.context_info.timezone = "UTC"
        message.rerun_script.context_info.locale = "en-US"
        message.rerun_script.context_info.url = url
        return message.SerializeToString()
    message.ParseFromString(template)
    message.rerun_script.query_string = f"region={region}"
    for widget in message.rerun_script.widget_states.widgets:
        if widget.id.endswith("-region"):
            widget.string_value = region
    return message.SerializeToString()


class Viewer:
    def __init__(self, number: int, base: str, template: bytes, until: float, rng: random.Random) -> None:
        self.number, self.base, self.template, self.until, self.rng = number, base, template, until, rng
        self.latencies: list[float] = []
        self.first: float | None = None
        self.errors: list[str] = []
        self.exceptions = 0
        self.extensions = ""

    async def _finish(self, ws) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        while True:
            raw = await ws.recv()
            message = ForwardMsg()
            message.ParseFromString(raw)
            kind = message.WhichOneof("type")
            if (
                kind == "delta"
                and message.delta.WhichOneof("type") == "new_element"
                and message.delta.new_element.WhichOneof("type") == "exception"
            ):
                self.exceptions += 1
            if kind == "script_finished" and message.script_finished in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_WITH_COMPILE_ERROR,
            ):
                return

    async def run(self, connected: asyncio.Event | None = None) -> None:
        from websockets.asyncio.client import connect

        url = self.base.replace("http://", "ws://") + "/_stcore/stream"
        try:
            async with connect(
                url, subprotocols=["streamlit"], max_size=None, open_timeout=60, ping_interval=None
            ) as ws:
                self.extensions = ws.response.headers.get("Sec-WebSocket-Extensions", "none")
                region = REGIONS[self.number % len(REGIONS)]
                sent = time.perf_counter()
                await ws.send(_rerun(None, region, self.base + "/"))
                await asyncio.wait_for(self._finish(ws), 120)
                self.first = time.perf_counter() - sent
                while True:
                    await asyncio.sleep(self.rng.uniform(3, 7))
                    if time.monotonic() > self.until:
                        return
                    region = self.rng.choice([r for r in REGIONS if r != region])
                    sent = time.perf_counter()
                    await ws.send(_rerun(self.template, region, self.base + "/"))
                    try:
                        await asyncio.wait_for(self._finish(ws), FINISH_TIMEOUT)
                    except TimeoutError:
                        self.errors.append("timeout")
                        return
                    self.latencies.append(time.perf_counter() - sent)
        except Exception as error:  # noqa: BLE001 - every failure is counted, none stops the run
            self.errors.append(f"{type(error).__name__}: {error}"[:120])


async def _load(base: str, template: bytes, n: int, seconds: float, process, seed: int) -> dict:
    import psutil

    proc = psutil.Process(process.pid)
    until = time.monotonic() + seconds
    rng = random.Random(seed)
    viewers = [Viewer(i, base, template, until, random.Random(rng.random())) for i in range(n)]
    peak = proc.memory_info().rss
    cpu_start = proc.cpu_times()
    client_start = time.process_time()
    tasks = []
    for viewer in viewers:  # ramp up over about 5 s, as people arrive
        tasks.append(asyncio.create_task(viewer.run()))
        await asyncio.sleep(5 / n)
    while not all(t.done() for t in tasks):
        peak = max(peak, proc.memory_info().rss)
        await asyncio.sleep(0.5)
    cpu = proc.cpu_times()
    client_cpu = time.process_time() - client_start
    return {
        "latencies": [x for v in viewers for x in v.latencies],
        "first": [v.first for v in viewers if v.first is not None],
        "starved": sum(1 for v in viewers if not v.latencies and not v.errors),
        "errors": [e for v in viewers for e in v.errors],
        "exceptions": sum(v.exceptions for v in viewers),
        "peak_rss": peak,
        "cpu_s": (cpu.user + cpu.system) - (cpu_start.user + cpu_start.system),
        "client_cpu_s": client_cpu,
        "extensions": sorted({v.extensions for v in viewers if v.extensions}),
    }


def run(
    counts=(10, 50, 100, 200),
    seconds: float = 60,
    scale: str = "bundled",
    options: tuple[str, ...] = (),
    sample: Path | None = None,
    trace: Path | None = None,
) -> list[Result]:
    """Part 6 for each number of viewers; `options`: extra `streamlit run` flags; `sample`: where thread samples go;
    `trace`: where each rerun's server-side timestamps go (bench.rerun_cost.trace_reruns)."""
    import psutil

    data_dir = str(ROOT / "data") if scale == "bundled" else str(generate.data_dir(scale))
    store = tempfile.mkdtemp(prefix="gcmdash-bench-store-")
    env = {"GCMDASH_DATA_DIR": data_dir, "GCMDASH_STORE_DIR": store}
    if sample is not None:
        env["BENCH_SAMPLE_OUT"] = str(sample.resolve())
    if trace is not None:
        env["BENCH_TRACE_OUT"] = str(trace.resolve())
    out: list[Result] = []
    try:
        with server(ROOT / "app.py", env, *options, module="bench.rerun_cost" if sample or trace else "streamlit") as (
            base,
            process,
            _,
        ):
            wait_healthy(base)
            template = capture_template(base)  # also warms the server: data loaded, pages imported
            proc = psutil.Process(process.pid)
            for n in counts:
                time.sleep(5)  # let closed sessions go
                baseline = proc.memory_info().rss
                started = time.perf_counter()
                found = asyncio.run(_load(base, template, n, seconds, process, seed=n))
                wall = time.perf_counter() - started
                lat = found["latencies"]
                per_session = (found["peak_rss"] - baseline) / n / 2**20
                label = f"N={n} ({scale}, Overview, {seconds:.0f} s{', ' if options else ''}{' '.join(options)})"
                errors = len(found["errors"]) + found["exceptions"]
                first = found["first"]
                if first:
                    out.append(
                        Result(
                            PART,
                            f"{label}: p50 / p95 first page load",
                            1000 * statistics.median(first),
                            "ms",
                            note=f"p95 {1000 * percentile(first, 95):.0f} ms; {len(first)} of {n} sessions loaded",
                        )
                    )
                if found["starved"]:
                    out.append(
                        Result(
                            PART,
                            f"{label}: sessions with no filter change done in the window",
                            found["starved"],
                            "",
                            note="their first load took the whole window",
                        )
                    )
                if lat:
                    out.append(
                        Result(
                            PART,
                            f"{label}: p50 rerun→finished",
                            1000 * statistics.median(lat),
                            "ms",
                            note=f"{len(lat)} filter changes, {len(lat) / wall:.1f}/s",
                        )
                    )
                    out.append(
                        Result(
                            PART,
                            f"{label}: p95 rerun→finished",
                            1000 * percentile(lat, 95),
                            "ms",
                            note=f"max {1000 * max(lat):.0f} ms",
                        )
                    )
                out.append(
                    Result(
                        PART,
                        f"{label}: errors",
                        errors,
                        "",
                        "0",
                        errors == 0,
                        "; ".join(sorted(set(found["errors"])))[:200],
                    )
                )
                out.append(
                    Result(
                        PART,
                        f"{label}: server RSS per extra session",
                        per_session,
                        "MB",
                        note=f"baseline {baseline / 2**20:.0f} MB, peak {found['peak_rss'] / 2**20:.0f} MB, "
                        f"server CPU {found['cpu_s'] / wall:.2f} cores, "
                        f"client CPU {found['client_cpu_s'] / wall:.2f} cores; "
                        f"websocket extensions: {', '.join(found['extensions']) or '?'}",
                    )
                )
    finally:
        shutil.rmtree(store, ignore_errors=True)
    return out


if __name__ == "__main__":
    import argparse

    from bench.common import table

    parser = argparse.ArgumentParser()
    parser.add_argument("--counts", default="50,100,200")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--scale", default="bundled")
    parser.add_argument("--option", action="append", default=[], help="a Streamlit option for the server, KEY=VALUE")
    parser.add_argument("--sample", type=Path, default=None, help="write the server's thread samples to this file")
    parser.add_argument(
        "--trace", type=Path, default=None, help="write each rerun's server-side timestamps to this file (JSON lines)"
    )
    args = parser.parse_args()
    flags = tuple(f"--{o}" for o in args.option)  # KEY=VALUE: Click accepts --server.x=value
    print(
        table(
            run(tuple(int(c) for c in args.counts.split(",")), args.seconds, args.scale, flags, args.sample, args.trace)
        )
    )
