"""Tests for eventwire.watch.fetch against a local site: validators, size cap, timeouts,
retries with back-off, politeness, redirects re-checked."""

from __future__ import annotations

import ipaddress

import pytest

from eventwire.watch import safety
from eventwire.watch.fetch import Fetcher, FetchError, FetchSettings
from eventwire.watch.safety import UnsafeURLError


def fetcher(waits: list[float] | None = None, **settings) -> Fetcher:
    options = {"allow_private": True, "politeness": 0.0, "backoff": 0.01, **settings}
    sleep = waits.append if waits is not None else (lambda _s: None)
    return Fetcher(FetchSettings(**options), sleep=sleep)


def test_conditional_request_answers_304(site) -> None:
    site.set("/feed.xml", "<rss/>", content_type="application/rss+xml")
    with fetcher() as client:
        first = client.get(site.url("/feed.xml"))
        assert first.status == 200 and first.etag
        again = client.get(site.url("/feed.xml"), etag=first.etag)
    assert again.not_modified and again.content == b""
    assert site.requests[-1][1].get("If-None-Match") == first.etag


def test_size_cap_declared_and_streamed(site) -> None:
    site.set("/huge.html", b"x" * 300_000)
    site.set("/huge-chunked.html", b"y" * 300_000, chunked=True)
    with fetcher(max_bytes=100_000) as client:
        with pytest.raises(FetchError, match="300,000 bytes declared") as declared:
            client.get(site.url("/huge.html"))
        with pytest.raises(FetchError, match="more than the limit of 100,000") as streamed:
            client.get(site.url("/huge-chunked.html"))
    assert not declared.value.retryable and not streamed.value.retryable


def test_timeout_retried_with_back_off_then_reported(site) -> None:
    site.set("/slow.html", "<p>late</p>", delay=1.0)
    waits: list[float] = []
    client = fetcher(waits, timeout=0.3, retries=2, backoff=0.01)
    with client, pytest.raises(FetchError, match=r"timed out .* after 3 attempts") as info:
        client.get(site.url("/slow.html"))
    assert info.value.retryable
    assert waits == [0.01, 0.02]  # doubled each time
    assert site.hits("/slow.html") == 3


def test_server_error_then_success(site) -> None:
    site.set("/flaky.xml", "oops", status=503, headers={"Retry-After": "0"})
    waits: list[float] = []

    def heal(seconds: float) -> None:
        waits.append(seconds)
        site.set("/flaky.xml", "<rss/>")

    with Fetcher(FetchSettings(allow_private=True, politeness=0, backoff=0.01), sleep=heal) as c:
        result = c.get(site.url("/flaky.xml"))
    assert result.content == b"<rss/>" and len(waits) == 1


def test_not_found_is_not_retried(site) -> None:
    with fetcher() as client, pytest.raises(FetchError, match="HTTP 404") as info:
        client.get(site.url("/missing.html"))
    assert not info.value.retryable and site.hits("/missing.html") == 1


def test_politeness_delay_per_host(site) -> None:
    site.set("/a.html", "a")
    site.set("/b.html", "b")
    waits: list[float] = []
    with fetcher(waits, politeness=5.0) as client:
        client.get(site.url("/a.html"))
        client.get(site.url("/b.html"))
    assert len(waits) == 1 and 4.0 < waits[0] <= 5.0


def test_loopback_refused_without_allow_private(site) -> None:
    site.set("/feed.xml", "<rss/>")
    with Fetcher(FetchSettings()) as client, pytest.raises(UnsafeURLError) as info:
        client.get(site.url("/feed.xml"))
    assert "--allow-private" in str(info.value)
    assert site.requests == []  # refused before any request


def test_redirects_are_checked_again(site, monkeypatch: pytest.MonkeyPatch) -> None:
    # Treat the test server's own address as public, so that only the redirect is refused:
    # 127.0.0.2 stands for an internal host the redirect points to.
    real = safety.address_kind
    public = ipaddress.ip_address("127.0.0.1")
    monkeypatch.setattr(safety, "address_kind", lambda a: None if a == public else real(a))
    port = site.base.rsplit(":", 1)[1]
    site.set("/ok.html", "fine")
    site.set("/to-ok", "", status=302, headers={"Location": "/ok.html"})
    site.set("/to-internal", "", status=302, headers={"Location": f"http://127.0.0.2:{port}/"})
    site.set("/to-file", "", status=301, headers={"Location": "file:///etc/passwd"})
    with Fetcher(FetchSettings(politeness=0)) as client:
        followed = client.get(site.url("/to-ok"))
        assert followed.url == site.url("/ok.html") and followed.content == b"fine"
        assert followed.redirects == [site.url("/to-ok")]
        with pytest.raises(UnsafeURLError, match=r"127\.0\.0\.2 is a loopback address"):
            client.get(site.url("/to-internal"))
        with pytest.raises(UnsafeURLError, match="only http and https"):
            client.get(site.url("/to-file"))


def test_redirect_loop_stops(site) -> None:
    site.set("/loop", "", status=302, headers={"Location": "/loop"})
    with fetcher(max_redirects=3) as client, pytest.raises(FetchError, match="more than 3"):
        client.get(site.url("/loop"))
