"""Polite, bounded HTTP fetching for ``watch``: one client, every safeguard in one place.

A fetch follows redirects itself so that each hop is checked by :mod:`.safety`; it sends
the validators it was given (ETag, Last-Modified) so an unchanged feed costs a 304; it waits
``politeness`` seconds between two requests to the same host; it gives up on a response
larger than ``max_bytes`` (declared or streamed, after decompression) or slower than
``timeout`` seconds in all; and it retries timeouts, connection errors, 429 and 5xx answers
with exponential back-off (honouring a short ``Retry-After``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from eventwire import __version__
from eventwire.watch.safety import UnsafeURLError, check_address, check_url

USER_AGENT = f"eventwire/{__version__} (+https://github.com/openeventdata/PLOVER; news watcher)"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_MAX_RETRY_AFTER = 30.0  # seconds: a longer wait is left to the next round


class FetchError(Exception):
    """A fetch that failed; ``retryable`` says whether a later round may succeed."""

    def __init__(self, url: str, reason: str, *, retryable: bool) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.retryable = retryable


@dataclass
class FetchResult:
    """A response read in full (or a 304: ``not_modified`` and no content)."""

    url: str  # after redirects
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    redirects: list[str] = field(default_factory=list)


@dataclass
class FetchSettings:
    timeout: float = 10.0  # seconds for one attempt, connection to last byte
    max_bytes: int = 20_000_000
    politeness: float = 1.0  # seconds between two requests to one host
    retries: int = 2  # further attempts after a transient failure
    backoff: float = 1.0  # first wait before a retry; doubled each time
    max_redirects: int = 5
    allow_private: bool = False


class Fetcher:
    """An HTTP client with the watcher's rules; use as a context manager or call close()."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._sleep = sleep
        self._clock = clock
        self._last_request: dict[str, float] = {}
        self._client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(self.settings.timeout),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET ``url``: a :class:`FetchResult`, or :class:`FetchError` /
        :class:`~.safety.UnsafeURLError` saying what went wrong."""
        attempt = 0
        while True:
            try:
                return self._follow(url, etag, last_modified)
            except _Transient as exc:
                if attempt >= self.settings.retries:
                    tries = f" after {attempt + 1} attempts" if attempt else ""
                    raise FetchError(url, exc.reason + tries, retryable=True) from None
                wait = self.settings.backoff * (2**attempt)
                if exc.retry_after is not None:
                    wait = max(wait, exc.retry_after)
                attempt += 1
                self._sleep(wait)

    def _follow(self, url: str, etag: str | None, last_modified: str | None) -> FetchResult:
        redirects: list[str] = []
        current = url
        while True:
            try:
                check_url(current, allow_private=self.settings.allow_private)
            except OSError as exc:  # a name that does not resolve may resolve later
                raise _Transient(str(exc)) from None
            headers = {}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            result = self._request(current, headers)
            if isinstance(result, FetchResult):
                result.redirects = redirects
                return result
            if len(redirects) >= self.settings.max_redirects:
                raise FetchError(
                    url, f"more than {self.settings.max_redirects} redirects", retryable=False
                )
            redirects.append(current)
            current = result

    def _wait_turn(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        last = self._last_request.get(host)
        if last is not None:
            wait = last + self.settings.politeness - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _request(self, url: str, headers: dict[str, str]) -> FetchResult | str:
        """One request: its result, or the next URL of a redirect."""
        self._wait_turn(url)
        started = self._clock()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                self._check_peer(url, response)
                status = response.status_code
                if status in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(url, f"HTTP {status} without a Location", retryable=False)
                    return urljoin(url, location.strip())
                if status == 304:
                    return FetchResult(url, status, not_modified=True, **_validators(response))
                if status in _RETRY_STATUS:
                    raise _Transient(f"HTTP {status}", _retry_after(response))
                if status >= 400:
                    raise FetchError(url, f"HTTP {status} {response.reason_phrase}".rstrip(),
                                     retryable=False)  # fmt: skip
                content = self._read_body(url, response, started)
                return FetchResult(
                    url,
                    status,
                    content=content,
                    content_type=response.headers.get("content-type", ""),
                    **_validators(response),
                )
        except httpx.TimeoutException:
            raise _Transient(f"timed out (limit {self.settings.timeout:g} s)") from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise _Transient(f"{type(exc).__name__}: {exc or 'connection failed'}") from None

    def _check_peer(self, url: str, response: httpx.Response) -> None:
        """The address the connection reached, checked as the resolved ones were."""
        if self.settings.allow_private:
            return
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if peer:
            check_address(url, str(peer[0]), allow_private=False)

    def _read_body(self, url: str, response: httpx.Response, started: float) -> bytes:
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(
                url,
                f"response too large ({int(declared):,} bytes declared; the limit is "
                f"{limit:,} bytes)",
                retryable=False,
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(
                    url, f"response too large (more than the limit of {limit:,} bytes)",
                    retryable=False,
                )  # fmt: skip
            # The read timeout is per chunk: a server dripping bytes is cut off here.
            if self._clock() - started > self.settings.timeout:
                raise _Transient(f"timed out (limit {self.settings.timeout:g} s)")
            chunks.append(chunk)
        return b"".join(chunks)


class _Transient(Exception):
    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def _validators(response: httpx.Response) -> dict[str, str | None]:
    return {
        "etag": response.headers.get("etag"),
        "last_modified": response.headers.get("last-modified"),
    }


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = moment.timestamp() - time.time()
    return min(max(seconds, 0.0), _MAX_RETRY_AFTER)


__all__ = ["FetchError", "FetchResult", "FetchSettings", "Fetcher", "UnsafeURLError"]
