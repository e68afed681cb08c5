"""Tests for eventwire.watch.safety: only http(s), never this machine's own network."""

from __future__ import annotations

import ipaddress

import pytest

from eventwire.watch.safety import UnsafeURLError, address_kind, check_url


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("ftp://news.example/feed.xml", "only http and https"),
        ("gopher://127.0.0.1/", "only http and https"),
        ("http://127.0.0.1:8080/admin", "loopback"),
        ("http://localhost/feed.xml", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.10/rss", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://0.0.0.0/", "unspecified"),
        ("http:///no-host", "no host"),
    ],
)
def test_refused(url: str, words: str) -> None:
    with pytest.raises(UnsafeURLError) as info:
        check_url(url)
    message = str(info.value)
    assert message.startswith(url) and words in message
    if "address" in message:
        assert "--allow-private" in message  # the error says how to allow it


def test_public_address_allowed() -> None:
    check_url("https://93.184.215.14/world/feed.xml")  # a literal: no look-up needed


def test_allow_private_allows_local_hosts_but_not_other_schemes() -> None:
    check_url("http://127.0.0.1:8080/feed.xml", allow_private=True)
    check_url("http://10.0.0.5/feed.xml", allow_private=True)
    with pytest.raises(UnsafeURLError):
        check_url("file:///etc/passwd", allow_private=True)


def test_unresolvable_host_is_an_os_error() -> None:
    with pytest.raises(OSError, match="cannot resolve"):
        check_url("http://no-such-host.invalid/feed.xml")


def test_address_kinds() -> None:
    assert address_kind(ipaddress.ip_address("100.64.0.1")) is not None  # carrier-grade NAT
    assert address_kind(ipaddress.ip_address("8.8.8.8")) is None
    assert address_kind(ipaddress.ip_address("fe80::1")) == "link-local"
