import pytest

from eventwire.coder.lexicon import load_lexicon
from eventwire.coder.numbers import word_value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["onze"], 11),
        (["vingt-cinq"], 25),
        (["vingt", "et", "un"], 21),
        (["trois", "cents"], 300),
        (["deux", "mille"], 2000),
        (["dizaine"], 10),
        (["centaine"], 100),
    ],
)
def test_french_number_words(words: list[str], value: int) -> None:
    assert word_value(words, load_lexicon("fr").numbers) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [(["eleven"], 11), (["twenty-one"], 21), (["dozen"], 12), (["two", "hundred"], 200)],
)
def test_english_number_words(words: list[str], value: int) -> None:
    assert word_value(words, load_lexicon("en").numbers) == value


def test_not_a_number() -> None:
    assert word_value(["soldats"], load_lexicon("fr").numbers) is None
