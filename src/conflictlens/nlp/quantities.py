"""Counts of people and what happened to them: "at least 24 civilians were killed",
"two dozen wounded", "dozens of soldiers", "between 10 and 15 dead"."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from conflictlens.nlp.lexicon import Lexicon, english, for_lang

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
def _vague_by_first_word(lang: str = "en") -> dict[str, list[tuple[str, int]]]:
    """Vague quantities indexed by their first word, longest first."""
    out: dict[str, list[tuple[str, int]]] = {}
    for phrase, value in sorted(for_lang(lang).vague_counts.items(), key=lambda pv: -len(pv[0])):
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
        and head_noun.pos_ in ("NOUN", "PROPN")  # not "two wounded" with the verb as head
        and is_person_noun(head_noun)
    ):
        anchor = head_noun  # "20 ISGS militants" parsed with the group's name as the counted noun
    of = anchor.head
    if anchor.dep_ == "pobj" and of.lower_ == "of":
        if of.head.lemma_.lower() in lex.event_words["collective_counts"]:
            anchor = of.head  # "killing dozens of militants": the fate is told of "dozens"
        elif _is_number_word(of.head) and of.head.i < anchor.i:
            # "killing eleven of them", "eight of its soldiers were killed": told of the number,
            # unless of the people ("one of the assailants killed")
            return _fate_of(anchor, lex) or _fate_of(of.head, lex)
    return _fate_of(anchor, lex)


def _fate_of(anchor: Token, lex: Lexicon) -> str | None:
    tok = anchor
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    own = lex.fates.get(anchor.lemma_.lower()) or lex.fates.get(anchor.lower_)
    if own == "killed" or (own and anchor.pos_ == "ADJ"):
        return own
    if any(c.dep_ == "amod" and c.lower_ == "dead" for c in anchor.children):
        return "killed"  # "shot dead two peasants" (parsed with "dead" on the noun), "three dead soldiers"
    if tok.dep_ == "nsubjpass" and lex.fates.get(tok.head.lemma_.lower()) == "killed":
        return "killed"  # "23 men arrested earlier by the army were executed": the main verb tells
    if tok.dep_ == "dobj" and _put_to_death(tok.head):
        return "killed"  # "hacked to death five men", "captured two bandits and killed them"
    if tok.dep_ in ("dobj", "nsubjpass") and burned_alive(tok.head):
        return "killed"  # "burned alive two men", "two men were burned alive"
    for child in list(anchor.children) + list(tok.children):
        if child.dep_ in ("amod", "acl", "relcl", "advmod", "acomp", "appos") and child.i > anchor.i:
            fate = lex.fates.get(child.lemma_.lower())
            if child.dep_ in ("acl", "relcl") and any(
                lex.fates.get(c.lemma_.lower()) == "killed" for c in child.conjuncts
            ):
                fate = "killed"  # "17 people who had been abducted and killed"
            if fate:
                return fate
            if child.dep_ in ("acl", "relcl") and any(g.lower_ == "dead" for g in child.children):
                return "killed"  # "among five civilians shot dead by suspected jihadists"
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and death_idiom_at(head):
        return "killed"  # "seven soldiers fell on the field of honour", "two gendarmes lost their lives"
    fate = lex.fates.get(head.lemma_.lower())
    if fate and head.i != tok.i:
        # the subject of an active "killed" is the perpetrator
        # ... unless the verb has no object: "one soldier killed, four others wounded"
        has_object = any(c.dep_ in ("dobj", "obj") for c in head.children)
        intransitive = head.lemma_.lower() in lex.event_words["dying_verbs"] | {"dead"}
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
    # "5 ISGS and 2 JNIM militants reportedly killed": the list's last member carries the verb
    for conj in anchor.conjuncts:
        if conj.i <= anchor.i:
            continue
        for child in conj.children:
            if child.dep_ in ("acl", "relcl", "amod") and lex.fates.get(child.lemma_.lower()):
                return lex.fates[child.lemma_.lower()]
    return _fate_after(anchor)


def burned_alive(verb: Token) -> bool:
    """Whether a verb of burning or burying is done to people "alive" ("burned alive two men",
    "were burned alive"): a killing."""
    if verb.lemma_.lower() not in english().event_words["alive_verbs"]:
        return False
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return (nxt is not None and nxt.lower_ == "alive") or any(c.lower_ == "alive" for c in verb.children)


def death_idiom_at(verb: Token) -> bool:
    """Whether an idiom of dying starts at ``verb`` ("lost their lives", "fell on the field of
    honour", "paid the ultimate price")."""
    text = verb.doc.text[verb.idx : verb.idx + 60].lower()
    return any(text.startswith(idiom) for idiom in english().event_words["death_idioms"])


def _put_to_death(verb: Token) -> bool:
    """Whether ``verb`` does its object to death ("hacked to death"), or a verb joined to it kills
    the same people again ("captured two bandits and killed them")."""
    lex = english()
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to" and any(g.lower_ == "death" for g in child.children):
            return True

        if (
            child.dep_ == "conj"
            and lex.fates.get(child.lemma_.lower()) == "killed"
            and any(o.dep_ == "dobj" and o.lower_ in ("them", "him", "her") for o in child.children)
        ):
            return True
    return False


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
    if tok.doc.lang_ == "fr":
        return _is_person_noun_fr(tok)
    lex = english()
    lemma = tok.lemma_.lower()
    if (
        lemma in lex.person_words
        or tok.lower_ in lex.person_words
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


def _people_after(doc: Doc, i: int) -> bool:
    """Whether the entity the model tagged at ``i`` (a DATE, say) is a count of people after all:
    "between 15 and 20 men", tagged as a date, is followed by the people it counts."""
    j = i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I" and doc[j].ent_type_ == doc[i].ent_type_:
        j += 1
    if not any(_is_number_word(t) for t in doc[i:j]):
        return False
    while j < len(doc) and doc[j].pos_ == "ADJ":
        j += 1
    return j < len(doc) and doc[j].pos_ == "NOUN" and is_person_noun(doc[j])


def _crowd_size_remark(doc: Doc, i: int) -> bool:
    """Whether the number at ``i`` is the crowd size of a coder's "[size=...]" remark."""
    before = doc[max(0, i - 6) : i].text.lower().replace(" ", "")
    return "[size=" in before and "]" not in before.rsplit("[size=", 1)[1]


class QuantityComponent:
    """Finds counts of people and their fate; sets ``doc._.counts``."""

    def __call__(self, doc: Doc) -> Doc:
        if doc.lang_ == "fr":
            doc._.counts = _counts_fr(doc)
            return doc
        counts: list[Count] = []
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            if tok.ent_type_ in SKIP_ENTS and tok.ent_type_ != "CARDINAL" and not _people_after(doc, i):
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
                high, j = _range_end(doc, j, value, high, ("to", "and", "-"), _is_number_word, word_number)
                qualifier = _qualifier(doc, i)
                low, high = qualified_bounds(qualifier, bool(vague), low, high, value)
                anchor = self._anchor(doc, i, j)
                person = is_person_noun(anchor) if anchor.i >= j or anchor.i < i else True
                if anchor.lemma_.lower() in english().not_counted or anchor.lower_ in english().not_counted:
                    person = False  # "in several villages"
                fate = fate_of(anchor) or _fate_before(doc, i)
                if _crowd_size_remark(doc, i):
                    fate, person = None, False  # "[size=hundreds]": a coder's crowd size, no one's fate
                if (
                    vague
                    and anchor.lower_ in ("them", "whom")
                    and any(c.person and c.start >= tok.sent.start for c in counts)
                ):
                    person = False  # "killed 23 farmers and beheaded some of them": no more people
                counts.append(_count(i, j, low, best, high, value, qualifier, anchor, fate, person))
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


_QUALIFIER_WORDS = frozenset(w for words in QUALIFIERS for w in words)


def _range_end(
    doc: Doc,
    j: int,
    value: int,
    high: int | None,
    joiners: tuple[str, ...],
    is_number: Callable[[Token], bool],
    parse: Callable[[list[Token]], int | None],
) -> tuple[int | None, int]:
    """A count's upper bound and end when a range follows it ("10 to 15", "10 à 15"), else
    ``high`` and ``j`` as they were. Shared by English and French (their words and parsers given)."""
    n = len(doc)
    if j + 1 < n and doc[j].lower_ in joiners and is_number(doc[j + 1]):
        k = j + 1
        while k < n and is_number(doc[k]):
            k += 1
        upper = parse(list(doc[j + 1 : k]))
        if upper is not None and upper > value:
            return upper, k
    return high, j


def _count(
    i: int, j: int, low: int | None, best: int | None, high: int | None, value: int, qualifier: str,
    anchor: Token, fate: str | None, person: bool,
) -> Count:  # fmt: skip
    """The Count of tokens ``[i, j)``, with ACLED's conservative integer: the low bound, else the value."""
    acled = low if low is not None else value
    return Count(i, j, low, best, high, acled or 0, qualifier, anchor.i, fate, person)


def _fate_before(doc: Doc, start: int) -> str | None:
    """The fate told by the verb just before a count the parser attached elsewhere: "shot dead at
    least fifteen people, pillaged shops" ("people" parsed as the subject of "pillaged")."""
    j = start - 1
    while j >= 0 and doc[j].lower_ in _QUALIFIER_WORDS:
        j -= 1
    if j < 1:
        return None
    verb = doc[j]
    if verb.lower_ == "dead" and doc[j - 1].lemma_.lower() in ("shoot", "gun", "beat", "stab"):
        return "killed"
    if verb.tag_ in ("VBD", "VBN"):
        return english().fates.get(verb.lemma_.lower())
    return None


def qualified_bounds(
    qualifier: str, vague: bool, low: int | None, high: int | None, value: int
) -> tuple[int | None, int | None]:
    """UCDP's low and high for a count read with its qualifier: "at least 5" has no high, "up to 5"
    no low, "fewer than 5" only a high; a vague word ("dozens") gives no high."""
    if qualifier in ("at least", "more than"):
        return low, None
    if qualifier == "up to":
        return None, high
    if qualifier == "fewer than":
        return None, value
    if vague:
        return low, None
    return low, high


def _qualifier(doc: Doc, i: int) -> str:
    for words, name in QUALIFIERS.items():
        k = len(words)
        if i - k >= 0 and tuple(t.lower_ for t in doc[i - k : i]) == words:
            return name
    return ""


def _looks_like_year(doc: Doc, start: int, end: int, value: int) -> bool:
    if 1900 <= value <= 2100 and end - start == 1:
        return True
    return doc[start].ent_type_ in SKIP_ENTS and not _people_after(doc, start)


WOMEN_CHILDREN_FR = frozenset(
    {"femme", "femmes", "enfant", "enfants", "fille", "filles", "garçon", "garçons", "bébé", "bébés",
     "nourrisson", "mineur", "mineurs", "fillette", "fillettes"}
)  # fmt: skip


def women_children_mentioned(tokens: list[Token]) -> bool:
    if tokens and tokens[0].doc.lang_ == "fr":
        return any(t.lemma_.lower() in WOMEN_CHILDREN_FR or t.lower_ in WOMEN_CHILDREN_FR for t in tokens)
    return any(t.lemma_.lower() in WOMEN_CHILDREN or t.lower_ in WOMEN_CHILDREN for t in tokens)


# --- French -------------------------------------------------------------------------------------
#
# The same counts from French text: number words ("vingt-quatre", "quatre-vingt-dix", "1 200"), vague
# quantities ("une vingtaine", "des dizaines", "plus d'une centaine"), qualifiers ("au moins", "plus
# de") and the fate of the people counted. The small French parser often misattaches counts, so the
# fate is read from the parse and, failing that, from the words around the count.

_FR_LIST_POS = frozenset({"NUM", "NOUN", "ADJ", "DET", "CCONJ", "PUNCT", "PROPN", "ADV", "ADP", "PRON"})


def _fr_parts(word: str) -> list[str]:
    return [p for p in word.replace("‑", "-").split("-") if p]


def _is_number_word_fr(t: Token) -> bool:
    lex = for_lang("fr")
    w = t.lower_
    if _DIGITS.match(w):
        return True
    if w in ("un", "une") and t.pos_ != "NUM":
        return False  # the article, not the numeral
    parts = _fr_parts(w)
    return bool(parts) and all(p in lex.numbers or p in lex.scales or p == "et" for p in parts)


def word_number_fr(tokens: list[Token]) -> int | None:
    """Value of a run of French number words or digits ("24", "vingt-quatre", "deux cent cinquante",
    "quatre-vingt-dix", "1 200")."""
    lex = for_lang("fr")
    words: list[str] = []
    for t in tokens:
        words.extend(_fr_parts(t.lower_) if not _DIGITS.match(t.lower_) else [t.lower_])
    if words and all(_DIGITS.match(w) for w in words):
        if len(words) > 1 and all(len(w) == 3 for w in words[1:]):
            return int("".join(w.replace(",", "") for w in words))  # "1 200": a thousands separator
        return int(words[0].replace(",", "")) if len(words) == 1 else None
    total = current = 0
    seen = False
    for w in words:
        if w == "et":
            continue
        if _DIGITS.match(w):
            current += int(w.replace(",", ""))
        elif w in lex.numbers:
            value = lex.numbers[w]
            if value == 20 and current in (4,):
                current = 80  # "quatre-vingt(s)"
            elif value in (10, 11, 12, 13, 14, 15, 16) and current in (60, 80):
                current += value  # "soixante-dix", "quatre-vingt-douze"
            else:
                current += value
        elif w in lex.scales:
            current = max(current, 1) * lex.scales[w]
            if lex.scales[w] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _qualifier_fr(doc: Doc, i: int) -> str:
    lex = for_lang("fr")
    best = ""
    best_len = 0
    for words, name in lex.qualifiers.items():
        k = len(words)
        if k > best_len and i - k >= 0 and tuple(t.lower_ for t in doc[i - k : i]) == words:
            best, best_len = name, k
    return best


def _is_person_noun_fr(tok: Token) -> bool:
    lex = for_lang("fr")
    lemma = tok.lemma_.lower()
    if lemma in lex.person_words or tok.lower_ in lex.person_words:
        return True
    if lemma in lex.generic_nouns or tok.lower_ in lex.generic_nouns:
        return True
    if tok.ent_type_ in ("ACTOR", "PERSON") or tok.text in lex.ethnic_groups:
        return True
    # a word of a generic phrase before its first preposition: "coupeurs" of "coupeurs de route", not
    # "route" ("poursuivre leur route")
    return tok.lower_ in _generic_phrase_heads_fr()


_FR_PHRASE_PREPOSITIONS = frozenset({"de", "du", "des", "d'", "à", "au", "aux", "en", "pour", "sur"})


@cache
def _generic_phrase_heads_fr() -> frozenset[str]:
    """The words of the French generic actor phrases before their first preposition, read once."""
    heads: set[str] = set()
    for phrase in for_lang("fr").generic_phrases:
        words = phrase.replace("'", "' ").split()
        cut = next((i for i, w in enumerate(words) if w in _FR_PHRASE_PREPOSITIONS), len(words))
        heads.update(words[:cut])
    return frozenset(heads)


def _fate_word(tok: Token) -> str | None:
    fates = for_lang("fr").fates
    fate = fates.get(tok.lower_) or fates.get(tok.lemma_.lower())
    if fate == "wounded" and any(c.lower_ == "mortellement" for c in tok.children):
        return "killed"  # "un gendarme a été mortellement blessé", "mortellement touché"
    if tok.pos_ == "VERB" and any(
        c.lower_ == "mort" and c.dep_.startswith("obl") and _case_fr(c) == "à" for c in tok.children
    ):
        return "killed"  # "ont été battus à mort", "lapidé à mort"
    if fate is None and lost_life_fr(tok):
        return "killed"  # "un civil a perdu la vie", "a trouvé la mort", "y a laissé la vie"
    if (
        fate is None
        and tok.lemma_.lower() in for_lang("fr").words["cost_of_life"]
        and any(c.dep_ == "obj" and c.lemma_.lower() == "vie" for c in tok.children)
    ):
        return "killed"  # "l'explosion a coûté la vie à trois soldats": those "à" it cost
    return fate


def lost_life_fr(verb: Token) -> bool:
    """ "a perdu la vie", "a trouvé la mort", "y a laissé la vie": the subject died."""
    return verb.lemma_ in ("perdre", "trouver", "laisser") and any(
        c.dep_ == "obj" and c.lemma_ in ("vie", "mort") for c in verb.children
    )


def _passive_or_intransitive(verb: Token) -> bool:
    """ "ont été tués", "sont morts", "ont péri": the subject is who died."""
    if lost_life_fr(verb):
        return True
    lex = for_lang("fr")
    if (
        verb.lemma_.lower() in lex.words["intransitive_death"]
        or verb.lower_ in lex.words["intransitive_death"]
    ):
        return True
    if "Pass" in verb.morph.get("Voice", []) or any(
        c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children
    ):
        return True
    if any(c.lemma_ == "avoir" and c.dep_ == "aux:tense" for c in verb.children):
        return False  # "avoir neutralisé vingt assaillants": active, whatever the parse hangs it on
    if (
        verb.dep_ == "acl"
        and verb.head.i < verb.i
        and "Part" in verb.morph.get("VerbForm", [])
        and "Pres" not in verb.morph.get("Tense", [])
        # "ont attaqué le village de X, tué une dizaine de volontaires": a participle with its own
        # object is the next verb of a list, active
        and not any(c.dep_ == "obj" and c.i > verb.i for c in verb.children)
    ):
        return True  # "une trentaine d'assaillants tués": a past participle after its noun ("tuant": active)
    before = verb.doc[max(verb.sent.start, verb.i - 3) : verb.i]
    return any(t.lemma_ == "être" for t in before)


_FR_PARTICIPLE_ENDS = ("é", "és", "ée", "ées", "is", "ie", "ies", "us", "ue", "ues")


def fate_of_fr(anchor: Token, start: int, end: int) -> str | None:
    """What happened to the people a French count refers to (``start``-``end``: the number)."""
    doc = anchor.doc
    sent = anchor.sent
    own = _fate_word(anchor)
    if (
        own is not None
        and anchor.i >= end
        and (
            anchor.pos_ in ("NOUN", "ADJ")
            or own != "killed"
            or (anchor.pos_ == "VERB" and anchor.dep_ == "obj")
        )
    ):
        return own  # "12 morts", "5 blessés", "3 otages", "a fait 12 tués" (the participle tagged a verb)
    if own is not None and anchor.pos_ == "VERB" and _passive_or_intransitive(anchor):
        return own
    last = max(anchor.i, end - 1)
    # "24 civils tués", "trois soldats blessés": a participle just after the noun
    for t in doc[last + 1 : min(sent.end, last + 3)]:
        if (
            t.pos_ in ("ADJ", "VERB")
            and (t.dep_ in ("amod", "acl") or (t.pos_ == "VERB" and _past_participle_fr(t)))
            and _fate_word(t)
        ):
            return _fate_word(t)  # (a headline's "Bilan : 12 terroristes neutralisés", whatever its label)
        if t.pos_ == "NOUN" and t.i > last + 1 and t.lower_.endswith(_FR_PARTICIPLE_ENDS) and _fate_word(t):
            return _fate_word(
                t
            )  # "cinq femmes peules tuées": the participle after an adjective, tagged a noun
        if t.pos_ not in ("ADJ", "VERB"):
            break
    # the words after the list of people: "..., deux soldats et un civil ont été tués" (not when the
    # count is the object of a verb of harm before it: "ont tué deux bergers et un commerçant a été
    # blessé" - the verb after is the last one's)
    i = sent.end if _object_of_fate_verb_fr(anchor, start) else last + 1
    while (
        i < sent.end
        and (doc[i].pos_ in _FR_LIST_POS or doc[i].pos_ == "AUX")
        and doc[i].text not in (";", ":")
        and not _verb_like_fr(doc[i])
    ):
        # "une quinzaine de personnes, dont des femmes et des enfants, ont été tuées": the breakdown
        # between commas is no clause of its own
        apposition = doc[last + 1 : last + 3].text.lower() == ", dont"
        if (
            doc[i].text == ","
            and doc[i].i > last + 1
            and doc[i + 1 : i + 2].text.lower() in ("selon", "a", "ont")
            and not apposition
        ):
            break
        i += 1
        if i - last > (16 if apposition else 10):
            break
    if i < sent.end and (doc[i].pos_ == "VERB" or _verb_like_fr(doc[i])):
        verb = doc[i]
        fate = _fate_word(verb)
        if fate is None and _passive_or_intransitive(verb):
            # "deux commerçants ont été retrouvés égorgés": the state they were found in
            fate = next((_fate_word(c) for c in verb.children if c.dep_ == "xcomp" and _fate_word(c)), None)
            if fate is None and verb.dep_ in ("advmod", "dep") and verb.head.i > verb.i:
                fate = _fate_word(verb.head)  # the parser may hang "retrouvés" on "égorgés"
        if fate is not None and any(
            c.dep_ == "obj"
            and c.pos_ == "PRON"
            and c.lower_ in ("les", "l'", "l’", "le", "la")
            and c.i > last
            for c in verb.children
        ):
            return fate  # "ont intercepté deux commerçants et les ont abattus": the clitic is the count
        if fate is not None and _passive_or_intransitive(verb):
            return fate
        # the subject of "ont tué" killed, unless another verb has the count as its object
        active_after = verb.i if fate is not None else -1
        if lost_life_fr(verb):
            return "killed"  # "ont perdu la vie", "ont trouvé la mort", "y ont laissé la vie"
    else:
        active_after = -1
    # the object of a verb before the count: "ont tué au moins 24 civils", "ont enlevé deux femmes",
    # "tuant quatre volontaires et en blessant un autre"
    j = start - 1
    while j >= sent.start and doc[j].pos_ in ("ADV", "ADP", "DET", "AUX", "PRON") and start - j <= 5:
        j -= 1
    # a participle after "et"/"ont" tagged a noun is still the verb ("(codé à Toéni) et tué dix gendarmes")
    verb_like = j >= sent.start and (
        doc[j].pos_ == "VERB"
        or (
            doc[j].pos_ == "NOUN"
            and doc[j].lower_.endswith(_FR_PARTICIPLE_ENDS)
            and j > sent.start
            and doc[j - 1].lower_ in ("et", "ont", "a", "avaient", "avait", "auraient", "aurait")
        )
    )
    if verb_like and _fate_word(doc[j]) and not _passive_or_intransitive(doc[j]):
        return _fate_word(doc[j])
    # the parse: the verb the counted noun depends on
    tok = anchor
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    fate = _fate_word(head)
    if head.lemma_.lower() == "perdre" and tok.dep_ == "obj" and _is_person_noun_fr(tok):
        return "killed"  # "l'armée a perdu trois hommes"
    if fate and head.i != tok.i and head.pos_ in ("VERB", "NOUN", "ADJ") and head.i != active_after:
        if tok.dep_ == "nsubj" and not _passive_or_intransitive(head):
            return None  # the subject of an active "tuer" is the perpetrator
        return fate
    return None


def _past_participle_fr(tok: Token) -> bool:
    return "Part" in tok.morph.get("VerbForm", []) and "Pres" not in tok.morph.get("Tense", [])


def _verb_like_fr(tok: Token) -> bool:
    """A participle of dying tagged an adjective after its auxiliary: "ont péri"."""
    return (
        tok.pos_ == "ADJ"
        and tok.i > 0
        and tok.doc[tok.i - 1].pos_ == "AUX"
        and _fate_word(tok) is not None
        and _passive_or_intransitive(tok)
    )


def _object_of_fate_verb_fr(anchor: Token, start: int) -> bool:
    """Whether the counted noun is the object of an active verb of harm before its number ("ont tué
    deux bergers")."""
    verb = anchor.head
    return (
        anchor.dep_ == "obj"
        and verb.i < start
        and verb.pos_ == "VERB"
        and _fate_word(verb) is not None
        and not _passive_or_intransitive(verb)
    )


def _anchor_fr(doc: Doc, start: int, end: int) -> Token:
    """The noun a French count counts: "24 civils", "une vingtaine de personnes", "12 d'entre eux"."""
    last = doc[end - 1]
    tok = last
    # "une vingtaine de personnes": the noun after "de"
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.lower_ in ("de", "d'", "des") and end + 1 < len(doc):
        after = doc[end + 1]
        if after.lower_ == "entre":  # "dix d'entre eux"
            return last
        if after.pos_ in ("NOUN", "PROPN", "ADJ"):
            return after
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ") and nxt.lower_ not in ("km", "kilomètres"):
        return nxt  # "24 civils", "trois soldats"
    while tok.dep_ in ("nummod", "det", "advmod") and tok.head.i != tok.i and tok.head.i >= start:
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
            break
    return tok


def _looks_like_year_fr(doc: Doc, start: int, end: int, value: int) -> bool:
    if 1900 <= value <= 2100 and end - start == 1:
        return True
    nxt = doc[end].lower_ if end < len(doc) else ""
    months = for_lang("fr").dates["months"]
    prev = doc[start - 1].lower_ if start > 0 else ""
    return (
        nxt in months
        or nxt
        in ("h", "heures", "heure", "km", "kilomètres", "kilomètre", "ans", "an", "%", "fcfa", "francs")
        or (prev in ("le", "du", "au") and value <= 31 and nxt in months)
    )


_FR_ONE = frozenset({"un", "une"})


@cache
def _person_nouns_fr() -> frozenset[str]:
    lex = for_lang("fr")
    return lex.person_words | frozenset(lex.generic_nouns)


_FR_THE_ONE = frozenset({"le", "la", "l'", "l’", "son", "sa", "leur"})


def _case_fr(tok: Token) -> str:
    return next((c.lower_ for c in tok.children if c.dep_ == "case" and c.i < tok.i), "")


def _one_person_killed_fr(doc: Doc, i: int) -> Token | None:
    """The person of a singular French noun phrase told as killed, where French writes no numeral:
    "un militaire a été tué" (English "one soldier"), "l'un des assaillants a été tué", "l'homme a été
    abattu", "tuant un policier", "faisant un mort". Only a verb of killing whose subject (passive or
    intransitive) or object the phrase is counts: not "la mort d'un étudiant", nor "une femme mariée à
    un éleveur a succombé" for the husband. Returns the counted noun, or None."""
    tok = doc[i]
    w = tok.lower_
    node = tok  # the token whose place in the clause is read
    if _murdered_one_fr(tok):
        return tok
    if w == "qui" and tok.dep_ in ("nsubj", "nsubj:pass"):
        return _relative_victim_fr(tok)
    if w in ("l'", "l’", "le", "la") and tok.pos_ == "PRON" and tok.dep_ == "obj":
        return _clitic_victim_fr(tok)
    if w in _FR_ONE and tok.pos_ == "PRON":
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nxt is None or nxt.lower_ not in ("des", "de", "d'", "d’"):
            return None
        anchor = _anchor_fr(doc, i, i + 1)  # "l'un des assaillants", "un d'entre eux"
    elif (
        w in _FR_ONE | _FR_THE_ONE
        and tok.pos_ == "DET"
        # the small parser may label the article of an object "obj" ("ont tué un enseignant")
        and (tok.dep_ == "det" or (tok.dep_ == "obj" and tok.head.i > i))
    ):
        anchor = node = tok.head
        person = (
            {anchor.lemma_.lower(), anchor.lower_} & _person_nouns_fr()
            or anchor.ent_type_ in ("PERSON", "ACTOR")  # "un VDP", "un Koglweogo": one of its men
            or anchor.text in for_lang("fr").ethnic_groups
        )  # a person noun itself, not a word of a phrase naming a force ("un convoi militaire")
        nominal = anchor.pos_ in ("NOUN", "PROPN", "ADJ") or (
            anchor.pos_ == "VERB" and anchor.dep_ in ("nsubj", "nsubj:pass", "obj")
        )  # "un combattant" is tagged a verb (lemma "combattre") and still heads the subject
        if not (anchor.i > i and anchor.i - i <= 3 and nominal and person):
            return None
        if "Plur" in anchor.morph.get("Number", []):
            return None
        if w in _FR_THE_ONE and anchor.lemma_.lower() not in for_lang("fr").generic_nouns:
            return None  # "le corps", "la victime": the one counted before, retold
        if w in _FR_ONE and anchor.pos_ == "NOUN" and _fate_word(anchor) == "killed":
            return anchor  # "faisant un mort"
    else:
        return None
    if i > 0 and doc[i - 1].lower_ in ("dont", "parmi"):
        return None  # "trois civils, dont un conseiller": a breakdown of a toll told before
    if anchor.lemma_.lower() in for_lang("fr").words["collective_nouns"]:
        return None  # "sa famille", "la population": not one person
    found = _one_person_by_parse_fr(doc, i, anchor, node)
    if found is None and w in _FR_ONE and tok.pos_ == "DET" and _object_of_killing_before_fr(doc, i, anchor):
        return anchor
    return found


def _object_of_killing_before_fr(doc: Doc, i: int, anchor: Token) -> bool:
    """ "ont tué un enseignant", "auraient enlevé puis exécuté un civil", "ont tué deux policiers et un
    cultivateur": the phrase at ``i`` is the object of an active verb of killing before it, the last
    of its list, when the small parser hangs it elsewhere (an "xcomp", the first verb of "enlevé puis
    exécuté", the other verb of "attaqué et tué"). Read by word order: the phrase has no verb of its
    own after it, and the first verb before it (over the list: numbers, nouns, "et", commas) kills."""
    sent = doc[i].sent
    if own_verb_after_fr(doc, anchor):
        return False  # "... et un cultivateur a été blessé": its own verb tells its fate
    j = i - 1
    while j >= sent.start and i - j <= 7 and doc[j].pos_ in _FR_OBJECT_LIST_POS and doc[j].lower_ != ";":
        j -= 1
    if j < sent.start or doc[j].pos_ != "VERB":
        return False
    verb = doc[j]
    finite = (
        "Fin" in verb.morph.get("VerbForm", [])
        or "Pres" in verb.morph.get("Tense", [])  # "tuant un policier"
        or any(t.lemma_ == "avoir" and t.pos_ == "AUX" for t in doc[sent.start : verb.i])
    )  # not a headline's bare participle ("Bilan : 17 terroristes neutralisés et un militaire blessé")
    return finite and _fate_word(verb) == "killed" and not _passive_or_intransitive(verb)


def own_verb_after_fr(doc: Doc, anchor: Token) -> bool:
    """Whether a verb follows the noun phrase (over its adjectives): "un commerçant a été blessé"."""
    end = anchor.sent.end
    k = anchor.i + 1
    while k < end and doc[k].pos_ in ("ADJ", "ADV"):
        k += 1  # "un militaire légèrement blessé"
    return k < end and doc[k].pos_ in ("AUX", "VERB")


_FR_OBJECT_LIST_POS = frozenset({"NUM", "NOUN", "ADJ", "DET", "CCONJ", "PUNCT", "ADV"})


def _one_person_by_parse_fr(doc: Doc, i: int, anchor: Token, node: Token) -> Token | None:
    """The rest of _one_person_killed_fr: the verb the phrase depends on, by the parse."""
    if node.dep_ == "conj" and own_verb_after_fr(doc, anchor):
        # "ont tué deux bergers et un commerçant a été blessé": the last of a list with its own verb
        return anchor if fate_of_fr(anchor, i, i + 1) == "killed" else None
    if node.head.pos_ not in ("VERB", "AUX") and (
        node.head.i > node.i or node.dep_ in ("appos", "dep", "ROOT")
    ):
        # the small parser often loses the clause ("sur l'axe X : un militaire a été tué", "un
        # chauffeur civil d'un convoi ... a été tué"): read the verb after the phrase
        return anchor if fate_of_fr(anchor, i, i + 1) == "killed" else None
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    verb = node.head
    if verb.i == node.i or verb.pos_ not in ("VERB", "ADJ") or _fate_word(verb) != "killed":
        return None
    if any(c.dep_.startswith("obl") and _case_fr(c) in ("dans", "sous") for c in verb.children):
        return None  # "sont tombés dans une embuscade"
    if verb.lemma_.lower() in for_lang("fr").words["cost_of_life"] and _case_fr(node) in ("à", "au", "aux"):
        return anchor  # "l'attaque a coûté la vie à un gendarme"
    if node.dep_ in ("nsubj", "nsubj:pass"):
        return anchor if _passive_or_intransitive(verb) else None  # the subject of "a tué" killed
    if node.dep_ in ("obj", "obl:arg", "obl:mod", "obl", "iobj", "dep", "advmod") and not any(
        c.dep_ == "case" for c in node.children
    ):
        return anchor if not _passive_or_intransitive(verb) else None  # "ont abattu un homme"
    return None


def _murdered_one_fr(tok: Token) -> bool:
    """The one person a noun of murder names with a definite "de": "l'assassinat du maire",
    "le meurtre de l'imam" (not "la mort de", which may be no killing; not "des" or a number)."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "nmod" or "Plur" in tok.morph.get("Number", []):
        return False
    if tok.head.lemma_.lower() not in for_lang("fr").words["murder_nouns"]:
        return False
    case = [c.lower_ for c in tok.children if c.dep_ in ("case", "det") and c.i < tok.i]
    definite = (
        "du" in case or ("de" in case or "d'" in case) and bool({"la", "l'", "l’", "son", "sa"} & set(case))
    )
    person = {tok.lemma_.lower(), tok.lower_} & _person_nouns_fr() or tok.ent_type_ == "PERSON"
    return bool(definite and person) and not any(c.dep_ == "nummod" for c in tok.children)


def _clitic_victim_fr(clitic: Token) -> Token | None:
    """The one person an object clitic of a verb of killing stands for: "ont enlevé le président du
    conseil villageois ... ; ils l'ont exécuté" - the nearest singular person noun object or subject
    before it, in its sentence or the one before (the French model ends sentences at ";")."""
    verb = clitic.head
    if _fate_word(verb) != "killed" or _passive_or_intransitive(verb):
        return None
    doc = clitic.doc
    start = clitic.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    for j in range(clitic.i - 1, start - 1, -1):
        tok = doc[j]
        # (or the owner of the place entered: "ont fait irruption au domicile d'un notable et l'ont
        # abattu", "notable" tagged an adjective)
        owner = (
            tok.dep_ == "nmod"
            and tok.head.dep_ in ("obl:arg", "obl:mod", "obl", "obj")
            and tok.i > tok.head.i
        )
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ") or not (
            tok.dep_ in ("obj", "nsubj:pass", "obl:arg") or owner
        ):
            continue
        if tok.pos_ == "ADJ" and not owner:
            continue
        if not {tok.lemma_.lower(), tok.lower_} & _person_nouns_fr() and tok.ent_type_ != "PERSON":
            continue
        return None if "Plur" in tok.morph.get("Number", []) else tok
    return None


def _relative_victim_fr(qui: Token) -> Token | None:
    """The one person a relative clause of killing tells of: "a arrêté un civil au marché de
    Nassoumbou, qui a été exécuté" (the small parser hangs the clause on the verb, not on "civil"):
    the clause's noun, or the nearest person noun before "qui", singular, with "un"/"une" (or "le"/
    "la" before a word for a kind of person, as "un militaire a été tué" is counted)."""
    verb = qui.head
    if verb.dep_ != "acl:relcl" or _fate_word(verb) != "killed" or not _passive_or_intransitive(verb):
        return None
    doc = qui.doc
    candidates = [verb.head] if verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < qui.i else []
    candidates += [doc[j] for j in range(qui.i - 1, qui.sent.start - 1, -1)]
    generic = for_lang("fr").generic_nouns
    for tok in candidates:
        if tok.pos_ not in ("NOUN", "PROPN") or not {tok.lemma_.lower(), tok.lower_} & _person_nouns_fr():
            continue
        if "Plur" in tok.morph.get("Number", []):
            return None  # "des civils, qui ont été tués": counted with their number, if any
        dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
        if dets & _FR_ONE or (dets & _FR_THE_ONE and tok.lemma_.lower() in generic):
            return tok
        return None
    return None


def _counts_fr(doc: Doc) -> list[Count]:
    counts: list[Count] = []
    vague_words = _vague_by_first_word("fr")
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        vague = None
        for phrase, value in vague_words.get(tok.lower_, ()):
            words = phrase.split()
            if [t.lower_ for t in doc[i : i + len(words)]] == words and value > 0:
                after = doc[i + len(words)] if i + len(words) < n else None
                if after is None or not _is_number_word_fr(after):
                    vague = (len(words), value)
                break
        number = _is_number_word_fr(tok)
        if not (number or vague):
            single = _one_person_killed_fr(doc, i)
            if single is not None and not any(c.noun == single.i for c in counts):
                counts.append(Count(i, i + 1, 1, 1, 1, 1, "", single.i, "killed", True))
            i += 1
            continue
        low: int | None
        high: int | None
        if vague and not number:
            j = i + vague[0]
            low = best = value = vague[1]
            high = None
        else:
            j = i
            while (
                j < n
                and (
                    _is_number_word_fr(doc[j])
                    # "vingt et un": the article-like "un" after "et" ends the numeral
                    or (j > i + 1 and doc[j - 1].lower_ == "et" and doc[j].lower_ in ("un", "une"))
                )
                and (j == i or doc[j - 1].whitespace_)
            ):
                j += 1
            parsed = word_number_fr(list(doc[i:j]))
            if parsed is None or _looks_like_year_fr(doc, i, j, parsed):
                i = max(j, i + 1)
                continue
            value = parsed
            low = best = high = value
            if j < n and doc[j].lower_ in ("douzaine", "douzaines"):
                value = low = best = high = value * 12
                j += 1
        # ranges: "entre 10 et 15", "10 à 15"
        high, j = _range_end(doc, j, value, high, ("à", "et", "-"), _is_number_word_fr, word_number_fr)
        qualifier = _qualifier_fr(doc, i)
        low, high = qualified_bounds(qualifier, bool(vague), low, high, value)
        anchor = _anchor_fr(doc, i, j)
        person = _is_person_noun_fr(anchor) if anchor.i >= j or anchor.i < i else True
        fate = fate_of_fr(anchor, i, j)
        counts.append(_count(i, j, low, best, high, value, qualifier, anchor, fate, person))
        i = j
    return counts
