from eventwire.language import detect


def test_french_and_english_are_told_apart() -> None:
    assert (
        detect("Moscou et Ankara ont convenu jeudi d'améliorer leur coopération militaire.").code
        == "fr"
    )
    assert (
        detect("Police arrested dozens of opposition supporters in the capital on Monday.").code
        == "en"
    )


def test_all_capitals_wire_copy_is_detected_after_lowering() -> None:
    text = (
        "THE ARMY SAID TODAY THAT GUERRILLAS ATTACKED A POLICE STATION IN THE NORTH OF THE COUNTRY."
    )
    assert detect(text).code == "en"


def test_other_languages_are_reported_not_forced_into_fr_or_en() -> None:
    spanish = (
        "El ejército informó que los rebeldes atacaron una patrulla cerca de la frontera el martes."
    )
    german = "Die Regierung hat am Dienstag neue Sanktionen gegen das Nachbarland angekündigt."
    assert detect(spanish).code == "es"
    assert detect(german).code == "de"


def test_text_without_letters_is_undetermined() -> None:
    result = detect("12 345 -- 67")
    assert result.code == "und" and result.score == 0.0


def test_short_english_news_is_not_taken_for_a_pidgin() -> None:
    assert detect("Police in Nairobi arrested 31 protesters on Tuesday.").code == "en"


def test_a_real_creole_text_is_not_forced_into_french() -> None:
    haitian = "Mwen pa konnen ki kote li ye, men nou pral chèche l demen maten ak tout fanmi an."
    assert detect(haitian).code != "fr"
