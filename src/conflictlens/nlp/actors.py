"""Actor mentions: curated named groups (from the EntityRuler) and generic nouns ("soldiers",
"gunmen", "villagers") that later become ACLED names once the country and date are known."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from conflictlens.nlp.lexicon import Lexicon, english, for_lang

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


def _hedged(doc: Doc, start: int, end: int | None = None) -> bool:
    """Whether a mention is hedged ("suspected", "presumed"): in English by a word just before it;
    in French also just after its end when given ("des djihadistes présumés")."""
    if doc.lang_ == "fr":
        # "des djihadistes présumés", "de présumés terroristes", "des individus soupçonnés d'être ..."
        hedges = for_lang("fr").hedges
        stop = end + 2 if end is not None else start
        return any(t.lower_ in hedges for t in doc[max(0, start - 2) : stop])
    window = doc[max(0, start - 3) : start]
    return any(t.lower_ in HEDGES for t in window)


def _demonym_country(doc: Doc, start: int, end: int) -> str | None:
    lex = for_lang(doc.lang_)
    # French puts the demonym after the noun: "les forces armées maliennes"
    stop = min(len(doc), end + 2) if doc.lang_ == "fr" else end
    for t in doc[max(0, start - 2) : stop]:
        if t.text in lex.demonyms:
            k = t.i
            while (
                k >= 2 and doc[k - 1].lower_ in ("and", "or", "et", "ou") and doc[k - 2].text in lex.demonyms
            ):
                k -= 2  # "Burkinabe and Ivorian forces": the first named leads
            return lex.demonyms[doc[k].text]
    return None


def _plural(tok: Token) -> bool:
    if tok.doc.lang_ == "fr":
        return "Plur" in tok.morph.get("Number", [])
    return tok.tag_ in ("NNS", "NNPS")


# generic nouns the French tagger may read as proper nouns, and adjectives that name a force
_FR_PROPN_GENERIC = frozenset({"fama", "fds", "dozo", "dozos", "gendarmerie", "police", "armée"})
_FR_ADJ_KINDS = frozenset({"state_forces", "police"})  # "un camp militaire", "un poste policier"


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
        lex = for_lang(nlp.lang or "en")
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrase_generic = {}
        for phrase, generic in lex.generic_phrases.items():
            key = f"G:{phrase}"
            self.matcher.add(key, [nlp.make_doc(phrase)])
            self.phrase_generic[nlp.vocab.strings[key]] = generic.key

    def __call__(self, doc: Doc) -> Doc:
        if doc.lang_ == "fr":
            return self._french(doc)
        lex = for_lang("en")
        mentions, taken = _named_mentions(doc)
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
            if generic is None and tok.pos_ == "PROPN" and tok.lower_.endswith("s"):
                # "Gendarmes arrested ...": a capitalised plural the tagger took for a name keeps
                # its plural as its lemma
                generic = lex.generic_nouns.get(tok.lower_[:-1])
            if generic is None:
                continue
            if (
                generic.kind in ("civilians", "rioters")
                and _armed_crowd(tok)
                and "militia" in lex.generic_by_key
            ):
                # "armed villagers", "youths armed with machetes": a communal militia, not a crowd
                generic = lex.generic_by_key["militia"]
            if (
                tok.pos_ == "ADJ"
                and tok.head.i != tok.i
                and (tok.head.lemma_.lower() in lex.generic_nouns or tok.head.lower_ in lex.generic_nouns)
            ):
                continue  # "local militiamen": the noun it modifies is the actor
            if tok.pos_ == "ADJ" and tok.dep_ == "amod" and generic.kind == "civilians":
                continue  # "local offices", "civilian casualties": an adjective names no one
            if (
                tok.pos_ == "PROPN"
                and tok.lower_ not in ("fama", "fds", "dozo", "dozos", "gendarmerie")
                and (
                    tok.ent_type_
                    or tok.dep_ == "compound"
                    or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN")
                )
            ):
                continue  # part of a name; but "NIAMEY (AFP) - Gunmen stormed" is the tagger's slip
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
        mentions = _specific_first(mentions, lex)
        mentions.sort(key=lambda m: m.start)
        doc._.actor_mentions = mentions
        return doc

    def _french(self, doc: Doc) -> Doc:
        """The same mentions in a French doc: named actors, generic phrases ("hommes armés non
        identifiés"), generic nouns ("soldats", "des civils"), ethnic groups ("des éleveurs peuls")."""
        lex = for_lang("fr")
        mentions, taken = _named_mentions(doc)
        for match_id, start, end in sorted(self.matcher(doc), key=lambda m: (m[1], -m[2])):
            if any(i in taken for i in range(start, end)):
                continue
            span = doc[start:end]
            root = span[0] if span[0].pos_ in ("NOUN", "PROPN") else span.root
            mentions.append(
                ActorMention(
                    start,
                    end,
                    root.i,
                    generic=self.phrase_generic[match_id],
                    hedged=_hedged(doc, start, end),
                    country=_demonym_country(doc, start, end),
                    plural=_plural(root) or span.text.lower().startswith(("forces", "hommes", "individus")),
                )
            )
            taken.update(range(start, end))
        for tok in doc:
            if tok.i in taken or tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            generic = lex.generic_nouns.get(tok.lemma_.lower()) or lex.generic_nouns.get(tok.lower_)
            if generic is None:
                continue
            if tok.pos_ == "PROPN" and tok.lower_ not in _FR_PROPN_GENERIC:
                continue
            if generic.key == "unidentified" and _party_activists_fr(tok):
                # "des militants du bureau provincial": party activists, not armed men; what they do is
                # a demonstration (or a riot)
                generic = lex.generic_by_key["protesters"]
            if (
                tok.pos_ == "ADJ"
                and tok.dep_ == "amod"
                and generic.kind not in _FR_ADJ_KINDS
                and tok.head.lower_ not in lex.hedges  # "des présumés djihadistes": the hedge is the noun
                and not _armed_adjective_fr(tok, generic.key)
                and (tok.i == 0 or doc[tok.i - 1].pos_ != "NUM")  # "12 terroristes neutralisés": a noun
            ):
                continue  # "la population civile" is one mention, "la guerre civile" none
            start = _left_edge_fr(tok)
            end = _right_edge_fr(tok)
            mentions.append(
                ActorMention(
                    start,
                    end,
                    tok.i,
                    generic=generic.key,
                    hedged=_hedged(doc, start, end),
                    country=_demonym_country(doc, start, end),
                    plural=_plural(tok),
                )
            )
            taken.add(tok.i)
        mentions.extend(self._ethnic(doc, taken))
        mentions = _specific_first_fr(doc, mentions, lex)  # "des miliciens dogons", "des miliciens koglweogo"
        mentions.sort(key=lambda m: m.start)
        mentions = _attributed_fr(doc, _with_group_named_after(doc, mentions))
        doc._.actor_mentions = _hedge_coordinated_fr(doc, mentions)
        return doc

    @staticmethod
    def _ethnic(doc: Doc, taken: set[int]) -> list[ActorMention]:
        """Ethnic groups as actors: "the Fulani community", "Mossi and Fulani youths", "three Fulani"."""
        lex = for_lang(doc.lang_)
        if doc.lang_ == "fr":
            return _ethnic_fr(doc, taken)
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


def _named_mentions(doc: Doc) -> tuple[list[ActorMention], set[int]]:
    """Mentions of the curated actors the actor ruler found, and the tokens they take."""
    mentions: list[ActorMention] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ == "ACTOR" and ent.ent_id_:
            hedged = _hedged(doc, ent.start, ent.end)
            mentions.append(ActorMention(ent.start, ent.end, ent.root.i, named=ent.ent_id_, hedged=hedged))
            taken.update(range(ent.start, ent.end))
    return mentions, taken


ARMING_WORDS = english().event_words["arming"]


def _armed_crowd(tok: Token) -> bool:
    """Whether a noun of civilians is qualified as armed: "armed villagers", "youths armed with
    machetes", "farmers carrying shotguns and armed with axes"."""
    if not tok.tag_.endswith("S") and tok.lower_ not in ("people", "youth", "population"):
        return False  # a man with a gun is a gunman; a crowd with guns, a militia
    if tok.lemma_.lower() in ("partisan", "supporter", "activist", "opponent", "student", "pupil"):
        return False  # party supporters with clubs are still rioters
    return any(child.dep_ in ("amod", "acl") and child.lower_ in ARMING_WORDS for child in tok.children)


def _specific_first(mentions: list[ActorMention], lex: Lexicon) -> list[ActorMention]:
    """Drop a vague generic ("militiamen") whose phrase names a more specific actor ("Dozo
    militiamen", "Foulse militiamen", "Koglweogo militia")."""

    def vague(m: ActorMention) -> bool:
        generic = lex.generic_by_key.get(m.generic or "")
        return bool(generic and generic.yields)

    return [
        m
        for m in mentions
        if not (vague(m) and any(o is not m and m.start <= o.head < m.end and not vague(o) for o in mentions))
    ]


def _specific_first_fr(doc: Doc, mentions: list[ActorMention], lex: Lexicon) -> list[ActorMention]:
    """French "miliciens" yields to the actor named inside its phrase or right after it ("trois
    miliciens dozos", where the parser detaches "dozos"); so does a unit noun ("le détachement de
    gendarmerie", `words.unit_nouns`)."""
    units = lex.words["unit_nouns"]

    def vague(m: ActorMention) -> bool:
        generic = lex.generic_by_key.get(m.generic or "")
        return bool(generic and generic.yields) or doc[m.head].lemma_.lower() in units

    def reach(m: ActorMention) -> int:
        return m.end + 2 if doc[m.head].lemma_.lower() in units else m.end  # "détachement de gendarmerie"

    return [
        m
        for m in mentions
        if not (
            vague(m) and any(o is not m and m.start <= o.head <= reach(m) and not vague(o) for o in mentions)
        )
    ]


def _left_edge(tok: Token) -> int:
    """Start of the noun phrase's modifiers (compound, amod, nummod) to the left of ``tok``."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod", "nummod", "nmod", "quantmod"):
            start = min(start, child.left_edge.i)
    return start


def _with_group_named_after(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """A generic mention followed by the group it belongs to ("des militants présumés du JNIM",
    "des éléments de l'EIGS") covers the group's name, so that the named group is the actor."""
    hedges = for_lang("fr").hedges
    named_at = {m.start: m for m in mentions if m.named}
    hedged_groups: set[int] = set()
    out = []
    for m in mentions:
        if m.generic and m.generic != "civilians":
            i = m.end
            while i < len(doc) and (doc[i].lower_ in hedges or doc[i].lower_ in ("présumé", "présumés")):
                i += 1
            if i < len(doc) and doc[i].lower_ in ("du", "de", "des", "d'", "d’"):
                i += 1
                while i < len(doc) and doc[i].lower_ in ("l'", "l’", "la", "le"):
                    i += 1
                if i in named_at:
                    m = replace(m, end=named_at[i].end, hedged=m.hedged or _hedged(doc, m.start, m.end))
                    if m.hedged:
                        hedged_groups.add(i)  # "des combattants présumés de l'EIGS": the group is hedged
        out.append(m)
    return [replace(m, hedged=True) if m.named and m.start in hedged_groups else m for m in out]


_FR_ATTRIBUTION_REACH = 10  # tokens from unidentified men to the group they are said to belong to


def _attributed_fr(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """Unidentified men said to belong to a named group in the words after them ("des hommes armés se
    réclamant de l'EIGS", "des hommes armés, que l'on pense être des membres du JNIM,"): the mention
    covers the group, hedged, so that the group is the actor. Only attribution words (data/fr/
    lexicon.json "attribution"), function words and punctuation may come between: "des hommes armés
    ont attaqué une position du JNIM" attributes nothing."""
    cues = for_lang("fr").words["attribution"]
    named = [m for m in mentions if m.named]
    out = []
    anonymous = for_lang("fr").event_words["anonymous_persons"]
    for m in mentions:
        # "des individus soupçonnés d'appartenir à l'EIGS": people named as no one in particular too
        nameless = m.generic == "civilians" and doc[m.head].lemma_.lower() in anonymous
        if (m.generic == "unidentified" or nameless) and not m.named:
            group = next((n for n in named if m.end <= n.start <= m.end + _FR_ATTRIBUTION_REACH), None)
            if group is not None:
                between = doc[m.end : group.start]
                cued = any(t.lower_ in cues or t.lemma_.lower() in cues for t in between)
                plain = all(
                    t.lower_ in cues
                    or t.lemma_.lower() in cues
                    or t.pos_ in ("PUNCT", "SCONJ", "PRON", "DET", "ADP", "AUX", "ADV", "CCONJ")
                    for t in between
                )
                if cued and plain:
                    end = group.end
                    for n in named:  # "... du JNIM et de l'EIGS": the coordinated groups too
                        if 0 < n.start - end <= 4 and any(
                            t.lower_ in ("et", "ou") for t in doc[end : n.start]
                        ):
                            end = n.end
                    m = replace(m, end=end, hedged=True, generic="unidentified")
        out.append(m)
    return out


def _armed_adjective_fr(tok: Token, key: str) -> bool:
    """Whether a French adjective names who made the assault it qualifies: "une attaque terroriste",
    "une embuscade djihadiste" (the attackers are an armed group, as "une attaque de terroristes")."""
    heads = for_lang("fr").words["assault_nouns"]
    return key == "unidentified" and (tok.head.lemma_.lower() in heads or tok.head.lower_ in heads)


def _party_activists_fr(tok: Token) -> bool:
    """Whether French "militant(s)" names members of a party, union or association ("des militants du
    nouveau bureau provincial", "de l'opposition"): its "de" phrase is one of data/fr/lexicon.json's
    political bodies."""
    if tok.lemma_.lower() != "militant" and not tok.lower_.startswith("militant"):
        return False
    bodies = for_lang("fr").words["political_bodies"]
    return any(
        c.dep_ == "nmod"
        and any(g.dep_ == "case" and g.lower_ in ("de", "du", "des", "d'", "d’") for g in c.children)
        and (c.lemma_.lower() in bodies or c.lower_ in bodies or _unknown_acronym_fr(c))
        for c in tok.children
    ) or any(c.dep_ == "amod" and c.lower_ in bodies for c in tok.children)  # "des militants politiques"


_ACRONYM = re.compile(r"[A-Z]{2,6}(?:/[A-Z]{2,4})?")


def _unknown_acronym_fr(tok: Token) -> bool:
    """Whether a token is an acronym that names no armed group of data/fr/actors.json ("des militants
    du MPP", "du CDP": a party; "du JNIM", "du MNLA" stay armed)."""
    if not _ACRONYM.fullmatch(tok.text):
        return False
    lex = for_lang("fr")
    known = tok.text in lex.actor_aliases or tok.text.lower() in lex.actor_aliases
    return not known and tok.text.lower() not in {*lex.generic_nouns, *lex.words["armed_acronyms"]}


def _hedge_coordinated_fr(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """A hedge on the first of coordinated named groups covers the next ("vraisemblablement du JNIM
    et de l'EIGS", "des militants présumés du JNIM ou de l'EIGS"): French repeats "de" before each."""
    out: list[ActorMention] = []
    last: ActorMention | None = None
    for m in mentions:
        if m.named:
            if (
                not m.hedged
                and last is not None
                and last.hedged
                and 0 < m.start - last.end <= 5
                and any(t.lower_ in ("et", "ou") for t in doc[last.end : m.start])
            ):
                m = replace(m, hedged=True)
            last = m
        out.append(m)
    return out


def _left_edge_fr(tok: Token) -> int:
    """Start of a French noun phrase's modifiers left of its head ("24 soldats", "présumés terroristes")."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("nummod", "amod", "advmod") and child.pos_ != "DET":
            start = min(start, child.left_edge.i)
    return start


def _right_edge_fr(tok: Token) -> int:
    """End of the adjectives after a French head noun ("soldats maliens", "hommes armés")."""
    end = tok.i + 1
    for child in tok.rights:
        if child.i == end and child.dep_ in ("amod", "acl") and child.pos_ in ("ADJ", "VERB"):
            end = child.i + 1
    return end


def _ethnic_fr(doc: Doc, taken: set[int]) -> list[ActorMention]:
    """French ethnic groups as actors: "la communauté peule", "des Peuls", "des miliciens dogons"."""
    lex = for_lang("fr")
    out: list[ActorMention] = []
    for tok in doc:
        group = lex.ethnic_groups.get(tok.text)
        if group is None or tok.i in taken:
            continue
        window = {t.lower_ for t in doc[max(0, tok.i - 3) : tok.i + 4]}
        head_word = tok.head.lower_ if tok.head.i != tok.i else ""
        prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        if not (
            window & lex.ethnic_context
            or head_word in lex.ethnic_context
            or (tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "obj", "nsubj:pass", "obl:agent"))
            or (tok.text[:1].isupper() and prev in ("des", "les", "aux", "deux", "trois"))  # "des Mossi"
        ):
            continue
        out.append(ActorMention(tok.i, tok.i + 1, tok.i, generic="ethnic", group=group))
        taken.add(tok.i)
    return out


def mention_at(doc: Doc, token: Token) -> ActorMention | None:
    """The actor mention covering ``token``, or whose head is in ``token``'s noun phrase."""
    mentions: list[ActorMention] = doc._.actor_mentions or []
    for m in mentions:
        if m.start <= token.i < m.end:
            return m
    # the head noun of a phrase like "the convoy of soldiers" / "members of JNIM"
    if doc.lang_ == "fr":
        of_words = for_lang("fr").words["of_words"]
        for child in token.children:
            if child.dep_ == "nmod" and any(
                c.dep_ == "case" and c.lower_ in of_words for c in child.children
            ):
                found = mention_at(doc, child)
                if found:
                    return found
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = mention_at(doc, pobj)
                    if found:
                        return found
    return None
