"""Benchmark the gazetteer: cold build, warm load, memory, look-up speed, and coverage.

Each measure runs in a fresh Python process (so that memory and load times are those a new
worker would see), against a temporary cache directory, never the user's cache::

    .venv/bin/python benchmarks/bench_gazetteer.py                  # cities >= 15000 and >= 1000
    .venv/bin/python benchmarks/bench_gazetteer.py --levels 15000 5000 1000 500
    .venv/bin/python benchmarks/bench_gazetteer.py --gold ../shared/eval/*.jsonl

``--gold`` reads gold files in the format of ``shared/eval/FORMAT.md`` and reports, for the
gold locations that have a name and a country, how many names the gazetteer finds and how often
its first candidate (no context) is in the gold country.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# Names as news writes them: French and English, cities, countries, regions, articles,
# accents, ambiguous names and names the gazetteer does not hold.
NAMES = """
al-Bab|Al Bāb|el Bab|Alep|Aleppo|Idlib|Idleb|Damas|Damascus|Homs|Raqqa|Deir ez-Zor|Manbij
Afrin|Kobané|Palmyre|Lattaquié|Tartous|Deraa|Bagdad|Baghdad|Mossoul|Mosul|Kirkouk|Erbil|Bassora
Falloujah|Tikrit|Ramadi|Beyrouth|Beirut|Tripoli|Saïda|Tyr|Jérusalem|Jerusalem|Gaza|Rafah
Khan Younès|bande de Gaza|Cisjordanie|West Bank|Naplouse|Hébron|Jénine|Tel-Aviv|Haïfa|Amman
Le Caire|Cairo|Alexandrie|Port-Saïd|Sinaï|Benghazi|Misrata|Syrte|Tunis|Alger|Algiers|Rabat
Bamako|Gao|Tombouctou|Timbuktu|Kidal|Mopti|Ménaka|Niamey|Diffa|Tillabéri|Ouagadougou|Djibo
N'Djamena|Ndjamena|Maiduguri|Borno|Abuja|Lagos|Kano|Khartoum|Darfour|El Fasher|Juba|Mogadiscio
Mogadishu|Addis-Abeba|Tigray|Nairobi|Goma|Bunia|Beni|Nord-Kivu|North Kivu|Ituri|Kinshasa
Bangui|Yaoundé|Douala|Abidjan|Dakar|Conakry|Kaboul|Kabul|Kandahar|Helmand|Islamabad|Karachi
Téhéran|Tehran|Sanaa|Aden|Hodeida|Riyad|Riyadh|Djeddah|Doha|Dubaï|Abou Dhabi|Mascate|Koweït
Kiev|Kyiv|Kharkiv|Kharkov|Marioupol|Mariupol|Odessa|Donetsk|Louhansk|Luhansk|Donbass|Crimée
Bakhmout|Zaporijia|Kherson|Moscou|Moscow|Saint-Pétersbourg|Minsk|Varsovie|Warsaw|Berlin
Paris|Marseille|Lyon|Valence|Nice|Strasbourg|Londres|London|Bruxelles|Brussels|Genève|Geneva
La Haye|The Hague|Rome|Madrid|Barcelone|Lisbonne|Athènes|Ankara|Istanbul|Washington
New York|Los Angeles|Chicago|Mexico|Bogota|Caracas|Lima|La Paz|San Salvador|Guatemala City
Pékin|Beijing|Shanghai|Hong Kong|Taipei|Tokyo|Séoul|Seoul|Pyongyang|Hanoï|Bangkok|Manille
Syrie|Syria|la Syrie|Irak|Iraq|Iran|Liban|Lebanon|Israël|Palestine|Jordanie|Égypte|Libye
Tunisie|Algérie|Maroc|Mali|Niger|le Niger|Tchad|Chad|Burkina Faso|Nigeria|Soudan|Somalie
Éthiopie|Kenya|RDC|DRC|Congo|Centrafrique|Cameroun|Côte d'Ivoire|Ivory Coast|Sénégal|Guinée
Afghanistan|Pakistan|Inde|Chine|China|Corée du Nord|North Korea|Japon|Russie|Russia
Ukraine|Biélorussie|Pologne|Allemagne|France|Royaume-Uni|UK|Grande-Bretagne|Etats-Unis
États-Unis|USA|U.S.|Turquie|Turkey|Arabie saoudite|Yémen|Émirats arabes unis|Qatar|Salvador
El Salvador|Moyen-Orient|Middle East|Proche-Orient|Sahel|le Sahel|Maghreb|Afrique de l'Ouest
West Africa|Corne de l'Afrique|Balkans|les Balkans|Europe|Asie centrale|Caucase|Golfe
Amérique latine|Kurdistan|Cachemire|Bavière|Écosse|Angleterre|Catalogne|Californie|Texas
Floride|Normandie|Corse|Punjab|Ontario|Georgia|Jordan|Victoria|San Jose|Springfield|Santa Ana
Inates|Boulkessi|Solhan|Europe Bridge|Alberto Masferrer University|Nowhereville|xyz
"""


def _names() -> list[str]:
    return [n.strip() for line in NAMES.strip().splitlines() for n in line.split("|") if n]


def _rss_mb() -> float:
    """Current resident memory of this process (Linux /proc; peak RSS elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(cache_dir: Path, level: int, gold: list[str]) -> dict[str, Any]:
    """Load the gazetteer once (building it if the cache is empty) and measure."""
    import eventwire.places.gazetteer as gz
    from eventwire.places.normalise import _fold

    before = _rss_mb()
    started = time.perf_counter()
    gazetteer = gz.Gazetteer.load(cache_dir=cache_dir, min_population=level)
    load_s = time.perf_counter() - started
    after = _rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    names = _names()
    rounds = 20
    found = 0
    started = time.perf_counter()
    for _ in range(rounds):
        _fold.cache_clear()  # every look-up folds its name afresh
        for name in names:
            found += bool(gazetteer.lookup(name))
    lookup_s = time.perf_counter() - started
    cache = next(cache_dir.glob("gazetteer-*.pickle"), None)
    result = {
        "level": level,
        "from_cache": gazetteer.from_cache,
        "load_s": round(load_s, 3),
        "rss_increase_mb": round(after - before, 1),
        "peak_rss_mb": round(peak, 1),
        "cache_mb": round(cache.stat().st_size / 2**20, 1) if cache else None,
        "places": len(gazetteer),
        "aliases": gazetteer.alias_count,
        "names_found": f"{found // rounds}/{len(names)}",
        "lookups_per_s": round(rounds * len(names) / lookup_s),
        "version": gazetteer.version,
    }
    if gold:
        result["gold"] = _coverage(gazetteer, gold)
    return result


def _coverage(gazetteer: Any, paths: list[str]) -> dict[str, int]:
    total = found = top = anywhere = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                for event in json.loads(line).get("events") or []:
                    location = event.get("location") or {}
                    name, country = location.get("name"), location.get("country")
                    if not name or not country:
                        continue
                    total += 1
                    places = gazetteer.lookup(name)
                    found += bool(places)
                    top += bool(places) and country in (places[0].country, *places[0].countries)
                    anywhere += any(p.country == country for p in places)
    return {"locations": total, "found": found, "top_in_country": top, "any_in_country": anywhere}


def _run(cache_dir: Path, level: int, gold: list[str]) -> dict[str, Any]:
    command = [sys.executable, __file__, "--worker", str(cache_dir), "--levels", str(level)]
    command += ["--gold", *gold] if gold else []
    started = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_s"] = round(time.perf_counter() - started, 2)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[15000, 1000])
    parser.add_argument("--gold", nargs="*", default=[], help="gold JSONL files to score")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(_worker(args.worker, args.levels[0], args.gold)))
        return
    for level in args.levels:
        with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
            cold = _run(Path(tmp), level, [])
            warm = _run(Path(tmp), level, args.gold)
        _report(level, cold, warm)


def _report(level: int, cold: dict[str, Any], warm: dict[str, Any]) -> None:
    lines = [
        f"== cities >= {level}  ({warm['version']})",
        f"cold build (fresh process, empty cache): {cold['load_s']:.2f} s, "
        f"peak RSS {cold['peak_rss_mb']:.0f} MB",
        f"warm load (from cache): {warm['load_s']:.3f} s, RSS +{warm['rss_increase_mb']:.0f} MB, "
        f"peak RSS {warm['peak_rss_mb']:.0f} MB",
        f"cache file: {warm['cache_mb']} MB; places: {warm['places']}; aliases: {warm['aliases']}",
        f"look-ups: {warm['lookups_per_s']:,}/s ({warm['names_found']} test names found)",
    ]
    if "gold" in warm:
        g = warm["gold"]
        lines.append(
            f"gold locations: {g['locations']}, found {g['found']}, first candidate in the "
            f"gold country {g['top_in_country']}, any candidate {g['any_in_country']}"
        )
    print("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
