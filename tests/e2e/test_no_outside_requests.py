"""Viewing the dashboard makes no request outside the machine (no fonts, tiles, CDNs, statistics, favicons)."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from .support import open_page
from .test_pages_render import map_registered

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def outside(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return False
    return parts.hostname not in LOCAL_HOSTS


def test_pages_request_only_the_local_server(page, base_url):
    seen: list[str] = []
    page.on("request", lambda request: seen.append(f"{request.resource_type} {request.url}"))
    page.on("websocket", lambda socket: seen.append(f"websocket {socket.url}"))

    # Each page with the element that shows it has drawn its content.
    visits = [("/", "stMetric"), ("/practices", "stVegaLiteChart"), ("/country?country=Georgia", "stVegaLiteChart")]
    if map_registered():
        visits.append(("/map", "stDeckGlJsonChart"))
    for path, content in visits:
        open_page(page, base_url + path)
        expect(page.get_by_test_id(content).first).to_be_visible()
        page.wait_for_timeout(500)  # settle: late requests (favicon, fonts, map tiles) go out after the content

    assert any(" http://127.0.0.1" in entry for entry in seen), "the recorder saw the app's own requests"
    assert any(entry.startswith("websocket ") for entry in seen), "the recorder saw the app's websocket"
    leaving = sorted({entry for entry in seen if outside(entry.split(" ", 1)[1])})
    assert not leaving, "requests left the machine:\n" + "\n".join(leaving)
