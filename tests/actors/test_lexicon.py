"""The actor lexicon: demonyms, metonyms, names, people with dates, sectors, user files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventwire.actors import lexicon as lexmod
from eventwire.actors.lexicon import ActorEntry, ActorLexicon, LexiconError, get_lexicon


@pytest.fixture(scope="module")
def fr() -> ActorLexicon:
    return get_lexicon("fr")


@pytest.fixture(scope="module")
def en() -> ActorLexicon:
    return get_lexicon("en")


def _codes(entry: ActorEntry | None) -> tuple[str | None, str | None] | None:
    return None if entry is None else (entry.country, entry.sector)


# --------------------------------------------------------------------------- demonyms


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("russe", "RUS"),
        ("Russes", "RUS"),
        ("turc", "TUR"),
        ("turque", "TUR"),
        ("turcs", "TUR"),
        ("turques", "TUR"),
        ("syrienne", "SYR"),
        ("syriens", "SYR"),
        ("américaines", "USA"),
        ("etats-uniens", "USA"),
        ("Nord-Coréens", "PRK"),
        ("sud-africaine", "ZAF"),
        ("grecque", "GRC"),
        ("israéliens", "ISR"),
        ("salvadoriens", "SLV"),
        ("onusienne", "UNO"),
        ("tchétchènes", "RUS"),
        ("chypriotes turcs", "CYP"),
    ],
)
def test_french_demonyms_in_every_inflection(fr: ActorLexicon, form: str, code: str) -> None:
    assert fr.demonym(form) == code


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Russian", "RUS"),
        ("Russians", "RUS"),
        ("Turkish", "TUR"),
        ("Turks", "TUR"),
        ("Syrian", "SYR"),
        ("American", "USA"),
        ("U.S.", "USA"),
        ("British", "GBR"),
        ("Salvadoran", "SLV"),
        ("Salvadorean", "SLV"),
        ("Colombian", "COL"),
        ("Peruvian", "PER"),
        ("Guatemalan", "GTM"),
        ("Honduran", "HND"),
        ("Nicaraguan", "NIC"),
        ("Soviet", "RUS"),
        ("Greek Cypriots", "CYP"),
    ],
)
def test_english_demonyms(en: ActorLexicon, form: str, code: str) -> None:
    assert en.demonym(form) == code
    # All-capitals wire copy is lower-cased before the look-up.
    assert en.demonym(form.upper().lower()) == code


def test_demonyms_that_are_words_match_only_as_written(en: ActorLexicon) -> None:
    assert en.demonym("US") == "USA"
    assert en.demonym("us") is None
    assert en.demonym("European") is None  # Europe or the EU: left out
    assert en.demonym("dog") is None


def test_a_nationality_noun_is_a_phrase_without_sector(fr: ActorLexicon) -> None:
    entry = fr.phrase("les Turcs")
    assert entry is not None and entry.kind == "demonym"
    assert _codes(entry) == ("TUR", None)


# --------------------------------------------------------------------------- metonyms


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("Moscou", ("RUS", "GOV")),
        ("Ankara", ("TUR", "GOV")),
        ("Kremlin", ("RUS", "GOV")),
        ("le Kremlin", ("RUS", "GOV")),
        ("la Maison Blanche", ("USA", "GOV")),
        ("Pentagone", ("USA", "MIL")),
        ("Pékin", ("CHN", "GOV")),
        ("Damas", ("SYR", "GOV")),
        ("Téhéran", ("IRN", "GOV")),
        ("Kiev", ("UKR", "GOV")),
        ("l'Elysée", ("FRA", "GOV")),
        ("Élysée", ("FRA", "GOV")),
        ("Quai d'Orsay", ("FRA", "GOV")),
        ("Downing Street", ("GBR", "GOV")),
        ("Bruxelles", ("EUR", "GOV")),
    ],
)
def test_french_metonyms(fr: ActorLexicon, alias: str, expected: tuple[str, str]) -> None:
    entry = fr.phrase(alias)
    assert entry is not None and entry.kind == "metonym"
    assert _codes(entry) == expected


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("Moscow", ("RUS", "GOV")),
        ("Washington", ("USA", "GOV")),
        ("the White House", ("USA", "GOV")),
        ("the Pentagon", ("USA", "MIL")),
        ("Beijing", ("CHN", "GOV")),
        ("Peking", ("CHN", "GOV")),
        ("Kyiv", ("UKR", "GOV")),
        ("London", ("GBR", "GOV")),
        ("San Salvador", ("SLV", "GOV")),
        ("Managua", ("NIC", "GOV")),
    ],
)
def test_english_metonyms(en: ActorLexicon, alias: str, expected: tuple[str, str]) -> None:
    assert _codes(en.phrase(alias)) == expected


def test_a_former_capital_stands_for_the_government_only_while_it_was_one(
    en: ActorLexicon,
) -> None:
    assert _codes(en.phrase("Bonn", date="1990-10-03")) == ("DEU", "GOV")
    assert en.phrase("Bonn", date="2005-01-01") is None


def test_a_capital_that_is_a_word_matches_only_as_written(en: ActorLexicon) -> None:
    assert _codes(en.phrase("Malé")) == ("MDV", "GOV")
    assert en.phrase("male") is None


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "alias",
    ["l'Etat islamique", "l'État islamique", "EI", "Daech", "le groupe Etat islamique", "ISIS"],
)
def test_the_islamic_state_in_french(fr: ActorLexicon, alias: str) -> None:
    entry = fr.phrase(alias)
    assert entry == ActorEntry("IMG", "REB", "Islamic State", "organisation")


def test_a_name_with_its_abbreviation_in_brackets(fr: ActorLexicon) -> None:
    assert _codes(fr.phrase("l'Etat islamique (EI)")) == ("IMG", "REB")
    assert _codes(fr.phrase("Front Farabundo Marti de libération nationale (FMLN)")) == (
        "SLV",
        "PTY",
    )


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("ISIS", ("IMG", "REB")),
        ("ISIL", ("IMG", "REB")),
        ("the Islamic State group", ("IMG", "REB")),
        ("al-Qaeda", ("IMG", "REB")),
        ("Hezbollah", ("LBN", "REB")),
        ("Shining Path", ("PER", "REB")),
        ("the United Nations", ("UNO", "GOV")),
        ("NATO", ("IGO", "MIL")),
        ("the European Union", ("EUR", "GOV")),
        ("the Red Cross", ("NGO", "MED")),
        ("Xinhua", ("CHN", "JRN")),
        ("CIA", ("USA", "SPY")),
        ("IDF", ("ISR", "MIL")),
    ],
)
def test_english_organisations(en: ActorLexicon, alias: str, expected: tuple[str, str]) -> None:
    assert _codes(en.phrase(alias)) == expected


def test_organisations_whose_role_changed_follow_the_date(en: ActorLexicon) -> None:
    assert _codes(en.phrase("FMLN", date="1989-11-12")) == ("SLV", "REB")
    assert _codes(en.phrase("FMLN", date="1996-03-01")) == ("SLV", "PTY")
    assert _codes(en.phrase("the Taliban", date="1998-01-01")) == ("AFG", "GOV")
    assert _codes(en.phrase("the Taliban", date="2010-01-01")) == ("AFG", "REB")
    assert _codes(en.phrase("Sandinistas", date="1989-06-01")) == ("NIC", "GOV")
    assert _codes(en.phrase("Sandinistas", date="1992-06-01")) == ("NIC", "OPP")
    # Without a date, the latest row.
    assert _codes(en.phrase("the Taliban")) == ("AFG", "GOV")


def test_country_names(fr: ActorLexicon, en: ActorLexicon) -> None:
    assert fr.country_name("la Russie") == "RUS"
    assert fr.country_name("les Etats-Unis") == "USA"
    assert fr.country_name("Corée du Nord") == "PRK"
    assert fr.country_name("l'Etat hébreu") == "ISR"
    assert fr.country_name("Allemagne") == "DEU"  # from babel
    assert en.country_name("Syria") == "SYR"
    assert en.country_name("the United States") == "USA"
    assert en.country_name("Britain") == "GBR"
    assert en.country_name("the Soviet Union") == "RUS"
    assert en.country_name("Russia's") == "RUS"
    assert en.country_name("Syrian Arab Republic") == "SYR"  # from pycountry
    assert en.country_name("Moscow") is None  # a metonym, not a country name


def test_dependencies_are_coded_as_their_state(fr: ActorLexicon, en: ActorLexicon) -> None:
    assert en.country_name("Puerto Rico") == "USA"
    assert fr.country_name("la Nouvelle-Calédonie") == "FRA"
    assert en.country_name("Greenland") == "DNK"
    assert en.country_name("Hong Kong") == "HKG"
    assert en.country_name("Kosovo") == "KOS"


def test_each_language_reads_congo_its_own_way(fr: ActorLexicon, en: ActorLexicon) -> None:
    assert fr.country_name("Congo") == "COG"
    assert fr.country_name("la RDC") == "COD"
    assert en.country_name("Congo") == "COD"
    assert en.country_name("Republic of Congo") == "COG"


def test_aliases_that_are_words_match_only_as_written(fr: ActorLexicon, en: ActorLexicon) -> None:
    assert _codes(en.phrase("US")) == ("USA", None)
    assert en.phrase("us") is None
    assert _codes(en.phrase("WHO")) == ("UNO", "MED")
    assert en.phrase("who") is None
    assert _codes(en.phrase("UN")) == ("UNO", "GOV")
    assert _codes(fr.phrase("l'ONU")) == ("UNO", "GOV")
    assert fr.phrase("un") is None
    assert fr.phrase("UN") is None  # French copy writes ONU; "UN" is a headline's article
    assert _codes(fr.phrase("la Réunion")) == ("FRA", None)
    assert _codes(fr.phrase("La Réunion")) == ("FRA", None)
    assert fr.phrase("la réunion") is None
    assert fr.phrase("Grenade") is None
    assert _codes(fr.phrase("le Monde")) == ("FRA", "JRN")
    assert fr.phrase("le monde") is None
    # Only a leading article may change case: a generic description is not the group's name.
    assert _codes(en.phrase("the Armed Islamic Group")) == ("DZA", "REB")
    assert en.phrase("an armed Islamic group") is None


# --------------------------------------------------------------------------- people


def test_the_seed_story_actors(fr: ActorLexicon) -> None:
    day = "2017-02-09"
    assert _codes(fr.phrase("Vladimir Poutine", date=day)) == ("RUS", "GOV")
    assert _codes(fr.phrase("Poutine", date=day)) == ("RUS", "GOV")
    assert _codes(fr.phrase("Recep Tayyip Erdogan", date=day)) == ("TUR", "GOV")
    assert _codes(fr.phrase("Erdoğan", date=day)) == ("TUR", "GOV")
    assert _codes(fr.phrase("Valery Gerasimov", date=day)) == ("RUS", "MIL")
    assert fr.phrase("Poutine", date=day).name == "Vladimir Putin"


def test_a_president_before_during_and_after_his_term(en: ActorLexicon) -> None:
    assert en.phrase("Alfredo Cristiani", date="1985-03-01") is None
    assert _codes(en.phrase("Alfredo Cristiani", date="1990-01-05")) == ("SLV", "GOV")
    assert _codes(en.phrase("Cristiani", date="1990-01-05")) == ("SLV", "GOV")
    assert _codes(en.phrase("Cristiani", date="1999-01-05")) == ("SLV", "ELI")
    # The last day of a term is in it; the successor's first day is not.
    assert _codes(en.phrase("Violeta Chamorro", date="1997-01-09")) == ("NIC", "GOV")
    assert _codes(en.phrase("Violeta Chamorro", date="1997-01-10")) == ("NIC", "ELI")


def test_dates_may_be_partial_or_carry_a_time(en: ActorLexicon) -> None:
    assert _codes(en.phrase("Cristiani", date="1990")) == ("SLV", "GOV")
    assert _codes(en.phrase("Cristiani", date="1990-01")) == ("SLV", "GOV")
    assert _codes(en.phrase("Cristiani", date="1990-01-05T08:17:00")) == ("SLV", "GOV")
    with pytest.raises(ValueError, match="not an ISO date"):
        en.phrase("Cristiani", date="yesterday")


def test_a_shared_surname_is_resolved_by_the_date(en: ActorLexicon) -> None:
    assert en.phrase("Bush", date="1990-08-02").name == "George H. W. Bush"
    assert en.phrase("Bush", date="2003-03-20").name == "George W. Bush"
    assert _codes(en.phrase("Bush", date="1997-01-01")) == ("USA", "ELI")
    assert en.phrase("Clinton", date="2010-06-01").name == "Hillary Clinton"
    assert en.phrase("Assad", date="1995-01-01").name == "Hafez al-Assad"
    assert en.phrase("Assad", date="2015-01-01").name == "Bashar al-Assad"
    # Saddam Hussein and King Hussein of Jordan, both in office: no answer.
    assert en.phrase("Hussein", date="1990-08-02") is None
    assert en.phrase("Hussein", date="2001-01-01").name == "Saddam Hussein"


def test_surnames_that_are_words_match_only_as_written(en: ActorLexicon, fr: ActorLexicon) -> None:
    assert en.phrase("May", date="2017-06-01").name == "Theresa May"
    assert en.phrase("may", date="2017-06-01") is None
    assert en.phrase("Major", date="1992-06-01").name == "John Major"
    assert _codes(en.phrase("major")) == (None, "MIL")  # the rank, a sector noun
    assert fr.phrase("le Maire", date="2020-01-01").name == "Bruno Le Maire"
    assert _codes(fr.phrase("le maire")) == (None, "GOV")
    # First names and words stopped in people.tsv give no surname.
    assert fr.phrase("Philippe", date="2018-01-01") is None
    assert en.phrase("Austin", date="2022-01-01") is None


def test_office_holders_of_international_bodies(en: ActorLexicon) -> None:
    assert _codes(en.phrase("Kofi Annan", date="2000-01-01")) == ("UNO", "GOV")
    assert _codes(en.phrase("Javier Solana", date="1997-01-01")) == ("IGO", "GOV")
    assert _codes(en.phrase("Javier Solana", date="2005-01-01")) == ("EUR", "GOV")


# --------------------------------------------------------------------------- sectors


@pytest.mark.parametrize(
    ("lemma", "sector"),
    [
        ("soldat", "MIL"),
        ("soldats", "MIL"),
        ("poste militaire", "MIL"),  # what an armed act targets: the army's posts and patrols
        ("patrouille", "MIL"),
        ("patrouille de police", "COP"),
        ("forces armées", "MIL"),
        ("force armée", "MIL"),  # a lemma string
        ("avion de chasse", "MIL"),
        ("avions de chasse", "MIL"),
        ("généraux", "MIL"),
        ("chef d'état-major", "MIL"),
        ("police", "COP"),
        ("forces de l'ordre", "COP"),
        ("force de le ordre", "COP"),  # spaCy's lemmas of "forces de l'ordre"
        ("président", "GOV"),
        ("premier ministre", "GOV"),
        ("autorités", "GOV"),
        ("ministère de la Défense", "MIL"),
        ("rebelles", "REB"),
        ("djihadistes", "REB"),
        ("hommes armés", "UAF"),
        ("manifestants", "CVL"),
        ("opposants", "OPP"),
        ("journalistes", "JRN"),
        ("juges", "JUD"),
        ("députés", "LEG"),
        ("réfugiés", "REF"),
        ("syndicats", "LAB"),
        ("étudiants", "EDU"),
        ("paysans", "AGR"),
        ("prêtres", "REL"),
        ("trafiquants", "CRM"),
    ],
)
def test_french_sectors(fr: ActorLexicon, lemma: str, sector: str) -> None:
    assert fr.sector(lemma) == sector


@pytest.mark.parametrize(
    ("lemma", "sector"),
    [
        ("soldiers", "MIL"),
        ("troops", "MIL"),
        ("air force", "MIL"),
        ("air forces", "MIL"),
        ("fighter jets", "MIL"),
        ("warplane", "MIL"),
        ("riot police", "COP"),
        ("policemen", "COP"),
        ("heads of state", "GOV"),
        ("minister", "GOV"),
        ("spokesman", None),
        ("guerrillas", "REB"),
        ("militias", "REB"),
        ("gunmen", "UAF"),
        ("protesters", "CVL"),
        ("civilians", "CVL"),
        ("peasants", "AGR"),
        ("lawmakers", "LEG"),
        ("refugees", "REF"),
        ("priests", "REL"),
        ("Jesuits", "REL"),
    ],
)
def test_english_sectors(en: ActorLexicon, lemma: str, sector: str | None) -> None:
    assert en.sector(lemma) == sector


def test_loose_matching_is_for_multiword_lemmas_only(fr: ActorLexicon) -> None:
    assert fr.sector("cour") == "JUD"
    assert fr.sector("cours") is None  # a course, not courts
    assert fr.sector("au cours") is None


def test_a_form_marked_with_a_dash_gives_no_sector(en: ActorLexicon) -> None:
    assert en.sector("parties") is None  # "both parties agreed"
    assert en.sector("party") == "PTY"
    assert en.sector("opposition parties") == "OPP"


def test_phrase_falls_back_on_a_sector_noun(en: ActorLexicon) -> None:
    entry = en.phrase("riot police")
    assert entry is not None and entry.kind == "sector"
    assert _codes(entry) == (None, "COP")


# --------------------------------------------------------------------------- loading


def test_loading_is_versioned(fr: ActorLexicon, en: ActorLexicon) -> None:
    # (how fast it loads is a benchmark's question, not a test's: timed tests are flaky)
    lex = ActorLexicon.load("fr")
    assert lex.version == fr.version != en.version
    assert len(fr.version.split("-")[1]) == 12
    assert get_lexicon("fr") is fr


def test_max_words_covers_the_longest_names(fr: ActorLexicon) -> None:
    longest = "Front Farabundo Marti de libération nationale"
    assert fr.max_words >= longest.count(" ") + 1
    assert _codes(fr.phrase(longest, date="1990-01-01")) == ("SLV", "REB")
    assert fr.max_words < 20


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="no actor lexicon"):
        ActorLexicon.load("de")


# --------------------------------------------------------------------------- user files


def _write(path: Path, *lines: str) -> Path:
    path.write_text("# my actors\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_user_dictionary_overrides_and_extends(tmp_path: Path, fr: ActorLexicon) -> None:
    user = _write(
        tmp_path / "actors.tsv",
        "Kremlin\tRUS\tSPY\tMy Kremlin",
        "Brigade des Volcans\tCOD\tREB\tBrigade des Volcans",
        "Jean Dupont\tFRA\tGOV\tJean Dupont\t2020-01-01\t2022-01-01\tperson",
        "Daech\t-",
    )
    lex = ActorLexicon.load("fr", [user])
    assert _codes(lex.phrase("le Kremlin")) == ("RUS", "SPY")
    assert _codes(lex.phrase("la Brigade des Volcans")) == ("COD", "REB")
    assert _codes(lex.phrase("Dupont", date="2021-01-01")) == ("FRA", "GOV")
    assert _codes(lex.phrase("Dupont", date="2023-01-01")) == ("FRA", "ELI")
    assert lex.phrase("Daech") is None
    assert _codes(lex.phrase("EI")) == ("IMG", "REB")  # other aliases stay
    assert lex.version != fr.version
    # The bundled lexicon is not changed.
    assert _codes(fr.phrase("Kremlin")) == ("RUS", "GOV")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Brigade\tXXX\tREB\tBrigade", "unknown country code 'XXX'"),
        ("Brigade\tCOD\tWAR\tBrigade", "unknown sector 'WAR'"),
        ("Brigade\tCOD\tREB\tBrigade\t2020-13-01", "not a valid date"),
        ("Brigade\tCOD\tREB\tBrigade\tsoon", "not an ISO date"),
        ("Brigade\tCOD\tREB\tBrigade\t2022-01-01\t2020-01-01", "is not after"),
        ("Brigade\tCOD\tREB\tBrigade\t\t\tgang", "kind must be"),
        ("Brigade", "expected 2 to 7 tab-separated columns"),
    ],
)
def test_a_bad_user_row_names_the_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    user = _write(tmp_path / "bad.tsv", "Bonne\tCOD\tREB\tBonne", row)
    with pytest.raises(LexiconError, match=message) as err:
        ActorLexicon.load("fr", [user])
    assert f"{user}:3:" in str(err.value)


def test_a_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read"):
        ActorLexicon.load("en", [tmp_path / "nowhere.tsv"])


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled data that a test may break."""
    root = lexmod._data_root()
    shutil.copytree(root / "fr", tmp_path / "fr")
    shutil.copy(root / lexmod.TERRITORIES_FILE, tmp_path / lexmod.TERRITORIES_FILE)
    shutil.copy(root / lexmod.SHARED_ORGANISATIONS, tmp_path / lexmod.SHARED_ORGANISATIONS)
    monkeypatch.setattr(lexmod, "_data_root", lambda: tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("filename", "line", "message"),
    [
        ("demonyms.tsv", "zorglub\tZZZ", "unknown country code 'ZZZ'"),
        ("sectors.tsv", "zorglub\tSOC", "unknown sector 'SOC'"),
        ("sectors.tsv", "soldat\tCOP", "already given sector MIL"),
        ("demonyms.tsv", "russe\tTUR", "already given another country"),
        ("country_aliases.tsv", "Syldavie\tSYL", "unknown country code 'SYL'"),
        ("metonyms.tsv", "Klow\tSYL\tGOV\tKlow", "unknown country code 'SYL'"),
        ("people.tsv", "Bob\tFRA\tGOV\tBob\t1990-02-30\t", "not a valid date"),
        ("organisations.tsv", "Zorglub", "expected 2 to 6 tab-separated columns"),
    ],
)
def test_bundled_files_are_validated(
    data_copy: Path, filename: str, line: str, message: str
) -> None:
    path = data_copy / "fr" / filename
    with path.open("a", encoding="utf-8") as out:
        out.write(line + "\n")
    last = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(LexiconError, match=message) as err:
        ActorLexicon.load("fr")
    assert f"{path}:{last}:" in str(err.value)


@pytest.mark.parametrize(
    "alias,expected",
    [
        ("JNIM", ("IMG", "REB")),
        ("Houthis", ("YEM", "REB")),
        ("Arakan Army", ("MMR", "REB")),
        ("TPLF", ("ETH", "REB")),
        ("Fano", ("ETH", "REB")),
        ("Séléka", ("CAF", "REB")),
        ("MINUSCA", ("UNO", "MIL")),
        ("cartel de Sinaloa", ("MEX", "CRM")),
        ("Forces démocratiques syriennes", ("SYR", "REB")),
        ("CEDEAO", ("IGO", None)),
    ],
)
def test_the_shared_organisations_are_known_in_both_languages(
    fr: ActorLexicon, en: ActorLexicon, alias: str, expected: tuple[str, str | None]
) -> None:
    for lex in (fr, en):
        entry = lex.phrase(alias)
        assert entry is not None and entry.kind == "organisation", (lex.lang, alias)
        assert entry.country == expected[0]
        assert expected[1] is None or entry.sector == expected[1]


def test_a_language_file_removes_a_shared_organisation(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "data"
    shutil.copytree(lexmod._data_root(), root)
    with (root / "fr" / "organisations.tsv").open("a", encoding="utf-8") as f:
        f.write("Fano\t-\t-\n")
    monkeypatch.setattr(lexmod, "_data_root", lambda: root)
    lexmod._shared_organisations.cache_clear()
    try:
        assert ActorLexicon.load("fr").phrase("Fano") is None
        assert ActorLexicon.load("en").phrase("Fano") is not None
    finally:
        lexmod._shared_organisations.cache_clear()


def test_word_answers_are_kept_and_the_memo_stays_bounded(monkeypatch) -> None:
    lex = ActorLexicon.load("fr")  # a fresh one: the shared lexicon's memo is its own
    monkeypatch.setattr(lexmod, "_MEMO_SIZE", 3)
    words = ["turques", "soldats", "policiers", "rebelles", "table", "Russes", "turques"]
    first = [(lex.demonym(w), lex.sector(w), lex.may_start_sector(w)) for w in words]
    assert first[0] == ("TUR", None, False) and first[1][1] == "MIL"
    assert first[-1] == first[0]  # asked again after the memo was started afresh
    assert len(lex._demonym_of) <= 4 and len(lex._sector_of) <= 4
    # The same answers as a lexicon that never kept one.
    fresh = ActorLexicon.load("fr")
    assert first == [
        (fresh._demonym(w), fresh._sector(w), fresh._may_start_sector(w)) for w in words
    ]
