"""A real Streamlit server on loopback and Debian's Chromium through Playwright (never `playwright install`)."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from gcmdash.render.brief import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
#: The first deck.gl map canvas and the page's title, as the app renders them.
MAP = '[data-testid="stDeckGlJsonChart"] canvas'
H1 = '[data-testid="stMain"] h1'
#: How long a page may take to open or its map to appear on a busy 2-core machine.
PAGE_TIMEOUT_MS = 120_000
EMPTY_APP = 'import streamlit as st\n\nst.title("Empty page")\n'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(
    script: str | Path = ROOT / "app.py", env: dict[str, str] | None = None, *options: str, module: str = "streamlit"
):
    """`streamlit run script` on 127.0.0.1 (started now); yields (base URL, Popen, start time from perf_counter).

    `module`: run `python -m module run …` instead, a wrapper of Streamlit's command line (bench.rerun_cost's)."""
    port = free_port()
    log = tempfile.TemporaryFile()
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            module,
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            *options,
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    try:
        yield f"http://127.0.0.1:{port}", process, started
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def wait_healthy(base: str, timeout: float = 120) -> None:
    """Until the server answers its health check."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        time.sleep(0.05)
    raise TimeoutError(f"{base} did not start within {timeout} s")


@contextlib.contextmanager
def chromium():
    """A headless Chromium (Debian's) driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


def colours(png: bytes) -> int:
    """How many distinct colours an image has (a drawn map has many, a blank canvas one or two)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=1 << 20) or ())


def wait_painted(locator, timeout: float = 60) -> None:
    """Until the canvas shows more than 8 colours (WebGL may draw a moment after the element appears)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if colours(locator.screenshot()) > 8:
            return
        time.sleep(0.1)
    raise TimeoutError("the canvas stayed empty")


def map_painted(page) -> None:
    """Until the page's map canvas is visible and drawn."""
    canvas = page.locator(MAP).first
    canvas.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
    wait_painted(canvas)
