"""Tests for eventwire.watch.loop: rounds against a local site that changes between polls."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from eventwire.config import Config
from eventwire.store import Store
from eventwire.watch import FetchSettings, Watcher, WatchSettings


def settings(**fetch) -> WatchSettings:
    options = {"allow_private": True, "politeness": 0.0, "timeout": 2.0, "backoff": 0.01}
    return WatchSettings(interval=60.0, fetch=FetchSettings(**{**options, **fetch}))


def rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute(sql).fetchall()


def test_rounds_follow_a_changing_site(site, news, tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    site.set("/world.xml", news.rss([news.item("nairobi"), news.item("bamako")]))
    site.set("/broken.xml", "<html><body>502 Bad Gateway</body></html>")
    for key in ("nairobi", "bamako", "accra"):
        site.set(f"/news/{key}.html", news.page(key))
    feeds = [site.url("/world.xml"), site.url("/broken.xml")]
    store = Store(db, hold="batch")
    with Watcher(feeds, store, Config(), settings(max_bytes=50_000)) as watcher:
        first = watcher.round()
        assert first.new_items == 2 and first.stored == 2
        assert sum(first.events.values()) > 0
        assert [url for url, _, _ in first.feed_failures] == [site.url("/broken.xml")]
        assert "not an RSS or Atom feed" in first.feed_failures[0][1]
        # The feed's publication date stands in for the page's, which has none.
        published = dict(rows(db, "SELECT url, published FROM articles"))
        assert published[site.url("/news/nairobi.html")] == "2023-06-05T09:00:00"

        # Unchanged: a conditional request, answered 304; nothing fetched again.
        second = watcher.round()
        assert second.feeds_unchanged == 1 and second.fetched == 0
        assert site.requests[-1][1].get("If-None-Match")
        assert second.feeds_waiting == 1  # the broken feed backs off

        # A new item, an updated one (same guid, new title and date), a huge page and a
        # slow one; the same story again under a second URL.
        updated = {**news.item("nairobi", day=6), "title": "UPDATE: Nairobi arrests"}
        extra = [
            {"guid": "huge", "title": "Huge", "link": "/news/huge.html"},
            {"guid": "slow", "title": "Slow", "link": "/news/slow.html"},
            {"guid": "copy", "title": "Copy", "link": "/news/accra-copy.html"},
        ]
        site.set("/world.xml", news.rss([news.item("accra"), updated, *extra]))
        site.set("/news/huge.html", "<p>" + "word " * 20_000 + "</p>")
        site.set("/news/slow.html", news.page("lagos"), delay=3.0)
        site.set("/news/accra-copy.html", news.page("accra"))
        third = watcher.round()
        assert third.new_items == 4  # accra, huge, slow, copy; the updated item is known
        assert third.stored == 1 and third.duplicates == 1
        assert [u for u, _ in third.skipped] == [site.url("/news/huge.html")]
        assert "too large" in third.skipped[0][1]
        assert [u for u, _ in third.retry] == [site.url("/news/slow.html")]
        assert site.hits("/news/nairobi.html") == 1  # never fetched twice

    statuses = dict(rows(db, "SELECT url, status FROM watch_items"))
    assert statuses[site.url("/news/slow.html")] == "pending"
    copies = {statuses[site.url(f"/news/{name}.html")] for name in ("accra", "accra-copy")}
    assert copies == {"stored", "duplicate"}  # the same bytes stored once
    assert rows(db, "SELECT count(*) FROM articles") == [(3,)]
    assert rows(db, "SELECT count(*), count(DISTINCT url) FROM watch_items") == [(6, 6)]


def test_cli_once_refuses_loopback_then_allows_it(site, news, tmp_path: Path, cli) -> None:
    db = tmp_path / "events.duckdb"
    site.set("/world.xml", news.rss([news.item("bamako")]))
    site.set("/news/bamako.html", news.page("bamako"))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# my feeds\n{site.url('/world.xml')}\n\n", encoding="utf-8")
    refused = cli("watch", str(feeds), "--db", str(db), "--once")
    assert refused.code == 1
    assert "loopback address" in refused.out and "--allow-private" in refused.out
    assert site.requests == []
    allowed = cli("watch", str(feeds), "--db", str(db), "--once", "--allow-private")
    assert allowed.code == 0, allowed.err
    assert "stored: 1" in allowed.out and "events: added" in allowed.out
    again = cli("watch", str(feeds), "--db", str(db), "--once", "--allow-private")
    assert "unchanged 1" in again.out and "stored: 0" in again.out


def test_kill_9_mid_round_then_resume_stores_each_item_once(
    site, news, tmp_path: Path, cli
) -> None:
    db = tmp_path / "events.duckdb"
    keys = list(news.stories)
    site.set("/world.xml", news.rss([news.item(k) for k in keys]))
    for key in keys:  # slow pages: the kill lands while the round is fetching
        site.set(f"/news/{key}.html", news.page(key), delay=0.5)
    args = ["watch", site.url("/world.xml"), "--db", str(db), "--allow-private",
            "--interval", "60", "--delay", "0", "--no-progress"]  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while site.hits("/news/lagos.html") == 0 and time.monotonic() < deadline:
            time.sleep(0.05)  # the last page requested: earlier ones fetched, none stored
        assert process.poll() is None, "watch ended before it was killed"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    resumed = cli("watch", site.url("/world.xml"), "--db", str(db), "--allow-private",
                  "--once", "--delay", "0")  # fmt: skip
    assert resumed.code == 0, resumed.err
    assert rows(db, "SELECT count(*), count(DISTINCT url) FROM articles") == [(4, 4)]
    assert rows(db, "SELECT status, count(*) FROM watch_items GROUP BY 1") == [("stored", 4)]
    assert rows(db, "SELECT count(*) FROM events GROUP BY article_id HAVING count(*) > 40") == []


def test_a_syndicated_copy_adds_its_address_and_events_get_incidents(
    site, news, tmp_path: Path
) -> None:
    db = tmp_path / "events.duckdb"
    title, body = news.stories["accra"]
    # The same wire story on a second site, with its own chrome around it.
    copy = (
        f"<html><head><title>{title} | Other Daily</title></head><body>"
        "<nav>Front page | Politics | Business | Culture</nav>"
        f"<article><h1>{title}</h1><p>{body}</p></article>"
        "<footer>© Other Daily. All rights reserved.</footer></body></html>"
    )
    site.set("/news/accra.html", news.page("accra"))
    site.set("/other/accra.html", copy)
    items = [news.item("accra"), {**news.item("accra"), "guid": "o", "link": "/other/accra.html"}]
    site.set("/world.xml", news.rss(items))
    with Watcher([site.url("/world.xml")], Store(db, hold="batch"), Config(), settings()) as w:
        report = w.round()
    assert report.stored == 1 and report.duplicates == 1
    assert rows(db, "SELECT count(*) FROM articles") == [(1,)]
    urls = {u for (u,) in rows(db, "SELECT url FROM article_urls")}
    assert urls == {site.url("/news/accra.html"), site.url("/other/accra.html")}
    assert rows(db, "SELECT count(*) FROM events WHERE incident_id IS NULL") == [(0,)]
    assert rows(db, "SELECT count(*) FROM events")[0][0] > 0
