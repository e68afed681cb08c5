"""Near-duplicate articles by content: MinHash signatures over word shingles, LSH bands.

The same wire story under another address, with other page chrome, a changed headline, a
byline or a fixed typo, shares most of its word 4-grams with the first copy; another
outlet's story of the same incident shares almost none.  A signature's bands are hashed so
that the store finds candidates by looking up band hashes (an SQL join), and a candidate is
confirmed by the estimated resemblance (Jaccard) or containment (an update that added a
paragraph contains nearly all of the first version).  Short briefs written from one
template ("Police arrest 3 protesters in Nairobi") resemble each other as much as copies do;
the names they use tell them apart: a copy or an update keeps the names of the first version
and may add some, another story names places or people the other does not.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS, ROWS = 32, 4  # LSH: pairs above a Jaccard of about (1/32)^(1/4) = 0.42 collide
SHINGLE_WORDS = 4
SEED = 7  # fixed: signatures stored in a file must stay comparable across runs
MIN_JACCARD = 0.6  # resemblance of a copy (chrome, headline or typo changed)
MIN_CONTAINMENT = 0.8  # share of the shorter version found in the longer (an update)
# Another story when each version has at least this share of its names the other lacks.
MAX_OWN_NAMES = 0.2

_WORD = re.compile(r"\w+", re.UNICODE)
# A capitalised word that does not open a sentence or a line: a name ("Nairobi", "Kenyatta").
_NAME = re.compile(r"(?<![.!?:\n\"«“]\s)(?<!^)\b[^\W\d_a-z][\w'’-]+", re.UNICODE)


@dataclass(frozen=True)
class Signature:
    """The MinHash of one article's text and what confirming a match needs."""

    hashvalues: tuple[int, ...]
    shingles: int
    text_chars: int
    names: frozenset[str] | None = None  # None: not known (signed by an older version)

    def bands(self) -> list[int]:
        """One signed 64-bit hash per LSH band (band index included)."""
        return list(self._bands)

    @cached_property  # (a frozen dataclass still has a __dict__ to cache in)
    def _bands(self) -> tuple[int, ...]:
        out = []
        for band in range(BANDS):
            chunk = self.hashvalues[band * ROWS : (band + 1) * ROWS]
            digest = hashlib.blake2b(
                struct.pack(f"<I{ROWS}Q", band, *chunk), digest_size=8
            ).digest()
            out.append(struct.unpack("<q", digest)[0])
        return tuple(out)


def shingles(text: str) -> set[bytes]:
    """Word 4-grams of the text, case and accents folded (a short text: its words)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    words = [w for w in _WORD.findall(folded) if not w.isdigit() or len(w) > 1]
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def names(text: str) -> frozenset[str]:
    """The names a text uses: capitalised words inside sentences, case and accents folded."""
    found = (m.group(0) for m in _NAME.finditer(text) if not m.group(0).isupper())
    return frozenset(unicodedata.normalize("NFKD", n.casefold()) for n in found)


def signature(text: str) -> Signature:
    grams = shingles(text)
    sketch = MinHash(num_perm=NUM_PERM, seed=SEED)
    sketch.update_batch(list(grams))
    hashes = tuple(int(v) for v in sketch.hashvalues)
    return Signature(hashes, len(grams), len(text), names(text))


def other_names(a: Signature, b: Signature) -> str | None:
    """What says two look-alike texts are two stories: each names what the other does not
    (None: nothing does)."""
    if not a.names or not b.names:
        return None
    own_a, own_b = a.names - b.names, b.names - a.names
    if len(own_a) < MAX_OWN_NAMES * len(a.names) or len(own_b) < MAX_OWN_NAMES * len(b.names):
        return None
    return f"names of their own: {', '.join(sorted(own_a)[:3])} / {', '.join(sorted(own_b)[:3])}"


def jaccard(a: Signature, b: Signature) -> float:
    """Estimated resemblance: the share of equal MinHash values."""
    return float(np.mean(np.array(a.hashvalues) == np.array(b.hashvalues)))


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller shingle set found in the larger."""
    j = jaccard(a, b)
    small = min(a.shingles, b.shingles)
    if small == 0:
        return 0.0
    shared = j * (a.shingles + b.shingles) / (1 + j)
    return min(1.0, shared / small)


def near_duplicate(a: Signature, b: Signature) -> tuple[bool, float, str]:
    """Whether two articles are one story, their resemblance, and the figures that say so."""
    j, c = jaccard(a, b), containment(a, b)
    why = f"MinHash Jaccard {j:.2f}, containment {c:.2f}"
    alike = j >= MIN_JACCARD or c >= MIN_CONTAINMENT
    if alike and (apart := other_names(a, b)):
        return False, j, f"{why}, but {apart}"
    return alike, j, why
