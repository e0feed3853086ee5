"""Claims: who says what about an event.

The ``conflictlens_claims`` component finds, sentence by sentence, what a party says about an event
and how it stands toward it (alleges, denies, claims responsibility, confirms, disputes a figure,
announces or calls for an investigation, attributes blame, or only reports), reading the dependency
parse: the subject of "denied", the agent of "was claimed by", the object of "according to", the
clause a speaker says. It sets ``doc._.claims`` (a list of :class:`ClaimMention`).

:func:`attach_claims` then links each claim to the event report(s) it is about, gives each report
its :class:`~conflictlens.model.Claim` dicts, its status (``taxonomy.event_status``) as tags, a
summary sentence in its notes, and says whose figure its death toll is.

"According to local sources/media ..." counts as a claim with stance ``reports`` whose source is a
kind of source (``witness`` for local people and local sources, ``outlet`` for the media), not an
actor. A party's own report of what it did ("the army said it killed 15 militants", "JNIM claimed
the attack") is ``claims_responsibility``; a party's report of another party's violence ("according
to the FLA, Malian forces killed ...") is ``alleges``. Hedges without a speaker ("soldiers allegedly
killed") are kept as unattributed allegations; negated cues ("did not deny", "refused to confirm",
"no group has claimed responsibility") make no claim.

Curated cues live in ``data/claims.json``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from conflictlens import taxonomy
from conflictlens.model import SOURCE_KINDS, UNATTRIBUTED, Claim, Document, Fatalities, Report, Span
from conflictlens.nlp.actors import ActorMention
from conflictlens.nlp.lexicon import english, for_lang, load_data
from conflictlens.nlp.time import DateMention, resolve

log = logging.getLogger(__name__)

#: Actor kinds that are parties to the fighting (their reports of another's violence are allegations).
PARTY_KINDS = frozenset(
    {"state_forces", "police", "gendarmerie", "government", "rebel_group", "islamist_militant_group",
     "political_militia", "private_military_company", "unidentified_armed_group", "communal_militia",
     "identity_militia", "external_force"}
)  # fmt: skip
STATE_KINDS = frozenset({"state_forces", "police", "gendarmerie", "government"})
VIOLENT_CLASSES = frozenset({"kill", "attack", "abduct", "sexual", "explosive", "air", "shelling", "grenade"})
#: Stances whose content is the speaker's own account, so a toll in it is the speaker's figure.
FIGURE_STANCES = frozenset(
    {"reports", "alleges", "confirms", "claims_responsibility", "disputes_figure", "attributes_blame"}
)
CLAUSE_DEPS = ("ccomp", "xcomp", "parataxis")
NP_LEFT_DEPS = ("compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "punct")
QUOTE_RE = re.compile(r"[“\"']([^“”\"']{1,200})[”\"']")
NOTES_MARK_RE = re.compile(r"\s*\[claims: [^\]]*\]$")
TAG_PREFIXES = ("claim: ", "status: ", "fatalities according to ")


# --- curated knowledge -------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimCues:
    """The cues of ``data/claims.json`` as lookup tables."""

    verb_stance: dict[str, str]
    clause_verbs: frozenset[str]
    claim_nouns: dict[str, str]
    document_nouns: frozenset[str]
    responsibility_objects: frozenset[str]
    own_acts: frozenset[str]
    investigation_nouns: frozenset[str]
    investigation_openers: frozenset[str]
    investigation_callers: frozenset[str]
    figure_nouns: frozenset[str]
    denial_predicates: frozenset[str]
    figure_predicates: frozenset[str]
    accuser_kinds: frozenset[str]
    deny_objects: frozenset[str]
    anaphoric_determiners: frozenset[str]
    anaphoric_nouns: frozenset[str]
    anaphoric_pronouns: frozenset[str]
    negation_words: frozenset[str]
    subject_quantifiers: frozenset[str]
    subject_words: frozenset[str]
    refusal_verbs: frozenset[str]
    refusal_adjectives: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_adjectives: frozenset[str]
    speaker_heads: dict[str, str]
    neutral_heads: frozenset[str]
    speaker_modifiers: dict[str, str]
    titles: dict[str, str]  # lower-case title phrase -> kind
    pronouns: frozenset[str]
    government_template: str
    organisations: dict[str, tuple[str, str]]  # alias -> (name, kind)
    coreference_heads: frozenset[str]
    short_names: dict[str, str]


def _words(section: dict[str, Any], key: str = "lemmas") -> frozenset[str]:
    return frozenset(w.lower() for w in section[key])


@cache
def cues(lang: str = "en") -> ClaimCues:
    """The claim cues of a language (loaded once per process): ``data/claims.json`` for English,
    ``data/fr/claims.json`` for French."""
    data = load_data("fr/claims.json" if lang == "fr" else "claims.json")
    verb_stance: dict[str, str] = {}
    for stance, lemmas in data["verbs"].items():
        if stance == "about":
            continue
        if stance not in taxonomy.CLAIM_STANCES:
            raise ValueError(f"claims.json: unknown stance {stance!r}")
        for lemma in lemmas:
            verb_stance[lemma] = stance
    claim_nouns = {k: v for k, v in data["claim_nouns"].items() if k != "about"}
    speakers = data["speakers"]
    titles: dict[str, str] = {}
    for kind, phrases in speakers["titles"].items():
        for phrase in phrases:
            titles[phrase.lower()] = kind
    organisations: dict[str, tuple[str, str]] = {}
    for entry in data["organisations"]["entries"]:
        for alias in entry["aliases"]:
            organisations[alias] = (entry["name"], entry["kind"])
    inv = data["investigation"]
    neg = data["negation"]
    ana = data["anaphora"]
    return ClaimCues(
        verb_stance=verb_stance,
        clause_verbs=_words(data["clause_verbs"]),
        claim_nouns=claim_nouns,
        document_nouns=_words(data["document_nouns"]),
        responsibility_objects=_words(data["responsibility_objects"]),
        own_acts=_words(data["own_acts"]),
        investigation_nouns=_words(inv, "nouns"),
        investigation_openers=_words(inv, "openers"),
        investigation_callers=_words(inv, "callers"),
        figure_nouns=_words(data["figure_nouns"]),
        denial_predicates=_words(data["predicates"], "denial"),
        figure_predicates=_words(data["predicates"], "figure"),
        accuser_kinds=_words(data["accusers"], "kinds"),
        deny_objects=_words(data["deny_objects"]),
        anaphoric_determiners=_words(ana, "determiners"),
        anaphoric_nouns=_words(ana, "nouns"),
        anaphoric_pronouns=_words(ana, "pronouns"),
        negation_words=_words(neg, "words"),
        subject_quantifiers=_words(neg, "subject_quantifiers"),
        subject_words=_words(neg, "subject_words"),
        refusal_verbs=_words(neg, "refusal_verbs"),
        refusal_adjectives=_words(neg, "refusal_adjectives"),
        hedge_adverbs=_words(data["hedges"], "adverbs"),
        hedge_adjectives=_words(data["hedges"], "adjectives"),
        speaker_heads={k: v for k, v in speakers["heads"].items()},
        neutral_heads=_words(speakers, "neutral_heads"),
        speaker_modifiers={k: v for k, v in speakers["modifiers"].items()},
        titles=titles,
        pronouns=_words(speakers, "pronouns"),
        government_template=data["parties"]["government"]["template"],
        organisations=organisations,
        coreference_heads=_words(data["coreference"], "heads"),
        short_names={k: v for k, v in data["short_names"].items() if k != "about"},
    )


# --- what the component finds ------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    """Who a claim is attributed to, before the country and date make it an ACLED name.

    ``kind`` is an actor kind, "gendarmerie", or a source kind (witness, outlet, ...).
    """

    kind: str
    named: str | None = None  # canonical actor of actors.json
    generic: str | None = None  # generic actor key of lexicon.json, or "government"
    organisation: str | None = None  # a named source of claims.json
    country: str | None = None  # ISO2, from a demonym or a country named in the phrase

    @property
    def key(self) -> tuple[str, str | None, str | None, str | None]:
        return (self.kind, self.named, self.generic, self.organisation)


@dataclass
class ClaimMention:
    """One claim as one sentence makes it (token offsets into the Doc)."""

    stance: str
    trigger: int
    sent_start: int
    sent_end: int
    party: Party | None = None
    speaker: str | None = None  # the words naming who speaks ("local sources", "Gen Oumar Diarra")
    person: str | None = None
    content: tuple[int, int] | None = None  # token range of what is claimed
    anaphoric: bool = False  # about something named before ("these allegations", "the attack")
    object_lemma: str | None = None
    quote: str | None = None
    date: DateMention | None = None
    extra_ranges: list[tuple[int, int]] = field(default_factory=list)  # content of merged mentions


if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


# --- the component -----------------------------------------------------------------------------


@Language.factory(
    "conflictlens_claims",
    assigns=["doc._.claims"],
    requires=["doc._.actor_mentions", "doc._.counts", "doc._.dates", "doc._.places"],
    default_config={"max_quote_words": 12, "antecedent_sentences": 2},
)
def make_claims(nlp: Language, name: str, max_quote_words: int, antecedent_sentences: int) -> ClaimComponent:
    """The claims component, configured from the pipeline config."""
    if nlp.lang == "fr":
        return ClaimComponent(
            nlp.vocab,
            max_quote_words=max_quote_words,
            antecedent_sentences=antecedent_sentences,
            lang="fr",
            tokenize=lambda text: [t.text for t in nlp.make_doc(text)],
        )
    return ClaimComponent(
        nlp.vocab, max_quote_words=max_quote_words, antecedent_sentences=antecedent_sentences
    )


class ClaimComponent:
    """Finds claims sentence by sentence; sets ``doc._.claims`` (sorted by position).

    ``max_quote_words``: longer quotations are direct speech, not a characterisation.
    ``antecedent_sentences``: how far back "the claims were made by X" looks for the claims it names.
    """

    def __init__(
        self,
        vocab: Vocab,
        max_quote_words: int = 12,
        antecedent_sentences: int = 2,
        lang: str = "en",
        tokenize: Callable[[str], list[str]] | None = None,
    ) -> None:
        self.max_quote_words = max_quote_words
        self.antecedent_sentences = antecedent_sentences
        self.lang = lang
        self.cues = cues(lang)
        self.org_matcher = PhraseMatcher(vocab, attr="LOWER")
        self.org_exact = PhraseMatcher(vocab, attr="ORTH")
        self.org_of: dict[int, tuple[str, str]] = {}
        split = tokenize or _split
        for alias, (name, kind) in self.cues.organisations.items():
            key = f"ORG:{alias}"
            matcher = self.org_exact if alias.isupper() else self.org_matcher
            matcher.add(key, [Doc(vocab, words=split(alias))])
            self.org_of[vocab.strings[key]] = (name, kind)

    def __call__(self, doc: Doc) -> Doc:
        if doc.lang_ == "fr":
            from conflictlens.nlp.claims_fr import FrenchFinder

            doc._.claims = FrenchFinder(doc, self).run()
            return doc
        finder = _Finder(doc, self)
        doc._.claims = finder.run()
        return doc


def _split(phrase: str) -> list[str]:
    """Tokens of a phrase as spaCy's English tokenizer splits the simple cases."""
    words: list[str] = []
    for w in phrase.split():
        if w.endswith("'s") and len(w) > 2:
            words.extend([w[:-2], "'s"])
        elif "-" in w and len(w) > 1 and not w.startswith("-"):
            parts = w.split("-")
            for i, p in enumerate(parts):
                if p:
                    words.append(p)
                if i < len(parts) - 1:
                    words.append("-")
        else:
            words.append(w)
    return words


@cache
def _component_for(vocab: Vocab) -> ClaimComponent:
    return ClaimComponent(vocab)


def find_claims(doc: Doc) -> list[ClaimMention]:
    """The doc's claims: ``doc._.claims``, found now if the pipeline has no claims component."""
    if doc._.claims is None:
        _component_for(doc.vocab)(doc)
    claims: list[ClaimMention] = doc._.claims
    return claims


class _Finder:
    """The work of the component on one doc."""

    # pronouns by which a speaker says it acted itself ("it seized vehicles")
    self_pronouns: tuple[str, ...] = ("it", "they", "we", "he", "she", "i")

    def __init__(self, doc: Doc, component: ClaimComponent) -> None:
        self.doc = doc
        self.c = component.cues
        self.max_quote_words = component.max_quote_words
        self.antecedent_sentences = component.antecedent_sentences
        self.lex = for_lang(doc.lang_)
        self.mentions: list[ActorMention] = doc._.actor_mentions or []
        self.orgs: dict[int, tuple[str, str]] = {}
        matches = list(component.org_matcher(doc)) + list(component.org_exact(doc))
        for match_id, start, end in sorted(matches, key=lambda m: (m[1], -(m[2] - m[1]))):
            for i in range(start, end):
                self.orgs.setdefault(i, component.org_of[match_id])
        self.sent_index: dict[int, int] = {}
        self.sents = list(doc.sents)
        for n, sent in enumerate(self.sents):
            for tok in sent:
                self.sent_index[tok.i] = n
        self.found: list[ClaimMention] = []
        self.visiting: set[int] = set()

    # -- driver

    def run(self) -> list[ClaimMention]:
        for sent in self.sents:
            for tok in sent:
                for m in self._at(tok):
                    if not any(
                        f.trigger == m.trigger and f.stance == m.stance and _same_party(f.party, m.party)
                        for f in self.found
                    ):
                        self.found.append(m)
        self._fill_from_later()
        self.found.sort(key=lambda m: (m.sent_start, m.trigger))
        return self.found

    def _at(self, tok: Token) -> list[ClaimMention]:
        c = self.c
        low = tok.lower_
        lemma = tok.lemma_.lower()
        if low == "according" and any(ch.lower_ == "to" for ch in tok.children):
            return self._according(tok)
        if low == "per" and tok.pos_ == "ADP":
            return self._according(tok)
        if lemma in c.investigation_nouns and tok.pos_ in ("NOUN", "PROPN"):
            return self._investigation_noun(tok)
        if lemma in c.hedge_adverbs or (lemma in c.hedge_adjectives and tok.dep_ == "amod"):
            return self._hedge(tok)
        if lemma in c.verb_stance and (tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")):
            return self._verb(tok)
        if lemma in c.claim_nouns and tok.pos_ in ("NOUN", "PROPN"):
            return self._claim_noun(tok)
        return []

    # -- the patterns

    def _according(self, tok: Token) -> list[ClaimMention]:
        """ "According to X, ..." / "... per local sources"."""
        source = None
        for ch in tok.children:
            if ch.lower_ == "to":
                source = next((p for p in ch.children if p.dep_ == "pobj"), None)
                pcomp = next((p for p in ch.children if p.dep_ == "pcomp"), None)
                if source is None and pcomp is not None:
                    # "according to accumulating media reports"
                    source = next((p for p in pcomp.children if p.dep_ in ("dobj", "pobj")), None)
            elif ch.dep_ == "pobj" and tok.lower_ == "per":
                source = ch
        if source is None:
            return []
        stance = "reports"
        if source.lemma_.lower() in self.c.claim_nouns:
            stance = self.c.claim_nouns[source.lemma_.lower()]
        speakers = self._speakers_of_np(source)
        if tok.lower_ == "per" and not speakers:
            return []
        # what is claimed: the clause the phrase modifies, without the phrase itself
        head = tok.head
        while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head.i != head.i:
            head = head.head
        phrase = {t.i for t in tok.subtree}
        content_tokens = [t.i for t in head.subtree if t.i not in phrase]
        if head.dep_ == "ROOT" or not content_tokens:
            sent = tok.sent
            content_tokens = [t.i for t in sent if t.i not in phrase and not t.is_punct]
        content = (min(content_tokens), max(content_tokens) + 1) if content_tokens else None
        out = []
        for party, speaker, person in speakers:
            st = self._refine(stance, party, content, None)
            out.append(self._mention(st, tok, party, speaker, person, content))
        return out

    def _verb(self, tok: Token) -> list[ClaimMention]:
        """A claim verb: "X denied ...", "X said that ...", "was claimed by X", "X accused Y of ..."."""
        c = self.c
        lemma = tok.lemma_.lower()
        stance = c.verb_stance[lemma]
        children = list(tok.children)
        deps = {ch.dep_ for ch in children}
        passive = "auxpass" in deps or "nsubjpass" in deps or ("agent" in deps and tok.tag_ == "VBN")
        dobj = next((ch for ch in children if ch.dep_ in ("dobj", "nsubjpass")), None)
        clause = self._clause(tok)
        as_prep = next((ch for ch in children if ch.dep_ == "prep" and ch.lower_ == "as"), None)

        if tok.dep_ == "amod":
            # "JNIM militants (claimed responsibility)": the parenthetical claim of its head's head
            head = tok.head
            if lemma == "claim" and head.lemma_.lower() == "responsibility" and head.dep_ == "appos":
                return self._with_speakers("claims_responsibility", tok, [head.head], None)
            return []
        if tok.tag_ == "VBN" and not deps & {"agent", "nsubj", "aux", "auxpass", "nsubjpass"}:
            # "a shopkeeper accused of ...", "a man described as ...", "gunfire also reported":
            # a participle with no subject and no agent has no speaker
            return []
        if tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN" and not deps & {"agent", "nsubj"}:
            return []
        if "xcomp" in deps and stance == "reports" and "dobj" not in deps and not deps & {"aux", "agent"}:
            return []  # "rebels said to be recruiting": a hedge, nobody speaks
        if self._negated(tok):
            log.debug("negated claim cue %r in %r", tok.text, tok.sent.text)
            return []

        content: tuple[int, int] | None = None
        obj_lemma: str | None = None
        anaphoric = False
        if dobj is not None:
            obj_lemma = dobj.lemma_.lower()
            anaphoric = self._anaphoric(dobj)
        if (
            tok.dep_ == "relcl"
            and (dobj is None or dobj.lower_ in ("which", "that", "who"))
            and (stance in ("denies", "disputes_figure", "confirms") or dobj is not None)
        ):
            # "the killings, which the military denies": the object is the relative's antecedent
            obj_lemma = tok.head.lemma_.lower()
            anaphoric = True
            content = (tok.head.left_edge.i, tok.head.i + 1)

        if lemma == "claim":
            if clause is not None and clause.dep_ == "xcomp":
                stance = "claims_responsibility"
                content = _range(clause)
            elif passive or (dobj is not None and self._responsibility_object(dobj)):
                patient = dobj if dobj is not None else tok.head if tok.dep_ == "acl" else None
                if patient is not None and patient.lemma_.lower() in c.figure_nouns:
                    stance = "alleges"  # "the toll claimed by the group": its figure, not its act
                else:
                    stance = "claims_responsibility"
                content = _range(patient) if patient is not None else None
            elif clause is not None:
                content = _range(clause)
                stance = "alleges"
            else:
                return []  # "to claim unpaid salaries", "claiming for justice": a demand
        elif lemma == "accuse":
            if dobj is None and clause is None and tok.dep_ != "relcl":
                return []  # "a relcl 'a man they accused of theft'" has its object as antecedent
            content = _range(clause) if clause is not None else _range(dobj) if dobj is not None else None
            for ch in children:
                if ch.dep_ == "prep" and ch.lower_ == "of":
                    content = _range(ch)
        elif lemma == "allege":
            if clause is None and dobj is None:
                return []
            content = _range(clause) if clause is not None else _range(dobj) if dobj is not None else None
        elif stance == "reports":
            if lemma in c.clause_verbs:
                if dobj is not None and dobj.lemma_.lower() in c.investigation_nouns:
                    return []  # "announced an investigation": see _investigation_noun
                if clause is not None:
                    content = _range(clause)
                elif (
                    tok.dep_ in ("parataxis", "ccomp", "conj") and tok.head.i != tok.i and tok.head.i < tok.i
                ):
                    # "X happened, witnesses said" / "..., said witnesses": the head is what is said
                    if tok.dep_ == "conj" and dobj is not None:
                        return []
                    content = (tok.sent.start, tok.left_edge.i)
                elif tok.dep_ == "ROOT" and any(
                    ch.dep_ in ("ccomp", "parataxis") and ch.i < tok.i for ch in children
                ):
                    content = (tok.sent.start, tok.i)
                elif (tail := self._tail_attribution(tok)) is not None:
                    content = tail
                elif as_prep is not None:
                    content = _range(dobj) if dobj is not None else _range(as_prep)
                elif QUOTE_RE.search(tok.sent.text) and tok.dep_ == "ROOT":
                    content = (tok.sent.start, tok.sent.end)
                else:
                    return []
        elif stance in ("denies", "disputes_figure"):
            denial = self._denial(stance, dobj, clause, content, obj_lemma)
            if denial is None:
                return []
            stance, content = denial
        elif stance == "confirms":
            target = clause or dobj
            if target is None:
                return []
            content = _range(target)
        elif stance == "attributes_blame":
            if dobj is None or passive:
                return []
            content = _range(dobj)
        elif stance == "announces_investigation":
            target = dobj or clause
            content = _range(target) if target is not None else None

        subjects = _agents(tok) if passive else self._subjects(tok)
        if not subjects:
            return []
        mentions = self._with_speakers(stance, tok, subjects, content)
        for m in mentions:
            if lemma == "claim" or stance == "reports":
                m.stance = self._refine(m.stance, m.party, content, clause)
            m.anaphoric = anaphoric
            m.object_lemma = obj_lemma
            m.quote = self._quote(tok, as_prep)
        return mentions

    def _claim_noun(self, tok: Token) -> list[ClaimMention]:
        """ "accusations made by X", "The claims were made by X", "FLA's allegations"."""
        c = self.c
        stance = c.claim_nouns[tok.lemma_.lower()]
        head = tok.head
        if (
            head.lemma_.lower() in c.verb_stance
            and tok.dep_ in ("nsubj", "dobj", "nsubjpass")
            and head.lemma_.lower() != "make"
        ):
            return []  # "a statement said", "denied the allegations": the verb makes the claim
        if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            return []
        if self._negated_noun(tok):
            return []
        anaphoric = self._anaphoric(tok)
        speakers: list[Token] = []
        # "The claims were made by X" / "accusations made by X"
        maker = None
        if tok.dep_ == "nsubjpass" and head.lemma_ in ("make", "level", "raise", "issue", "bring"):
            maker = head
        seen_of = False  # "allegations of executions by soldiers": the by-phrase is the executions'
        for ch in tok.children:
            if ch.dep_ == "acl" and ch.lemma_ in ("make", "level", "raise", "issue", "bring"):
                maker = ch
            elif ch.dep_ == "prep" and ch.lower_ in ("of", "against", "that", "regarding", "about"):
                seen_of = True
            elif ch.dep_ == "prep" and ch.lower_ in ("by", "from") and not seen_of:
                speakers += [p for p in ch.children if p.dep_ == "pobj"]
            elif ch.dep_ == "poss" and ch.lower_ not in ("its", "their", "his", "her"):
                speakers.append(ch)
        if maker is not None:
            for ch in maker.children:
                if ch.dep_ == "agent":
                    speakers += [p for p in ch.children if p.dep_ == "pobj"]
        if tok.dep_ == "dobj" and head.lemma_ in ("make", "level", "raise", "repeat", "issue"):
            speakers += self._subjects(head)
        content = self._noun_content(tok)
        if stance == "denies" and not speakers:
            return []
        if speakers:
            mentions = self._with_speakers(stance, tok, speakers, content)
            for m in mentions:
                m.anaphoric = anaphoric
                m.object_lemma = tok.lemma_.lower()
            return mentions
        if stance != "alleges" or content is None:
            return []
        # "allegations that soldiers executed 24 civilians": said by someone the text names later
        return [self._mention("alleges", tok, None, None, None, content)]

    def _investigation_noun(self, tok: Token) -> list[ClaimMention]:
        """ "X announced/opened an investigation into ...", "X called for an independent inquiry"."""
        c = self.c
        verb = tok.head
        steps = 0
        node = tok
        while steps < 4 and verb.i != node.i:
            if node.dep_ == "conj":
                node, verb = verb, verb.head  # "an end to abuses and an investigation"
                steps += 1
                continue
            if node.dep_ in ("dobj", "nsubjpass", "attr") and verb.pos_ in ("VERB", "AUX"):
                break
            if node.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("for", "into", "over", "of"):
                node, verb = verb.head, verb.head.head
                if node.pos_ in ("VERB", "AUX"):
                    verb = node
                    break
                steps += 1
                continue
            return []
        lemma = verb.lemma_.lower()
        if lemma in c.investigation_callers:
            stance = "calls_for_investigation"
        elif lemma in c.investigation_openers:
            stance = "announces_investigation"
        else:
            return []
        if self._negated(verb):
            return []
        content = None
        for ch in tok.children:
            if ch.dep_ == "prep" and ch.lower_ in ("into", "of", "on", "over", "about", "regarding"):
                content = _range(ch)
        deps = {ch.dep_ for ch in verb.children}
        if "auxpass" in deps or "nsubjpass" in deps:
            subjects = [
                p for ch in verb.children if ch.dep_ == "agent" for p in ch.children if p.dep_ == "pobj"
            ]
        elif verb.dep_ == "acl" and verb.tag_ == "VBG":
            subjects = [verb.head]  # "Rioters demanding more investigations"
        else:
            subjects = self._subjects(verb)
        mentions = self._with_speakers(stance, tok, subjects, content)
        for m in mentions:
            m.object_lemma = tok.lemma_.lower()
        return mentions

    def _hedge(self, tok: Token) -> list[ClaimMention]:
        """ "soldiers allegedly killed ...", "the alleged massacre": an allegation nobody is named for."""
        head = tok.head
        if not self._trigger_classes(head) & VIOLENT_CLASSES:
            return []
        return [self._mention("alleges", tok, None, None, None, _range(head))]

    def _tail_subjects(self, verb: Token) -> list[Token]:
        """ "..., local officials and residents said on Wednesday." parsed with the speakers hung on
        the clause before: the nouns between the last comma and a closing reporting verb."""
        if verb.lemma_.lower() not in self.c.clause_verbs:
            return []
        if any(ch.i > verb.i and ch.dep_ not in ("punct", "prep", "npadvmod") for ch in verb.children):
            return []
        sent = verb.sent
        comma = next(
            (t.i for t in reversed(self.doc[sent.start : verb.i]) if t.text in (",", ";", "—")), None
        )
        if comma is None or comma + 1 >= verb.i:
            return []
        span = self.doc[comma + 1 : verb.i]
        nouns = [
            t
            for t in span
            if t.pos_ in ("NOUN", "PROPN")
            and (t.head.i < span.start or t.head.i >= span.end or t.dep_ == "conj")
        ]
        return nouns if nouns and span[-1].pos_ in ("NOUN", "PROPN") else []

    def _tail_attribution(self, verb: Token) -> tuple[int, int] | None:
        """ "..., Ivory Coast army stated." / ", an officer told AFP" (split from its sentence):
        what comes before the comma that opens the attribution is what is said."""
        subj = next((ch for ch in verb.children if ch.dep_ == "nsubj"), None)
        if subj is None or subj.i > verb.i:
            return None
        start = subj.left_edge.i
        sent = verb.sent
        if start == sent.start or (start - 1 == sent.start and self.doc[sent.start].text == ","):
            n = self.sent_index.get(verb.i, 0)
            if self.doc[sent.start].text == "," and n > 0:
                prev = self.sents[n - 1]
                return prev.start, prev.end
            return None
        after = [ch for ch in verb.children if ch.i > verb.i and ch.dep_ not in ("punct", "npadvmod", "prep")]
        if any(ch.dep_ != "dobj" or verb.lemma_ != "tell" for ch in after):
            return None  # "the army announced an operation": an act, not an attribution
        if self.doc[start - 1].text == ",":
            return sent.start, start - 1
        return None

    def _clause(self, verb: Token) -> Token | None:
        """The clause a verb says: its complement, or the that-clause of "said in a statement that"
        or of a second "and that ..."."""
        clauses = [
            ch
            for ch in verb.children
            if ch.dep_ in CLAUSE_DEPS and (ch.pos_ in ("VERB", "AUX") or ch.tag_.startswith("VB"))
        ]
        after = [ch for ch in clauses if ch.i > verb.i]
        if after or clauses:
            return (after or clauses)[0]
        for ch in verb.children:
            if ch.dep_ == "prep":
                for p in ch.children:
                    if p.dep_ == "pobj" and p.lemma_.lower() in self.c.document_nouns:
                        for g in p.children:
                            if g.dep_ in ("acl", "relcl", "ccomp") and _has_mark(g):
                                return g
            if ch.dep_ == "conj" and _has_mark(ch):
                return ch
        return None

    # -- refinement

    def _refine(
        self, stance: str, party: Party | None, content: tuple[int, int] | None, clause: Token | None
    ) -> str:
        """A reporting or claiming verb's stance once we know what is said and by whom."""
        if party is None or content is None:
            return stance
        if stance not in ("reports", "alleges"):
            return stance
        if party.kind not in SOURCE_KINDS and self._self_agency(party, content, clause):
            return "claims_responsibility"
        if stance == "reports" and clause is not None:
            judged = self._judgement(clause)
            if judged is not None:
                return judged
        accuser = party.kind in PARTY_KINDS or party.kind in self.c.accuser_kinds
        if stance == "reports" and accuser and self._accuses_other(party, content):
            return "alleges"
        return stance

    def _judgement(self, clause: Token) -> str | None:
        """ "said the allegations were unfounded" (denies), "said the toll was exaggerated"
        (disputes_figure): a clause whose subject is a claim or a figure and whose predicate judges it."""
        c = self.c
        subj = next((ch for ch in clause.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        preds = [clause] + [ch for ch in clause.children if ch.dep_ in ("acomp", "attr", "oprd")]
        lemmas = {p.lemma_.lower() for p in preds} | {p.lower_ for p in preds}
        if any(ch.dep_ == "neg" for ch in clause.children):
            return None
        if lemmas & c.figure_predicates and subj.lemma_.lower() in c.figure_nouns:
            return "disputes_figure"
        if lemmas & c.denial_predicates and (
            subj.lemma_.lower() in c.claim_nouns or subj.lemma_.lower() in c.deny_objects
        ):
            return "denies"
        return None

    def _self_agency(self, party: Party, content: tuple[int, int], clause: Token | None) -> bool:
        """Whether what is said is that the speaker did the act ("it seized vehicles")."""
        roots: list[Token] = []
        if clause is not None:
            roots = [clause, *[cj for cj in clause.conjuncts if cj.i > clause.i]]
        else:
            span = self.doc[content[0] : content[1]]
            roots = [
                t
                for t in span
                if t.pos_ == "VERB"
                and (t.head.i < content[0] or t.head.i >= content[1] or t.head.pos_ not in ("VERB", "AUX"))
            ]
        for verb in roots:
            subjs = [ch for ch in verb.children if ch.dep_ == "nsubj"]
            subj = min(subjs, key=lambda t: abs(verb.i - t.i)) if subjs else None
            if subj is None and verb.dep_ == "conj":
                subj = next((ch for ch in verb.head.children if ch.dep_ == "nsubj"), None)
            if subj is None:
                continue
            acting = bool(self._trigger_classes(verb)) or verb.lemma_.lower() in self.c.own_acts
            if not acting:
                continue
            if subj.lower_ in self.self_pronouns:
                return True
            other = self._party_of_np(subj, coref=False)
            if other is not None and _same_party(other[0], party):
                return True
        return False

    def _accuses_other(self, party: Party, content: tuple[int, int]) -> bool:
        """Whether the content has another party (not the speaker's side) commit violence against
        civilians: "according to the FLA, Malian forces killed everyone onboard, including women"."""
        for tok in self.doc[content[0] : content[1]]:
            if not self._trigger_classes(tok) & VIOLENT_CLASSES or not self._civilian_victims(tok):
                continue
            agents = [ch for ch in tok.children if ch.dep_ == "nsubj"]
            agents += [
                p for ch in tok.children if ch.dep_ == "agent" for p in ch.children if p.dep_ == "pobj"
            ]
            if not agents and tok.dep_ == "conj":
                agents = [ch for ch in tok.head.children if ch.dep_ == "nsubj"]
            # "a drone strike by the Malian army killed eight civilians"
            agents += [
                p
                for a in list(agents)
                for ch in a.children
                if ch.dep_ == "prep" and ch.lower_ == "by"
                for p in ch.children
                if p.dep_ == "pobj"
            ]
            for agent in agents:
                found = self._party_of_np(agent, coref=False)
                if found is None:
                    continue
                other = found[0]
                if other.kind not in PARTY_KINDS:
                    continue
                if _same_side(other, party):
                    continue
                return True
        return False

    def _civilian_victims(self, trigger: Token) -> bool:
        """Whether the victims of a violent trigger are civilians (its object or passive subject)."""
        targets = [
            ch
            for ch in trigger.children
            if ch.dep_ in ("dobj", "nsubjpass") or (ch.dep_ == "prep" and ch.lower_ in ("including", "among"))
        ]
        if trigger.dep_ == "conj":
            targets += [ch for ch in trigger.head.children if ch.dep_ in ("dobj", "nsubjpass")]
        for target in targets:
            lo, hi = target.left_edge.i, target.right_edge.i + 1
            for m in self.mentions:
                if lo <= m.head < hi and self._generic_kind(m.generic) == "civilians":
                    return True
        return False

    # -- speakers

    def _subjects(self, verb: Token) -> list[Token]:
        """The subjects of a verb (with conjuncts), inherited from the verb it hangs on if it has none."""
        if not any(ch.dep_ in ("nsubj", "csubj") for ch in verb.children):
            tail = self._tail_subjects(verb)
            if tail:
                return tail
        node = verb
        for _ in range(4):
            subjs = [ch for ch in node.children if ch.dep_ in ("nsubj", "csubj")]
            if subjs:
                return [t for subj in subjs for t in [subj, *[cj for cj in subj.conjuncts if cj.i > subj.i]]]
            if node.dep_ == "conj" and not any(
                t.dep_ == "cc" for t in self.doc[min(node.head.i, node.i) + 1 : max(node.head.i, node.i)]
            ):
                break  # "..., gunfire also reported": a comma splice, not "X claimed ... and said ..."
            if node.dep_ in ("conj", "advcl", "xcomp") and node.head.i != node.i:
                node = node.head
                continue
            if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.i != node.head.i:
                node = node.head.head  # "clashed with police after demonstrating for ..."
                continue
            if node.dep_ == "acl" and node.tag_ == "VBG":
                # "forces executed 9 individuals claiming they were militants": who acts speaks
                if node.head.dep_ in ("dobj", "pobj") and node.lemma_.lower() in self.c.verb_stance:
                    verb = node.head.head if node.head.dep_ == "dobj" else node.head.head.head
                    subjs = [ch for ch in verb.children if ch.dep_ == "nsubj"]
                    if subjs and verb.pos_ == "VERB":
                        return subjs
                return [node.head]
            break
        return []

    def _with_speakers(
        self, stance: str, trigger: Token, subjects: list[Token], content: tuple[int, int] | None
    ) -> list[ClaimMention]:
        out = []
        for subj in subjects:
            for party, speaker, person in self._speakers_of_np(subj):
                out.append(self._mention(stance, trigger, party, speaker, person, content))
        return out

    def _speakers_of_np(self, tok: Token) -> list[tuple[Party, str, str | None]]:
        """The parties a noun phrase names as speakers (conjuncts each give one)."""
        out = []
        for head in [tok, *[cj for cj in tok.conjuncts if cj.i > tok.i]]:
            found = self._party_of_np(head)
            if found is not None:
                out.append(found)
        return out

    def _np_range(self, tok: Token) -> tuple[int, int]:
        """Token range of the noun phrase headed by ``tok``: modifiers, appositions, of/by-phrases."""
        lo = hi = tok.i
        for ch in tok.children:
            if ch.dep_ in NP_LEFT_DEPS and ch.i < tok.i:
                lo = min(lo, ch.left_edge.i)
            elif (
                ch.dep_ in ("appos", "compound", "amod", "nmod")
                or (ch.dep_ == "prep" and ch.lower_ in ("of", "from", "in", "for"))
                or (ch.dep_ == "acl" and ch.lemma_.lower() in ("call", "know", "name", "style"))
            ):
                hi = max(hi, ch.right_edge.i)
                lo = min(lo, ch.left_edge.i)
        return lo, hi + 1

    def _party_of_np(self, tok: Token, coref: bool = True) -> tuple[Party, str, str | None] | None:
        """(party, the words naming it, a person's name) for the noun phrase headed by ``tok``."""
        if tok.i in self.visiting:
            return None  # a pronoun whose antecedent leads back to itself
        self.visiting.add(tok.i)
        try:
            return self._resolve_np(tok, coref)
        finally:
            self.visiting.discard(tok.i)

    def _resolve_np(self, tok: Token, coref: bool) -> tuple[Party, str, str | None] | None:
        c = self.c
        doc = self.doc
        low = tok.lower_
        lemma = tok.lemma_.lower()
        if low in c.pronouns:
            if not coref:
                return None
            return self._antecedent(tok)
        lo, hi = self._np_range(tok)
        span = doc[lo:hi]
        text = span.text.strip()
        person = self._person_in(lo, hi)
        country = self._country_in(lo, hi)
        # a named armed actor
        named = [m.named for m in self.mentions if m.named and lo <= m.head < hi]
        if named:
            return Party(self._named_kind(named[0]), named=named[0]), text, person
        # a named source of claims.json ("Human Rights Watch", "AFP")
        for i in range(lo, hi):
            if i in self.orgs:
                org_name, org_kind = self.orgs[i]
                return Party(org_kind, organisation=org_name), text, person
        # a document speaks for its author: "a statement by the army", "a report attributed to X"
        if lemma in c.document_nouns:
            found_author = self._document_author(tok, coref)
            if found_author is not None:
                return found_author
        kind = self._kind_of_head(tok, lo, hi)
        if kind is None:
            kind = self._title_kind(span.text.lower())
        if kind is None and tok.pos_ == "PROPN" and lo > 0:
            # "army chief of staff Nabere Honore Traore said": the title parsed apart from the name
            before = self.doc[max(tok.sent.start, lo - 5) : lo]
            kind = self._title_kind(before.text.lower())
            if kind is not None:
                person = person or self.doc[lo:hi].text
                text = self.doc[before.start : hi].text
        if kind is None and lemma in c.coreference_heads and coref and self._definite(tok):
            ante = self._named_before(lo)
            if ante is not None:
                return ante, text, person
        if kind is None:
            generic = [m for m in self.mentions if m.generic and lo <= m.head < hi]
            if generic:
                g = generic[-1]
                gkind = self._generic_kind(g.generic)
                if gkind in ("civilians", "protesters", "rioters"):
                    return Party("witness"), text, person
                if gkind is not None and coref and gkind == "unidentified_armed_group":
                    ante = self._named_before(lo) if self._definite(tok) else None
                    if ante is not None:
                        return ante, text, person
                if gkind is not None:
                    return Party(gkind, generic=g.generic, country=g.country or country), text, person
        if kind is None:
            # a country speaks through its government: "Mali launches investigation"
            for p in doc._.places or []:
                if p.level == "country" and lo <= p.start < hi and p.country and tok.pos_ == "PROPN":
                    return Party("government", generic="government", country=p.country), text, person
            return None
        if kind in SOURCE_KINDS:
            return Party(kind), text, person
        if kind == "government":
            return Party("government", generic="government", country=country), text, person
        generic_key = {"state_forces": "state_forces", "police": "police", "gendarmerie": "gendarmerie"}.get(
            kind
        )
        return Party(kind, generic=generic_key, country=country), text, person

    def _document_author(self, tok: Token, coref: bool) -> tuple[Party, str, str | None] | None:
        """Who a document noun speaks for: "a statement by the army", "a report attributed to X"."""
        for ch in tok.children:
            inner: list[Token] = []
            if ch.dep_ == "prep" and ch.lower_ in ("by", "from", "of"):
                inner = [p for p in ch.children if p.dep_ == "pobj"]
            elif ch.dep_ == "poss":
                inner = [ch]
            elif ch.dep_ == "acl" and ch.lemma_ in ("attribute", "issue", "release", "publish", "sign"):
                inner = [
                    p
                    for pr in ch.children
                    if pr.dep_ in ("prep", "agent")
                    for p in pr.children
                    if p.dep_ == "pobj"
                ]
            for p in inner:
                found = self._party_of_np(p, coref)
                if found is not None:
                    return found
        return None

    def _kind_of_head(self, tok: Token, lo: int, hi: int) -> str | None:
        """The kind a speaker's head noun (or, for neutral heads, its modifiers) says."""
        c = self.c
        lemma = tok.lemma_.lower()
        low = tok.lower_
        if lemma in c.neutral_heads or low in c.neutral_heads:
            mods = [
                t
                for ch in tok.children
                if ch.dep_ in ("compound", "amod", "nmod", "poss") and ch.i < tok.i
                for t in ch.subtree
            ]
            own = c.speaker_heads.get(lemma)
            for t in mods:
                kind = c.speaker_modifiers.get(t.lemma_.lower()) or c.speaker_modifiers.get(t.lower_)
                if kind == "witness" and own is not None:
                    return own  # "local officials" are officials
                if kind is not None:
                    return kind
            for t in mods:
                if t.lemma_.lower() not in c.neutral_heads and t.lemma_.lower() in c.speaker_heads:
                    return c.speaker_heads[t.lemma_.lower()]
            for ch in tok.children:
                if ch.dep_ == "prep" and ch.lower_ in ("of", "for", "from"):
                    for p in ch.children:
                        if p.dep_ == "pobj":
                            found = self._party_of_np(p, coref=False)
                            if found is not None:
                                return found[0].kind
        for key in (lemma, low):
            if key in c.speaker_heads and key not in c.neutral_heads:
                return c.speaker_heads[key]
        if lemma in c.neutral_heads and lemma in c.speaker_heads:
            return c.speaker_heads[lemma]
        return None

    def _title_kind(self, text: str) -> str | None:
        """The kind a person's title in ``text`` says ("Army Chief Gen Oumar Diarra": state_forces)."""
        low = " " + re.sub(r"[^\w. ]", " ", text.lower()) + " "
        best: tuple[int, str] | None = None
        for title, kind in self.c.titles.items():
            if f" {title} " in low and (best is None or len(title) > best[0]):
                best = (len(title), kind)
        return best[1] if best else None

    def _antecedent(self, tok: Token) -> tuple[Party, str, str | None] | None:
        """Who a pronoun speaker is: a relative's antecedent, the main clause's subject, the last speaker."""
        low = tok.lower_
        verb = tok.head
        if low in ("who", "which", "that") and verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
            return self._party_of_np(verb.head)
        for ch in verb.children:
            # "The government has replaced the governors, it has announced."
            if ch.dep_ in ("ccomp", "parataxis") and ch.i < tok.i:
                subj = next((g for g in ch.children if g.dep_ == "nsubj"), None)
                if subj is not None and subj.lower_ not in self.c.pronouns:
                    return self._party_of_np(subj)
        node = verb
        for _ in range(5):
            if node.head.i == node.i:
                break
            node = node.head
            subj = next((ch for ch in node.children if ch.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in self.c.pronouns:
                return self._party_of_np(subj)
        # the last speaker, in this sentence or the ones before
        n = self.sent_index.get(tok.i, 0)
        for m in reversed(self.found):
            if m.party is not None and n - self.sent_index.get(m.trigger, 0) <= self.antecedent_sentences:
                return m.party, m.speaker or tok.text, m.person
        ante = self._named_before(tok.i)
        if ante is not None:
            return ante, tok.text, None
        return None

    def _named_before(self, i: int) -> Party | None:
        """The nearest named armed actor before token ``i`` (within a few sentences)."""
        n = self.sent_index.get(i, 0)
        for m in reversed(self.mentions):
            if (
                m.named
                and m.end <= i
                and n - self.sent_index.get(m.start, 0) <= self.antecedent_sentences + 1
            ):
                return Party(self._named_kind(m.named), named=m.named)
        return None

    def _person_in(self, lo: int, hi: int) -> str | None:
        """The name of a person in a speaker's phrase ("Gen Oumar Diarra"), not a country's."""
        places = {i for p in self.doc._.places or [] for i in range(p.start, p.end)}
        for e in self.doc.ents:
            if e.label_ != "PERSON" or e.start < lo or e.end > hi or places & set(range(e.start, e.end)):
                continue
            if len(e) >= 2 and e.text not in self.lex.demonyms and _country_code(e.text) is None:
                return str(e.text)
        return None

    def _country_in(self, lo: int, hi: int) -> str | None:
        for t in self.doc[max(0, lo - 1) : hi]:
            if t.text in self.lex.demonyms:
                return self.lex.demonyms[t.text]
        for p in self.doc._.places or []:
            if p.level == "country" and lo <= p.start < hi and p.country:
                return str(p.country)
        for t in self.doc[lo:hi]:
            if t.pos_ == "PROPN" and t.dep_ in ("poss", "compound"):
                cc = _country_code(self.doc[t.left_edge.i : t.i + 1].text)
                if cc:
                    return cc
        return None

    def _named_kind(self, name: str) -> str:
        return self.lex.named_actors[name].kind

    def _generic_kind(self, key: str | None) -> str | None:
        for g in list(self.lex.generic_nouns.values()) + list(self.lex.generic_phrases.values()):
            if g.key == key:
                return "gendarmerie" if key == "gendarmerie" else g.kind
        return None

    # -- small predicates

    def _trigger_classes(self, tok: Token) -> set[str]:
        lex = self.lex
        return set(lex.trigger_of_lemma.get(tok.lemma_.lower(), ())) | set(
            lex.trigger_of_lemma.get(tok.lower_, ())
        )

    def _responsibility_object(self, obj: Token) -> bool:
        lemma = obj.lemma_.lower()
        return lemma in self.c.responsibility_objects or bool(self._trigger_classes(obj))

    def _denial(
        self,
        stance: str,
        dobj: Token | None,
        clause: Token | None,
        content: tuple[int, int] | None,
        obj_lemma: str | None,
    ) -> tuple[str, tuple[int, int]] | None:
        """What a denial is about (its object or clause) and whether it disputes a figure ("denied
        the toll"); None when it denies nothing an event claim can be about."""
        obj = dobj if content is None else None
        if obj is None and clause is not None:
            content = _range(clause)
        elif obj is not None and content is None:
            if not self._deniable(obj):
                return None
            content = _range(obj)
        elif content is None:
            return None
        if obj_lemma in self.c.figure_nouns:
            stance = "disputes_figure"
        elif stance == "disputes_figure":
            stance = "denies"
        return stance, content

    def _deniable(self, obj: Token) -> bool:
        lemma = obj.lemma_.lower()
        c = self.c
        return (
            lemma in c.claim_nouns
            or lemma in c.deny_objects
            or lemma in c.figure_nouns
            or bool(self._trigger_classes(obj))
        )

    def _definite(self, tok: Token) -> bool:
        return any(
            ch.dep_ in ("det", "poss") and ch.lower_ in self.c.anaphoric_determiners for ch in tok.children
        )

    def _anaphoric(self, obj: Token) -> bool:
        c = self.c
        if obj.lower_ in c.anaphoric_pronouns:
            return True
        lemma = obj.lemma_.lower()
        if lemma in c.anaphoric_nouns or lemma in c.claim_nouns or self._trigger_classes(obj):
            return self._definite(obj)
        return False

    def _negated(self, verb: Token) -> bool:
        """ "did not deny", "refused to confirm", "no group has claimed", "could not be verified"."""
        c = self.c
        for ch in verb.children:
            if ch.dep_ == "neg" or ch.lower_ in c.negation_words and ch.dep_ in ("neg", "advmod", "preconj"):
                return True
            if ch.dep_ in ("nsubj", "nsubjpass"):
                if ch.lower_ in c.subject_words:
                    return True
                if any(d.dep_ == "det" and d.lower_ in c.subject_quantifiers for d in ch.children):
                    return True
        head = verb.head
        if verb.dep_ == "xcomp" and head.i != verb.i:
            if head.lemma_.lower() in c.refusal_verbs or head.lower_ in c.refusal_adjectives:
                return True
            if head.lemma_ == "be" and any(ch.lower_ in c.refusal_adjectives for ch in head.children):
                return True
        if verb.dep_ == "xcomp" and head.dep_ == "acomp" and head.lower_ in c.refusal_adjectives:
            return True
        # "the group has yet to claim responsibility"
        yet = any(ch.lower_ == "yet" for ch in head.children)
        return verb.dep_ == "xcomp" and head.lemma_ == "have" and yet

    def _negated_noun(self, tok: Token) -> bool:
        return any(ch.dep_ == "det" and ch.lower_ in self.c.subject_quantifiers for ch in tok.children)

    def _noun_content(self, tok: Token) -> tuple[int, int] | None:
        """What an allegation noun alleges: its that-clause or its of/regarding-phrase."""
        for ch in tok.children:
            if ch.dep_ in ("acl", "ccomp", "relcl") and any(
                g.lower_ == "that" and g.dep_ == "mark" for g in ch.children
            ):
                return _range(ch)
            if ch.dep_ == "prep" and ch.lower_ in (
                "of",
                "regarding",
                "about",
                "over",
                "against",
                "concerning",
            ):
                return _range(ch)
            if ch.dep_ == "acl" and ch.lemma_ in ("make", "level"):
                for g in ch.children:
                    if g.dep_ == "prep" and g.lower_ in ("regarding", "about", "over", "concerning", "of"):
                        return _range(g)
        for ch in tok.head.children if tok.dep_ in ("nsubjpass", "nsubj") else ():
            if ch.dep_ == "prep" and ch.lower_ in ("regarding", "about", "concerning"):
                return _range(ch)
        return None

    def _quote(self, verb: Token, as_prep: Token | None) -> str | None:
        """A short quoted characterisation in the claim: 'dismissed the allegations as "unfounded"'."""
        doc = self.doc
        regions: list[tuple[int, int]] = []
        if as_prep is not None:
            regions.append((as_prep.i, as_prep.right_edge.i + 1))
        regions.append((verb.i, verb.right_edge.i + 1))
        for lo, hi in regions:
            start = doc[lo].idx
            end = doc[hi - 1].idx + len(doc[hi - 1].text) + 1
            for m in QUOTE_RE.finditer(doc.text[start : min(end + 1, len(doc.text))]):
                words = m.group(1).strip(" ,.")
                if words and len(words.split()) <= self.max_quote_words:
                    return words
            if as_prep is not None:
                break
        return None

    def _claim_date(self, trigger: Token, content: tuple[int, int] | None) -> DateMention | None:
        """A date said of the claim itself: "residents said Sunday", "On 6 February, X claimed"."""
        dates: list[DateMention] = self.doc._.dates or []
        for ch in trigger.children:
            if ch.dep_ not in ("npadvmod", "prep", "tmod", "advmod", "obl"):
                continue
            lo, hi = ch.left_edge.i, ch.right_edge.i + 1
            if content is not None and content[0] <= lo < content[1]:
                continue
            start, end = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1].text)
            for d in dates:
                if start <= d.start_char and d.end_char <= end:
                    return d
        return None

    def _mention(
        self,
        stance: str,
        trigger: Token,
        party: Party | None,
        speaker: str | None,
        person: str | None,
        content: tuple[int, int] | None,
    ) -> ClaimMention:
        sent = trigger.sent
        return ClaimMention(
            stance=stance,
            trigger=trigger.i,
            sent_start=sent.start,
            sent_end=sent.end,
            party=party,
            speaker=_clean_speaker(speaker),
            person=person,
            content=content,
            date=self._claim_date(trigger, content),
        )

    # -- reported speech over two sentences

    def _fill_from_later(self) -> None:
        """ "... allegations that soldiers executed 24 civilians. The claims were made by the FLA.":
        an unattributed allegation takes the speaker a following "the claims" sentence names."""
        for m in self.found:
            if m.party is None or not m.anaphoric or m.object_lemma not in self.c.claim_nouns:
                continue
            n = self.sent_index.get(m.trigger, 0)
            for earlier in self.found:
                if earlier.party is not None or earlier.stance != m.stance:
                    continue
                k = self.sent_index.get(earlier.trigger, 0)
                if 0 <= n - k <= self.antecedent_sentences and earlier.trigger < m.trigger:
                    earlier.party = m.party
                    earlier.speaker = m.speaker
                    earlier.person = m.person


@cache
def _country_code(name: str) -> str | None:
    """ISO2 of a country's English name ("Mali", "Burkina Faso"), else None."""
    from conflictlens.geo.gazetteer import gazetteer

    return gazetteer().country_code(name)


def _agents(verb: Token) -> list[Token]:
    """The agents of a passive verb: "was claimed by JNIM" -> [JNIM]."""
    return [p for ch in verb.children if ch.dep_ == "agent" for p in ch.children if p.dep_ == "pobj"]


def _has_mark(tok: Token) -> bool:
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in tok.children)


def _range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _same_party(a: Party | None, b: Party | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.key == b.key


def _same_side(a: Party, b: Party) -> bool:
    if a.kind in STATE_KINDS and b.kind in STATE_KINDS:
        return True
    return a.key == b.key


def _clean_speaker(text: str | None) -> str | None:
    if not text:
        return None
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words).strip(" ,") or None


# --- from mentions to Claims and onto reports --------------------------------------------------


@dataclass
class _Rendered:
    """A claim with the token ranges it covers (for attaching figures and merging)."""

    claim: Claim
    ranges: list[tuple[int, int]]
    sent_start: int
    mention: ClaimMention


def party_name(
    party: Party | None, country: str | None, when: dt.date | None = None
) -> tuple[str | None, str]:
    """(source, source_kind) of a party: the ACLED name of an actor, an organisation's name, or
    None for a kind of source; ``(None, "unattributed")`` for nobody in particular."""
    from conflictlens.extract import country_name, regime_suffix

    if party is None:
        return None, UNATTRIBUTED
    if party.organisation:
        return party.organisation, party.kind
    lex = english()
    if party.named:
        named = lex.named_actors[party.named]
        name = named.name
        if named.state:
            y0, y1 = named.years
            name = f"{name} ({y0}-{y1 or ''})"
        return name, named.kind
    template = None
    if party.generic == "government":
        template = cues().government_template
    elif party.generic:
        for g in list(lex.generic_nouns.values()) + list(lex.generic_phrases.values()):
            if g.key == party.generic:
                template = g.template
                break
    if template is None:
        return None, party.kind
    cc = party.country or country
    cname = country_name(cc)
    if cname:
        name = template.replace("{country}", cname).replace("{regime}", regime_suffix(cc, when))
    else:
        name = (
            template.replace(" ({country})", "").replace(" of {country}{regime}", "").replace("{regime}", "")
        )
    kind = "police" if party.kind == "gendarmerie" else party.kind
    return name, kind


def _render(
    m: ClaimMention, doc: Doc, document: Document, country: str | None, when: dt.date | None
) -> _Rendered:
    source, kind = party_name(m.party, country, when)
    span = _sentence_span(doc, document, m)
    date = None
    if m.date is not None:
        resolved = resolve(m.date, document.published)
        date = resolved.date if resolved else None
    if date is None:
        date = document.published
    ranges = [m.content] if m.content else []
    ranges += m.extra_ranges
    claim = Claim(
        stance=m.stance,
        source=source,
        source_kind=kind,
        speaker=m.person or m.speaker,
        date=date,
        spans=(span,),
        quote=m.quote,
        fatalities=_figure(doc, document, ranges) if m.stance in FIGURE_STANCES else None,
    )
    return _Rendered(claim, ranges, m.sent_start, m)


def _sentence_span(doc: Doc, document: Document, m: ClaimMention) -> Span:
    """The claim's sentence as a Span whose text is exactly ``document.text[start:end]``."""
    sent = doc[m.sent_start : m.sent_end]
    start, end = sent.start_char, sent.end_char
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(document.id, start, end, text[start:end])


def _figure(doc: Doc, document: Document, ranges: list[tuple[int, int]]) -> Fatalities | None:
    """The death toll said within the claim's content, if any."""
    counts = [
        c
        for c in doc._.counts or []
        if c.fate == "killed"
        and any(lo <= c.start < hi for lo, hi in ranges)
        and (c.person or c.noun == c.start)
    ]
    if not counts:
        return None
    c = counts[0]
    end = max(c.end, (c.noun or 0) + 1)
    s = doc[c.start : end]
    return Fatalities(
        c.low, c.best, c.high, c.acled, c.qualifier, (Span(document.id, s.start_char, s.end_char, s.text),)
    )


def _merge(items: list[_Rendered]) -> list[_Rendered]:
    """One claim per (stance, source): spans, figures and quotes gathered; unattributed allegations
    join an attributed claim of the same stance when there is one."""
    out: list[_Rendered] = []
    for it in sorted(items, key=lambda r: (r.sent_start, r.mention.trigger)):
        c = it.claim
        same = next(
            (
                o
                for o in out
                if o.claim.stance == c.stance
                and o.claim.source == c.source
                and o.claim.source_kind == c.source_kind
            ),
            None,
        )
        if same is None:
            out.append(_Rendered(c, list(it.ranges), it.sent_start, it.mention))
            continue
        same.claim = _combine(same.claim, c)
        same.ranges += it.ranges
    attributed = [o for o in out if o.claim.attributed]
    kept: list[_Rendered] = []
    for o in out:
        if not o.claim.attributed:
            host = next((a for a in attributed if a.claim.stance == o.claim.stance), None)
            if host is not None:
                host.claim = _combine(host.claim, o.claim)
                host.ranges += o.ranges
                continue
        kept.append(o)
    return kept


def _combine(a: Claim, b: Claim) -> Claim:
    spans = a.spans + tuple(s for s in b.spans if s not in a.spans)
    speaker = a.speaker
    if b.speaker and (
        not speaker or (b.speaker != a.speaker and _is_person(b.speaker) and not _is_person(speaker))
    ):
        speaker = b.speaker
        spans = b.spans + tuple(s for s in a.spans if s not in b.spans)
    return replace(
        a,
        speaker=speaker,
        spans=spans,
        date=a.date or b.date,
        quote=a.quote or b.quote,
        fatalities=a.fatalities or b.fatalities,
    )


def _is_person(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def document_claims(
    doc: Doc, document: Document, country: str | None = None, reports: list[Report] | None = None
) -> list[Claim]:
    """Every claim the document makes, one per (stance, source), whatever event it is about.

    State actors are named for ``country``, else the country of the main report's place, else the
    document's country in focus.
    """
    main = next((r for r in reports or [] if not r.background), None)
    cc = (
        country
        or (main.place.iso2 if main and main.place else None)
        or doc._.country
        or document.country_hint
    )
    when = main.date.date if main and main.date else document.published
    rendered = [_render(m, doc, document, cc, when) for m in find_claims(doc)]
    return [r.claim for r in _merge(rendered)]


def attach_claims(doc: Doc, document: Document, reports: list[Report]) -> None:
    """Link the doc's claims to the reports they are about and record them on each report.

    A claim is about the report whose evidence holds its sentence; failing that, a claim about
    "these allegations", "the attack" or "it" is about the nearest event before it, and any other
    claim (not in a background sentence) about the document's main event. Each report gets its
    claims (``report.claims``: :meth:`Claim.to_dict`), ``claim:``/``status:`` tags, a summary in
    its notes, and a ``fatalities according to`` tag when its toll is one party's figure.
    Calling it again recomputes the same result (it does not add claims twice).
    """
    mentions = find_claims(doc)
    country = doc._.country or document.country_hint
    by_report: dict[int, list[_Rendered]] = {id(r): [] for r in reports}
    for m in mentions:
        for report in _targets(m, doc, reports):
            cc = report.place.iso2 if report.place and report.place.iso2 else country
            when = report.date.date if report.date else document.published
            by_report[id(report)].append(_render(m, doc, document, cc, when))
    for report in reports:
        merged = _merge(by_report[id(report)])
        report.claims = [r.claim.to_dict() for r in merged]
        _summarise(report, merged, doc)


def _sentence_chars(doc: Doc, m: ClaimMention) -> tuple[int, int]:
    sent = doc[m.sent_start : m.sent_end]
    return sent.start_char, sent.end_char


def _targets(m: ClaimMention, doc: Doc, reports: list[Report]) -> list[Report]:
    """The reports a claim is about."""
    if not reports:
        return []
    start, end = _sentence_chars(doc, m)
    hits = [r for r in reports if any(s.start < end and start < s.end for s in r.evidence)]
    if hits:
        return hits
    if m.anaphoric:
        before = [(min(s.start for s in r.evidence), r) for r in reports if r.evidence]
        before = [(pos, r) for pos, r in before if pos < start]
        if before:
            fresh = [(pos, r) for pos, r in before if not r.background] or before
            return [max(fresh, key=lambda pr: pr[0])[1]]
    sent_text = doc[m.sent_start : m.sent_end].text.lower()
    if any(cue in sent_text for cue in for_lang(doc.lang_).background_cues):
        return []
    main = next((r for r in reports if not r.background), None)
    if main is None:
        return []
    if m.content is None or m.stance not in ("reports", "alleges"):
        return [main]  # a claim of responsibility, a denial, an investigation: of the main event
    content = doc[m.content[0] : m.content[1]]
    lex = for_lang(doc.lang_)
    if any(lex.trigger_of_lemma.get(t.lemma_.lower()) for t in content):
        return [main]
    return []


def short_name(claim: Claim | dict[str, Any]) -> str:
    """How a claim's source reads in a summary: "FLA", "military", "witnesses", "Human Rights Watch"."""
    c = Claim.from_dict(claim) if isinstance(claim, dict) else claim
    names = cues().short_names
    if not c.attributed:
        return "an unnamed source"
    if c.source is None:
        return names.get(c.source_kind, c.source_kind)
    if ":" in c.source:
        return c.source.split(":", 1)[0]
    for kind in ("state_forces", "police", "government"):
        if c.source_kind == kind and (
            c.source.startswith(("Military Forces of", "Police Forces of", "Government of"))
        ):
            if "Gendarmerie" in c.source:
                return names["gendarmerie"]
            return names[kind]
    return c.source


def claim_phrase(claim: Claim | dict[str, Any]) -> str:
    """ "alleged by FLA", "denied by military (Gen Oumar Diarra)"."""
    c = Claim.from_dict(claim) if isinstance(claim, dict) else claim
    who = short_name(c)
    if c.speaker and _is_person(c.speaker):
        who = f"{who} ({c.speaker})"
    return taxonomy.STANCE_PHRASES[c.stance].format(who)


def report_status(report: Report) -> tuple[str, ...]:
    """The status of a report's event, from its claims (see ``taxonomy.event_status``)."""
    return taxonomy.event_status([d["stance"] for d in report.claims])


def _summarise(report: Report, merged: list[_Rendered], doc: Doc) -> None:
    tags = [t for t in report.tags if not t.startswith(TAG_PREFIXES)]
    notes = NOTES_MARK_RE.sub("", report.notes)
    if not merged:
        report.tags = tuple(tags)
        report.notes = notes
        return
    phrases = []
    for r in merged:
        phrase = claim_phrase(r.claim)
        tags.append(f"claim: {phrase}")
        if r.claim.quote:
            phrase += f', calling it "{r.claim.quote}"'
        phrases.append(phrase)
    statuses = report_status(report)
    tags += [f"status: {s}" for s in statuses]
    summary = "; ".join(phrases) + ". Status: " + ", ".join(statuses) + "."
    owner = _fatalities_owner(report, merged, doc)
    if owner is not None:
        tags.append(f"fatalities according to {short_name(owner)}")
        summary += f" Fatalities ({report.fatalities.acled}) according to {short_name(owner)}."
    report.tags = tuple(tags)
    report.notes = (notes + " " if notes else "") + f"[claims: {summary}]"


def _fatalities_owner(report: Report, merged: list[_Rendered], doc: Doc) -> Claim | None:
    """The claim whose figure the report's toll is, when every span of the toll lies in one claim."""
    spans = report.fatalities.spans
    if not spans:
        return None
    for r in merged:
        if not r.claim.attributed:
            continue
        chars = [(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)) for lo, hi in r.ranges]
        if all(any(a <= s.start and s.end <= b for a, b in chars) for s in spans):
            return r.claim
    return None


# --- scoring -----------------------------------------------------------------------------------


def speaker_label(claim: Claim | dict[str, Any]) -> str | None:
    """The speaker as the labels name it: an actor's ACLED name without its date range
    ("Military Forces of Burkina Faso"), or the kind of a source that is not an actor ("witness",
    "outlet", "human_rights_group", "un_body", "civil_society"); None when unattributed."""
    from conflictlens.evaluate import strip_suffix

    c = Claim.from_dict(claim) if isinstance(claim, dict) else claim
    if not c.attributed:
        return None
    if c.source_kind in SOURCE_KINDS or c.source is None:
        return c.source_kind
    return strip_suffix(c.source)


def claim_keys(claims: Iterable[Claim | dict[str, Any]]) -> set[tuple[str, str]]:
    """The (stance, speaker label) pairs of attributed claims."""
    keys = set()
    for c in claims:
        label = speaker_label(c)
        if label is not None:
            stance = c["stance"] if isinstance(c, dict) else c.stance
            keys.add((stance, label))
    return keys


@dataclass
class ClaimScore:
    """Precision and recall of claims matched on (stance, speaker) per document."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def score_claims(
    predicted: Mapping[str, Iterable[tuple[str, str]]], gold: Mapping[str, Iterable[tuple[str, str]]]
) -> ClaimScore:
    """Score predicted against gold (stance, speaker) pairs, document by document (keys: ids).

    Each distinct pair counts once per document; documents missing from ``predicted`` predict none.
    """
    score = ClaimScore()
    for doc_id, gold_pairs in gold.items():
        g = set(gold_pairs)
        p = set(predicted.get(doc_id, ()))
        score.tp += len(g & p)
        score.fp += len(p - g)
        score.fn += len(g - p)
        if g != p:
            score.errors.append({"id": doc_id, "missed": sorted(g - p), "spurious": sorted(p - g)})
    return score


def iter_claim_lines(reports: list[Report], claims: list[Claim]) -> Iterator[str]:
    """Lines that show a document's claims to a person: each event with its status and claims,
    then the claims about no event found."""
    shown: set[tuple[str, str | None, str]] = set()
    for r in reports:
        head = f"event {r.index}: {r.event_type} / {r.sub_event_type}"
        if r.date:
            head += f", {r.date.date.isoformat()}"
        if r.place:
            head += f", {r.place.name}"
        if r.background:
            head += " (background)"
        yield head
        yield f"  status: {', '.join(report_status(r))}"
        for d in r.claims:
            c = Claim.from_dict(d)
            shown.add((c.stance, c.source, c.source_kind))
            yield from _claim_lines(c, indent="  ")
    rest = [c for c in claims if (c.stance, c.source, c.source_kind) not in shown]
    if rest:
        yield "claims about no event found:"
        for c in rest:
            yield from _claim_lines(c, indent="  ")


def _claim_lines(c: Claim, indent: str) -> Iterator[str]:
    line = f"{indent}- {c.stance}: {c.source or c.source_kind}"
    if c.speaker and c.speaker != c.source:
        line += f" (speaker: {c.speaker})"
    if c.date:
        line += f", {c.date.isoformat()}"
    if c.quote:
        line += f', "{c.quote}"'
    if c.fatalities and c.fatalities.best is not None:
        line += f"; toll: {c.fatalities.qualifier + ' ' if c.fatalities.qualifier else ''}{c.fatalities.best}"
    yield line
    if c.span is not None:
        text = " ".join(c.span.text.split())
        yield f"{indent}    “{text[:300]}{'…' if len(text) > 300 else ''}” [{c.span.start}:{c.span.end}]"
