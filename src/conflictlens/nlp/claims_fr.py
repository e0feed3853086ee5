"""Claims in French: who says what about an event, read off a French (Universal Dependencies) parse.

The same finder as :mod:`conflictlens.nlp.claims`, with the patterns that differ in French:

- "selon X" / "d'après X" (the English "according to X");
- a claim verb's subject (``nsubj``) or, in the passive, its ``obl:agent`` ("ont été formulées par le
  FLA"), and the inverted attribution of French news style (", a indiqué l'armée");
- "revendiquer" is a claim of responsibility when its object is an act ("a revendiqué l'attaque"),
  a demand otherwise; "qualifier" is a denial when it calls a claim unfounded ("qu'il a qualifiées
  d'« infondées »"); "dénoncer" and "accuser" allege;
- investigations: "a ouvert une enquête", "a annoncé l'ouverture d'une enquête", "réclame une enquête";
- negation: "n'a pas démenti", "aucun groupe n'a revendiqué", "a refusé de confirmer";
- hedges: "le massacre présumé", and the conditional of reported facts ("auraient exécuté");
- French quotation marks (« ... »).

The cues are those of ``data/fr/claims.json``; parties are named the ACLED way, in English.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from conflictlens.nlp.claims import (
    CLAUSE_DEPS,
    PARTY_KINDS,
    VIOLENT_CLASSES,
    ClaimMention,
    Party,
    _Finder,
    _range,
    _same_side,
)
from conflictlens.nlp.time import DateMention

QUOTE_RE_FR = re.compile(r"[«“\"]\s*([^«»“”\"]{1,200}?)\s*[»”\"]")
ACCORDING = frozenset({"selon", "d'après"})
ARTICLES = frozenset({"le", "la", "les", "l'", "un", "une", "des", "du", "ce", "ces", "cet", "cette"})
NOMINAL_DEPS = ("obl", "obl:mod", "obl:arg", "nmod", "obj", "nsubj", "appos")
NP_RIGHT_DEPS = ("amod", "nmod", "appos", "flat:name", "nummod", "fixed")
PASSIVE_AGENT_DEPS = ("obl:agent",)


def _case(tok: Token) -> str:
    for c in tok.children:
        if c.dep_ in ("case", "fixed") and c.i < tok.i:
            return c.lower_
    # "d'après": the tokenizer gives "d'" + "après"
    prev = tok.doc[tok.left_edge.i - 2 : tok.left_edge.i]
    if len(prev) == 2 and prev[0].lower_ == "d'" and prev[1].lower_ == "après":
        return "d'après"
    return ""


def _words(tok: Token) -> set[str]:
    return {tok.lemma_.lower(), tok.lower_}


class FrenchFinder(_Finder):
    """The claims of one French doc."""

    self_pronouns = ("il", "ils", "elle", "elles", "nous", "on", "je")

    # -- driver

    def _at(self, tok: Token) -> list[ClaimMention]:
        c = self.c
        words = _words(tok)
        if tok.lower_ in ("selon",) or (
            tok.lower_ == "après" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "d'"
        ):
            return self._according_fr(tok)
        if words & c.investigation_nouns and tok.pos_ in ("NOUN", "PROPN"):
            return self._investigation_noun(tok)
        if words & c.hedge_adverbs or (words & c.hedge_adjectives and tok.dep_ in ("amod", "acl")):
            return self._hedge(tok)
        conditional = tok.pos_ == "VERB" and (
            "Cnd" in tok.morph.get("Mood", [])
            or any(a.dep_.startswith("aux") and "Cnd" in a.morph.get("Mood", []) for a in tok.children)
        )
        if conditional and self._trigger_classes(tok) & VIOLENT_CLASSES:
            # "des soldats auraient exécuté 24 civils": the conditional of a fact one does not vouch for
            return [self._mention("alleges", tok, None, None, None, _range(tok))]
        stance_words = [w for w in (tok.lower_, tok.lemma_.lower()) if w in c.verb_stance]
        # the small tagger reads some finite forms as adverbs ("accusent"): a listed form is a verb
        if stance_words and (
            tok.pos_ in ("VERB", "AUX")
            or "Part" in tok.morph.get("VerbForm", [])
            or (tok.lower_ in c.verb_stance and tok.pos_ in ("ADV", "ADJ"))
            or (
                tok.lower_ in c.verb_stance
                and tok.pos_ == "NOUN"
                and tok.lower_ not in c.claim_nouns
                and (tok.dep_ == "ROOT" or any(ch.dep_ == "nsubj" for ch in tok.children))
            )
        ):
            return self._verb_fr(tok, c.verb_stance[stance_words[0]])
        if words & set(c.claim_nouns) and tok.pos_ in ("NOUN", "PROPN"):
            return self._claim_noun_fr(tok)
        return []

    # -- the patterns

    def _according_fr(self, tok: Token) -> list[ClaimMention]:
        """ "Selon le FLA, ...", "..., selon des sources locales"."""
        source = tok.head if tok.dep_ in ("case", "fixed") and tok.head.i != tok.i else None
        if source is not None and source.lower_ == "après":
            source = source.head if source.head.i != source.i else None
        if source is None or source.pos_ not in ("NOUN", "PROPN", "PRON", "ADJ"):
            nxt = [t for t in tok.doc[tok.i + 1 : tok.i + 6] if t.pos_ in ("NOUN", "PROPN")]
            source = nxt[0] if nxt else None
        if source is None:
            return []
        stance = "reports"
        for w in _words(source):
            if w in self.c.claim_nouns:
                stance = self.c.claim_nouns[w]
        speakers = self._speakers_of_np(source)
        phrase = set(range(tok.i, source.right_edge.i + 1)) | {t.i for t in source.subtree}
        sent = tok.sent
        content_tokens = [t.i for t in sent if t.i not in phrase and not t.is_punct and not t.is_space]
        content = (min(content_tokens), max(content_tokens) + 1) if content_tokens else None
        out = []
        for party, speaker, person in speakers:
            st = self._refine(stance, party, content, None)
            out.append(self._mention(st, tok, party, speaker, person, content))
        return out

    def _verb_fr(self, tok: Token, stance: str) -> list[ClaimMention]:
        """A French claim verb: "X a démenti ...", "X a déclaré que ...", "ont été formulées par X"."""
        c = self.c
        words = _words(tok)
        children = list(tok.children)
        deps = {ch.dep_ for ch in children}
        passive = bool(deps & {"aux:pass", "nsubj:pass", "obl:agent"})
        dobj = next((ch for ch in children if ch.dep_ in ("obj", "nsubj:pass") and ch.pos_ != "PRON"), None)
        if dobj is None:
            dobj = next((ch for ch in children if ch.dep_ == "obj"), None)
        clause = self._clause(tok)
        if dobj is None and tok.pos_ not in ("VERB", "AUX"):
            # a verb the tagger missed has no parse of its own: its object is the next bare noun
            dobj = next(
                (
                    t
                    for t in tok.doc[tok.i + 1 : tok.sent.end]
                    if t.pos_ in ("NOUN", "PROPN") and not _case(t)
                ),
                None,
            )
        if self._negated(tok):
            return []
        content: tuple[int, int] | None = None
        obj_lemma: str | None = None
        anaphoric = False
        if dobj is not None:
            obj_lemma = dobj.lemma_.lower()
            anaphoric = self._anaphoric(dobj)
        relative = tok.dep_ == "acl:relcl" and tok.head.i != tok.i
        if relative and (dobj is None or dobj.lower_ in ("que", "qu'", "qui")):
            # "ces accusations, qu'il a qualifiées d'infondées": the object is the antecedent
            dobj = tok.head
            obj_lemma = tok.head.lemma_.lower()
            anaphoric = True
            content = (tok.head.left_edge.i, tok.head.i + 1)

        if words & {"revendiquer", "revendique", "revendiqué"}:
            if dobj is not None and self._responsibility_object(dobj):
                stance = "claims_responsibility"
                content = _range(dobj)
            elif passive:
                stance = "claims_responsibility"
                patient = next((ch for ch in children if ch.dep_ == "nsubj:pass"), None)
                content = _range(patient) if patient is not None else None
            else:
                return []  # "revendiquent de meilleures conditions": a demand
        elif words & {"qualifier", "qualifié"}:
            if not self._calls_unfounded(tok):
                return []
            stance = "denies"
            if content is None and dobj is not None:
                content = _range(dobj)
        elif stance == "alleges":
            if dobj is None and clause is None and not relative:
                return []
            content = content or (
                _range(clause) if clause is not None else _range(dobj) if dobj is not None else None
            )
            for ch in children:
                if ch.dep_ in ("obl", "obl:arg", "obl:mod", "nmod", "xcomp") and _case(ch) in (
                    "de",
                    "d'",
                    "d",
                ):
                    content = _range(ch)  # "accuse l'armée d'exactions"
        elif stance == "reports":
            if dobj is not None and _words(dobj) & c.investigation_nouns:
                return []  # "a annoncé une enquête": see _investigation_noun
            if clause is not None:
                content = _range(clause)
            elif (tail := self._inverted(tok)) is not None:
                content = tail
            elif tok.dep_ in ("parataxis", "ccomp", "conj") and tok.head.i != tok.i and tok.head.i < tok.i:
                content = (tok.sent.start, tok.left_edge.i)
            elif QUOTE_RE_FR.search(tok.sent.text) and tok.dep_ == "ROOT":
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
            # "a attribué l'attaque au JNIM"; "les a attribuées à des réseaux terroristes" (the
            # allegations, a pronoun) blames nobody for the event
            if dobj is None or passive or dobj.pos_ in ("PRON", "DET") or not self._trigger_classes(dobj):
                return []
            content = _range(dobj)
        elif stance == "announces_investigation":
            target = dobj or clause
            content = _range(target) if target is not None else None

        subjects = self._agents_fr(tok) if passive else self._subjects(tok)
        if not subjects:
            return []
        mentions = self._with_speakers(stance, tok, subjects, content)
        for m in mentions:
            if stance in ("reports", "alleges"):
                m.stance = self._refine(m.stance, m.party, content, clause)
            m.anaphoric = anaphoric
            m.object_lemma = obj_lemma
            m.quote = self._quote(tok, None)
        return mentions

    def _calls_unfounded(self, verb: Token) -> bool:
        """ "qualifié ces accusations d'« infondées »", "qualifiées de mensongères"."""
        right = verb.doc[verb.i + 1 : min(verb.sent.end, verb.i + 8)]
        return any(_words(t) & self.c.denial_predicates for t in right)

    def _claim_noun_fr(self, tok: Token) -> list[ClaimMention]:
        """ "Ces accusations ont été formulées par le FLA", "les accusations du FLA", "un communiqué de
        l'armée"."""
        c = self.c
        word = next(w for w in (tok.lemma_.lower(), tok.lower_) if w in c.claim_nouns)
        stance = c.claim_nouns[word]
        head = tok.head
        if (
            _words(head) & set(c.verb_stance)
            and tok.dep_ in ("nsubj", "obj", "nsubj:pass")
            and not (
                tok.dep_ == "nsubj:pass"
                and head.lemma_ in ("formuler", "porter", "lancer", "émettre", "faire")
            )
        ):
            return []  # "a démenti ces accusations": the verb makes the claim
        if _case(tok) in ACCORDING:
            return []
        if any(ch.dep_ == "det" and ch.lower_ in c.subject_quantifiers for ch in tok.children):
            return []
        anaphoric = self._anaphoric(tok)
        speakers: list[Token] = []
        maker = None
        if tok.dep_ == "nsubj:pass" and head.lemma_ in ("formuler", "porter", "lancer", "émettre", "faire"):
            maker = head
        seen_of = False
        for ch in tok.children:
            if ch.dep_ == "acl" and ch.lemma_ in ("formuler", "porter", "lancer", "émettre", "faire"):
                maker = ch
            elif ch.dep_ == "nmod" and _case(ch) in ("contre", "sur", "concernant"):
                seen_of = True
            elif ch.dep_ == "nmod" and _case(ch) in ("de", "d'", "du", "des", "par") and not seen_of:
                # "les accusations du FLA" names the speaker; "accusations d'exécutions (par l'armée)"
                # what is alleged
                if self._trigger_classes(ch):
                    seen_of = True
                elif any(m.named and m.start <= ch.i < m.end for m in self.mentions) or (
                    _words(ch) & (set(self.c.speaker_heads) | self.c.neutral_heads)
                ):
                    speakers.append(ch)
            elif ch.dep_ == "det" and ch.lower_ in ("leurs", "leur", "ses", "sa", "son"):
                pass
        if maker is not None:
            speakers += self._agents_fr(maker)
        content = self._noun_content(tok)
        if stance == "denies" and not speakers:
            return []
        if speakers:
            mentions = self._with_speakers(stance, tok, speakers, content)
            for m in mentions:
                m.anaphoric = anaphoric
                m.object_lemma = word
            return mentions
        if stance != "alleges" or content is None:
            return []
        return [self._mention("alleges", tok, None, None, None, content)]

    def _noun_content(self, tok: Token) -> tuple[int, int] | None:
        """What an accusation alleges: its "selon lesquelles" clause or its "de"/"sur" phrase."""
        for ch in tok.children:
            if ch.dep_ in ("acl:relcl", "acl") and any(
                g.lower_ in ("lesquelles", "lesquels") for g in ch.subtree
            ):
                return _range(ch)
            if ch.dep_ == "nmod" and _case(ch) in ("de", "d'", "sur", "concernant", "contre"):
                return _range(ch)
        return None

    def _investigation_noun(self, tok: Token) -> list[ClaimMention]:
        """ "X a ouvert une enquête sur ...", "a annoncé l'ouverture d'une enquête", "réclame une enquête"."""
        c = self.c
        node = tok
        verb = tok.head
        for _ in range(4):
            if verb.i == node.i:
                return []
            if node.dep_ == "conj":
                node, verb = verb, verb.head
                continue
            if node.dep_ in ("obj", "nsubj:pass") and verb.pos_ in ("VERB", "AUX"):
                break
            if (
                node.dep_ == "nmod"
                and verb.pos_ == "NOUN"
                and verb.lemma_ in ("ouverture", "lancement", "ouvrir")
            ):
                node, verb = verb, verb.head  # "l'ouverture d'une enquête"
                continue
            if (
                node.dep_ in ("obl", "obl:arg", "obl:mod", "nmod")
                and _case(node) in ("à", "pour")
                and verb.pos_ == "VERB"
            ):
                break  # "appelle à une enquête"
            return []
        words = _words(verb)
        if words & c.investigation_callers:
            stance = "calls_for_investigation"
        elif words & c.investigation_openers:
            stance = "announces_investigation"
        else:
            return []
        if self._negated(verb):
            return []
        content = None
        for ch in tok.children:
            if ch.dep_ in ("nmod", "obl", "obl:mod") and _case(ch) in (
                "sur",
                "concernant",
                "de",
                "d'",
                "après",
            ):
                content = _range(ch)
        subjects = (
            self._agents_fr(verb)
            if any(ch.dep_ in ("aux:pass", "nsubj:pass") for ch in verb.children)
            else self._subjects(verb)
        )
        mentions = self._with_speakers(stance, tok, subjects, content)
        for m in mentions:
            m.object_lemma = tok.lemma_.lower()
        return mentions

    # -- speakers

    def _agents_fr(self, verb: Token) -> list[Token]:
        return [
            ch
            for ch in verb.children
            if ch.dep_ in PASSIVE_AGENT_DEPS
            or (ch.dep_ in ("obl", "obl:arg", "obl:mod") and _case(ch) == "par")
        ]

    def _subjects(self, verb: Token) -> list[Token]:
        """The subjects of a French verb (with conjuncts), inherited through conjoined verbs; an
        inverted subject after a closing reporting verb (", a indiqué l'armée")."""
        node = verb
        for _ in range(4):
            subjs = [ch for ch in node.children if ch.dep_ in ("nsubj", "csubj")]
            if subjs:
                # the nearest; but of a name the parser split into two subjects ("Ansaroul Islam"),
                # the word that starts the named actor
                named = [
                    t for t in subjs for m in self.doc._.actor_mentions or [] if m.named and m.start == t.i
                ]
                subj = named[0] if named else min(subjs, key=lambda t: abs(t.i - node.i))
                out = [subj, *[cj for cj in subj.conjuncts if cj.i > subj.i]]
                return [t for t in out if t.pos_ != "PRON" or t.lower_ in self.c.pronouns]
            inverted = self._inverted_subject(node)
            if inverted is not None:
                return [inverted]
            if node.dep_ in ("conj", "advcl", "xcomp") and node.head.i != node.i:
                node = node.head
                continue
            if node.dep_ == "acl:relcl" and node.head.i != node.i:
                return []
            break
        return self._subject_before(verb)

    def _subject_before(self, verb: Token) -> list[Token]:
        """The subject the parser missed: the first bare noun phrase of the clause before the verb
        ("Des organisations de défense des droits humains accusent ...")."""
        doc = self.doc
        start = verb.sent.start
        for j in range(verb.i - 1, verb.sent.start - 1, -1):
            if doc[j].text in (",", ";", ":", "«", "»"):
                start = j + 1
                break
        for t in doc[start : verb.i]:
            if t.pos_ in ("NOUN", "PROPN") and not _case(t):
                return [t]
        return []

    def _inverted_subject(self, verb: Token) -> Token | None:
        """ "..., a indiqué l'armée." / "..., affirme un responsable local.": the subject after the verb."""
        if not _words(verb) & self.c.clause_verbs:
            return None
        prev = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > verb.sent.start else None
        before = verb.doc[max(verb.sent.start, verb.i - 3) : verb.i]
        if not any(t.text in (",", "»", "\u201d", '"') for t in before) and (
            prev is None or prev.text != ","
        ):
            return None
        for ch in verb.children:
            if (
                ch.i > verb.i
                and ch.dep_ in ("obj", "nsubj", "obl:arg", "obl:mod", "appos", "nmod")
                and ch.pos_
                in (
                    "NOUN",
                    "PROPN",
                )
                and not _case(ch)
            ):
                return ch
        return None

    def _inverted(self, verb: Token) -> tuple[int, int] | None:
        """What comes before an inverted attribution is what is said."""
        subj = self._inverted_subject(verb)
        if subj is None:
            return None
        sent = verb.sent
        end = verb.i
        while end > sent.start and verb.doc[end - 1].pos_ in ("AUX", "PUNCT", "PRON"):
            end -= 1
        if end <= sent.start:
            n = self.sent_index.get(verb.i, 0)
            if n > 0:
                prev = self.sents[n - 1]
                return prev.start, prev.end
            return None
        return sent.start, end

    def _np_range(self, tok: Token) -> tuple[int, int]:
        lo = hi = tok.i
        for ch in tok.children:
            if ch.i < tok.i and ch.dep_ in ("det", "amod", "nummod", "case"):
                lo = min(lo, ch.left_edge.i)
            elif ch.i > tok.i and ch.dep_ in NP_RIGHT_DEPS:
                hi = max(hi, ch.right_edge.i)
        while lo < tok.i and (self.doc[lo].dep_ == "case" or self.doc[lo].lower_ in ARTICLES):
            lo += 1
        for t in self.doc[tok.i + 1 : hi + 1]:
            if t.pos_ in ("VERB", "AUX") or t.lower_ in self.c.verb_stance:
                hi = t.i - 1  # a misattached verb ends the phrase
                break
        return lo, hi + 1

    def _kind_of_head(self, tok: Token, lo: int, hi: int) -> str | None:
        c = self.c
        words = _words(tok)
        neutral = bool(words & c.neutral_heads)
        if neutral:
            own = next(
                (c.speaker_heads[w] for w in (tok.lemma_.lower(), tok.lower_) if w in c.speaker_heads), None
            )
            mods = [t for ch in tok.children if ch.dep_ in ("amod", "nmod", "appos") for t in ch.subtree]
            for t in mods:
                kind = c.speaker_modifiers.get(t.lower_) or c.speaker_modifiers.get(t.lemma_.lower())
                if kind == "witness" and own is not None:
                    return own  # "des responsables locaux" are officials
                if kind is not None:
                    return kind
            for ch in tok.children:
                if ch.dep_ in ("nmod", "appos") and ch.i > tok.i:
                    found = self._party_of_np(ch, coref=False)
                    if found is not None:
                        return found[0].kind
            for t in mods:
                if not _words(t) & c.neutral_heads and t.lemma_.lower() in c.speaker_heads:
                    return c.speaker_heads[t.lemma_.lower()]
        for key in (tok.lemma_.lower(), tok.lower_):
            if key in c.speaker_heads and key not in c.neutral_heads:
                return c.speaker_heads[key]
        if neutral:
            for key in (tok.lemma_.lower(), tok.lower_):
                if key in c.speaker_heads:
                    return c.speaker_heads[key]
        return None

    def _title_kind(self, text: str) -> str | None:
        """As the English, with French hyphenated titles kept whole ("chef d'état-major")."""
        low = re.sub(r"\s*-\s*", "-", text.lower().replace("’", "'"))
        low = " " + " ".join(re.sub(r"[^\w.'\- ]", " ", low).split()) + " "
        best: tuple[int, str] | None = None
        for title, kind in self.c.titles.items():
            found = f" {title} " in low or f"'{title} " in low
            if found and (best is None or len(title) > best[0]):
                best = (len(title), kind)
        return best[1] if best else None

    def _document_author(self, tok: Token, coref: bool) -> tuple[Party, str, str | None] | None:
        for ch in tok.children:
            if ch.dep_ in ("nmod", "obl:agent") and _case(ch) in ("de", "d'", "du", "des", "par"):
                found = self._party_of_np(ch, coref)
                if found is not None:
                    return found
            if ch.dep_ == "acl" and ch.lemma_ in ("attribuer", "publier", "signer", "diffuser"):
                for p in self._agents_fr(ch):
                    found = self._party_of_np(p, coref)
                    if found is not None:
                        return found
        return None

    def _antecedent(self, tok: Token) -> tuple[Party, str, str | None] | None:
        low = tok.lower_
        verb = tok.head
        if (
            low in ("qui", "lequel", "laquelle", "lesquels")
            and verb.dep_ in ("acl:relcl", "acl")
            and verb.head.i != verb.i
        ):
            return self._party_of_np(verb.head)
        node = verb
        for _ in range(5):
            if node.head.i == node.i:
                break
            node = node.head
            subj = next((ch for ch in node.children if ch.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in self.c.pronouns:
                return self._party_of_np(subj)
        n = self.sent_index.get(tok.i, 0)
        for m in reversed(self.found):
            if m.party is not None and n - self.sent_index.get(m.trigger, 0) <= self.antecedent_sentences:
                return m.party, m.speaker or tok.text, m.person
        ante = self._named_before(tok.i)
        if ante is not None:
            return ante, tok.text, None
        return None

    # -- refinement

    def _judgement(self, clause: Token) -> str | None:
        """ "a affirmé que ces accusations étaient infondées", "a jugé le bilan exagéré"."""
        c = self.c
        subj = next((ch for ch in clause.children if ch.dep_ in ("nsubj", "nsubj:pass", "obj")), None)
        if subj is None or self._negated(clause):
            return None
        preds = [clause] + [ch for ch in clause.children if ch.dep_ in ("amod", "xcomp", "acl", "obl:arg")]
        words = set().union(*(_words(p) for p in preds))
        if words & c.figure_predicates and subj.lemma_.lower() in c.figure_nouns:
            return "disputes_figure"
        if words & c.denial_predicates and (
            subj.lemma_.lower() in c.claim_nouns or subj.lemma_.lower() in c.deny_objects
        ):
            return "denies"
        return None

    def _accuses_other(self, party: Party, content: tuple[int, int]) -> bool:
        for tok in self.doc[content[0] : content[1]]:
            if not self._trigger_classes(tok) & VIOLENT_CLASSES or not self._civilian_victims(tok):
                continue
            agents = [ch for ch in tok.children if ch.dep_ == "nsubj"] + self._agents_fr(tok)
            node = tok
            while not agents and node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
                node = node.head
                agents = [ch for ch in node.children if ch.dep_ == "nsubj"]
            for agent in agents:
                found = self._party_of_np(agent, coref=False)
                if found is None:
                    continue
                other = found[0]
                if other.kind not in PARTY_KINDS or _same_side(other, party):
                    continue
                return True
        return False

    def _civilian_victims(self, trigger: Token) -> bool:
        targets = [ch for ch in trigger.children if ch.dep_ in ("obj", "nsubj:pass", "obl:arg")]
        if trigger.dep_ in ("acl",) and trigger.head.i != trigger.i:
            targets.append(trigger.head)
        for target in targets:
            lo, hi = target.left_edge.i, target.right_edge.i + 1
            for m in self.mentions:
                if lo <= m.head < hi and self._generic_kind(m.generic) == "civilians":
                    return True
        return False

    def _trigger_classes(self, tok: Token) -> set[str]:
        lex = self.lex
        return set(lex.trigger_of_lemma.get(tok.lemma_.lower(), ())) | set(
            lex.trigger_of_lemma.get(tok.lower_, ())
        )

    def _clause(self, verb: Token) -> Token | None:
        clauses = [
            ch
            for ch in verb.children
            if ch.dep_ in CLAUSE_DEPS and ch.pos_ in ("VERB", "AUX", "ADJ", "NOUN") and ch.i > verb.i
        ]
        return clauses[0] if clauses else None

    def _negated(self, verb: Token) -> bool:
        c = self.c
        # "n'a pas démenti": the negation may hang on the auxiliary
        auxiliaries = [ch for ch in verb.children if ch.dep_.startswith("aux") or ch.lemma_ == "avoir"]
        if any(g.lower_ in c.negation_words for a in auxiliaries for g in a.children):
            return True
        for ch in verb.children:
            if ch.lower_ in c.negation_words and ch.dep_ in ("advmod", "cc", "fixed"):
                return True
            if ch.dep_ in ("nsubj", "nsubj:pass"):
                if ch.lower_ in c.subject_words and not any(d.dep_ == "det" for d in ch.children):
                    return True
                if any(d.dep_ == "det" and d.lower_ in c.subject_quantifiers for d in ch.children):
                    return True
        head = verb.head
        return verb.dep_ in ("xcomp", "ccomp") and head.i != verb.i and bool(_words(head) & c.refusal_verbs)

    def _quote(self, verb: Token, as_prep: Token | None) -> str | None:
        doc = self.doc
        start = doc[verb.i].idx
        last = doc[min(verb.right_edge.i, verb.sent.end - 1)]
        end = last.idx + len(last.text) + 1
        for m in QUOTE_RE_FR.finditer(doc.text[start : min(end + 1, len(doc.text))]):
            words = m.group(1).strip(" ,.")
            if words and len(words.split()) <= self.max_quote_words:
                return words
        return None

    def _claim_date(self, trigger: Token, content: tuple[int, int] | None) -> DateMention | None:
        dates: list[DateMention] = self.doc._.dates or []
        for ch in trigger.children:
            if ch.dep_ not in ("obl", "obl:mod", "advmod", "nmod"):
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
        m = super()._mention(stance, trigger, party, speaker, person, content)
        if m.speaker:
            words = m.speaker.split()
            while words and (words[0].lower() in ARTICLES or words[0].lower().startswith(("l'", "l’"))):
                if words[0].lower() in ARTICLES:
                    words = words[1:]
                else:
                    words[0] = words[0][2:]
                    break
            m.speaker = " ".join(words).strip(" ,") or None
        return m
