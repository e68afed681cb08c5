"""Incident grouping at scale: synthetic events merged through blocking keys.

Prints the time to group 10,000, 50,000 and 100,000 events (about four reports per
incident, over two years and 40 countries) and the pairs compared per event: near-linear
growth shows that blocking, not all pairs, picks the candidates.

    .venv/bin/python benchmarks/bench_incidents.py
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from eventwire.incidents.facts import Facts
from eventwire.incidents.group import Grouper

COUNTRIES = [f"C{i:02d}" for i in range(40)]
TYPES = ["ASSAULT", "PROTEST", "COERCE", "CONSULT"]
START = date(2022, 1, 1)


def synthetic(n: int, seed: int = 1) -> list[Facts]:
    rng = random.Random(seed)
    out: list[Facts] = []
    incident = 0
    while len(out) < n:
        incident += 1
        day = START + timedelta(days=rng.randrange(730))
        country = rng.choice(COUNTRIES)
        place = rng.randrange(20)
        etype = rng.choice(TYPES)
        dead = rng.choice([None, rng.randrange(1, 30)])
        for r in range(rng.randint(1, 7)):
            shift = rng.choice([0, 0, 0, 1]) if r else 0
            d = (day + timedelta(days=shift)).isoformat()
            out.append(
                Facts(
                    event_id=f"e{incident}-{r}", article_id=f"a{incident}-{r}", type=etype,
                    mode=None, date_lo=d, date_hi=d, date_precision="day", country=country,
                    admin1=f"{country}-R{place % 5}", geonames_id=hash((country, place)) % 10**7,
                    lat=None, lon=None, place=f"P{place}", place_precision="place",
                    actor_countries=(country,), actor_sectors=("REB",),
                    recipient_countries=(country,), recipient_sectors=("CVL",), dead=dead,
                    injured=None, arrested=None, mergeable=True, publisher=f"pub{r}",
                    published=f"{d}T12:00", url=None, evidence=None,
                )
            )  # fmt: skip
    rng.shuffle(out)
    out.sort(key=lambda f: f.published or "")
    return out[:n]


def main() -> None:
    print(f"{'events':>8} {'seconds':>8} {'µs/event':>9} {'compared/event':>15} {'incidents':>10}")
    for n in (10_000, 50_000, 100_000):
        events = synthetic(n)
        grouper = Grouper()
        start = time.perf_counter()
        for facts in events:
            grouper.add(facts)
        took = time.perf_counter() - start
        print(
            f"{n:>8} {took:>8.2f} {took / n * 1e6:>9.1f} {grouper.comparisons / n:>15.2f} "
            f"{len(grouper.incidents):>10}"
        )


if __name__ == "__main__":
    main()
