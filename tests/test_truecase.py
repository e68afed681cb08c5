"""Case restoration for all-capitals wire copy: same length, names and sentence starts kept."""

from __future__ import annotations

import pytest

from eventwire.truecase import needs_truecasing, truecase

WIRE = (
    "BAGHDAD, MARCH 3 -- IRAQI TROOPS CLASHED WITH GUERRILLAS NEAR THE BORDER ON TUESDAY, "
    "KILLING FIVE PEOPLE. THE GOVERNMENT OF IRAQ SAID FRANCE AND TURKEY WOULD SEND AID.\n\n"
    "POLICE IN NAIROBI ARRESTED 12 STUDENTS -- THE MINISTRY SAID I WAS TOLD."
)


@pytest.fixture(scope="module")
def cased() -> str:
    return truecase(WIRE, "en")


def _words(text: str) -> set[str]:
    return set(text.replace(",", " ").replace(".", " ").split())


def test_length_and_letters_are_kept(cased: str) -> None:
    # Every offset into the cased text points at the same character of the original.
    assert len(cased) == len(WIRE)
    assert cased.upper() == WIRE
    assert all(a == b or a.upper() == b for a, b in zip(cased, WIRE, strict=True))


def test_sentence_starts_and_known_names_get_capitals(cased: str) -> None:
    assert cased.startswith("Baghdad, ")
    assert " The government of Iraq said France and Turkey would send aid." in cased
    assert "\n\nPolice in Nairobi arrested 12 students" in cased
    assert "Iraqi troops" in cased  # an English demonym
    assert "-- The ministry said I was told." in cased  # "--" ends a wire dateline or clause


def test_ordinary_words_are_lower_case(cased: str) -> None:
    words = _words(cased)
    for word in ("troops", "clashed", "with", "guerrillas", "border", "killing", "people"):
        assert word in words
    assert not {"TROOPS", "Troops", "CLASHED", "Clashed"} & words


def test_french_keeps_nationality_adjectives_lower_case() -> None:
    text = "LES SOLDATS TURCS ONT ÉTÉ TUÉS EN SYRIE. LA TURQUIE A CONVOQUÉ L'AMBASSADEUR À ANKARA."
    cased = truecase(text, "fr")
    assert cased == (
        "Les soldats turcs ont été tués en Syrie. La Turquie a convoqué l'ambassadeur à Ankara."
    )


def test_characters_whose_lower_case_is_longer_stay_as_they_are() -> None:
    text = "İSTANBUL POLICE DETAINED 20 PEOPLE IN TURKEY."
    cased = truecase(text, "en")
    assert len(cased) == len(text)
    assert cased.startswith("İstanbul police detained 20 people in Turkey.")


def test_only_capitals_text_needs_truecasing() -> None:
    assert needs_truecasing(WIRE)
    assert not needs_truecasing("Police in Nairobi arrested 12 students on Tuesday.")
    assert not needs_truecasing("")
    assert not needs_truecasing("12 -- 14 ... 2023")
    # Headlines in capitals over an ordinary body do not make the story all capitals.
    assert not needs_truecasing("KENYA: POLICE ARREST STUDENTS\n\n" + "Police arrested them. " * 5)


def test_multiword_names_and_bracketed_acronyms() -> None:
    text = "THE UNITED STATES SENT AID TO EL SALVADOR, WHERE THE REBELS (FMLN) ATTACKED A BASE."
    cased = truecase(text, "en")
    assert cased == (
        "The United States sent aid to El Salvador, where the rebels (FMLN) attacked a base."
    )


def test_pronouns_and_common_words_are_not_names() -> None:
    # "us" is the United States only as a name; "capital" and "downtown" name places
    # somewhere (Venezuela's district, Diego Garcia's town) but are ordinary words first.
    text = truecase("THEY WILL MACHINEGUN ALL OF US IN DOWNTOWN SAN SALVADOR, THIS CAPITAL.", "en")
    assert " us " in text
    assert "downtown San Salvador" in text
    assert "this capital" in text


def test_dotted_acronyms_keep_their_capitals_and_end_no_sentence() -> None:
    text = truecase("THE U.S. EMBASSY IN LIMA CLOSED. GUERRILLAS ATTACKED IT.", "en")
    assert text.startswith("The U.S. embassy in Lima closed. Guerrillas")
