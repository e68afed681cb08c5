"""A small store of stories written for these tests, and a live server over a store.

The store is built with :class:`eventwire.store.Store` from hand-coded events (no spaCy), so
that API and page tests know every answer; the evidence offsets point into the texts.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from eventwire.records import Actor, Article, Event, Evidence, Flags, Location, Trigger, article_id
from eventwire.serve import create_app
from eventwire.store import Store

TEXTS = {
    "harbour": (
        "Gunmen attack Port Elira harbour\n\n"
        "PORT ELIRA, March 3 - Gunmen killed four dock workers at the Port Elira harbour on "
        "Monday, the police said.\n\n"
        "Police arrested two suspects on Tuesday near the harbour gates."
    ),
    "march": (
        "Des enseignants manifestent à Dakar\n\n"
        "Des milliers d'enseignants ont manifesté jeudi à Dakar pour réclamer des hausses de "
        "salaire.\n\n"
        "La police n'a pas dispersé le cortège, selon les organisateurs."
    ),
    "talks": (
        "Ministers meet in Nairobi\n\n"
        "The foreign ministers of Kenya and Uganda met in Nairobi on 12 June 2023 to discuss "
        "border trade."
    ),
}


def _evidence(text: str, sentence: str, trigger: str) -> Evidence:
    start = text.index(sentence)
    at = text.index(trigger, start)
    return Evidence(
        sentence, start, start + len(sentence), [Trigger(trigger, at, at + len(trigger))]
    )


def story_articles() -> list[Article]:
    """Three articles (English and French), six events, one negated."""
    harbour, march, talks = TEXTS["harbour"], TEXTS["march"], TEXTS["talks"]
    elira = Location("Port Elira", "Port Elira", "KEN", lat=-3.22, lon=40.12, precision="place")
    dakar = Location("Dakar", "Dakar", "SEN", lat=14.69, lon=-17.44, precision="place")
    nairobi = Location("Nairobi", "Nairobi", "KEN", lat=-1.28, lon=36.82, precision="place")
    reasons = {"type": "trigger 'killed' (kill)", "location": "Port Elira: the dateline"}
    return [
        Article(
            id=article_id(harbour), text=harbour, title="Gunmen attack Port Elira harbour",
            lang="en", published="2023-03-07", publisher="Coast Wire",
            events=[
                Event(
                    "ASSAULT", mode="firearms", location=elira, date="2023-03-06", dead=4,
                    actor=[Actor("Gunmen", sector="REB")],
                    recipient=[Actor("dock workers", country="KEN", sector="CVL")],
                    evidence=[_evidence(harbour, "Gunmen killed four dock workers at the Port "
                                        "Elira harbour on Monday, the police said.", "killed")],
                    confidence=0.92, reasons=reasons,
                ),
                Event(
                    "COERCE", mode="arrest", location=elira, date="2023-03-07", arrested=2,
                    actor=[Actor("Police", country="KEN", sector="COP")],
                    recipient=[Actor("two suspects", country="KEN", sector="CVL")],
                    evidence=[_evidence(harbour, "Police arrested two suspects on Tuesday near "
                                        "the harbour gates.", "arrested")],
                    confidence=0.81,
                ),
            ],
        ),
        Article(
            id=article_id(march), text=march, title="Des enseignants manifestent à Dakar",
            lang="fr", published="2022-06-17",
            events=[
                Event(
                    "PROTEST", mode="demo", location=dakar, date="2022-06-16",
                    actor=[Actor("enseignants", country="SEN", sector="EDU")],
                    evidence=[_evidence(march, "Des milliers d'enseignants ont manifesté jeudi "
                                        "à Dakar pour réclamer des hausses de salaire.",
                                        "manifesté")],
                    confidence=0.88,
                ),
                Event(
                    "ASSAULT", mode="crowd-control", location=dakar, date="2022-06-16",
                    actor=[Actor("La police", country="SEN", sector="COP")],
                    flags=Flags(negated=True),
                    evidence=[_evidence(march, "La police n'a pas dispersé le cortège, selon "
                                        "les organisateurs.", "dispersé")],
                    confidence=0.3,
                ),
            ],
        ),
        Article(
            id=article_id(talks), text=talks, title="Ministers meet in Nairobi", lang="en",
            published="2023-06-12",
            events=[
                Event(
                    "CONSULT", mode="visit", location=nairobi, date="2023-06-12",
                    actor=[Actor("Kenya", country="KEN", sector="GOV"),
                           Actor("Uganda", country="UGA", sector="GOV")],
                    evidence=[_evidence(talks, "The foreign ministers of Kenya and Uganda met in "
                                        "Nairobi on 12 June 2023 to discuss border trade.",
                                        "met")],
                    confidence=0.77,
                ),
                Event(
                    "AGREE", location=None, date=None,
                    actor=[Actor("Kenya", country="KEN", sector="GOV"),
                           Actor("Uganda", country="UGA", sector="GOV")],
                    evidence=[_evidence(talks, "The foreign ministers of Kenya and Uganda met in "
                                        "Nairobi on 12 June 2023 to discuss border trade.",
                                        "discuss")],
                    confidence=0.4,
                ),
            ],
        ),
    ]  # fmt: skip


@pytest.fixture(scope="session")
def story_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The stories above in a real store file (read it only)."""
    path = tmp_path_factory.mktemp("serve-store") / "events.duckdb"
    with Store(path) as store:
        for article in story_articles():
            store.add(article)
    return path


@pytest.fixture(scope="session")
def stories_by_name() -> dict[str, str]:
    return TEXTS


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """uvicorn serving the app on 127.0.0.1 in a thread."""

    def __init__(self, db: Path, lock_timeout: float = 10.0) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(db, lock_timeout=lock_timeout), host="127.0.0.1", port=self.port,
            log_level="warning",
        )  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server() -> Callable[..., LiveServer]:
    """``live_server(db)``: a context manager serving ``db``; ``.url`` is its address."""
    return LiveServer


@pytest.fixture(scope="session")
def story_server(story_store: Path) -> Iterator[LiveServer]:
    with LiveServer(story_store) as server:
        yield server
