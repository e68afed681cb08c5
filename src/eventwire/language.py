"""Language stage: which language an article is written in.

py3langid's bundled model (97 languages, numpy only) decides among all of them, so that a
German or Spanish story is reported as unsupported rather than coded with a French or
English pipeline.  All-capitals wire copy is lower-cased first: the character n-gram
model was trained on ordinary case.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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


def detect(text: str) -> Language:
    """The most probable language of ``text`` (``"und"`` when there is no letter in it)."""
    sample = text[:_SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return Language("und", 0.0)
    if sum(c.isupper() for c in letters) > 0.6 * len(letters):
        sample = sample.lower()
    code, score = _identifier().classify(sample)
    return Language(str(code), float(score))
