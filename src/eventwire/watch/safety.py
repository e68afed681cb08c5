"""Which URLs ``watch`` may fetch: http(s) only, and never this machine's own network.

A feed is someone else's text: an item link to ``http://127.0.0.1:8080/admin`` or to a
cloud metadata address (169.254.169.254) must not make eventwire fetch it and store the
answer.  Every host is resolved and each of its addresses checked before a request, each
redirect target again, and the address a connection actually reached is checked once more
before the body is read (a name can resolve to another address between two look-ups).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("http", "https")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeURLError(Exception):
    """A URL eventwire refuses to fetch; the message names it and says why."""


def address_kind(address: IPAddress) -> str | None:
    """What makes ``address`` non-public ("loopback", "private" ...), or None if public."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    kinds = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
    )
    for kind, flag in kinds:
        if flag:
            return kind
    # Shared (carrier-grade NAT), documentation and other special ranges.
    return None if address.is_global else "non-public"


def check_scheme(url: str) -> tuple[str, int]:
    """The host and port of an http(s) URL, or :class:`UnsafeURLError`."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UnsafeURLError(f"{url}: not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        what = f"scheme {scheme!r}" if scheme else "no scheme"
        raise UnsafeURLError(f"{url}: only http and https URLs are fetched ({what})")
    if not parts.hostname:
        raise UnsafeURLError(f"{url}: no host in the URL")
    return parts.hostname, port or (443 if scheme == "https" else 80)


def check_address(url: str, address: str, *, allow_private: bool) -> None:
    """Refuse ``address`` (what ``url``'s host resolved or connected to) unless public."""
    if allow_private:
        return
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError as exc:
        raise UnsafeURLError(f"{url}: unreadable address {address!r}") from exc
    kind = address_kind(ip)
    if kind is not None:
        host = urlsplit(url).hostname
        via = "is" if host == address else f"resolves to {address},"
        article = "an" if kind[0] in "aeiou" else "a"
        raise UnsafeURLError(
            f"{url}: refused, {host} {via} {article} {kind} address; eventwire does not fetch "
            "private, loopback or link-local addresses unless --allow-private is given"
        )


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (a literal address is itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise OSError(f"cannot resolve host {host!r} ({exc})") from exc
    return sorted({str(info[4][0]) for info in infos})


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise :class:`UnsafeURLError` unless ``url`` is http(s) to public addresses only.

    With ``allow_private`` any host is allowed (a feed on the local network, tests), but
    still only over http(s).  A host that does not resolve raises :class:`OSError`.
    """
    host, port = check_scheme(url)
    if allow_private:
        return
    # Every address, not the first: the connection may pick any of them.
    for address in resolve(host, port):
        check_address(url, address, allow_private=False)
