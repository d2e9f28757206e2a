"""Organised campaigns: the same or a near-identical long text from many respondents.

Two steps, both cheap enough for millions of answers and incremental across loads:

1. **Identical after normalisation.** Case, accents, punctuation, digits and spacing are
   removed (pseudonymisation has already put ``[namn]`` where a name was), and the MD5 of
   what is left is the answer's fingerprint. Equal fingerprints are one text; grouping
   them is a plain SQL ``group by`` in dbt.
2. **Near-identical** (a template with a word or an unrecognised name changed). MinHash
   (datasketch, well kept and the standard way to estimate Jaccard similarity) over word
   3-shingles of each distinct *long* normalised text, cut into the LSH bands that
   datasketch's ``MinHashLSH`` chooses for the similarity threshold. The bands are stored
   (raw.text_minhash_bands) so a later load hashes only its new texts and finds their
   candidates with an indexed join; each candidate pair is confirmed by the exact Jaccard
   similarity of the two texts, and confirmed pairs are joined into clusters.

pg_trgm similarity was the alternative: it compares character trigrams pair by pair
through an index, which at a million long texts costs far more than one MinHash each,
and it cannot be restricted to the texts of one load. Short texts are never hashed:
many people write "Bättre kollektivtrafik" on their own, and that is agreement, not a
campaign (``survey.detection.campaign_min_words``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache

import numpy as np

NOT_LETTER = re.compile(r"[\W\d_]+")
SHINGLE = 3
NUM_PERM = 64


# The accented letters of Swedish answers folded, and Arabic short vowels and the
# elongation stroke dropped, by a table: a tenth of the time of Unicode decomposition,
# which only texts with other accents still need.
FOLD = str.maketrans(
    "åäöéèëêüúùáàâæøçíìñ", "aaoeeeeuuuaaaaociin", "".join(map(chr, [*range(0x064B, 0x0660), 0x0670, 0x0640]))
)


def normalise(text: str) -> str:
    """Lower case, without accents, digits, punctuation or repeated spaces."""
    folded = NOT_LETTER.sub(" ", text.casefold().translate(FOLD)).strip()
    if folded.isascii() or not any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFKD", folded)):
        return folded
    letters = "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))
    return NOT_LETTER.sub(" ", letters).strip()


def fingerprint(normalised: str) -> str:
    return hashlib.md5(normalised.encode("utf-8"), usedforsecurity=False).hexdigest()


def word_count(normalised: str) -> int:
    return len(normalised.split())


def shingles(normalised: str) -> set[bytes]:
    words = normalised.split()
    if len(words) < SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


@cache
def _lsh(threshold: float):
    from datasketch import MinHashLSH

    return MinHashLSH(threshold=threshold, num_perm=NUM_PERM)


def band_keys(normalised_texts: Sequence[str], threshold: float) -> list[list[int]]:
    """For each text, one signed 64-bit key per LSH band (texts sharing a key are candidates)."""
    from datasketch import MinHash

    ranges = _lsh(threshold).hashranges
    minhashes = MinHash.bulk([shingles(text) for text in normalised_texts], num_perm=NUM_PERM, seed=1)
    keys = []
    for minhash in minhashes:
        values = np.asarray(minhash.hashvalues, dtype=np.uint64)
        keys.append(
            [
                int.from_bytes(hashlib.blake2b(values[start:end].tobytes(), digest_size=8).digest(), "big", signed=True)
                for start, end in ranges
            ]
        )
    return keys


def clusters(pairs: Iterable[tuple[str, str, float]]) -> dict[str, tuple[str, float]]:
    """Connected texts from confirmed pairs: each text -> (its cluster's smallest hash, best similarity)."""
    parent: dict[str, str] = {}
    best: dict[str, float] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, similarity in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
        best[a] = max(best.get(a, 0.0), similarity)
        best[b] = max(best.get(b, 0.0), similarity)
    return {text: (find(text), round(best[text], 3)) for text in parent}
