"""Delay from an item appearing in a feed to its events being in the store, for
``eventwire watch --interval 10`` against a local site (loopback, --allow-private).

Starts a watcher process, lets it take the first item (spaCy loads), then adds new items
at moments out of step with the rounds and prints, for each, the seconds until its article
and events can be read from the store (read-only, as another process would).

    .venv/bin/python benchmarks/bench_watch.py [--items 5] [--interval 10]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb

PAGE = (
    "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    "<p>Police in {city} arrested {n} protesters on Monday during a demonstration against "
    "fuel prices, a police spokesman said. Officers fired tear gas to disperse the crowd.</p>"
    "</article></body></html>"
)
CITIES = ("Nairobi", "Kampala", "Lagos", "Accra", "Harare", "Lusaka", "Dakar", "Abuja")


class Site:
    def __init__(self) -> None:
        self.items: list[int] = []
        self.lock = threading.Lock()

    def feed(self) -> bytes:
        with self.lock:
            entries = "".join(
                f"<item><guid>item-{i}</guid><title>Arrests in {CITIES[i % 8]} ({i})</title>"
                f"<link>/news/{i}.html</link></item>"
                for i in self.items
            )
        return (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{entries}'
            "</channel></rss>"
        ).encode()


def serve(site: Site) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/feed.xml":
                body, ctype = site.feed(), "application/rss+xml"
            else:
                n = int(self.path.rsplit("/", 1)[1].split(".")[0])
                title = f"Police arrest {n + 3} protesters in {CITIES[n % 8]}"
                body = PAGE.format(title=title, city=CITIES[n % 8], n=n + 3).encode()
                ctype = "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stored(db: Path, n: int) -> bool:
    """Whether item n's article and events are readable (waits out the writer's lock)."""
    try:
        with duckdb.connect(str(db), read_only=True) as conn:
            row = conn.execute(
                "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
                "WHERE a.url LIKE ?",
                [f"%/news/{n}.html"],
            ).fetchone()
    except duckdb.Error:
        return False
    return bool(row and row[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=5)
    parser.add_argument("--interval", type=float, default=10.0)
    args = parser.parse_args()
    site = Site()
    server = serve(site)
    url = f"http://127.0.0.1:{server.server_port}/feed.xml"
    db = Path(tempfile.mkdtemp()) / "events.duckdb"
    site.items.append(0)
    command = [sys.executable, "-m", "eventwire.cli", "watch", url, "--db", str(db),
               "--interval", f"{args.interval:g}", "--allow-private", "--no-progress"]  # fmt: skip
    watcher = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        start = time.monotonic()
        while not stored(db, 0):
            time.sleep(0.2)
        print(f"first item stored after {time.monotonic() - start:.1f} s (includes start-up)")
        rng = random.Random(12)
        delays = []
        for n in range(1, args.items + 1):
            time.sleep(rng.uniform(0, args.interval))  # out of step with the rounds
            with site.lock:
                site.items.append(n)
            appeared = time.monotonic()
            while not stored(db, n):
                time.sleep(0.1)
            delays.append(time.monotonic() - appeared)
            print(f"item {n}: events in the store {delays[-1]:.1f} s after it appeared")
        print(
            f"delay over {len(delays)} items with --interval {args.interval:g}: "
            f"mean {statistics.mean(delays):.1f} s, max {max(delays):.1f} s"
        )
    finally:
        watcher.terminate()
        watcher.wait()
        server.shutdown()


if __name__ == "__main__":
    main()
