"""Document deduplication: exact copies (content hash) and near-duplicates (MinHash LSH).

A syndicated wire story republished by another outlet, or a lightly edited copy of it, is one
*source*: it must not count as independent confirmation. :class:`Deduplicator` tells, for each new
document, which earlier document (its *canonical* document) it copies, if any. It never drops a
copy's URL: the caller records every document and its canonical one (see
:meth:`conflictlens.store.Store.record_duplicate`).

Near-duplicates are found with datasketch's MinHash LSH over word n-grams
(:data:`settings.dedup_shingle_words`), with a fixed seed so results are the same in every run.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from hashlib import sha1

from datasketch import MinHash, MinHashLSH

from conflictlens import settings
from conflictlens.model import Document
from conflictlens.model import content_hash as text_hash

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+", re.UNICODE)

#: Kinds of duplicate: the same text after normalisation, or an estimated Jaccard similarity
#: of at least :data:`settings.dedup_near_jaccard`.
DUPLICATE_KINDS: tuple[str, ...] = ("exact", "near")


@dataclass(frozen=True)
class Duplicate:
    """A document found to copy an earlier one."""

    doc_id: str
    canonical_id: str  # the earliest document of the family
    kind: str  # one of DUPLICATE_KINDS
    similarity: float  # 1.0 for exact copies, the estimated Jaccard similarity otherwise


def shingles(text: str, n: int | None = None) -> set[str]:
    """The word n-grams of ``text`` (lower case, Unicode-normalised); the whole text if shorter."""
    size = n or settings.dedup_shingle_words
    words = _WORD.findall(unicodedata.normalize("NFKC", text).lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def body(text: str) -> str:
    """The text without its headline: syndicating outlets often rewrite headlines, not stories.

    The first line is taken for a headline when more text follows and it is at most
    :data:`settings.dedup_headline_max_words` words long.
    """
    head, sep, rest = text.strip().partition("\n")
    if sep and rest.strip() and len(head.split()) <= settings.dedup_headline_max_words:
        return rest
    return text


@cache
def _empty_minhash(num_perm: int, seed: int) -> MinHash:
    """An empty signature whose permutations (drawn from ``seed``) every signature copies: drawing
    them costs more than hashing a short text's shingles. It is fed the shingles' hash values
    (``int`` passes them through), computed by :func:`minhash` as datasketch's default does."""
    return MinHash(num_perm=num_perm, seed=seed, hashfunc=int)


def minhash(text: str) -> MinHash:
    """The MinHash signature of the shingles of a text's :func:`body` (fixed seed: deterministic)."""
    m = _empty_minhash(settings.dedup_minhash_permutations, settings.dedup_minhash_seed).copy()
    # datasketch's sha1_hash32, without a function call a shingle; a minimum: any order
    m.update_batch(
        [int.from_bytes(sha1(s.encode("utf-8")).digest()[:4], "little") for s in shingles(body(text))]
    )
    return m


class Deduplicator:
    """Finds exact and near-duplicate documents among those it has seen, incrementally.

    Feed documents in arrival order with :meth:`check`; a document that copies none is
    remembered as canonical, so later copies point at it. Copies point at the canonical document
    of their family (never at another copy), so a family has one canonical member.
    """

    def __init__(self, threshold: float | None = None) -> None:
        self.threshold = settings.dedup_near_jaccard if threshold is None else threshold
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=settings.dedup_minhash_permutations)
        self._hashes: dict[str, str] = {}  # content hash -> canonical doc id
        self._signatures: dict[str, MinHash] = {}  # canonical doc id -> signature
        self._canonical: dict[str, str] = {}  # any seen doc id -> canonical doc id

    def __len__(self) -> int:
        return len(self._canonical)

    def canonical_of(self, doc_id: str) -> str:
        """The canonical document of ``doc_id`` (itself when it copies none or is unknown)."""
        return self._canonical.get(doc_id, doc_id)

    def check(self, doc: Document, *, content_hash: str | None = None) -> Duplicate | None:
        """Whether ``doc`` copies a document seen before; remember it either way.

        Returns the :class:`Duplicate` (exact before near; among near ones the most similar,
        ties broken by document id) or None when ``doc`` is new. ``content_hash``: the text's
        :func:`~conflictlens.model.content_hash`, if the caller has it.
        """
        if doc.id in self._canonical:
            canonical = self._canonical[doc.id]
            return None if canonical == doc.id else Duplicate(doc.id, canonical, "exact", 1.0)
        chash = content_hash or text_hash(doc.text)
        if chash in self._hashes:
            canonical = self._hashes[chash]
            self._canonical[doc.id] = canonical
            return Duplicate(doc.id, canonical, "exact", 1.0)
        sig = minhash(doc.text)
        best: tuple[float, str] | None = None
        for other in self._lsh.query(sig):
            sim = float(sig.jaccard(self._signatures[other]))
            if sim >= self.threshold and (best is None or (sim, _neg(other)) > (best[0], _neg(best[1]))):
                best = (sim, other)
        if best is not None:
            self._canonical[doc.id] = best[1]
            self._hashes.setdefault(chash, best[1])
            return Duplicate(doc.id, best[1], "near", round(best[0], 3))
        self._hashes[chash] = doc.id
        self._signatures[doc.id] = sig
        self._canonical[doc.id] = doc.id
        self._lsh.insert(doc.id, sig)
        return None

    def seed(self, docs: Iterable[Document]) -> int:
        """Remember documents already stored (e.g. ``store.documents()``) so later copies of them are
        found across runs; return how many were remembered."""
        n = 0
        for doc in docs:
            self.check(doc)
            n += 1
        return n

    def check_many(self, docs: Iterable[Document]) -> list[Duplicate]:
        """:meth:`check` each document in order; the duplicates found."""
        found = [d for d in (self.check(doc) for doc in docs) if d is not None]
        log.info("found %d duplicate document(s)", len(found))
        return found


def _neg(doc_id: str) -> tuple[int, ...]:
    """A key that sorts document ids in reverse, so the max picks the smallest id on ties."""
    return tuple(-ord(c) for c in doc_id)
