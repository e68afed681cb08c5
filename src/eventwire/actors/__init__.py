"""Actor knowledge: what a noun phrase names, as a country (or non-state code) and a sector."""

from eventwire.actors.lexicon import (
    COUNTRY_SPECIAL,
    SECTORS,
    ActorEntry,
    ActorLexicon,
    LexiconError,
    fold,
    get_lexicon,
)

__all__ = [
    "COUNTRY_SPECIAL",
    "SECTORS",
    "ActorEntry",
    "ActorLexicon",
    "LexiconError",
    "fold",
    "get_lexicon",
]
