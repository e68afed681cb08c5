"""Language stage: which language an article is written in.

py3langid's bundled model (97 languages, numpy only) decides among all of them, so that a
German or Spanish story is reported as unsupported rather than coded with a French or
English pipeline.  All-capitals wire copy is lower-cased first: the character n-gram
model was trained on ordinary case.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Enough text to decide; more only costs time.
_SAMPLE_CHARS = 2000


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    score: float  # normalised probability of the best language


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _neighbours() -> dict[str, tuple[str, float]]:
    """variety -> (standard language, minimum probability share), from a data file."""
    path = resources.files("eventwire") / "data" / "language_neighbours.tsv"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            variety, standard, share = line.split("\t")[:3]
            table[variety] = (standard, float(share))
    return table


def detect(text: str) -> Language:
    """The most probable language of ``text`` (``"und"`` when there is no letter in it)."""
    sample = text[:_SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return Language("und", 0.0)
    if sum(c.isupper() for c in letters) > 0.6 * len(letters):
        sample = sample.lower()
    ranked = _identifier().rank(sample)
    code, score = ranked[0]
    neighbour = _neighbours().get(str(code))
    if neighbour is not None:
        # "Police in Nairobi arrested 31 protesters" scores as Nigerian Pidgin first.
        for other, other_score in ranked[1:4]:
            if other == neighbour[0] and other_score >= neighbour[1]:
                return Language(str(other), float(other_score))
    return Language(str(code), float(score))
