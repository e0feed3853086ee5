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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from conflictlens.nlp.events import ARMED_KINDS, STRONG_CLASSES, WEAK_TRIGGERS
from conflictlens.nlp.lexicon import english, load_data
from conflictlens.nlp.remarks import coded_label

_CACHE_MAX = 200_000  # distinct word forms remembered before the cache starts afresh


@dataclass(frozen=True)
class Verdict:
    """The outcome of triage for one document, with the word or rule that decided it."""

    keep: bool
    reason: str  # "trigger:killed", "phrase:set fire", "no trigger", "off-topic"

    def __bool__(self) -> bool:
        return self.keep


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
        self._setting_words = frozenset(
            armed_generics
            | set(lex.event_words.get("conflict_context", ()))
            | set(violent.get("violent_classes", {}).get("setting_words", ()))
        )
        self._weapon_words = tuple(lex.weapon_words)
        aliases = sorted(lex.actor_aliases)
        self._actors.add("ACTOR", [nlp.make_doc(a) for a in aliases])

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

    def __call__(self, doc: Doc) -> Verdict:
        """Whether ``doc`` (tokenized only) is worth the full pipeline, and why."""
        if coded_label(doc.text) is not None:
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
        low = doc.text.lower()
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

    def keep(self, doc: Doc) -> bool:
        """Whether ``doc`` is worth the full pipeline."""
        return self(doc).keep

    def keep_text(self, text: str) -> Verdict:
        """The verdict on a plain text (tokenized with the pipeline's tokenizer)."""
        return self(self.nlp.make_doc(text))

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
