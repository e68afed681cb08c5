"""The web page in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

No browser is downloaded: Playwright launches the system Chromium.  Each test records the
console and every request, and fails on a console error or a request to another host.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # Playwright gives each launch a fresh temporary profile (user data dir) of its own.
    with playwright_api.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield instance
        finally:
            instance.close()


class Visit:
    """A page with its console messages and requests recorded."""

    def __init__(self, browser: Any, base: str, **context: Any) -> None:
        self.base = base
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"console {message.type}: {message.text}")

    def open(self, query: str = "") -> Any:
        self.page.goto(f"{self.base}/{query}")
        self.page.wait_for_selector("#map .marker")
        self.page.wait_for_selector("#events tbody tr")
        return self.page

    def rows(self) -> list[str]:
        return self.page.locator("#events tbody tr .type-cell").all_inner_texts()

    def markers(self) -> int:
        return self.page.locator("#map .marker").count()

    def check_clean(self) -> None:
        assert self.errors == []
        assert self.requests, "no request recorded"
        outside = [u for u in self.requests if not u.startswith(self.base + "/")]
        assert outside == [], f"requests leaving the server: {outside}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Any, story_server: Any) -> Iterator[Visit]:
    v = Visit(browser, story_server.url, viewport={"width": 1280, "height": 800})
    yield v
    v.close()


def _wait_rows(visit: Visit, count: int) -> None:
    # Locator waits, not wait_for_function: the page's CSP forbids evaluating strings.
    playwright_api.expect(visit.page.locator("#events tbody tr")).to_have_count(count)


def test_page_loads_offline_with_markers_rows_and_map(visit: Visit) -> None:
    page = visit.open()
    assert sorted(t.strip() for t in visit.rows()) == ["AGREE", "ASSAULT", "COERCE", "CONSULT",
                                                       "PROTEST"]  # fmt: skip
    # Port Elira and Nairobi are one cluster at world zoom, Dakar another.
    assert visit.markers() == 2
    assert page.locator("#map path.country").count() > 150
    assert "5 events" in page.locator("#summary").inner_text()
    assert page.locator("#timeline rect.bar").count() > 1
    visit.check_clean()


def test_a_type_filter_changes_rows_markers_and_url(visit: Visit) -> None:
    page = visit.open()
    page.locator(".type-chip[data-type=PROTEST] input").check()
    _wait_rows(visit, 1)
    assert [t.strip() for t in visit.rows()] == ["PROTEST"]
    playwright_api.expect(page.locator("#map .marker")).to_have_count(1)
    marker = page.locator("#map .marker")
    assert marker.get_attribute("data-type") == "PROTEST"
    assert parse_qs(urlparse(page.url).query)["type"] == ["PROTEST"]
    page.locator(".type-chip[data-type=PROTEST] input").uncheck()
    _wait_rows(visit, 5)
    visit.check_clean()


def test_text_filter_and_shareable_url(visit: Visit) -> None:
    page = visit.open("?q=harbour")
    _wait_rows(visit, 2)
    assert page.locator("input[name=q]").input_value() == "harbour"
    assert sorted(t.strip() for t in visit.rows()) == ["ASSAULT", "COERCE"]
    assert visit.markers() == 1
    page.fill("input[name=q]", "")
    page.locator("input[name=q]").dispatch_event("change")
    _wait_rows(visit, 5)
    assert "q=" not in page.url
    visit.check_clean()


def test_brushing_the_timeline_filters_dates(visit: Visit) -> None:
    page = visit.open()
    box = page.locator("#timeline").bounding_box()
    assert box is not None
    # Drag over the first tenth of the timeline: the June 2022 protest only.
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.1, y, steps=4)
    page.mouse.up()
    _wait_rows(visit, 1)
    assert [t.strip() for t in visit.rows()] == ["PROTEST"]
    query = parse_qs(urlparse(page.url).query)
    assert query["date_from"][0].startswith("2022-06")
    visit.check_clean()


def test_event_view_highlights_the_evidence_sentence(visit: Visit) -> None:
    page = visit.open()
    page.locator("#events tbody tr", has_text="COERCE").click()
    mark = page.locator("#event-article mark.evidence")
    mark.wait_for()
    assert mark.inner_text() == "Police arrested two suspects on Tuesday near the harbour gates."
    assert page.locator("#event-article mark .trigger").inner_text() == "arrested"
    article = page.locator("#event-article").inner_text()
    assert article.startswith("Gunmen attack Port Elira harbour")  # the whole text, marked
    fields = page.locator("#event-fields").inner_text()
    assert "arrest" in fields and "Port Elira, KEN" in fields
    event_id = parse_qs(urlparse(page.url).query)["event"][0]
    # The link opens the same event.
    again = Visit(page.context.browser, visit.base)
    try:
        other = again.page
        other.goto(page.url)
        other.locator("#event-article mark.evidence").wait_for()
        assert other.locator("#event-fields").inner_text().count(event_id) == 1
        again.check_clean()
    finally:
        again.close()
    page.keyboard.press("Escape")
    page.wait_for_selector("#event-view", state="hidden")
    visit.check_clean()


def test_marker_click_filters_to_the_place(visit: Visit) -> None:
    page = visit.open("?country=SEN&include_negated=true")
    _wait_rows(visit, 2)
    page.locator("#map .marker").first.click()
    page.wait_for_url(re.compile(r"[?&]bbox="))
    _wait_rows(visit, 2)
    assert page.locator("#bbox-chip").is_visible()
    visit.check_clean()


def test_usable_on_a_phone(browser: Any, story_server: Any) -> None:
    phone = Visit(browser, story_server.url, viewport={"width": 390, "height": 844},
                  is_mobile=True, has_touch=True)  # fmt: skip
    try:
        page = phone.open()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        assert page.locator("#map").bounding_box()["width"] <= 390
        page.locator("#events tbody tr").first.click()
        page.locator("#event-article mark.evidence").wait_for()
        view = page.locator("#event-view").bounding_box()
        assert view is not None and view["width"] <= 390
        phone.check_clean()
    finally:
        phone.close()
