"""Counts of people and what happened to them: "at least 24 civilians were killed",
"two dozen wounded", "dozens of soldiers", "between 10 and 15 dead"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from conflictlens.nlp.lexicon import english

UNITS = {
    "zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

QUALIFIERS = {
    ("at", "least"): "at least",
    ("more", "than"): "more than",
    ("over",): "more than",
    ("upwards", "of"): "more than",
    ("in", "excess", "of"): "more than",
    ("about",): "about",
    ("around",): "about",
    ("approximately",): "about",
    ("roughly",): "about",
    ("some",): "about",
    ("an", "estimated"): "about",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("close", "to"): "nearly",
    ("up", "to"): "up to",
    ("at", "most"): "up to",
    ("as", "many", "as"): "up to",
    ("fewer", "than"): "fewer than",
    ("less", "than"): "fewer than",
}
SKIP_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
PERSON_WORDS = frozenset(
    {"people", "person", "victim", "casualty", "body", "member", "fighter", "element", "dead", "death",
     "life", "corpse", "corpses", "combatant", "recruit", "hostage", "other", "them", "who", "wounded",
     "injured"}
)  # fmt: skip
WOMEN_CHILDREN = frozenset({"woman", "child", "girl", "boy", "baby", "infant", "minor", "women", "children"})
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")


@dataclass(frozen=True)
class Count:
    """A number of people with what happened to them (``fate``: killed, wounded, abducted, arrested)."""

    start: int  # token offsets of the number expression
    end: int
    low: int | None
    best: int | None
    high: int | None
    acled: int
    qualifier: str
    noun: int | None  # token index of the counted noun (or of the number itself)
    fate: str | None
    person: bool


if not Doc.has_extension("counts"):
    Doc.set_extension("counts", default=None)


@cache
def _vague_by_first_word() -> dict[str, list[tuple[str, int]]]:
    """Vague quantities indexed by their first word, longest first."""
    out: dict[str, list[tuple[str, int]]] = {}
    for phrase, value in sorted(english().vague_counts.items(), key=lambda pv: -len(pv[0])):
        out.setdefault(phrase.split()[0], []).append((phrase, value))
    return out


def word_number(tokens: list[Token]) -> int | None:
    """Value of a run of number words or digits ("24", "twenty - four", "one hundred and five")."""
    total = 0
    current = 0
    seen = False
    for t in tokens:
        w = t.lower_
        if w in ("-", "and"):
            continue
        if _DIGITS.match(w):
            current += int(w.replace(",", ""))
        elif w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in SCALES:
            current = max(current, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _is_number_word(t: Token) -> bool:
    w = t.lower_
    return bool(_DIGITS.match(w)) or w in UNITS or w in TENS or w in SCALES


def fate_of(anchor: Token) -> str | None:
    """What happened to the people ``anchor`` refers to, read off the dependency parse."""
    lex = english()
    head_noun = anchor.head
    if (
        anchor.dep_ in ("compound", "nmod", "nsubj", "amod")
        and 0 < head_noun.i - anchor.i <= 3
        and is_person_noun(head_noun)
    ):
        anchor = head_noun  # "20 ISGS militants" parsed with the group's name as the counted noun
    tok = anchor
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    own = lex.fates.get(anchor.lemma_.lower()) or lex.fates.get(anchor.lower_)
    if own == "killed" or (own and anchor.pos_ == "ADJ"):
        return own
    if any(c.dep_ == "amod" and c.lower_ == "dead" for c in anchor.children):
        return "killed"  # "shot dead two peasants" (parsed with "dead" on the noun), "three dead soldiers"
    for child in list(anchor.children) + list(tok.children):
        if child.dep_ in ("amod", "acl", "relcl", "advmod", "acomp", "appos") and child.i > anchor.i:
            fate = lex.fates.get(child.lemma_.lower())
            if fate:
                return fate
    head = tok.head
    fate = lex.fates.get(head.lemma_.lower())
    if fate and head.i != tok.i:
        # the subject of an active "killed" is the perpetrator
        # ... unless the verb has no object: "one soldier killed, four others wounded"
        has_object = any(c.dep_ in ("dobj", "obj") for c in head.children)
        intransitive = head.lemma_.lower() in ("die", "dead", "perish", "succumb")
        active_subject = tok.dep_ == "nsubj" and not intransitive and has_object
        if active_subject and not any(c.dep_ == "acomp" for c in head.children):
            return None
        return fate
    # "leaving 5 dead", "5 were found dead", "the death of 3 soldiers"
    for child in head.children:
        if child.dep_ in ("oprd", "acomp", "xcomp", "advmod") and lex.fates.get(child.lemma_.lower()):
            return lex.fates[child.lemma_.lower()]
    if head.dep_ == "prep" and head.head.lemma_.lower() in lex.fates:
        return lex.fates[head.head.lemma_.lower()]
    return _fate_after(anchor)


# what may stand between a list of victims and its verb: "five assailants and one soldier were killed"
_LIST_TAGS = {"CC", "CD", "NNS", "NN", "NNP", "NNPS", "JJ", "DT", ","}


def _fate_after(anchor: Token) -> str | None:
    """The fate told by the passive verb that follows a list of people the parser attached
    elsewhere: "..., five assailants and one soldier were killed"."""
    lex = english()
    sent_end = anchor.sent.end
    i = anchor.i + 1
    while i < sent_end and anchor.doc[i].tag_ in _LIST_TAGS:
        i += 1
    if i + 1 < sent_end and anchor.doc[i].lower_ in ("were", "was") and anchor.doc[i + 1].tag_ == "VBN":
        return lex.fates.get(anchor.doc[i + 1].lemma_.lower())
    return None


def is_person_noun(tok: Token) -> bool:
    lex = english()
    lemma = tok.lemma_.lower()
    if (
        lemma in PERSON_WORDS
        or tok.lower_ in PERSON_WORDS
        or lemma in lex.generic_nouns
        or tok.lower_ in lex.generic_nouns
    ):
        return True
    if tok.ent_type_ in ("ACTOR", "NORP", "PERSON") or tok.text in lex.ethnic_groups:
        return True
    return any(tok.lower_ in phrase.split() for phrase in lex.generic_phrases)


@Language.factory("conflictlens_quantities", assigns=["doc._.counts"], requires=["token.dep", "doc.ents"])
def make_quantities(nlp: Language, name: str) -> QuantityComponent:
    return QuantityComponent()


class QuantityComponent:
    """Finds counts of people and their fate; sets ``doc._.counts``."""

    def __call__(self, doc: Doc) -> Doc:
        counts: list[Count] = []
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            if tok.ent_type_ in SKIP_ENTS and tok.ent_type_ != "CARDINAL":
                i += 1
                continue
            vague = None
            for phrase, value in _vague_by_first_word().get(tok.lower_, ()):
                words = phrase.split()
                if [t.lower_ for t in doc[i : i + len(words)]] == words and value > 0:
                    after = doc[i + len(words)] if i + len(words) < n else None
                    if after is None or not _is_number_word(after):
                        vague = (len(words), value)
                    break
            if _is_number_word(tok) or vague:
                low: int | None
                high: int | None
                if vague and not _is_number_word(tok):
                    j = i + vague[0]
                    low = best = vague[1]
                    high = None
                    value = vague[1]
                else:
                    j = i
                    while j < n and (_is_number_word(doc[j]) or (doc[j].lower_ in ("-", "and") and j + 1 < n
                                     and _is_number_word(doc[j + 1]) and doc[j + 1].lower_ not in SCALES
                                     and doc[j].lower_ == "-")):  # fmt: skip
                        j += 1
                    parsed = word_number(list(doc[i:j]))
                    if parsed is None or _looks_like_year(doc, i, j, parsed):
                        i = max(j, i + 1)
                        continue
                    value = parsed
                    low = best = value
                    high = value
                    if j < n and doc[j].lower_ == "dozen":
                        value = low = best = high = value * 12
                        j += 1
                # ranges: "between 10 and 15", "10 to 15"
                if j + 1 < n and doc[j].lower_ in ("to", "and", "-") and _is_number_word(doc[j + 1]):
                    k = j + 1
                    while k < n and _is_number_word(doc[k]):
                        k += 1
                    upper = word_number(list(doc[j + 1 : k]))
                    if upper is not None and upper > value:
                        high = upper
                        j = k
                qualifier = _qualifier(doc, i)
                if qualifier in ("at least", "more than"):
                    high = None
                elif qualifier == "up to":
                    low = None
                elif qualifier == "fewer than":
                    low, high = None, value
                elif vague:
                    high = None
                anchor = self._anchor(doc, i, j)
                person = is_person_noun(anchor) if anchor.i >= j or anchor.i < i else True
                fate = fate_of(anchor)
                acled = low if low is not None else value
                counts.append(Count(i, j, low, best, high, acled or 0, qualifier, anchor.i, fate, person))
                i = j
                continue
            i += 1
        doc._.counts = counts
        return doc

    @staticmethod
    def _anchor(doc: Doc, start: int, end: int) -> Token:
        """The noun a number counts ("24 civilians" → civilians; "dozens of soldiers" → soldiers)."""
        last = doc[end - 1]
        tok = last
        while tok.dep_ == "conj" and start <= tok.head.i < end and tok.head.i != tok.i:
            tok = tok.head  # "between 11 and 20 people": the range's upper bound hangs on its lower
        # climb nummod/quantmod/compound to the noun
        while tok.dep_ in ("nummod", "quantmod", "compound", "amod", "det", "advmod") and tok.head.i != tok.i:
            if tok.head.i < start:
                break
            tok = tok.head
            if tok.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
                break
        if tok.i < end:
            # "dozens of civilians", "24 of them": use the object of "of"
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return pobj
        return tok


def _qualifier(doc: Doc, i: int) -> str:
    for words, name in QUALIFIERS.items():
        k = len(words)
        if i - k >= 0 and tuple(t.lower_ for t in doc[i - k : i]) == words:
            return name
    return ""


def _looks_like_year(doc: Doc, start: int, end: int, value: int) -> bool:
    if 1900 <= value <= 2100 and end - start == 1:
        return True
    return doc[start].ent_type_ in SKIP_ENTS


def women_children_mentioned(tokens: list[Token]) -> bool:
    return any(t.lemma_.lower() in WOMEN_CHILDREN or t.lower_ in WOMEN_CHILDREN for t in tokens)
