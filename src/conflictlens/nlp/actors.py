"""Actor mentions: curated named groups (from the EntityRuler) and generic nouns ("soldiers",
"gunmen", "villagers") that later become ACLED names once the country and date are known."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from conflictlens.nlp.lexicon import english

HEDGES = frozenset({"suspected", "presumed", "alleged", "likely", "probable", "possible", "purported"})


@dataclass(frozen=True)
class ActorMention:
    """A stretch of text naming an actor: ``named`` is a canonical name, or ``generic`` a generic key."""

    start: int  # token offsets in the Doc
    end: int
    head: int  # token index of the head noun
    named: str | None = None
    generic: str | None = None
    hedged: bool = False
    country: str | None = None  # from a demonym ("Malian troops")
    plural: bool = True
    group: str | None = None  # an ethnic or communal group ("Fulani"), for generic "ethnic"

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


if not Doc.has_extension("actor_mentions"):
    Doc.set_extension("actor_mentions", default=None)


def _hedged(doc: Doc, start: int) -> bool:
    window = doc[max(0, start - 3) : start]
    return any(t.lower_ in HEDGES for t in window)


def _demonym_country(doc: Doc, start: int, end: int) -> str | None:
    lex = english()
    for t in doc[max(0, start - 2) : end]:
        if t.text in lex.demonyms:
            return lex.demonyms[t.text]
    return None


@Language.factory(
    "conflictlens_actors",
    assigns=["doc._.actor_mentions"],
    requires=["doc.ents", "token.lemma", "token.dep"],
)
def make_actors(nlp: Language, name: str) -> ActorComponent:
    return ActorComponent(nlp)


class ActorComponent:
    """Finds actor mentions; sets ``doc._.actor_mentions`` (sorted by position)."""

    def __init__(self, nlp: Language) -> None:
        lex = english()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrase_generic = {}
        for phrase, generic in lex.generic_phrases.items():
            key = f"G:{phrase}"
            self.matcher.add(key, [nlp.make_doc(phrase)])
            self.phrase_generic[nlp.vocab.strings[key]] = generic.key

    def __call__(self, doc: Doc) -> Doc:
        lex = english()
        mentions: list[ActorMention] = []
        taken: set[int] = set()
        for ent in doc.ents:
            if ent.label_ == "ACTOR" and ent.ent_id_:
                mentions.append(
                    ActorMention(
                        ent.start,
                        ent.end,
                        ent.root.i,
                        named=ent.ent_id_,
                        hedged=_hedged(doc, ent.start),
                    )
                )
                taken.update(range(ent.start, ent.end))
        for match_id, start, end in sorted(self.matcher(doc), key=lambda m: (m[1], -m[2])):
            if any(i in taken for i in range(start, end)):
                continue
            span = doc[start:end]
            mentions.append(
                ActorMention(
                    start,
                    end,
                    span.root.i,
                    generic=self.phrase_generic[match_id],
                    hedged=_hedged(doc, start),
                    country=_demonym_country(doc, start, end),
                    plural=span.root.tag_ in ("NNS", "NNPS"),
                )
            )
            taken.update(range(start, end))
        for tok in doc:
            if tok.i in taken or not (
                tok.pos_ in ("NOUN", "PROPN")
                or (tok.pos_ == "ADJ" and tok.dep_ in ("compound", "amod", "nmod"))
            ):
                continue
            generic = lex.generic_nouns.get(tok.lemma_.lower()) or lex.generic_nouns.get(tok.lower_)
            if generic is None:
                continue
            if tok.pos_ == "PROPN" and tok.lower_ not in ("fama", "fds", "dozo", "dozos", "gendarmerie"):
                continue
            start = _left_edge(tok)
            mentions.append(
                ActorMention(
                    start,
                    tok.i + 1,
                    tok.i,
                    generic=generic.key,
                    hedged=_hedged(doc, start),
                    country=_demonym_country(doc, start, tok.i + 1),
                    plural=tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("people", "police", "gunmen"),
                )
            )
            taken.add(tok.i)
        mentions.extend(self._ethnic(doc, taken))
        mentions.sort(key=lambda m: m.start)
        doc._.actor_mentions = mentions
        return doc

    @staticmethod
    def _ethnic(doc: Doc, taken: set[int]) -> list[ActorMention]:
        """Ethnic groups as actors: "the Fulani community", "Mossi and Fulani youths", "three Fulani"."""
        lex = english()
        out: list[ActorMention] = []
        for tok in doc:
            group = lex.ethnic_groups.get(tok.text)
            if group is None or tok.i in taken:
                continue
            window = {t.lower_ for t in doc[tok.i + 1 : tok.i + 6]}
            head_word = tok.head.lower_ if tok.head.i != tok.i else ""
            if not (
                window & lex.ethnic_context
                or head_word in lex.ethnic_context
                or tok.dep_ in ("nsubj", "nsubjpass", "dobj")
            ):
                continue
            out.append(ActorMention(tok.i, tok.i + 1, tok.i, generic="ethnic", group=group))
            taken.add(tok.i)
        return out


def _left_edge(tok: Token) -> int:
    """Start of the noun phrase's modifiers (compound, amod, nummod) to the left of ``tok``."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod", "nummod", "nmod", "quantmod"):
            start = min(start, child.left_edge.i)
    return start


def mention_at(doc: Doc, token: Token) -> ActorMention | None:
    """The actor mention covering ``token``, or whose head is in ``token``'s noun phrase."""
    mentions: list[ActorMention] = doc._.actor_mentions or []
    for m in mentions:
        if m.start <= token.i < m.end:
            return m
    # the head noun of a phrase like "the convoy of soldiers" / "members of JNIM"
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = mention_at(doc, pobj)
                    if found:
                        return found
    return None
