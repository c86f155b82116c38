"""Start the app on loopback and take PNG screenshots of pages with Debian's Chromium (Playwright).

Usage: python scripts/screenshot.py [--dark] [--tall | --size 1920x1080] OUTDIR [PATH?QUERY ...]
           e.g. "/?region=ECE" "/?region=ECA"; a slide: "/?present=1&region=ECE&slide=2"
       python scripts/screenshot.py --readme      the README's picture, docs/screenshot-overview.png (`make screenshot`)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from gcmdash.render.brief import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    """A TCP port free on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(port: int, *options: str, env: dict[str, str] | None = None):
    """A real `streamlit run app.py` on 127.0.0.1:port (extra Streamlit options and environment), stopped on exit."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            *options,
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


HEIGHT = 1000
WIDTH = 1440
SCHEME = "light"
#: The README's picture: the Overview on the bundled data, UNECE, light theme, 1400 px wide.
README_PICTURE = ROOT / "docs" / "screenshot-overview.png"


def _wait_drawn(page, timeout_ms: int = 60_000) -> None:
    """Wait for the script run to end and every chart and map on screen to be drawn (a busy machine lags)."""
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')
              && [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                   .filter(c => c.offsetParent !== null)
                   .every(c => c.querySelector('svg g.role-mark > *, canvas'))
              && [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')]
                   .every(m => m.querySelector('canvas'))""",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(1000)  # WebGL and Vega finish painting a moment after their elements exist


def readme_picture() -> None:
    """Regenerate docs/screenshot-overview.png from the current app: the Overview, UNECE, light, 1400×1000."""
    global WIDTH, HEIGHT, SCHEME
    WIDTH, HEIGHT, SCHEME = 1400, 1000, "light"
    with tempfile.TemporaryDirectory() as scratch:
        main(scratch, "/?region=ECE")
        shutil.copyfile(Path(scratch) / "01.png", README_PICTURE)
    print(README_PICTURE)


def main(outdir: str, *paths: str) -> None:
    """Screenshot each path (default: the Overview) into outdir as 1-based numbered PNGs."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    with streamlit_server(free_port()) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, color_scheme=SCHEME)
        for number, path in enumerate(paths or ("/",), start=1):
            page.goto(base + path)
            # The first load after start can be blank: wait for content, not for a fixed time.
            page.wait_for_selector('[data-testid="stMain"] h1', timeout=90_000)
            _wait_drawn(page)
            target = out / f"{number:02d}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):  # not an output folder named "--help"
        print(__doc__)
        sys.exit(0)
    if "--readme" in sys.argv:
        readme_picture()
        sys.exit(0)
    # --tall: a 1440×3200 viewport, since Streamlit scrolls inside its own container and full_page sees one screen.
    if "--tall" in sys.argv:
        sys.argv.remove("--tall")
        HEIGHT = 3200
    if "--dark" in sys.argv:
        sys.argv.remove("--dark")
        SCHEME = "dark"
    # --size WxH: the viewport, e.g. a projector's 1280x720 or 1920x1080 (screen-sized shots, not full pages).
    if "--size" in sys.argv:
        at = sys.argv.index("--size")
        WIDTH, HEIGHT = (int(v) for v in sys.argv[at + 1].lower().split("x"))
        del sys.argv[at : at + 2]
    main(*sys.argv[1:])
