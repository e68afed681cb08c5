"""Tests for eventwire.watch.feeds: RSS and Atom to items; garbage is a FeedError."""

from __future__ import annotations

import pytest

from eventwire.watch.feeds import FeedError, normalise_url, parse_feed

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Courrier du Sahel</title>
<entry><id>tag:courrier-sahel.example,2023:bamako</id>
<title>Trois morts pres de Bamako</title>
<link rel="alternate" href="https://www.courrier-sahel.example/monde/bamako?utm_source=rss#top"/>
<updated>2023-06-05T11:15:00+02:00</updated></entry>
<entry><id>tag:courrier-sahel.example,2023:nolink</id><title>Sans lien</title>
<updated>2023-06-05T12:00:00Z</updated></entry>
</feed>"""


def test_rss_items_with_relative_links_and_dates(news) -> None:
    feed = parse_feed(
        news.rss([news.item("nairobi"), news.item("accra", day=6)]).encode(),
        "https://www.harbour-gazette.example/rss/world.xml",
    )
    assert feed.title == "Harbour Gazette"
    assert [i.url for i in feed.items] == [
        "https://www.harbour-gazette.example/news/nairobi.html",
        "https://www.harbour-gazette.example/news/accra.html",
    ]
    assert feed.items[0].title == "Police arrest 12 protesters in Nairobi"
    assert feed.items[0].published == "2023-06-05T09:00:00"
    assert feed.items[1].published == "2023-06-06T09:00:00"
    assert len({i.key for i in feed.items}) == 2


def test_atom_dates_in_utc_tracking_dropped_and_linkless_entries_reported() -> None:
    feed = parse_feed(ATOM, "https://www.courrier-sahel.example/atom.xml")
    [only] = feed.items
    assert only.key == "tag:courrier-sahel.example,2023:bamako"
    assert only.url == "https://www.courrier-sahel.example/monde/bamako"
    assert only.published == "2023-06-05T09:15:00"  # 11:15 at +02:00
    assert len(feed.problems) == 1 and feed.problems[0].startswith("entry 2: ")


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        b"\x00\x01garbage\xff\xfe",
        b"<rss><channel><item><title>cut",
    ],
)
def test_not_a_feed(body: bytes) -> None:
    with pytest.raises(FeedError, match=r"^https://x\.example/feed: "):
        parse_feed(body, "https://x.example/feed")


def test_normalise_url() -> None:
    assert (
        normalise_url("HTTPS://News.Example/a?id=3&utm_medium=rss&fbclid=9#comments")
        == "https://news.example/a?id=3"
    )
