"""Latency of `eventwire serve` under bounded concurrent load, on loopback only.

Builds a store of synthetic events (100,000 by default: made-up parties, places and dates,
written through eventwire.store.Store like real ones), starts `eventwire serve` on it in its
own process, sends each main query N times with at most C requests in flight, and prints
p50 / p95 / max latency per query.

    .venv/bin/python benchmarks/bench_serve.py [--events 100000] [--requests 200] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from eventwire.records import EVENT_TYPES, Actor, Article, Event, Evidence, Location, article_id
from eventwire.store import Store

PLACES = [  # name, country, lat, lon
    ("Kherson", "UKR", 46.64, 32.61), ("Gao", "MLI", 16.27, -0.04),
    ("Dakar", "SEN", 14.69, -17.44), ("Nairobi", "KEN", -1.28, 36.82),
    ("Kampala", "UGA", 0.35, 32.58), ("Aleppo", "SYR", 36.2, 37.16),
    ("Bamako", "MLI", 12.65, -8.0), ("Kabul", "AFG", 34.53, 69.17),
    ("Bogota", "COL", 4.61, -74.08), ("Manila", "PHL", 14.6, 120.98),
    ("Lagos", "NGA", 6.45, 3.39), ("Conakry", "GIN", 9.54, -13.68),
]  # fmt: skip
WORDS = ["police", "army", "rebels", "protesters", "ministers", "villagers", "market",
         "border", "talks", "strike"]  # fmt: skip


def build_store(path: Path, events: int, per_article: int = 5, seed: int = 7) -> None:
    rng = random.Random(seed)
    with Store(path) as store, store.batch():
        for a in range(events // per_article):
            text = f"Synthetic story {a}\n\n" + " ".join(rng.choice(WORDS) for _ in range(40))
            coded = []
            for k in range(per_article):
                name, country, lat, lon = rng.choice(PLACES)
                day = f"20{rng.randint(18, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                sentence = f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} in {name} {a}-{k}."
                coded.append(
                    Event(
                        rng.choice(EVENT_TYPES),
                        id=f"synthetic-{a}-{k}",
                        actor=[
                            Actor(rng.choice(WORDS), country=rng.choice(PLACES)[1], sector="GOV")
                        ],
                        recipient=[Actor(rng.choice(WORDS), country=country, sector="CVL")],
                        location=Location(
                            name,
                            name,
                            country,
                            lat=lat + rng.uniform(-0.3, 0.3),
                            lon=lon + rng.uniform(-0.3, 0.3),
                            precision="place",
                        ),
                        date=day,
                        date_precision="day",
                        dead=rng.choice([None, 0, 1, 2, 5, 12]),
                        evidence=[Evidence(sentence, 0, len(sentence))],
                        confidence=round(rng.random(), 3),
                    )
                )
            store.add(Article(id=article_id(text), text=text, lang=rng.choice(["fr", "en"]),
                              events=coded))  # fmt: skip


QUERIES = {
    "events (page of 50, newest first)": (
        "/api/events", {"limit": 50, "sort": "date", "order": "desc"}),
    "events (type + country)": ("/api/events", {"type": "ASSAULT,PROTEST", "country": "MLI"}),
    "events (words in evidence)": ("/api/events", {"q": "police gao"}),
    "events (bbox + dates)": (
        "/api/events", {"bbox": "30,40,35,50", "date_from": "2022-01", "date_to": "2022-12"}),
    "events (csv, 500)": ("/api/events", {"limit": 500, "format": "csv"}),
    "stats (everything)": ("/api/stats", {}),
    "stats (type + dates)": ("/api/stats", {"type": "ASSAULT", "date_from": "2023"}),
    "one event": ("/api/events/{id}", {}),
}  # fmt: skip


async def measure(base: str, path: str, params: dict, n: int, concurrency: int) -> list[float]:
    gate = asyncio.Semaphore(concurrency)
    times: list[float] = []
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:

        async def one() -> None:
            async with gate:
                start = time.perf_counter()
                response = await http.get(path, params=params)
                times.append(time.perf_counter() - start)
                response.raise_for_status()

        await asyncio.gather(*(one() for _ in range(n)))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="per query")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--db", type=Path, help="reuse (or keep) this store file")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "bench.duckdb"
    if not db.exists():
        started = time.perf_counter()
        build_store(db, args.events)
        print(f"built {db} with {args.events:,} events in {time.perf_counter() - started:.1f} s")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        first = httpx.get(f"{base}/api/events", params={"limit": 1}).json()
        print(f"{first['total']:,} events served; {args.requests} requests per query, "
              f"{args.concurrency} in flight\n")  # fmt: skip
        print(f"{'query':40} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7}")
        for name, (path, params) in QUERIES.items():
            path = path.format(id=first["events"][0]["id"])
            started = time.perf_counter()
            times = asyncio.run(measure(base, path, params, args.requests, args.concurrency))
            wall = time.perf_counter() - started
            ms = sorted(t * 1000 for t in times)
            p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
            print(f"{name:40} {statistics.median(ms):8.1f} {p95:8.1f} {ms[-1]:8.1f} "
                  f"{len(ms) / wall:7.1f}")  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
