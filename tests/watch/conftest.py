"""A local news site for the watch tests: an HTTP server on 127.0.0.1 whose feeds and pages
a test writes and changes between polls (new items, a broken feed, a slow page, a huge one).
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before answering (a page that times out)
    headers: dict[str, str] = field(default_factory=dict)
    validators: bool = True  # send an ETag and answer If-None-Match with 304
    chunked: bool = False  # no Content-Length: the size is only known by reading


class Site:
    """Routes by path; every request is logged as (path, headers)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, body: bytes | str, **options) -> None:
        data = body.encode() if isinstance(body, str) else body
        with self.lock:
            self.routes[path] = Route(data, **options)

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.requests if p == path)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            with site.lock:
                site.requests.append((self.path, dict(self.headers)))
                route = site.routes.get(self.path)
            if route is None:
                self._send(404, b"not found", "text/plain", {})
                return
            if route.delay:
                time.sleep(route.delay)
            headers = dict(route.headers)
            if route.validators and route.status == 200:
                etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
                headers["ETag"] = etag
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", route.content_type, headers)
                    return
            self._send(route.status, route.body, route.content_type, headers, route.chunked)

        def _send(self, status, body, ctype, headers, chunked=False) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                for name, value in headers.items():
                    self.send_header(name, value)
                if chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for start in range(0, len(body), 65536):
                        chunk = body[start : start + 65536]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.write(b"0\r\n\r\n")
                    return
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (size cap)
                pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    """The test site: a client that hangs up early (the fetcher giving up on a slow page) is
    expected, not an error to print."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture
def site() -> Iterator[Site]:
    """A fresh local site per test, on an ephemeral loopback port."""
    site = Site()
    server = _QuietServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


def rss(items: list[dict[str, str]], title: str = "Harbour Gazette") -> str:
    """An RSS 2.0 feed of items (guid, title, link, pubDate)."""
    entries = "".join(
        "<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in item.items()) + "</item>" for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.org/</link>{entries}</channel></rss>"
    )


# Stories written for these tests: one event or more each, English and French.
STORIES: dict[str, tuple[str, str]] = {
    "nairobi": (
        "Police arrest 12 protesters in Nairobi",
        "Police in Nairobi arrested 12 protesters on Monday during a demonstration against "
        "fuel prices, a police spokesman said. Officers fired tear gas to disperse the crowd "
        "outside parliament.",
    ),
    "bamako": (
        "Trois morts dans une attaque près de Bamako",
        "Trois civils ont été tués lundi dans une attaque d'hommes armés contre un marché "
        "près de Bamako, selon les autorités locales.",
    ),
    "accra": (
        "Ghana and Togo sign a border security agreement",
        "Ghana and Togo signed an agreement on Tuesday to patrol their common border "
        "together, the foreign ministers of the two countries said in Accra.",
    ),
    "lagos": (
        "Gunmen kill four villagers in northern Nigeria",
        "Gunmen killed four villagers and abducted six others on Wednesday in an attack on "
        "a village in northern Nigeria, police said.",
    ),
}


def page(key: str) -> str:
    """The HTML page of a story, without a date of its own."""
    title, body = STORIES[key]
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
        f"<article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )


def item(key: str, day: int = 5) -> dict[str, str]:
    return {
        "guid": f"story-{key}",
        "title": STORIES[key][0],
        "link": f"/news/{key}.html",
        "pubDate": f"Mon, 0{day} Jun 2023 09:00:00 GMT",
    }


@pytest.fixture(scope="session")
def news():
    """The helpers above, for test modules (pytest's importlib mode cannot import this file)."""

    @dataclass
    class News:
        stories = STORIES

        @staticmethod
        def rss(items, title="Harbour Gazette"):
            return rss(items, title)

        @staticmethod
        def page(key):
            return page(key)

        @staticmethod
        def item(key, day=5):
            return item(key, day)

    return News()
