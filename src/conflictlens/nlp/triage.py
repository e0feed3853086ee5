"""Cheap relevance triage: which documents are worth the full pipeline.

Most of a news stream is not about conflict (sports, markets, weather, politics). The full pipeline
(tagger, parser, NER and our components) costs tens of milliseconds a document; this check costs
tens of microseconds once the text is tokenized. A document passes when

* some token may be a *strong* event trigger of ``data/lexicon.json`` (the classes that make an event
  in :mod:`conflictlens.nlp.events`): its lower-cased form, or any lemma the model's rule lemmatizer
  could give it under any part of speech (the lemmatizer's own tables, so "fled", "shot", "mining"
  are read as the pipeline reads them), is a trigger lemma, and that lemma's condition in
  ``data/triage.json`` holds (the same checks ``events._trigger_classes`` makes, at document level:
  "fire" only in "open fire" or "fire on", "operation" only with a killing, "March 5" is a month); or
* a strong multi-word trigger phrase ("set fire", "took to the streets") occurs in its text;

and it is not an off-topic story: one with several sports, markets or weather words, none of the
conflict words, and only triggers those stories use figuratively ("beat", "attack", "shot").

Everything but the off-topic rule errs on the side of keeping: a document that fails them cannot
yield an event (no sentence of it has a strong trigger). The off-topic rule is a measured heuristic
(see docs/scale.md). Skipped documents are still stored, with no reports.

Inside a kept document, :meth:`Triage.focus` blanks the sentences that cannot contribute (no trigger,
claim cue, actor, date or place near them) before the statistical pipeline runs, keeping every
character offset (see docs/scale.md, "Focus").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.attrs import IDX, IS_SPACE, LENGTH, LIKE_NUM, LOWER, NORM, SPACY
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from conflictlens.model import Report
from conflictlens.nlp.events import ARMED_KINDS, STRONG_CLASSES, WEAK_TRIGGERS
from conflictlens.nlp.lexicon import english, load_data
from conflictlens.nlp.remarks import doc_label
from conflictlens.nlp.time import PATTERNS as DATE_PATTERNS

_CACHE_MAX = 200_000  # distinct word forms remembered before the cache starts afresh
_TERMINALS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_TERMINAL_RE = re.compile(r"^[.!?]+$")
_CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»", "''"})
_BLANK_RE = re.compile(r"[^\n]")
_DIGIT_RE = re.compile(r"\d")
_CROWD_KINDS = ARMED_KINDS | {"rioters", "protesters"}


def _lookup(data: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of a data file ("verbs.denies")."""
    value: Any = data
    for part in path.split("."):
        value = value[part]
    return value


def _flatten(value: Any) -> set[str]:
    """The words of a data file's list, or of every list (or key, for a word -> value map) below it."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {w for v in value for w in _flatten(v)}
    if isinstance(value, dict):
        if all(isinstance(v, str) for k, v in value.items() if k != "about"):
            return {k for k in value if k != "about"}  # a word -> stance map
        return {w for k, v in value.items() if k != "about" for w in _flatten(v)}
    return set()


@dataclass(frozen=True)
class Verdict:
    """The outcome of triage for one document, with the word or rule that decided it."""

    keep: bool
    reason: str  # "trigger:killed", "phrase:set fire", "no trigger", "off-topic"

    def __bool__(self) -> bool:
        return self.keep


class PipelineDoc(Doc):
    """A ``Doc`` that keeps its text. spaCy's ``Doc.text`` joins every token's text each time it
    is read, and the components read it many times a document; the text of a document does not
    change once it is tokenized (the retokenizer keeps it too)."""

    _text: str

    @property
    def text(self) -> str:
        return self._text


@dataclass(frozen=True)
class _Tokens:
    """The columns of a tokenized ``Doc`` that focusing reads, as plain lists (reading them from
    ``Token`` objects costs more than the rest of the work)."""

    text: list[str]
    ws: list[bool]  # followed by a space
    space: list[bool]  # a whitespace token
    idx: list[int]
    lower: list[int]
    num: list[bool]

    @classmethod
    def of(cls, doc: Doc, text: str) -> _Tokens:
        rows = doc.to_array([IDX, LENGTH, SPACY, IS_SPACE, LIKE_NUM, LOWER]).tolist() if len(doc) else []
        return cls(
            text=[text[r[0] : r[0] + r[1]] for r in rows],
            ws=[bool(r[2]) for r in rows],
            space=[bool(r[3]) for r in rows],
            idx=[r[0] for r in rows],
            lower=[r[5] for r in rows],
            num=[bool(r[4]) for r in rows],
        )


def _rebuild(doc: Doc, text: str, toks: _Tokens, keep: list[bool] | None) -> Focused:
    """A :class:`PipelineDoc` of ``doc``'s tokens (text ``text``), each run of tokens not kept
    (``keep``, one flag a token) replaced by one whitespace token of the same length, a sentence
    of its own (as is what follows it). Whitespace tokens that end a run stay as they were."""
    if keep is None or all(keep):
        words, spaces, source = list(toks.text), list(toks.ws), list(range(len(toks.text)))
        blanked: list[tuple[int, int]] = []
    else:
        words, spaces, source, blanked = [], [], [], []
        n = len(keep)
        i = 0
        while i < n:
            if keep[i]:
                j = i
                while j < n and keep[j]:
                    j += 1
            else:
                j = i
                while j < n and not keep[j]:
                    j += 1
                last = j - 1
                while last >= i and toks.space[last]:
                    last -= 1  # the whitespace after the run stays as it was
                if last >= i:
                    c0, c1 = toks.idx[i], toks.idx[last] + len(toks.text[last])
                    words.append(_BLANK_RE.sub(" ", text[c0:c1]))
                    spaces.append(toks.ws[last])
                    source.append(-1)
                    blanked.append((c0, c1))
                    i = last + 1
            words += toks.text[i:j]
            spaces += toks.ws[i:j]
            source += range(i, j)
            i = j
    out = PipelineDoc(doc.vocab, words=words, spaces=spaces)
    if blanked:
        pieces: list[str] = []
        at = 0
        for c0, c1 in blanked:
            pieces += [text[at:c0], _BLANK_RE.sub(" ", text[c0:c1])]
            at = c1
        pieces.append(text[at:])
        text = "".join(pieces)
    out._text = text
    # the tokenizer's special cases may set a token's NORM ("n't" -> "not"), a feature of the models
    given = doc.to_array(NORM).tolist()
    norms: Any = out.to_array(NORM)  # uint64 ids (typed as floats by spaCy)
    for i, j in enumerate(source):
        if j >= 0:
            norms[i] = given[j]
        else:
            out[i].is_sent_start = True
            if i + 1 < len(out):
                out[i + 1].is_sent_start = True
    out.from_array([NORM], norms)
    out.user_data.update(doc.user_data)
    return Focused(out, tuple(blanked))


def pipeline_doc(doc: Doc, text: str | None = None) -> PipelineDoc:
    """``doc`` (tokenized only, its text ``text``) as a :class:`PipelineDoc`, nothing blanked."""
    text = doc.text if text is None else text
    return _rebuild(doc, text, _Tokens.of(doc, text), None).doc


@dataclass(frozen=True)
class Focused:
    """A document's ``Doc`` for the statistical pipeline, with the character ranges blanked out."""

    doc: PipelineDoc
    blanked: tuple[tuple[int, int], ...]

    def touches(self, start: int, end: int) -> bool:
        """Whether the character range ``[start, end)`` overlaps a blanked range."""
        return any(start < b and a < end for a, b in self.blanked)

    def quotes_blank(self, reports: Iterable[Report]) -> bool:
        """Whether a span of these reports (any field, claims included) overlaps a blanked range."""
        if not self.blanked:
            return False
        return any(self.touches(s, e) for r in reports for s, e in _spans(r.to_dict()))


def _spans(value: Any) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of every span in a report's JSON form."""
    if isinstance(value, dict):
        if "doc_id" in value and isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
            yield value["start"], value["end"]
        for v in value.values():
            yield from _spans(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _spans(v)


def _sentences(toks: _Tokens) -> list[tuple[int, int]]:
    """:meth:`Triage.sentences` on the token table."""
    out: list[tuple[int, int]] = []
    texts, ws, space = toks.text, toks.ws, toks.space
    n = len(texts)
    start = 0
    i = 0
    while i < n:
        word = texts[i]
        last = -1
        if space[i]:
            if "\n" in word:
                last = i
        elif word in _TERMINALS or (word[0] in ".!?" and _TERMINAL_RE.match(word)):
            j = i
            while j + 1 < n and not ws[j] and texts[j + 1] in _CLOSERS:
                j += 1
            if ws[j] or (j + 1 < n and space[j + 1]):
                k = j + 1
                while k < n and space[k] and "\n" not in texts[k]:
                    k += 1
                if k >= n or space[k] or not texts[k][0].islower():
                    last = j
        if last < 0:
            i += 1
            continue
        k = last + 1
        while k < n and space[k]:
            k += 1
        out.append((start, k))
        start = i = k
    if start < n:
        out.append((start, n))
    return out


@dataclass(frozen=True)
class _Word:
    lower: str
    lemmas: frozenset[str]  # every lemma the lemmatizer could give it, and the form itself
    triggers: frozenset[str]  # the lemmas among them that would make it a strong trigger


@dataclass
class _Condition:
    needs_lemma: frozenset[str] = frozenset()
    needs_text: tuple[str, ...] = ()
    needs_word: frozenset[str] = frozenset()
    prev_lemma: frozenset[str] = frozenset()
    next_word: frozenset[str] = frozenset()


@dataclass
class _Rules:
    conditions: dict[str, _Condition] = field(default_factory=dict)
    months: frozenset[str] = frozenset()
    month_before: frozenset[str] = frozenset()
    off_topic_words: frozenset[str] = frozenset()
    off_topic_min: int = 3
    loose: frozenset[str] = frozenset()
    conflict_words: frozenset[str] = frozenset()
    keep_words: frozenset[str] = frozenset()


def _rules(data: dict[str, Any]) -> _Rules:
    rules = _Rules()
    for lemma, spec in data.get("conditions", {}).items():
        if lemma == "about":
            continue
        rules.conditions[lemma] = _Condition(
            needs_lemma=frozenset(spec.get("needs_lemma", ())),
            needs_text=tuple(spec.get("needs_text", ())),
            needs_word=frozenset(spec.get("needs_word", ())),
            prev_lemma=frozenset(spec.get("prev_lemma", ())),
            next_word=frozenset(spec.get("next_word", ())),
        )
    months = data.get("months", {})
    rules.months = frozenset(months.get("words", ()))
    rules.month_before = frozenset(months.get("before", ()))
    off = data.get("off_topic", {})
    rules.off_topic_words = frozenset(off.get("words", ()))
    rules.off_topic_min = int(off.get("min_distinct", 3))
    rules.loose = frozenset(off.get("loose_triggers", ()))
    rules.conflict_words = frozenset(off.get("conflict_words", ()))
    rules.keep_words = frozenset(data.get("keep_words", {}).get("words", ()))
    return rules


class Triage:
    """The triage of one pipeline (its vocabulary and lemmatizer tables). Use :func:`triage_for`."""

    def __init__(self, nlp: Language, data: dict[str, Any] | None = None, off_topic: bool = True) -> None:
        lex = english()
        self.nlp = nlp
        self.rules = _rules(data if data is not None else load_data("triage.json"))
        self.off_topic = off_topic
        self._strings = nlp.vocab.strings
        self._strong = frozenset(STRONG_CLASSES)
        self._trigger_of = lex.trigger_of_lemma
        self._phrases = tuple(p for p, c in lex.trigger_phrases.items() if c & self._strong)
        # per part of speech: the lemmatizer's index of known lemmas, its exceptions and its rules
        self._pos_tables: list[tuple[set[str], dict[str, list[str]], list[tuple[str, str]]]] = []
        self._fixed: dict[str, set[str]] = {}  # lemmas the attribute ruler sets, by lower-cased form
        self._fixed_any: frozenset[str] = frozenset()  # lemmas it may set on any form
        self._fixed_regex: list[tuple[re.Pattern[str], str]] = []  # ... on forms matching a pattern
        self._load_tables(nlp)
        self._cache: dict[int, _Word] = {}
        self._actors = PhraseMatcher(nlp.vocab, attr="LOWER")
        violent = data if data is not None else load_data("triage.json")
        self._violent_classes = frozenset(violent.get("violent_classes", {}).get("classes", ()))
        armed_generics = {
            noun
            for noun, generic in lex.generic_nouns.items()
            if generic.kind in ARMED_KINDS | {"rioters", "protesters"}
        }
        self._armed_nouns = frozenset(
            noun
            for noun, generic in lex.generic_nouns.items()
            if generic.kind in ARMED_KINDS | {"government"}
        )
        self._setting_words = frozenset(
            armed_generics
            | set(lex.event_words.get("conflict_context", ()))
            | set(violent.get("violent_classes", {}).get("setting_words", ()))
        )
        self._weapon_words = tuple(lex.weapon_words)
        # events: a withdrawal or a closure for insecurity, a base handed over, are events with no
        # trigger word (events._left_for_insecurity, events._handed_over)
        self._rule_cues = tuple(lex.event_words["insecurity_cues"]) + tuple(
            lex.event_words["handover_phrases"]
        )
        # ... and a base set up, or an accord concluded, by armed men named (events._base_established,
        # events._agreement_made)
        self._base_or_accord_nouns = frozenset(lex.event_words["base_nouns"]) | frozenset(
            lex.event_words["accord_nouns"]
        )
        aliases = sorted(lex.actor_aliases)
        self._actors.add("ACTOR", [nlp.make_doc(a) for a in aliases])
        self._focus_rules(lex, armed_generics, data if data is not None else load_data("triage.json"))

    # -- sentences worth reading inside a kept document --------------------------------------

    def _focus_rules(self, lex: Any, armed_generics: set[str], data: dict[str, Any]) -> None:
        """The cues that make a sentence worth the statistical pipeline (``"sentences"`` in
        ``data/triage.json``). Event cues: the trigger lemmas and phrases of every class of
        ``data/lexicon.json``, strong or weak. Other cues: keep words, armed and crowd actors, the
        words of the lists it names (claim cues of ``data/claims.json``, fates), its own words."""
        spec = data.get("sentences", {})
        self.window = int(spec.get("window", 1))
        self.cue_window = int(spec.get("cue_window", 0))
        self.numbers = bool(spec.get("numbers", True))
        self.min_sentences = int(spec.get("min_sentences", 4))
        self.place_window = int(spec.get("place_window", 4))
        population = spec.get("place_population")
        self.place_population = None if population is None else int(population)
        self._demonyms = frozenset(lex.demonyms)
        self._place_cache: dict[str, bool] = {}
        wordy = set(spec.get("wordy_dates", ()))
        self._wordy_dates = [p for kind, p in DATE_PATTERNS if kind in wordy]
        self._digit_dates = [p for kind, p in DATE_PATTERNS if kind not in wordy]
        triggers: set[str] = set(lex.trigger_of_lemma) | set(WEAK_TRIGGERS)
        words: set[str] = set(self.rules.keep_words) | armed_generics | set(spec.get("words", ()))
        for name, paths in spec.get("lists", {}).items():
            source = load_data(name)
            for path in paths:
                words |= _flatten(_lookup(source, path))
        phrases = {p for p, generic in lex.generic_phrases.items() if generic.kind in _CROWD_KINDS}
        phrases |= {w for w in words if " " in w}
        self._event_lemmas = frozenset(w.lower() for w in triggers if " " not in w)
        self._cue_lemmas = frozenset(w.lower() for w in words if " " not in w)
        self._event_phrases = tuple(
            sorted({p.lower() for p in lex.trigger_phrases} | {w.lower() for w in triggers if " " in w})
        )
        self._cue_phrases = tuple(sorted(p.lower() for p in phrases))
        self._cue_cache: dict[int, int] = {}

    def _cue(self, key: int) -> int:
        """2 for a word that may be an event trigger, 1 for another cue, 0 for none."""
        cue = self._cue_cache.get(key)
        if cue is None:
            if len(self._cue_cache) >= _CACHE_MAX:
                self._cue_cache.clear()
            lemmas = self._word(key).lemmas
            cue = 2 if lemmas & self._event_lemmas else 1 if lemmas & self._cue_lemmas else 0
            self._cue_cache[key] = cue
        return cue

    def _named_place(self, text: str) -> bool:
        """Whether a capitalised word may name a place the places component would weigh: a
        demonym, or a name the gazetteer knows as a country, an admin area or region, or a town of
        at least ``place_population``."""
        if len(text) < 3 or not text[0].isupper():
            return False
        known = self._place_cache.get(text)
        if known is None:
            from conflictlens.geo.gazetteer import gazetteer

            if len(self._place_cache) >= _CACHE_MAX:
                self._place_cache.clear()
            floor = self.place_population or 0
            known = text in self._demonyms or any(
                e.is_country or e.level != "place" or e.population >= floor for e in gazetteer().lookup(text)
            )
            self._place_cache[text] = known
        return known

    def sentences(self, doc: Doc) -> list[tuple[int, int]]:
        """Cheap sentence boundaries of a tokenized ``doc``: token ranges ``[start, end)``, each with
        the whitespace after it. A sentence ends at a line break, or at terminal punctuation (and
        the quotes or brackets closing on it) followed by a space and a word that is not lower-case.
        Abbreviations ("Mr.", "U.S.") are single tokens of the tokenizer, so they end nothing."""
        return _sentences(_Tokens.of(doc, doc.text))

    def focus(self, doc: Doc, blank: bool = True, text: str | None = None) -> Focused:
        """``doc`` (tokenized only) for the statistical pipeline, with the sentences that cannot
        contribute to an event or a claim blanked out (unless ``blank`` is false).

        A sentence is *cued* when it has a word whose possible lemmas include a cue (see
        :meth:`_focus_rules`), a cue phrase, a curated actor alias, a number or a date
        (:func:`conflictlens.nlp.time.find_dates`). The first sentence (headline, dateline) and the
        cued sentences are kept with ``window`` sentences either side; the others are blanked:
        each run of them becomes one whitespace token of the same length (line breaks kept), a
        sentence of its own, so the character offsets of every kept token, and ``len(doc.text)``,
        are those of ``doc``. The kept tokens are ``doc``'s own. The result is a
        :class:`PipelineDoc` either way.
        """
        text = doc.text if text is None else text
        toks = _Tokens.of(doc, text)
        sents = _sentences(toks)
        keep = self._kept(doc, text, toks, sents) if blank and len(sents) >= self.min_sentences else None
        return _rebuild(doc, text, toks, keep)

    def _kept(self, doc: Doc, text: str, toks: _Tokens, sents: list[tuple[int, int]]) -> list[bool]:
        """Which tokens the pipeline reads (see :meth:`focus`)."""
        n_sents = len(sents)
        sent_of = [0] * len(toks.text)
        for s, (a, b) in enumerate(sents):
            sent_of[a:b] = [s] * (b - a)
        event = [False] * n_sents  # a trigger: kept with `window` sentences either side
        cued = [False] * n_sents  # another cue: kept with `cue_window`
        numbers = self.numbers
        places = self.place_population is not None
        texts, space, num = toks.text, toks.space, toks.num
        named: dict[int, list[tuple[int, int]]] = {}  # sentence -> the places it names (tokens)
        for i, key in enumerate(toks.lower):
            s = sent_of[i]
            if event[s] or space[i]:
                continue
            cue = self._cue(key)
            if cue == 2:
                event[s] = True
            elif cue or (numbers and num[i]):
                cued[s] = True
            elif places and not cued[s] and self._named_place(texts[i]):
                named.setdefault(s, []).append((i, i + 1))
        cued[0] = True  # the headline or the dateline
        starts = [toks.idx[a] for a, _ in sents]
        low = text.lower()

        def mark(flags: list[bool], phrases: tuple[str, ...]) -> None:
            for phrase in phrases:
                pos = low.find(phrase)
                while pos != -1:
                    flags[max(0, bisect_right(starts, pos) - 1)] = True
                    pos = low.find(phrase, pos + 1)

        mark(event, self._event_phrases)
        mark(cued, self._cue_phrases)
        for _, a, _ in self._actors(doc):
            cued[sent_of[a]] = True
        if places and "place_ruler" in self.nlp.pipe_names:
            for _, a, b in self.nlp.get_pipe("place_ruler").phrase_matcher(doc):  # type: ignore[attr-defined]
                named.setdefault(sent_of[a], []).append((a, b))
        # dates: the patterns that match without a digit on every sentence left, the others on
        # those with a digit (with numbers as cues, these are kept already)
        for s in range(n_sents):
            if cued[s] or event[s]:
                continue
            a, b = sents[s]
            piece = text[starts[s] : toks.idx[b - 1] + len(texts[b - 1])]
            if any(p.search(piece) for p in self._wordy_dates) or (
                not numbers and _DIGIT_RE.search(piece) and any(p.search(piece) for p in self._digit_dates)
            ):
                cued[s] = True
        keep = [False] * n_sents
        for flags, w in ((event, self.window), (cued, self.cue_window)):
            for s in range(n_sents):
                if flags[s]:
                    for k in range(max(0, s - w), min(n_sents, s + w + 1)):
                        keep[k] = True
        tokens = [False] * len(texts)
        for s, (a, b) in enumerate(sents):
            if keep[s]:
                tokens[a:b] = [True] * (b - a)
            elif s in named:
                # a sentence that only names a place: the place with a few words either side,
                # what the places component reads ("in X", "X, Y", "the village of X")
                w = self.place_window
                for i, j in named[s]:
                    lo, hi = max(a, i - w), min(b, j + w)
                    tokens[lo:hi] = [True] * (hi - lo)
        return tokens

    # -- the lemmatizer's view of a word ------------------------------------------------------

    def _load_tables(self, nlp: Language) -> None:
        if "lemmatizer" in nlp.pipe_names:
            lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
            if lookups is not None:
                tables = [
                    lookups.get_table(name) if lookups.has_table(name) else {}
                    for name in ("lemma_index", "lemma_exc", "lemma_rules")
                ]
                index, exc, rules = tables
                for pos in {*index.keys(), *exc.keys(), *rules.keys()}:
                    self._pos_tables.append(
                        (set(index.get(pos, ())), dict(exc.get(pos, {})), list(rules.get(pos, ())))
                    )
        if "attribute_ruler" in nlp.pipe_names:
            anywhere: set[str] = set()
            for entry in getattr(nlp.get_pipe("attribute_ruler"), "patterns", []):
                lemma = entry.get("attrs", {}).get("LEMMA")
                if not lemma:
                    continue
                for pattern in entry.get("patterns", []):
                    index_ = entry.get("index", 0)
                    spec = pattern[index_] if -len(pattern) <= index_ < len(pattern) else {}
                    form = spec.get("LOWER", spec.get("ORTH"))
                    if isinstance(form, dict) and isinstance(form.get("IN"), list):
                        forms = [str(f) for f in form["IN"]]
                    elif isinstance(form, dict) and isinstance(form.get("REGEX"), str):
                        self._fixed_regex.append((re.compile(form["REGEX"]), lemma.lower()))
                        continue
                    elif isinstance(form, str):
                        forms = [form]
                    else:
                        anywhere.add(lemma.lower())
                        continue
                    for f in forms:
                        self._fixed.setdefault(f.lower(), set()).add(lemma.lower())
            self._fixed_any = frozenset(anywhere)

    def lemmas(self, lower: str) -> frozenset[str]:
        """Every lemma the pipeline could give a token of this lower-cased form, whatever its part of
        speech (spaCy's rule lemmatizer, step by step), and the form itself."""
        out = {lower}
        for index, exceptions, rules in self._pos_tables:
            forms: list[str] = []
            oov: list[str] = []
            for old, new in rules:
                if lower.endswith(old):
                    form = lower[: len(lower) - len(old)] + new
                    if not form:
                        continue
                    if form in index or not form.isalpha():
                        forms.append(form)
                    else:
                        oov.append(form)
            forms += exceptions.get(lower, [])
            # the lemmatizer takes the first of these (which one depends on the part of speech and
            # the order of the rules), or, when there are none, the first out-of-index form: every
            # one of them counts, as a superset is safe
            out.update(forms or oov)
        out.update(self._fixed.get(lower, ()))
        out.update(self._fixed_any)
        out.update(lemma for pattern, lemma in self._fixed_regex if pattern.search(lower))
        return frozenset(out)

    def _word(self, key: int) -> _Word:
        word = self._cache.get(key)
        if word is not None:
            return word
        if len(self._cache) >= _CACHE_MAX:
            self._cache.clear()
        lower = self._strings[key]
        lemmas = self.lemmas(lower)
        own = self._trigger_of.get(lower, set())
        triggers = frozenset(
            lemma
            for lemma in lemmas
            if (self._trigger_of.get(lemma, set()) | own) & self._strong and lemma not in WEAK_TRIGGERS
        )
        word = _Word(lower, lemmas, triggers)
        self._cache[key] = word
        return word

    # -- the verdict ---------------------------------------------------------------------------

    def __call__(self, doc: Doc, text: str | None = None) -> Verdict:
        """Whether ``doc`` (tokenized only) is worth the full pipeline, and why. ``text``:
        ``doc.text`` if the caller has it (spaCy joins every token's text to give it)."""
        if doc_label(doc) is not None:
            return Verdict(True, "coder's label")  # "Non-violent activity: ...": coded as an event
        words = [self._word(key) for key in doc.count_by(LOWER)]
        conditional: list[tuple[_Word, str]] = []
        found: list[str] = []
        for w in words:
            for lemma in w.triggers:
                if lemma in self.rules.conditions or lemma in self.rules.months:
                    conditional.append((w, lemma))
                else:
                    found.append(w.lower)
                    break
        low = (doc.text if text is None else text).lower()
        if conditional and not found:
            found = self._conditional(doc, low, words, conditional)
        phrases = [p for p in self._phrases if p in low]
        if phrases and not self._violent_only(words, found, phrases):
            return Verdict(True, f"phrase:{phrases[0]}")
        violent_only = bool(found or phrases) and self._violent_only(words, found, phrases)
        if violent_only and not self._setting(doc, words, low):
            # "killed", "fight", "murder" with no armed actor, weapon or word of conflict anywhere:
            # the events component would find no violent event in it (ordinary crime, a figure of
            # speech, a political "battle")
            return Verdict(False, "no conflict setting")
        if phrases:
            return Verdict(True, f"phrase:{phrases[0]}")
        if not found:
            keep = next((w.lower for w in words if w.lemmas & self.rules.keep_words), None)
            if keep is not None:
                return Verdict(True, f"word:{keep}")
            if self._actors(doc):
                return Verdict(True, "actor")
            cue = next((c for c in self._rule_cues if c in low), None)
            if cue is not None:
                return Verdict(True, f"cue:{cue}")
            if any(w.lemmas & self._base_or_accord_nouns for w in words) and (
                any(w.lemmas & self._armed_nouns for w in words) or self._actors(doc)
            ):
                return Verdict(True, "base or accord")
            return Verdict(False, "no trigger")
        if self.off_topic and self._off_topic(words, found):
            return Verdict(False, "off-topic")

        return Verdict(True, f"trigger:{found[0]}")

    def _violent_only(self, words: list[_Word], found: list[str], phrases: list[str]) -> bool:
        """Whether every trigger the document has is one of violence (killing, attack, clash...),
        none of protest, riot, arrest, looting or the like."""
        classes: set[str] = set()
        by_lower = {w.lower: w for w in words}
        for lower in found:
            w = by_lower.get(lower)
            if w is None:
                return False
            for lemma in w.triggers:
                classes |= self._trigger_of.get(lemma, set()) | self._trigger_of.get(w.lower, set())
        for phrase in phrases:
            classes |= english().trigger_phrases.get(phrase, set())
        classes &= self._strong
        return bool(classes) and classes <= self._violent_classes

    def _setting(self, doc: Doc, words: list[_Word], low: str) -> bool:
        """Whether the document names an armed or crowd actor, a weapon or a word of conflict."""
        for w in words:
            if w.lemmas & self._setting_words:
                return True
        if any(word in low for word in self._weapon_words):
            return True
        return bool(self._actors(doc))

    def keep(self, doc: Doc, text: str | None = None) -> bool:
        """Whether ``doc`` is worth the full pipeline (``text``: ``doc.text``, if the caller has it)."""
        return self(doc, text).keep

    def keep_text(self, text: str) -> Verdict:
        """The verdict on a plain text (tokenized with the pipeline's tokenizer)."""
        return self(self.nlp.make_doc(text), text)

    def _conditional(
        self, doc: Doc, low: str, words: list[_Word], conditional: list[tuple[_Word, str]]
    ) -> list[str]:
        lemmas: set[str] = set()
        for w in words:
            lemmas |= w.lemmas
        lowers = {w.lower for w in words}
        found: list[str] = []
        for w, lemma in conditional:
            if lemma in self.rules.months and not self._all_months(doc, w.lower):
                found.append(w.lower)
                continue
            cond = self.rules.conditions.get(lemma)
            if cond is None:
                continue
            if cond.prev_lemma or cond.next_word:
                if self._in_context(doc, w.lower, cond):
                    found.append(w.lower)
                continue
            if (
                (not cond.needs_lemma or cond.needs_lemma & lemmas)
                and (not cond.needs_text or any(t in low for t in cond.needs_text))
                and (not cond.needs_word or cond.needs_word & lowers)
            ):
                found.append(w.lower)
        return found

    def _in_context(self, doc: Doc, lower: str, cond: _Condition) -> bool:
        for tok in doc:
            if tok.lower_ != lower:
                continue
            if tok.i > 0 and self.lemmas(doc[tok.i - 1].lower_) & cond.prev_lemma:
                return True
            if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in cond.next_word:
                return True
        return False

    def _all_months(self, doc: Doc, lower: str) -> bool:
        """Whether every token of this form names a month ("in March", "5 March", "March 2020")."""
        before = self.rules.month_before
        for tok in doc:
            if tok.lower_ != lower:
                continue
            prev = doc[tok.i - 1] if tok.i > 0 else None
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            month = tok.text[:1].isupper() and (
                (nxt is not None and nxt.like_num)
                or (prev is not None and (prev.like_num or prev.lower_ in before))
            )
            if not month:
                return False
        return True

    def _off_topic(self, words: list[_Word], found: list[str]) -> bool:
        rules = self.rules
        if any(not (self._word(self._strings[f]).lemmas & rules.loose) for f in found):
            return False
        topical: set[str] = set()
        for w in words:
            if w.lower in rules.conflict_words:
                return False
            topical |= w.lemmas & rules.off_topic_words
        return len(topical) >= rules.off_topic_min


@cache
def triage_for(nlp: Language) -> Triage:
    """The triage of ``nlp`` (built once per pipeline and process)."""
    return Triage(nlp)


def kept(nlp: Language, texts: Iterable[str]) -> list[Verdict]:
    """Verdicts on plain texts (for measurements and tests)."""
    t = triage_for(nlp)
    return [t(nlp.make_doc(text)) for text in texts]
