"""Take the README's screenshot of `eventwire serve` over the bundled examples.

    .venv/bin/python scripts/screenshot.py [docs/serve.png]

Ingests examples/corpus into a temporary store, serves it on a free loopback port, opens the
page in Debian's headless Chromium (driven by Playwright, no browser downloaded), opens the
Kampala arrest event and saves a 1680x900 PNG.
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from eventwire.cli import main as eventwire
from eventwire.serve.app import create_app

ROOT = Path(__file__).resolve().parents[1]
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "serve.png"
    db = Path(tempfile.mkdtemp()) / "events.duckdb"
    eventwire(["ingest", str(ROOT / "examples" / "corpus"), "--db", str(db), "--no-progress"])
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1680, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector("#map .marker")
            page.wait_for_selector("#events tbody tr")
            page.locator("#events tbody tr", has_text="ASSAULT").filter(
                has_text="2024-06-12"
            ).first.click()
            page.wait_for_selector("#event-article mark")
            page.screenshot(path=str(out))
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    print(f"saved {out}")


if __name__ == "__main__":
    main()
