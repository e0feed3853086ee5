"""Event mentions: one per sentence that reports a conflict event, typed with ACLED's taxonomy,
with the initiator and target read off the dependency parse (who did what to whom)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from conflictlens.nlp.actors import HEDGES, ActorMention
from conflictlens.nlp.lexicon import english, find_phrase, fold, for_lang, load_data
from conflictlens.nlp.quantities import (
    Count,
    burned_alive,
    death_idiom_at,
    is_person_noun,
    lost_life_fr,
    own_verb_after_fr,
    women_children_mentioned,
)
from conflictlens.nlp.remarks import coded_label, doc_label
from conflictlens.taxonomy import VIOLENT_EVENT_TYPES


def _words(name: str) -> frozenset[str]:
    """A word list of data/lexicon.json's "event_words"."""
    return english().event_words[name]


def _ew(doc: Doc) -> dict[str, frozenset[str]]:
    """The "event_words" lists of the doc's language (English: the module's constants)."""
    return for_lang(doc.lang_).event_words


def _fr(doc: Doc) -> bool:
    return doc.lang_ == "fr"


def _frw(name: str) -> frozenset[str]:
    """A French word list of data/fr/lexicon.json's "words"."""
    return for_lang("fr").words[name]


def _negated(tok: Token) -> bool:
    """ "did not intervene" / "ne sont pas intervenus"."""
    if _fr(tok.doc):
        return any(c.lower_ in ("pas", "jamais", "ne", "n'", "aucun", "aucune") for c in tok.children)
    return any(c.dep_ == "neg" for c in tok.children)


ARMED_KINDS = frozenset(
    {"state_forces", "police", "rebel_group", "islamist_militant_group", "political_militia",
     "private_military_company", "unidentified_armed_group", "communal_militia", "identity_militia",
     "external_force"}
)  # fmt: skip
# trigger words that make an event only when an actor does them
NEEDS_ACTOR_AGENT = _words("needs_actor_agent")
# words that never make an event on their own (fire, set, target ... are checked in context instead)
WEAK_TRIGGERS = _words("weak_triggers")
STRONG_CLASSES = (
    "kill", "attack", "clash", "abduct", "explosive", "air", "shelling", "grenade", "suicide", "sexual",
    "protest", "riot", "property", "arrest", "territory_taken", "territory_regained", "disrupted", "measures",
    "withdrawal", "accord", "handover", "base",
)  # fmt: skip
# classes of a violent act: a sentence with one is about that act, whatever measure it names
VIOLENT_CLASSES = frozenset(
    {"kill", "attack", "clash", "abduct", "explosive", "air", "shelling", "grenade", "suicide", "sexual"}
)
INTERVENTION_WORDS = _words("intervention")
MILITIA_KINDS = frozenset({"political_militia", "identity_militia", "communal_militia"})
HARM_LEMMAS = _words("harm")
SETTLEMENTS = _words("settlements")
GATHERING_CUES = _words("gathering_cues")
SUPPORT_VERBS = _words("support_verbs")
# targets that cannot act themselves (a patrol, a unit or a convoy can): "the post attacked"
STATIONARY_TARGETS = (_words("place_targets") | SETTLEMENTS) - {
    "brigade",
    "convoy",
    "detachment",
    "patrol",
    "unit",
    "community",
}
PRONOUNS = frozenset({"they", "he", "she", "them", "who"})
# a crowd taking the law into its own hands, or one community against another, without a demonstration
MOB_WORDS = _words("mob")
DEMONSTRATION_WORDS = _words("demonstration")
SEIZE_LEMMAS = _words("seize")
# what an explosive device does when it goes off
EXPLOSION_ACTS = _words("explosion_acts")
ASSAULT_VERBS = _words("assault_verbs")
INTO_THE_AIR = _words("into_the_air")
CROWD_CONTROL = _words("crowd_control")
CROWD_CONTROL_FIRST = frozenset(phrase.split()[0] for phrase in CROWD_CONTROL)
PLACE_TARGETS = _words("place_targets")
SPORTS_WORDS = _words("sports")
NON_COMBATANT_MODIFIERS = _words("non_combatant_modifiers")
GUNFIGHT_LEMMAS = _words("gunfight")
PERSON_HARM = _words("person_harm")
DISPATCH_VERBS = _words("dispatch")
AIR_NO_STRIKE = _words("air_no_strike")
THREATS = _words("threats")
DISPUTE_NOUNS = _words("dispute")
COMMUNAL_MARKERS = _words("communal_markers")
MUTINY = _words("mutiny")
UNRULY = _words("unruly")
ABSTRACT_AGENTS = _words("abstract_agents")
MINE_BLAST = _words("mine_blast")
CONFLICT_CONTEXT = _words("conflict_context")
DISRUPTIVE_PROTEST = _words("disruptive_protest")
ROADS = _words("roads")
WEAPON_BEARERS = _words("weapon_bearers")
NON_COMBATANT_ROLES = _words("non_combatant_roles")
BODY_NOUNS = _words("body_nouns")


@dataclass
class EventMention:
    """An event as one sentence tells it."""

    sent_start: int
    sent_end: int
    trigger: int
    classes: frozenset[str]
    event_type: str
    sub_event_type: str
    actor1: list[ActorMention] = field(default_factory=list)
    actor1_or: bool = False  # "JNIM or ISGS": ACLED's "X and/or Y"
    actor2: list[ActorMention] = field(default_factory=list)
    killed: list[Count] = field(default_factory=list)
    singular_victims: list[tuple[int, int]] = field(default_factory=list)  # token ranges, one victim each
    women_children: bool = False
    background: bool = False


if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


def _trigger_classes(tok: Token) -> set[str]:
    if _fr(tok.doc):
        return _trigger_classes_fr(tok)
    lex = english()
    lemma = tok.lemma_.lower()
    classes = set(lex.trigger_of_lemma.get(lemma, ())) | set(lex.trigger_of_lemma.get(tok.lower_, ()))
    if lemma in ("block", "barricade", "blockade") and tok.pos_ == "VERB":
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(any(t.lemma_.lower() in ROADS for t in o.subtree) for o in objects):
            return {"protest"}  # "residents blocked the road to Nonsin": a blockade is a protest
    if _crowd_control(tok):
        return {"protest"}  # "police used teargas to disperse the crowd": a protest met by force
    if lemma in SEIZE_LEMMAS | {"destroy"} and tok.pos_ == "VERB" and _explosive_object(tok):
        return {"disrupted"}  # "an army unit neutralized an IED", "destroyed an IED": no attack
    if lemma == "sack" and tok.pos_ != "VERB":
        return set()  # "carried sacks of grain": a bag, not sacking a town
    if lemma == "gun" and tok.pos_ != "VERB":
        return set()  # "a military gun carrier", "gun violence": a word, not gunning someone down
    if lemma in ("fight", "combat") and tok.pos_ == "VERB" and _abstract_object(tok):
        return set()  # "fighting arms trade", "we are fighting against terrorism"
    if (
        "kill" in classes
        and tok.pos_ == "VERB"
        and any(
            c.dep_ == "dobj" and c.lemma_.lower() in english().event_words.get("figurative_victims", ())
            for c in tok.children
        )
    ):
        return set()  # "it is killing our nation", "killed the deal"
    if (
        classes & {"kill", "attack"}
        and tok.pos_ == "VERB"
        and any(
            c.dep_ == "dobj" and c.lemma_.lower() in english().event_words["animals"] for c in tok.children
        )
    ):
        return {"property"}  # "slaughtered the goats", "shot a dozen cows": property, no one killed
    if lemma == "execute" and tok.pos_ == "VERB" and _executes_a_task(tok):
        return set()  # "execute on what needs to be done", "executed the plan"
    if lemma == "engage" and tok.pos_ == "VERB" and _armed_object(tok):
        return {"clash"}  # "the army engaged suspected ISGS militants"
    if lemma == "violence" and tok.pos_ == "NOUN" and any(c.lower_ == "between" for c in tok.children):
        return {"clash"}  # "communal violence between farmers and herders leaves one dead"
    if (
        lemma == "violence"
        and tok.pos_ == "NOUN"
        and not _fr(tok.doc)
        and any(c.dep_ == "amod" and c.lower_ in COMMUNAL_MARKERS for c in tok.children)
    ):
        return {"clash"}  # "two traders were hurt in ethnic violence"
    if not classes:
        return set()
    if burned_alive(tok):
        return {"kill"}  # "a crowd burned alive two men": a killing, not a fire
    if tok.dep_ == "pobj" and tok.head.lower_ == "without":
        return set()  # "took the town without a fight", "without a shot fired"
    if tok.pos_ == "NOUN" and any(
        c.dep_ in ("amod", "compound") and c.lower_ in english().event_words["unrealised_modifiers"]
        for c in tok.children
    ):
        return set()  # "citing reports of planned attacks", "fears of imminent attacks"
    if classes == {"protest"} and tok.pos_ == "NOUN" and _gathering_of_armed(tok):
        return set()  # "an air raid against a gathering of militants": fighters massing, no protest
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    shots = tok.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("shot", "gunshot", "round", "bullet") for c in tok.children
    )  # "fired warning shots", "fired several rounds"
    if lemma == "fire" and not (
        (prev is not None and prev.lemma_ in ("open", "gun"))
        or (tok.pos_ == "VERB" and nxt is not None and nxt.lower_ in ("on", "at", "upon", "shots"))
        or shots
    ):
        return set()
    set_fire = (nxt is not None and nxt.lower_ in ("fire", "ablaze", "alight")) or any(
        c.lower_ in ("fire", "ablaze", "alight") for c in tok.children
    )
    if lemma == "set" and not set_fire:
        return set()
    if lemma == "mine" and not any(t.lemma_.lower() in MINE_BLAST for t in tok.sent):
        return set()  # a gold or coal mine, a "mine boss"
    if (
        "clash" in classes
        and tok.pos_ == "VERB"
        and tok.dep_ in ("xcomp", "advcl")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and tok.head.lemma_.lower() in DISPATCH_VERBS
    ):
        return set()  # "militiamen deployed to pursue the attackers": a purpose, not yet a fight
    if (
        classes & {"clash", "attack", "kill"}
        and tok.pos_ == "VERB"
        and tok.dep_ in ("xcomp", "advcl", "acl")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and tok.head.lemma_.lower() in english().event_words["purpose_heads"]
    ):
        return set()  # "set up a joint force to fight terrorist groups": a purpose, not a fight
    if lemma in ("combat", "fighting") and tok.dep_ in ("amod", "compound"):
        return set()  # "combat officers", "fighting units": a kind of soldier, not a fight
    if "cyber" in tok.lower_ or (prev is not None and prev.lower_ in ("cyber", "heart", "panic", "asthma")):
        return set()  # "cyber-attacks", "a heart attack"
    if lemma == "shell" and (tok.pos_ == "PROPN" or tok.text == "Shell"):
        return set()  # the oil company
    if lemma == "strike":
        window = {t.lower_ for t in tok.doc[max(0, tok.i - 2) : tok.i]}
        text = tok.doc.text.lower()
        aircraft = english().triggers["air"]
        if (
            window & {"air", "drone", "aerial", "missile"}
            or any(w in text for w in ("drone strike", "air strike", "airstrike", "aerial strike"))
            or (
                tok.pos_ == "NOUN"
                and any(t.lemma_.lower() in aircraft for t in tok.doc[max(0, tok.sent.start - 60) : tok.i])
            )
        ):
            return {"air"}  # "its aircraft carried out precision strikes"
        if tok.pos_ == "NOUN":
            if _off_topic(tok.sent):
                return set()  # "a late strike sealed the victory": a shot at goal
            return {"protest"}  # a labour strike
        return {"attack"}
    if "air" in classes and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "conj"):
        verb = tok.head
        while verb.dep_ == "conj" and verb.pos_ != "VERB":
            verb = verb.head
        if verb.lemma_.lower() in DISPATCH_VERBS:
            return set()  # "French forces dispatched aircraft to secure the area": a deployment
    if "air" in classes and lemma != "airstrike":
        sent_lemmas = {t.lemma_.lower() for t in tok.sent}
        if sent_lemmas & AIR_NO_STRIKE:
            return set()  # air support, supplies dropped, aircraft hovering over the area: no strike
        if not sent_lemmas & _words("air_violence"):
            return set()
    if lemma in ("rocket", "grenade") and "propelled" in tok.sent.text.lower():
        return set()
    if lemma == "exchange" and "fire" not in tok.sent.text.lower():
        return set()
    if lemma in ("operation", "offensive") and not _operation_toll(tok):
        return set()
    if lemma in ("take", "capture") and "arrest" in classes and tok.pos_ != "VERB":
        return set()
    if (
        "arrest" in classes
        and tok.pos_ == "NOUN"
        and tok.head.lower_ == "in"
        and tok.head.head.lemma_.lower() in ("die", "death", "dead")
    ):
        return set()  # "a man who died in custody": a death, not an arrest
    if lemma == "march" and (
        tok.pos_ not in ("VERB", "NOUN") or tok.text[0].isupper() and tok.pos_ == "PROPN"
    ):
        return set()
    if lemma in ("gather", "gathering", "mobilize", "mobilise") and not any(
        t.lemma_ in GATHERING_CUES
        # "gathered in support of the army", "a gathering to express their support" (not "gathered
        # support for a tax")
        or (
            t.lemma_ == "support"
            and t.pos_ == "NOUN"
            and (t.head.lower_ == "in" or t.head.lemma_.lower() in SUPPORT_VERBS)
        )
        for t in tok.sent
    ):
        return set()
    if lemma == "shoot" and nxt is not None and nxt.lower_ == "dead":
        classes = {"kill"}
    if classes & {"explosive", "grenade", "shelling"} and tok.pos_ in ("NOUN", "PROPN"):
        governor = tok
        while governor.dep_ == "conj" and governor.head.i != governor.i:
            governor = governor.head  # "seized arms, ammunition, IEDs": the list's head
        head = governor.head
        path: list[Token] = []
        for a in tok.ancestors:
            if a.pos_ in ("VERB", "AUX") and a.dep_ not in ("amod", "compound"):
                break  # ("IED-making materials": a participle that modifies a noun is no verb here)
            path.append(a)
        verb = path[-1].head if path else tok.head
        instrument = any(a.dep_ == "prep" for a in path)  # "destroyed a bridge with explosives"
        before = [
            t for t in tok.doc[max(tok.sent.start, tok.i - 4) : tok.i] if t.pos_ not in ("DET", "NUM", "ADJ")
        ]
        if before and before[-1].lemma_.lower() in SEIZE_LEMMAS | {"destroy", "uncover", "detect"}:
            return {"disrupted"}  # "destroyed an IED" however the parser attached it
        if head.lemma_.lower() in SEIZE_LEMMAS or (
            not instrument and verb.lemma_.lower() in SEIZE_LEMMAS | {"destroy", "dismantle"}
        ):
            # "seized weapons and explosives", "found an IED", "seized two rifles, a grenade and
            # IED-making materials", "an IED workshop was destroyed"
            return {"disrupted"}
        if head.lower_ == "with" and head.head.lemma_.lower() in WEAPON_BEARERS:
            return set()  # "a militant equipped with an IED"
        if governor.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in WEAPON_BEARERS:
            return set()  # "two IED planters"
        sent_lemmas = {t.lemma_.lower() for t in tok.sent}
        if sent_lemmas & {"plant", "lay"} and not sent_lemmas & EXPLOSION_ACTS:
            return set()  # "the IED is believed to have been planted by JNIM": who laid it, no blast
    if lemma == "attack" and tok.pos_ == "NOUN" and any(t.lemma_ in SPORTS_WORDS for t in tok.sent):
        return set()
    if classes & {"kill", "attack", "abduct"} and not _fr(tok.doc) and _irrealis(tok):
        return set()  # "threatened to kill", "at risk of being executed", "vowed to attack"
    if lemma in ("seize", "hijack") and tok.pos_ == "VERB" and _carried_people(tok):
        classes = (classes - {"property"}) | {"abduct"}  # "took a minibus with its passengers"
    return classes


IRREALIS = _words("irrealis")


def _gathering_of_armed(noun: Token) -> bool:
    """Whether a noun of gathering is a gathering of armed men ("a gathering of suspected
    militants", "a rally of fighters"): the fighters massing, not a demonstration."""
    of = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
    spans = [(min(t.i for t in p.subtree), max(t.i for t in p.subtree)) for p in of]
    mentions: list[ActorMention] = noun.doc._.actor_mentions or []
    return any(kind_of([m]) in ARMED_KINDS and lo <= m.head <= hi for m in mentions for lo, hi in spans)


def _irrealis(tok: Token) -> bool:
    """Whether a trigger tells what is threatened, planned or feared, not what happened: it is in
    the complement of "threaten", "vow", "plan" or "at risk of" ("threatened to kill them")."""
    child = tok
    for depth, anc in enumerate(tok.ancestors):
        if depth > 3:
            break
        # (what is threatened follows the threat: a clause before it the parser hung there is none)
        if (
            anc.lemma_.lower() in IRREALIS
            and child.dep_ in ("xcomp", "prep", "pcomp", "acl", "ccomp")
            and child.i > anc.i
        ):
            return True
        child = anc
    return False


def _carried_people(verb: Token) -> bool:
    """Whether what ``verb`` seized is a vehicle taken with people in it: "took a minibus with
    its passengers", "seized an ambulance together with its driver"."""

    def people_with(head: Token) -> bool:
        # "with the drivers", "together with its driver" (not "loaded with goods from traders")
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "with"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if any(is_person_noun(p) for p in (obj, *obj.conjuncts)):
                    return True
        together = [c for c in head.children if c.lower_ == "together"]
        return any(people_with(t) for t in together)

    return people_with(verb) or any(people_with(c) for c in verb.children if c.dep_ == "dobj")


def _violent_sentence(sent: Span) -> bool:
    """Whether a sentence has a word of armed violence (what aircraft words and phrases need to be a
    strike)."""
    violence = _ew(sent.doc)["air_violence"]
    return any(t.lemma_.lower() in violence for t in sent)


def _operation_toll(tok: Token) -> bool:
    """Whether a military operation is told with its dead, in its sentence or the next ("forces
    conducted operations near Kissi. Several corpses of militants were left behind")."""
    sent = tok.sent
    words = [*sent]
    if sent.end < len(tok.doc):
        words += [*tok.doc[sent.end].sent]
    toll = _words("operation_toll")
    return any(t.lemma_.lower() in toll or t.lower_ in toll for t in words)


def _executes_a_task(verb: Token) -> bool:
    """Whether "execute" means carrying something out: its object is a task ("executed the plan",
    "execute the warrant"), or it has no object and no passive subject ("execute on what needs ...")."""
    tasks = english().event_words.get("executed_tasks", frozenset())
    deps = {c.dep_ for c in verb.children}
    if "dobj" not in deps and "nsubjpass" not in deps:
        return verb.tag_ != "VBN"  # "eleven were found executed": a killing
    return any(c.dep_ == "dobj" and c.lemma_.lower() in tasks for c in verb.children)


def _abstract_object(verb: Token) -> bool:
    """Whether what ``verb`` acts on is a thing, not people or an armed actor: its object (or
    the object of its "against"/"on") is a noun that names no person and no actor."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("against", "on")):
        objects += [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
    if not objects:
        return False
    mentions = verb.doc._.actor_mentions or []
    for obj in objects:
        if obj.pos_ in ("PRON", "PROPN", "NUM") or is_person_noun(obj):
            return False
        if any(obj.left_edge.i <= m.head <= obj.right_edge.i for m in mentions):
            return False
    return True


def _explosive_object(verb: Token) -> bool:
    """Whether the direct object of ``verb`` is an explosive device ("neutralized an IED")."""
    explosive = english().triggers.get("explosive", set())
    return any(
        c.dep_ == "dobj" and (c.lemma_.lower() in explosive or c.lower_ in explosive) for c in verb.children
    )


def _armed_object(verb: Token) -> bool:
    """Whether the direct object of ``verb`` names an armed actor."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for m in verb.doc._.actor_mentions or []:
            if obj.left_edge.i <= m.head <= obj.i and kind_of([m]) in ARMED_KINDS:
                return True
    return False


def _crowd_control(tok: Token) -> bool:
    """Whether ``tok`` is a police act only a crowd undergoes ("dispersed the protesters", "fired
    teargas at students"), with the crowd named in its sentence."""
    if _fr(tok.doc):
        return _crowd_control_fr(tok)
    lemma = tok.lemma_.lower()
    if lemma not in CROWD_CONTROL_FIRST:
        return False  # most tokens: no dictionary work beyond this (it runs on every token)
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    pair = f"{lemma} {nxt.lower_}" if nxt is not None else ""
    if not (lemma in CROWD_CONTROL or pair in CROWD_CONTROL):
        return False
    if lemma in ("disperse", "break") and tok.pos_ != "VERB":
        return False
    crowd = english().event_words["crowd_nouns"]
    return any(t.lemma_.lower() in crowd or t.lower_ in crowd for t in tok.sent if t.i != tok.i)


def _assault_verb(sent: Span) -> bool:
    """Whether men assault someone in the sentence ("attacked", "raided", "stormed"), as opposed
    to a bomb that "struck" a vehicle."""
    return any(t.pos_ == "VERB" and t.lemma_.lower() in ASSAULT_VERBS for t in sent)


def _into_the_air(sent: Span) -> bool:
    """Whether the sentence tells shots fired "in the air" / "into the air"."""
    low = sent.text.lower()
    return any(phrase in low for phrase in INTO_THE_AIR)


def _protest_topic(tok: Token) -> bool:
    """Whether ``tok`` is what a protest is about ("protested the assault", "against barricades")."""
    topics = for_lang(tok.doc.lang_).protest_topic_heads
    child = tok
    for anc in tok.ancestors:
        # "protested and burned the station": a conjoined action is what they did, not the topic
        # "protested violently": a manner, not a topic
        # "paid tribute to those killed in the bombing": the light verb's object is the topic head
        light = any(c.dep_ == "dobj" and c.lemma_.lower() in topics and c.i < tok.i for c in anc.children)
        if (
            (anc.lemma_.lower() in topics or light)
            and anc.i < tok.i
            and child.dep_ not in ("conj", "advcl", "cc", "advmod")
            # "protested the firings by blocking roads": a means, not a topic
            and not (child.dep_ == "prep" and child.lower_ in ("by", "with", "through"))
            and not (_fr(tok.doc) and _claims_allegiance_fr(anc))  # "se réclamant de l'EIGS ont attaqué"
            and not (_fr(tok.doc) and _claim_of_responsibility_fr(anc))  # "a revendiqué l'attaque"
        ):
            return True
        if anc.dep_ == "ROOT":
            break
        child = anc
    return _protest_reason_fr(tok) if _fr(tok.doc) else _protest_reason(tok)


def _support_shown_fr(sent: Span) -> bool:
    """A gathering "pour exprimer leur soutien aux FDS", "en soutien à l'armée", "un rassemblement de
    soutien" is a protest (English "in support of", "to show their support"): "soutien" after "en",
    under a verb of showing (event_words.support_verbs) or under the gathering word itself."""
    shows = _ew(sent.doc)["support_verbs"]
    gatherings = {"rassembler", "rassemblement", "mobilisation", "meeting", "marche", "sit-in"}
    return any(
        t.lemma_.lower() == "soutien"
        and t.pos_ == "NOUN"
        and (
            any(c.dep_ == "case" and c.lower_ == "en" for c in t.children)
            or t.head.lemma_.lower() in shows
            or (t.head.lemma_.lower() in gatherings and _case(t) in ("de", "d'"))
        )
        for t in sent
    )


def _protest_reason_fr(tok: Token) -> bool:
    """French _protest_reason: ``tok`` lies in a phrase of what surrounds a protest ("face à la
    multiplication des attaques", "sur fond de", "dans un contexte de", "après", "malgré";
    words.context_cases, words.context_heads) and the sentence names a protest outside it ("ont
    organisé un rassemblement de soutien aux FDS, face à la multiplication des attaques")."""
    cases = _frw("context_cases")
    heads = _frw("context_heads")
    phrase = None
    for node in [tok, *tok.ancestors]:
        if node.dep_ == "ROOT":
            break
        if any(c.dep_ in ("case", "mark") and c.lower_ in cases for c in node.children) or (
            node.dep_ == "nmod" and node.head.lemma_.lower() in heads
        ):
            phrase = node
            break
    if phrase is None:
        return False
    protest = for_lang("fr").triggers.get("protest", set())
    return any(
        (t.lemma_.lower() in protest or t.lower_ in protest)
        and not phrase.left_edge.i <= t.i <= phrase.right_edge.i
        for t in tok.sent
    )


REASON_PREPS = frozenset({"after", "following", "over", "amid", "despite"})
REASON_MARKS = frozenset({"after", "because", "since", "following"})


def _protest_reason(tok: Token) -> bool:
    """Whether ``tok`` is in the reason a protest gives, not its deed: under an "after", "following",
    "over" or "amid" phrase or clause of a protest word ("demonstrated after policemen seized their
    tricycles", "marched after the 2020 mutiny")."""
    protest_words = english().triggers.get("protest", set())
    child = tok
    reason = False
    for anc in tok.ancestors:
        if (child.dep_ == "prep" and child.lower_ in REASON_PREPS) or (
            child.dep_ in ("advcl", "pcomp")
            and any(c.dep_ == "mark" and c.lower_ in REASON_MARKS for c in child.children)
        ):
            reason = True
        if (
            reason
            and anc.pos_ in ("VERB", "NOUN")
            and (
                anc.lemma_.lower() in protest_words
                or any(c.dep_ == "dobj" and _names_protest(c, protest_words) for c in anc.children)
            )
        ):
            return True  # "organised a sit-in" is a protest verb too
        if anc.dep_ == "ROOT":
            break
        child = anc
    return False


def _reason_phrase(noun: Token) -> bool:
    """Whether a noun is the reason given for what a sentence tells: the object of "after",
    "following", "over", "in response to", "in retaliation for" ("following the arrest of a soldier")."""
    head = noun.head
    if head.dep_ != "prep" or head.i == noun.i:
        return False
    if head.lower_ in REASON_PREPS:
        return True
    return head.lower_ in ("to", "for") and head.head.lemma_.lower() in (
        "response",
        "retaliation",
        "reaction",
        "protest",
    )


def _reason_given(tok: Token) -> bool:
    """Whether ``tok`` is in an "after", "following", "for" or "because" phrase or clause: the
    reason given for what its sentence tells ("arrested for allegedly raping a girl")."""
    child = tok
    for anc in [tok, *tok.ancestors]:
        if child is not anc and child.dep_ == "prep" and child.lower_ in REASON_PREPS | {"for"}:
            return True
        if any(c.dep_ == "mark" and c.lower_ in REASON_MARKS for c in anc.children):
            return True
        if anc.dep_ == "ROOT":
            break
        child = anc
    return False


def _under_reason(tok: Token, stop: Token | None = None) -> bool:
    """Whether an "after", "following", "amid" phrase or an "after", "because" clause lies between
    ``tok`` and ``stop`` (or the root): what the sentence tells happened before or around its event
    ("raided the depot after the soldiers withdrew", "following the ambush that killed two policemen")."""
    child = tok
    for anc in tok.ancestors:
        if child.dep_ == "prep" and child.lower_ in REASON_PREPS:
            return True
        if child is not tok and any(c.dep_ == "mark" and c.lower_ in REASON_MARKS for c in child.children):
            return True
        if stop is not None and anc.i == stop.i:
            return False
        child = anc
    return False


def _describes_protesters(tok: Token) -> bool:
    """Whether a participle only says who the protesters are: "families of detained gendarmes
    staged a sit-in", "the wives of soldiers killed in the north marched" (a participle with no
    subject of its own, in the subject of a protest verb)."""
    if tok.tag_ != "VBN" or tok.dep_ not in ("amod", "acl"):
        return False
    protest_words = english().triggers.get("protest", set())
    for anc in tok.ancestors:
        if anc.dep_ in ("nsubj", "nsubjpass"):
            verb = anc.head
            said = tok.doc[verb.i : verb.right_edge.i + 1].text.lower()
            # "marched", or a phrase of protest after the verb ("staged a sit-in")
            return verb.lemma_.lower() in protest_words or any(" " in p and p in said for p in protest_words)
        if anc.dep_ == "ROOT":
            break
    return False


def _crowd_subject(doc: Doc, sent: Span) -> bool:
    """Whether the subject of a sentence's main verb names demonstrators ("protesters surrounded
    the palace"): what they do is their demonstration, whatever the verb."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or _negated(root):
        return False
    # ... or the agent of its passive ("the road was closed by demonstrators"; not "the protest was
    # called by the unions", which tells who called a protest told elsewhere)
    crowd = english().event_words["crowd_nouns"]
    told = any(c.dep_ == "nsubjpass" and c.lemma_.lower() in crowd for c in root.children)
    agents = (
        []
        if told
        else [p for c in root.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    )
    for subject in [c for c in root.children if c.dep_ == "nsubj"] + agents:
        if any(kind_of([m]) == "protesters" for m in _mentions_in(doc, subject)):
            return True
    return False


def _civilians_shut(doc: Doc, sent: Span) -> bool:
    """Whether civilians shut a public place as their protest ("students closed down the high
    commissioner's office", "residents padlocked the town hall"): no one closes an office of the
    state for them but in protest."""
    words = english().event_words
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in words["shut_verbs"] or _negated(verb):
            continue
        # "closed the office", "closed down the office" (the parser may hang it on "down")
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [
            p for c in verb.children if c.dep_ in ("prt", "prep") for p in c.children if p.dep_ == "pobj"
        ]
        if not any(o.lemma_.lower() in words["public_places"] for o in objects):
            continue
        # a crowd of civilians, not "the mayor closed the office for the holidays"
        crowds = words["crowd_nouns"] | words["shut_crowds"]
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in crowds]
        if any(kind_of([m]) in ("civilians", "protesters") for s in subjects for m in _mentions_in(doc, s)):
            return True
    return False


def _left_for_insecurity(doc: Doc, sent: Span) -> Token | None:
    """The verb by which the state's men, its offices or people at work withdraw, close or suspend their work
    because of insecurity ("the police withdrew from the town amid security concerns", "the court
    closed down after its officers were threatened", "teachers suspended classes over the security
    situation"): a strategic development, not a protest, though no one was hurt."""
    w = _ew(doc)
    low = sent.text.lower()
    if not any(find_phrase(low, cue) >= 0 for cue in w["insecurity_cues"]):
        return None
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in w["withdrawal_verbs"] or _negated(verb):
            continue
        if _irrealis(verb) or _protest_topic(verb):
            continue  # "threatened to close", "demanding the school be reopened after it closed"
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ == "conj" and not subjects:
            subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subject in subjects:
            if any(t.lemma_.lower() in w["public_places"] for t in subject.subtree):
                return verb  # "the police station in Arbinda closed down"
            kinds = {kind_of([m]) for m in _mentions_in(doc, subject)}
            if kinds & {"state_forces", "police", "government", "civilians"}:
                return verb
    return None


def _accused_of(trigger: Token) -> Token | None:
    """Who is accused of a deed told under "of" ("accused soldiers of looting shops", however the
    parser hangs "looting"): the object of the verb of accusing."""
    for of in trigger.ancestors:
        if of.lower_ != "of" or of.dep_ != "prep":
            continue
        head = of.head
        verb = head.head if head.dep_ == "dobj" else head
        if verb.lemma_.lower() in _ew(trigger.doc)["accuse_verbs"]:
            return next((c for c in verb.children if c.dep_ == "dobj"), None)
        return None
    return None


def _died_in_idiom(noun: Token) -> bool:
    """Whether people are the subject of an idiom of dying ("two gendarmes lost their lives",
    "seven of our soldiers fell on the field of honour")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head  # "seven of our soldiers"
    if noun.dep_ != "nsubj":
        return False
    return death_idiom_at(noun.head) or noun.head.lemma_.lower() in _ew(noun.doc)["dying_verbs"]


def _of_them(number: Token) -> bool:
    """Whether a number counts "of them" ("killing eleven of them")."""
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(p.lower_ == "them" for p in c.children)
        for c in number.children
    )


def _found_dead_in(trigger: Token) -> tuple[set[int], Token] | None:
    """The token indices of the relative clause a killing is told in, and the noun it describes,
    when that noun is of bodies someone found ("recovered the bodies of 17 people who had been
    abducted and killed"): whoever found them did not kill them."""
    bodies = BODY_NOUNS
    for anc in [trigger, *trigger.ancestors]:
        if anc.dep_ in ("relcl", "acl"):
            noun = anc.head
            owner = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
            if noun.lemma_.lower() in bodies or owner.lemma_.lower() in bodies:
                return {t.i for t in anc.subtree}, noun
            return None
    return None


def _under_fire(sent: Span) -> tuple[Token | None, Token] | None:
    """(attacker, target) of "X came under fire (from Y)", "X came under attack by Y": the subject
    is the target and the attacker follows "from" or "by"."""
    for verb in sent:
        if verb.lemma_.lower() != "come" or verb.pos_ not in ("VERB", "AUX"):
            continue
        under = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "under"]
        assaults = [
            p
            for u in under
            for p in u.children
            if p.dep_ == "pobj" and _trigger_classes(p) & {"attack", "clash"}
        ]
        if not assaults and not any(
            c.lower_ == "fire" for u in under for c in u.children if c.dep_ == "pobj"
        ):
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects:
            continue
        heads = [verb, *assaults, *(c for u in under for c in u.children if c.dep_ == "pobj")]
        attacker = next(
            (
                p
                for h in heads
                for c in h.children
                if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
                for p in c.children
                if p.dep_ == "pobj"
            ),
            None,
        )
        return attacker, subjects[0]
    return None


def _named_in(doc: Doc, sent: Span, kinds: frozenset[str] | set[str]) -> list[ActorMention]:
    """The actor mentions of a sentence whose kind is one of ``kinds``."""
    return [
        m for m in doc._.actor_mentions or [] if sent.start <= m.start < sent.end and kind_of([m]) in kinds
    ]


def _concluded(verb: Token) -> bool:
    """Whether a verb tells a thing done, not one negated, threatened, planned, sought or refused
    ("refused to sign the truce", "plans to set up a base": ``unconcluded`` above it)."""
    unconcluded = _ew(verb.doc)["unconcluded"]
    return not (
        _negated(verb)
        or _irrealis(verb)
        or any(a.lemma_.lower() in unconcluded for a in list(verb.ancestors)[:3])
    )


def _base_established(doc: Doc, sent: Span) -> Token | None:
    """The verb by which forces or a group set up a base in the sentence ("the army established a
    forward operating base at Makalondi", "JNIM set up a camp in the forest"): ACLED's headquarters
    or base established. Not a base planned, nor one others speak of setting up."""
    w = _ew(doc)
    if not _named_in(doc, sent, ARMED_KINDS):
        return None
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in w["establish_verbs"]:
            continue
        if verb.lemma_.lower() == "set" and not any(c.lower_ == "up" for c in verb.children):
            continue
        if not _concluded(verb):
            continue  # "plans to set up a base", "refused to open a camp"
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(t.lemma_.lower() in w["base_nouns"] for o in objects for t in o.subtree):
            return verb
    return None


def _handed_over(doc: Doc, sent: Span) -> Token | None:
    """The verb by which a base, a camp or a town changes hands peacefully in the sentence ("the UN mission
    handed over its camp in Tessalit to the army", "the army took over the camp vacated by the
    peacekeepers"): a phrase of handing over (``handover_phrases``), a place of forces
    (``held_places``) and a state force, a peacekeeping mission or an armed group named."""
    w = _ew(doc)
    low = sent.text.lower()
    if not any(find_phrase(low, p) >= 0 for p in w["handover_phrases"]):
        return None
    places = [t for t in sent if t.lemma_.lower() in w["held_places"]]
    if not places or not _named_in(doc, sent, ARMED_KINDS | {"government"}):
        return None
    # the verb the place hangs on: "took over the camp", "handed over its camp"
    verb = places[0]
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else sent.root


def _agreement_made(doc: Doc, sent: Span) -> Token | None:
    """The verb by which parties to the conflict conclude an agreement in the sentence ("the government and
    the CMA signed a peace agreement", "the two groups agreed to a ceasefire"): a verb of concluding
    (``agreement_verbs``) with a noun of accord (``accord_nouns``) in its reach, and a government or
    an armed actor named in the sentence. Talks "aimed at" an accord, or a refusal, are none."""
    w = _ew(doc)
    speaker = _is_speaker_fr if _fr(doc) else is_speaker
    # (not "..., the government announced": who tells it)
    parties = [m for m in _named_in(doc, sent, ARMED_KINDS | {"government"}) if not speaker(doc[m.head])]
    if not parties:
        return None
    # ACLED's agreements are between parties to the conflict: a truce or a peace deal, or any accord
    # an armed group signs; not a trade or power-line accord between two states
    low = sent.text.lower()
    conflict_accord = any(t.lemma_.lower() in w["truce_nouns"] for t in sent) or any(
        find_phrase(low, p) >= 0 for p in w["peace_words"]
    )
    if not conflict_accord and not any(
        kind_of([m]) in ARMED_KINDS - {"state_forces", "police"} for m in parties
    ):
        return None
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in w["agreement_verbs"]:
            continue
        if not _concluded(verb) or _protest_topic(verb):
            continue  # "talks aimed at reaching a ceasefire", "refused to sign the truce"
        if any(t.lemma_.lower() in w["accord_nouns"] for t in verb.subtree if t.i != verb.i):
            return verb
    return None


def _civilians_shut_fr(sent: Span) -> bool:
    """French _civilians_shut: "des élèves ont fermé les bureaux du haut-commissariat", "les
    commerçants ont cadenassé les portes de la mairie" (the place may be the "de" phrase of the
    object: "les portes du lycée"); the same event_words lists in data/fr/lexicon.json."""
    doc = sent.doc
    words = _ew(doc)
    crowds = words["crowd_nouns"] | words["shut_crowds"]
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in words["shut_verbs"] or _negated(verb):
            continue
        objects = [c for c in verb.children if c.dep_ == "obj"]
        objects += [g for o in objects for g in o.children if g.dep_ == "nmod" and _case(g) in _FR_OF]
        if not any(
            o.lemma_.lower() in words["public_places"] or o.lower_ in words["public_places"] for o in objects
        ):
            continue
        subjects = [
            c
            for c in verb.children
            if c.dep_ == "nsubj" and (c.lemma_.lower() in crowds or c.lower_ in crowds)
        ]
        if any(kind_of([m]) in ("civilians", "protesters") for s in subjects for m in _mentions_in(doc, s)):
            return True
    return False


def _names_protest(noun: Token, protest_words: set[str]) -> bool:
    """Whether a noun phrase names a protest ("a march", "a sit-in", "a hunger strike")."""
    text = noun.doc[noun.left_edge.i : noun.i + 1].text.lower()
    return noun.lemma_.lower() in protest_words or any(
        " " in p or "-" in p for p in protest_words if p in text
    )


def forces_intervened_in(doc: Doc) -> bool:
    """Whether police or soldiers disperse, tear-gas or arrest anyone anywhere in the document
    ("They were dispersed by police using tear gas", a sentence after the protest)."""
    cached = doc.user_data.get("conflictlens.intervened")
    if cached is not None:
        return bool(cached)
    forces = {m.head for m in doc._.actor_mentions or [] if kind_of([m]) in ("police", "state_forces")}
    if _fr(doc):
        intervention = _ew(doc)["intervention"] - {"bloquer", "interdire", "empêcher", "tirer", "battre"}
    else:
        intervention = INTERVENTION_WORDS - {"block", "ban", "stop", "prevent", "fire", "shoot", "beat"}
    found = False
    for sent in doc.sents:
        if not any(sent.start <= h < sent.end for h in forces):
            continue
        if any(
            t.lemma_.lower() in intervention
            and not _negated(t)
            and not (not _fr(doc) and _describes_protesters(t))  # "families of detained gendarmes"
            for t in sent
        ):
            found = True
            break
    doc.user_data["conflictlens.intervened"] = found
    return found


def _classify(
    classes: set[str],
    sent: Span,
    a1: list[ActorMention],
    a2: list[ActorMention],
    property_target: bool = False,
    mentions: list[ActorMention] | None = None,
) -> tuple[str, str]:
    """ACLED event_type and sub_event_type, with ACLED's precedence rules."""
    a1_kind = kind_of(a1)
    a2_kind = kind_of(a2)
    if a2 and all(m.generic == "ethnic" for m in a2) and "clash" not in classes and a1_kind in ARMED_KINDS:
        a2_kind = "civilians"  # "militants killed three Fulani": civilians of an ethnic group
    mentions = (mentions or []) + a1 + a2
    lemmas = {t.lemma_.lower() for t in sent}
    fr = _fr(sent.doc)
    w = _ew(sent.doc)
    if fr:
        lemmas |= {t.lower_ for t in sent}  # the French lemmatizer misses forms the lists name
        if any(_ROAD_NUMBER.fullmatch(t.text) for t in sent):
            lemmas.add("route")  # "ont bloqué la RN4": a road
    if classes & set(STRONG_CLASSES) == {"accord"}:
        return "Strategic developments", "Agreement"
    if classes & set(STRONG_CLASSES) == {"base"}:
        return "Strategic developments", "Headquarters or base established"
    if classes & set(STRONG_CLASSES) == {"handover"}:
        return "Strategic developments", "Non-violent transfer of territory"
    if classes & set(STRONG_CLASSES) == {"withdrawal"}:
        if a1_kind in ARMED_KINDS:
            return "Strategic developments", "Change to group/activity"  # the police leave a town
        return "Strategic developments", "Other"  # a court or a school closes for fear of attacks
    peaceful = _frw("peaceful") if fr else frozenset({"former", "peacefully", "peaceful", "relative"})
    kinds = {kind_of([m]) for m in mentions}
    violent = classes & {"kill", "attack", "clash", "abduct", "sexual"}
    if (
        (a1_kind == "state_forces" or (a1_kind == "police" and lemmas & w["mutiny"]))
        and (
            lemmas & w["mutiny"]
            or ("protest" in classes and not classes & {"kill", "arrest"} and lemmas & w["unruly"])
            or (not fr and _into_the_air(sent) and not classes & {"kill"} and a2_kind not in ARMED_KINDS)
        )
        and not lemmas & peaceful
    ):
        # soldiers who demonstrate, mutiny or fire into the air in the streets: rioters, and a
        # violent demonstration (ACLED codes mutinies so: 27 of 27 in the Burkina Faso notes)
        return "Riots", "Violent demonstration"
    if (
        violent
        and a1_kind in ("police", "state_forces")
        and "protesters" in kinds
        and not classes & {"explosive", "air", "shelling", "suicide"}
        and not _unruly_crowd(sent.doc)
    ):
        # "police opened fire on demonstrators, killing two": force used on a demonstration
        if "kill" in classes or lemmas & w["harm"]:
            return "Protests", "Excessive force against protesters"
        return "Protests", "Protest with intervention"
    if fr and any(p in sent.text.lower() for p in w["into_the_air"]):
        lemmas = lemmas - {"tirer", "tir", "tirs"}  # "ont tiré des coups de feu en l'air": no one harmed
    elif fr and not any(_shoots_at_fr(t) for t in sent):
        lemmas = lemmas - {"tirer"}  # "tirant des coups de feu et brûlant des fournitures": shots at no one
    armed_deeds = {"kill", "attack", "clash", "abduct", "sexual", "explosive", "air", "shelling", "grenade"}
    armed_deeds |= {"suicide", "property", "riot", "territory_taken", "territory_regained", "disrupted"}
    if "protest" in classes and (a1_kind not in ARMED_KINDS - {"police"} or not classes & armed_deeds):
        # (soldiers, militiamen or members of a community who only march or sit in are protesters)
        # "demanding the removal of barricades", "pour protester contre le blocage des salaires": what
        # the protest is about is no deed of it
        deeds = _deeds_fr(sent) if fr else {t.lemma_.lower() for t in sent if not _protest_topic(t)}
        if (
            classes & {"riot", "property", "clash"}
            or a1_kind == "rioters"
            or _disruptive(deeds, w)
            or ("attack" in classes and a1_kind in (None, "protesters", "rioters"))
            # (police or soldiers on strike who raid a building: a mutiny's violence; their force on
            # the people is force used on them)
            or (
                "attack" in classes
                and a1_kind in ("police", "state_forces")
                and a2_kind not in ("civilians", "protesters")
            )
        ):
            return "Riots", "Violent demonstration"
        forces_present = bool(kinds & {"police", "state_forces"})
        if forces_present and ("kill" in classes or (a2_kind == "protesters" and violent)):
            return "Protests", "Excessive force against protesters"
        intervened = any(
            t.lemma_.lower() in w["intervention"]
            and not _negated(t)
            and not (not fr and _describes_protesters(t))
            for t in sent
        )  # "the police watched but did not intervene" is no intervention, "relatives of arrested men" none
        if (forces_present and intervened) or "arrest" in classes or forces_intervened_in(sent.doc):
            return "Protests", "Protest with intervention"
        return "Protests", "Peaceful protest"
    # a riot with no demonstration behind it is mob violence
    # a brawl between groups ("students clashed with ...") with no demonstration word is mob violence
    demonstrating = bool(lemmas & w["demonstration"] - {"student", "pupil"}) or "protest" in classes
    riot_sub = (
        "Mob violence"
        if (lemmas & w["mob"] or "clash" in classes) and not demonstrating
        else "Violent demonstration"
    )
    unknown_raid = a1_kind is None and a2_kind in ARMED_KINDS and "attack" in classes
    if (
        "riot" in classes
        and not fr
        and a1_kind == "unidentified_armed_group"
        and not any(m.named for m in a1)
        and {sent.doc[m.head].lemma_.lower() for m in a1} <= w["anonymous_persons"]
        and _stones_only(sent, classes)
    ):
        return "Riots", riot_sub  # "unknown individuals threw stones at gendarmes": rioters, not gunmen
    if "riot" in classes and a1_kind not in ARMED_KINDS and not unknown_raid:
        # (an attack on a gendarmerie post by no one named, then "ransacked", is no riot)
        if (lemmas & _frw("lynch")) if fr else ("lynch" in lemmas or "mob" in lemmas):
            return "Riots", "Mob violence"
        return "Riots", riot_sub
    if "disrupted" in classes and not classes & {"kill"}:
        return "Strategic developments", "Disrupted weapons use"
    if "explosive" in classes and any(p in sent.text.lower() for p in w["premature_blast"]):
        # "three militants were killed while planting an IED": their own device, no attack
        return "Strategic developments", "Disrupted weapons use"
    if "suicide" in classes and classes & {"explosive", "attack", "kill"}:
        return "Explosions/Remote violence", "Suicide bomb"
    if "air" in classes:
        return "Explosions/Remote violence", "Air/drone strike"
    # an ambush that opens with an IED and goes on with gunfire is an armed clash
    low = sent.text.lower()
    gun_words = lemmas - _shell_fire_fr(sent) if fr else lemmas  # "des tirs d'obus": shelling, no gunfight
    gunfight = bool(gun_words & w["gunfight"]) or any(p in low for p in w.get("gunfight_phrases", ()))
    ambush = (
        bool(classes & {"attack", "clash"})
        and a2_kind in ARMED_KINDS
        and (
            any(t.lemma_.lower() == "ambush" and not _told_before(t) for t in sent)
            or gunfight
            or _assault_verb(sent)
        )
    )  # "a complex ambush initiated by an IED, then small arms fire"; "attacked the police station
    # and set off explosives": an assault on armed men with a bomb in it, not a bomb alone
    armed_fight = (
        bool(classes & {"attack", "clash"})
        and a2_kind in ARMED_KINDS
        and a1_kind not in ("civilians", "protesters", "rioters")
    )  # "a skirmish between protesters and security forces" is a riot
    if armed_fight and gunfight and not classes & {"air", "suicide"} and not property_target:
        # (a post attacked while it was empty is property, whatever rifles were taken from it)
        return "Battles", "Armed clash"  # rockets, then gunfire against a base: a battle
    if "shelling" in classes:
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if "grenade" in classes:
        return "Explosions/Remote violence", "Grenade"
    if "explosive" in classes and not ambush:
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    if classes & {"territory_regained", "territory_taken"} and a1_kind in ("state_forces", "police"):
        # "troops took control of Kidal after the rebels withdrew": the state's taking is a regaining
        return "Battles", "Government regains territory"
    if "territory_taken" in classes and a1_kind in ARMED_KINDS - {"state_forces", "police"}:
        if not classes & {"attack", "clash", "kill"} and not lemmas & w["gunfight"]:
            return "Strategic developments", "Non-violent transfer of territory"  # "took control of"
        return "Battles", "Non-state actor overtakes territory"
    if "sexual" in classes:
        return "Violence against civilians", "Sexual violence"
    if "abduct" in classes and "kill" not in classes:  # abducted and then executed: an attack
        if a2_kind in ARMED_KINDS and classes & {"clash", "attack"}:
            return "Battles", "Armed clash"  # a patrol attacked and some of its men taken
        if (
            a2_kind in MILITIA_KINDS
            and a1_kind in NON_STATE_ARMED
            and not any(m in sent.text.lower() for m in w["non_combatant_modifiers"])  # "(off-duty)"
        ):
            # "militants abducted two VDP volunteers": ACLED codes taking militiamen as a clash
            return "Battles", "Armed clash"
        if lemmas & w["harm"] - {"kill", "dead", "die"}:
            # "beat the drinkers and abducted two vendors", "wounded and abducted a man": ACLED
            # codes the harm done, an attack
            return "Violence against civilians", "Attack"
        return "Violence against civilians", "Abduction/forced disappearance"
    if "kill" in classes and a1_kind == "rioters":
        return "Riots", "Mob violence"
    if (
        "arrest" in classes
        and "property" in classes
        and a1_kind in ("police", "state_forces")
        and not classes & (VIOLENT_CLASSES | {"riot"})
        and not lemmas & w["harm"]
    ):
        return "Strategic developments", "Arrests"  # "arrested 12 suspects and seized weapons": a raid's haul
    crowd = a1_kind in ("civilians", "protesters", "rioters")
    measure_only = "measures" in classes and not classes & {"property", "riot", "attack"}
    if property_target and measure_only:
        property_target = False  # "a annoncé l'interdiction de la circulation des motos": no damage
    # "reports of looting along the avenue": looting by no one named, in unrest, is a riot's
    unattributed_looting = (
        not a1 and not a2 and not fr and any(t.lemma_.lower() in w["looting"] for t in sent)
    )
    arrest_only = classes & set(STRONG_CLASSES) == {"arrest"}  # "arrested an opposition figure"
    if (
        property_target
        and not arrest_only
        and not classes & {"kill", "abduct", "sexual", "clash"}
        and not lemmas & w["harm"]
    ):
        if crowd or (unattributed_looting and classes & set(STRONG_CLASSES) == {"property"}):
            return "Riots", riot_sub  # a crowd burning a town hall
        if fr and not a1 and not a2 and lemmas & w["looting"]:
            return "Riots", "Violent demonstration"  # "des pillages de magasins ont été signalés"
        return "Strategic developments", "Looting/property destruction"  # "attacked and burned a school"
    raid = (
        "property" in classes
        and "attack" in classes
        and not classes & {"kill", "abduct", "sexual", "clash"}
        and not lemmas & w["harm"]
        and a2_kind not in ARMED_KINDS
        and not _harms_people(sent)
    )
    if raid:
        # "attacked the village, burned houses and seized livestock; no casualties": what was hit
        # is property, so ACLED codes the looting, not an attack on people
        if crowd:
            return "Riots", riot_sub
        return "Strategic developments", "Looting/property destruction"
    if (
        not fr
        and classes & set(STRONG_CLASSES) <= {"attack"}
        and _into_the_air(sent)
        and not lemmas & w["harm"]
        and a1_kind in ARMED_KINDS
        and a2_kind not in ARMED_KINDS
    ):
        # "militants entered the village and fired in the air": a show of force that hurt no one
        return "Strategic developments", "Change to group/activity"
    if (
        not fr
        and classes & set(STRONG_CLASSES) == {"attack"}
        and lemmas & english().triggers["attack"] <= THREATS
        and not {t.lemma_.lower() for t in sent if not _irrealis(t)} & w["harm"]  # "threatened to kill"
        and not _harms_people(sent)
        and not lemmas & english().triggers["abduct"]  # "took them hostage and threatened them"
    ):
        # "militants entered the village and threatened the teachers": ACLED codes threats that
        # hurt no one as a change in the group's activity, not an attack
        return "Strategic developments", "Change to group/activity"
    assassination = bool(lemmas & _frw("assassinate")) if fr else "assassinate" in lemmas
    if violent and assassination and a2_kind not in ARMED_KINDS:
        return "Violence against civilians", "Attack"  # a targeted killing of one person
    # "rival groups of worshippers" are no communal militias: "rival" alone marks no community
    markers = w["communal_markers"] if fr else w["communal_markers"] - {"rival", "rivalry"}
    communal_fight = (
        bool(lemmas & markers)
        and bool(lemmas & w["fight_nouns"] | classes & {"clash"})
        and classes & {"kill", "clash"}
        and a1_kind not in ("state_forces", "police", "islamist_militant_group", "rebel_group")
        and not (a1 and a1[0].named)
        and not (not fr and _political_brawl(sent))  # "supporters of rival candidates fought": a mob
    )
    if communal_fight:
        return "Battles", "Armed clash"  # "four killed amid a land dispute between Karaboro and Mossi"
    if violent:
        unarmed = {a1_kind, a2_kind} <= {None, "civilians", "rioters", "protesters"} and (
            a1_kind is not None
            or ("clash" in classes and a2_kind is not None and not (fr and lemmas & w["gunfight"]))
        )  # "clashes between students": a brawl, whoever is named ("tués dans des échanges de tirs" is not)
        crowd_vs_state = {a1_kind, a2_kind} & {"civilians", "protesters", "rioters"} and {
            a1_kind,
            a2_kind,
        } & {
            "police",
            "state_forces",
        }
        if (
            "clash" in classes
            and not a1
            and kinds <= {None, "civilians", "rioters", "protesters"}
            and (lemmas & w["mob"] or _political_brawl(sent))
            and not gunfight
            and not fr
        ):
            # "two families' quarrel turned into clashes": no armed side named, a
            # quarrel between groups of people: mob violence
            return "Riots", riot_sub
        operation = bool(lemmas & w["operations"]) and a1_kind in ("state_forces", "police")
        if "clash" in classes and (unarmed or crowd_vs_state) and not operation:
            # (troops whose operation killed civilians attacked them: no brawl)
            return "Riots", riot_sub  # a brawl between groups of civilians, or with the police
        if a1_kind == "protesters":
            return "Riots", "Violent demonstration"  # "police stations were attacked by demonstrators"
        crowd_heads = {sent.doc[m.head].lemma_.lower() for m in a1}
        if a1_kind == "rioters" or (
            a1_kind == "civilians"
            and a2_kind in ARMED_KINDS
            and not classes & {"kill", "clash"}
            and not crowd_heads & w["anonymous_persons"]  # "two men attacked a customs post"
        ):
            # "vigilantes flogged a man accused of theft", "traders beat a suspected jihadist": a crowd
            # taking the law into its own hands, not an armed attack
            return "Riots", "Violent demonstration" if demonstrating else "Mob violence"
        if a1_kind == "civilians" and a2_kind in ("civilians", None) and not lemmas & w["crime_words"]:
            return (
                "Riots",
                riot_sub,
            )  # "striking students assaulted two teachers": a brawl, not an armed attack
        if a2_kind == "civilians":
            return "Violence against civilians", "Attack"
        if a2_kind in ARMED_KINDS or "clash" in classes:
            return "Battles", "Armed clash"
        if a1_kind == "civilians":
            return "Riots", "Mob violence"
        if any(t.lemma_.lower() in w["place_targets"] for t in sent):
            return "Battles", "Armed clash"
        return "Violence against civilians", "Attack"
    if "arrest" in classes:
        if crowd:
            # "residents caught two suspected thieves": only the state arrests; a crowd that seizes
            # people takes the law into its own hands
            return "Riots", riot_sub
        if a1_kind in NON_STATE_ARMED and not fr and sent.start <= a1[0].start < sent.end:
            # "gunmen detained a man" (but "they arrested the ministers", after a coup, names no one)
            return "Violence against civilians", "Abduction/forced disappearance"
        return "Strategic developments", "Arrests"
    if "measures" in classes:
        return "Strategic developments", "Change to group/activity"
    if "property" in classes:
        if crowd:
            return "Riots", riot_sub
        if unattributed_looting:
            return "Riots", "Violent demonstration"
        return "Strategic developments", "Looting/property destruction"
    if "agreement" in classes:
        return "Strategic developments", "Agreement"
    return "Strategic developments", "Change to group/activity"


EARLIER = frozenset({"earlier", "previous", "recent", "prior", "past", "last"})


def _told_before(tok: Token) -> bool:
    """Whether a noun trigger names an earlier event ("the scene of an earlier ambush", "suspected of
    a recent raid"): not the one its sentence tells."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in EARLIER for c in tok.children)


def _stones_only(sent: Span, classes: set[str]) -> bool:
    """Whether a fight is told fought with thrown stones or rocks and nothing deadlier: no killing,
    no gun, no explosive."""
    w = _ew(sent.doc)
    lemmas = {t.lemma_.lower() for t in sent}
    if not lemmas & w["thrown_missiles"] or classes & {"kill", "explosive", "air", "shelling", "grenade"}:
        return False
    guns = w["gunfight"] | {"gun", "firearm", "shoot", "shot", "fire", "machete", "knife"}
    return not lemmas & guns


def _unruly_crowd(doc: Doc) -> bool:
    """Whether a document tells of demonstrators who rioted (barricades, burning tyres, stones):
    force used on them is part of a riot, not excessive force against a protest."""
    lemmas = {t.lemma_.lower() for t in doc}
    return _disruptive(lemmas, _ew(doc)) or any("riot" in _trigger_classes(t) for t in doc)


def kind_of(mentions: list[ActorMention]) -> str | None:
    """The actor kind of the first mention that has one ("state_forces", "civilians", ...)."""
    lex = english()
    for m in mentions:
        if m.named:
            return lex.named_actors[m.named].kind
        if m.generic and m.generic in lex.generic_by_key:
            return lex.generic_by_key[m.generic].kind
    return None


def _mentions_in(doc: Doc, token: Token | None, exclude: set[int] | None = None) -> list[ActorMention]:
    """Actor mentions in the noun phrase headed by ``token`` and its conjuncts, named ones first."""
    if token is None:
        return []
    mentions: list[ActorMention] = doc._.actor_mentions or []
    heads = [token, *[c for c in token.conjuncts if c.i > token.i]]
    found: list[ActorMention] = []
    for head in heads:
        lo = head.left_edge.i
        hi = head.i + 1
        if _fr(doc):
            hi = _np_end_fr(head)
        # "members of JNIM", "a group of gunmen": look into the of-phrase too
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "including"):
                hi = max(hi, child.right_edge.i + 1)
            if (
                child.dep_ == "acl"
                and child.lemma_.lower() in ("describe", "identify")
                and head.lemma_.lower() != "civilian"
            ):
                hi = max(hi, child.right_edge.i + 1)  # "six people described as Koglweogo militiamen"
        inside = [
            m
            for m in mentions
            # "a leader of the Islamic State in the Greater Sahara": a name that starts in the phrase
            # is in it, wherever the parser hung its last word
            if (lo <= m.head < hi or (m.named and lo <= m.start < hi and not _fr(doc)))
            and not (exclude and m.head in exclude)
        ]
        named = [m for m in inside if m.named]
        # "seven people including five Koglweogo militiamen": the armed ones define the fight
        armed = [m for m in inside if kind_of([m]) in ARMED_KINDS]
        ethnic = [m for m in inside if m.generic == "ethnic"]
        # "student demonstrators": failing a named or armed actor, the mention the phrase's head heads
        own = sorted(inside, key=lambda m: m.head != head.i)
        found.extend(named or (ethnic if len(ethnic) > 1 else armed[:1]) or own[:1])
    seen: set[tuple[str | None, str | None, str | None]] = set()
    out = []
    for m in found:
        key = (m.named, m.generic, m.group)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def is_speaker(token: Token) -> bool:
    """Whether ``token`` names who says, accuses or denies, rather than who acts."""
    if _fr(token.doc):
        return _is_speaker_fr(token)
    speech = english().speech_verbs
    tok = token
    dep = tok.dep_
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return False
        if head.lemma_.lower() in speech and dep in ("nsubj", "agent", "poss", "pobj", "nsubjpass"):
            return True
        if (
            tok.dep_ == "pobj"
            and head.lower_ in ("by", "to")
            and head.head.lemma_.lower() in speech | {"make"}
        ):
            return True
        if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            return True
        tok = head
        if dep == "compound" and tok.lemma_.lower() in english().event_words["speaker_nouns"]:
            dep = tok.dep_  # "a MINUSMA source said": who speaks for the mission
        else:
            dep = tok.dep_ if dep not in ("conj", "appos", "compound", "amod") else dep
        if tok.pos_ == "VERB" and tok.lemma_.lower() not in speech | {"make"}:
            return False
    return False


REFERENCE_HEADS = _words("reference_heads")


def _refers_back(trigger: Token) -> bool:
    """Whether a noun trigger names an event told elsewhere: "claimed responsibility for the attack"."""
    heads = _ew(trigger.doc)["reference_heads"]
    return any(a.lemma_.lower() in heads for a in list(trigger.ancestors)[:4])


def _with_coordinated(doc: Doc, found: list[ActorMention]) -> list[ActorMention]:
    """Add a named group coordinated just before the first one: "presumed ISGS or JNIM militants"."""
    if not found or not found[0].named:
        return found
    mentions: list[ActorMention] = doc._.actor_mentions or []
    first = min(found, key=lambda m: m.start)
    last = max(found, key=lambda m: m.end)
    i = first.start - 1
    joins = ("ou", "et/ou", "et", "/") if _fr(doc) else ("or", "and/or", "/or", "and", "/")
    ors = ("ou", "et/ou") if _fr(doc) else ("or", "and/or", "/or")  # "JNIM and /or ISGS": "/or" is a token
    if i >= 2 and doc[i].lower_ == "/or" and doc[i - 1].lower_ == "and":
        i -= 1  # "JNIM and /or ISGS": two tokens
    if i >= 1 and doc[i].lower_ in joins:
        for m in mentions:
            if m.named and m.end == i and m not in found:
                return [m, *found]
    # "JNIM and/or ISGS militants" picked up by its first name: add the one after the conjunction
    reach = 5 if _fr(doc) else 3  # French: "du JNIM et/ou de l'EIGS" ("et", "/", "ou", "de", "l'")
    between = doc[last.end : last.end + reach]
    if len(found) == 1 and any(t.lower_ in ors for t in between):
        for m in mentions:
            if m.named and last.end < m.start <= last.end + reach and m not in found:
                return [*found, m]
    return found


def _parent_in_parentheses(doc: Doc, found: list[ActorMention]) -> list[ActorMention]:
    """A group named with its parent in parentheses ("Ansaroul Islam (JNIM) militants"): ACLED
    codes the parent as the actor and the named unit as its associate."""
    if not found or not (found[0].named or found[0].generic == "unidentified"):
        return found
    end = found[0].end
    if end + 2 >= len(doc) or doc[end].text != "(":
        return found
    if not found[0].named:
        # "unknown gunmen (assumed JNIM/ISGS)", "militants (believed to be JNIM and ISGS)": the
        # attribution in parentheses names them, hedged
        close = next((t.i for t in doc[end : min(len(doc), end + 12)] if t.text == ")"), None)
        if close is None:
            return found
        inside = [m for m in doc._.actor_mentions or [] if m.named and end < m.start and m.end <= close]
        if 0 < len(inside) <= 2:
            return [replace(m, hedged=True) for m in inside] + found[1:]
        return found
    inner = [
        m for m in doc._.actor_mentions or [] if m.named and m.start == end + 1 and m.named != found[0].named
    ]
    if len(inner) == 1 and inner[0].end < len(doc) and doc[inner[0].end].text == ")":
        rest = [m for m in found[1:] if m.named != inner[0].named]
        return [inner[0], found[0], *rest]
    return found


def _support_heads(token: Token) -> set[int]:
    """Tokens of "supported by X" / "backed by X" / "alongside X" phrases attached to ``token``."""
    out: set[int] = set()
    if _fr(token.doc):
        support = _frw("support")
        for child in token.subtree:
            if child.lemma_.lower() in support or child.lower_ in support:
                out.update(t.i for t in child.subtree if t.i != child.i)
        return out
    for child in token.subtree:
        if child.lemma_.lower() in ("support", "back", "accompany", "assist", "alongside", "aid", "help"):
            out.update(t.i for t in child.subtree if t.i != child.i)
    return out


def _roles(trigger: Token) -> tuple[Token | None, Token | None, Token | None]:
    """(agent, patient, support-phrase head) tokens of a trigger, from the dependency parse."""
    if _fr(trigger.doc):
        return _roles_fr(trigger)
    agent, patient, support = _roles_en(trigger)
    if patient is not None and patient.lemma_.lower() in _words("carriers"):
        # "ambushed a convoy of gold miners", "attacked a bus of traders": the people it carried
        riders = [
            p
            for c in patient.children
            if c.dep_ == "prep" and c.lower_ in ("of", "carrying", "with")
            for p in c.children
            if p.dep_ == "pobj" and is_person_noun(p)
        ]
        patient = riders[0] if riders else patient
    return agent, patient, support


def _roles_en(trigger: Token) -> tuple[Token | None, Token | None, Token | None]:
    agent = patient = None
    t = trigger
    is_verb = t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")
    if is_verb:
        for c in t.children:
            if c.dep_ == "nsubj":
                agent = c
            elif c.dep_ == "nsubjpass" or c.dep_ == "dobj" and patient is None:
                patient = c
            elif c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        agent = p
        reduced_passive = False
        subject = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if (
            subject is not None
            and agent is not None
            and agent.i == subject.i
            and t.lemma_.lower() in _words("blast_victim_verbs")
            and _explosive_object(t)
        ):
            agent, patient = None, subject  # "an army vehicle struck an IED": the vehicle was hit
        by_phrase = any(c.dep_ == "agent" for c in t.children)
        if (
            subject is not None
            and by_phrase
            and agent is not None
            and agent.i != subject.i
            and patient is None
        ):
            patient = subject  # "The gendarmerie in Bourzenga attacked overnight by unknown gunmen"
        if (
            t.tag_ in ("VBN", "VBD")
            and agent is not None
            and agent.dep_ == "nsubj"
            and patient is None
            and not any(c.dep_ in ("aux", "auxpass") for c in t.children)
            and (
                (
                    t.tag_ == "VBN"
                    and is_person_noun(agent)
                    and kind_of(_mentions_in(agent.doc, agent)) in (None, "civilians")
                )
                # "Gendarmerie station attacked overnight": a post or a village attacks no one
                or agent.lemma_.lower() in STATIONARY_TARGETS
                # "30 killed when gunmen attacked a hotel": a bare count is the headline's victims
                or (agent.pos_ == "NUM" and not any(c.dep_ == "det" for c in agent.children))
            )
        ):
            # "attacked the village, two people killed and livestock seized": a reduced passive
            agent, patient = None, agent
            reduced_passive = True
        head = t
        speech = english().speech_verbs
        passive = reduced_passive or any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
        while (
            agent is None
            and not passive  # "four soldiers were killed": only a by-phrase names who did it
            and head.dep_ in ("conj", "xcomp", "advcl", "ccomp", "pcomp")
            and head.head.i != head.i
            # "civilians were killed ..., the government said": the speaker did not kill them
            and not (head.dep_ == "ccomp" and head.head.lemma_.lower() in speech)
        ):
            head = head.head
            for c in head.children:
                if c.dep_ == "nsubj":
                    agent = c
                elif c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            agent = p
        if agent is None and passive and not reduced_passive:
            # "two protesters were killed and sixty injured by soldiers": the by-phrase of a
            # coordinated passive names the agent of both
            # ("and 60 injured" may come out as a number with a participle under it)
            harm = _ew(t.doc)["harm"]
            verbs = [
                v
                for other in t.conjuncts
                for v in (other, *[c for c in other.children if c.dep_ == "acl" and c.lemma_.lower() in harm])
                if v.tag_ == "VBN"
            ]
            for other in verbs:
                by = next((c for c in other.children if c.dep_ == "agent"), None)
                agent = next((p for p in by.children if p.dep_ == "pobj"), None) if by else None
                if agent is not None:
                    break
        if t.dep_ in ("acl", "relcl") and patient is None and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            patient = t.head
        if patient is None:
            for c in t.children:
                if c.dep_ == "prep" and (
                    c.lower_ in ("on", "against", "at", "upon")
                    or (c.lower_ == "with" and t.lemma_.lower() in ("clash", "exchange", "fight", "battle"))
                ):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            patient = p
    else:
        if t.dep_ == "pobj" and t.head.lower_ == "under" and t.head.head.pos_ in ("VERB", "AUX"):
            # "an army unit came under attack by suspected militants": the subject was attacked
            patient = next((c for c in t.head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            for c in [*t.children, *t.head.head.children]:
                if c.dep_ in ("prep", "agent") and c.lower_ == "by":
                    agent = next((p for p in c.children if p.dep_ == "pobj"), agent)
        if t.lemma_.lower() == "hostage" and t.head.lemma_.lower() in ("take", "hold", "keep"):
            # "took three traders hostage": the verb's subject took them, its object was taken
            verb = t.head
            agent = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            patient = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i != t.i), None)
            if agent is not None or patient is not None:
                return agent, patient, None
        if t.dep_ == "dobj" and t.head.lemma_.lower() in LIGHT_VERBS:
            # "police opened fire on demonstrators", "militants launched an attack against a post":
            # the light verb's subject did it, and its "on"/"against" object was hit
            verb = t.head
            agent = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            for c in list(verb.children) + list(t.children):
                if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "upon"):
                    patient = next((p for p in c.children if p.dep_ == "pobj"), patient)
                if c.dep_ in ("acl", "advcl", "xcomp") and c.lemma_.lower() == "target":
                    patient = next((p for p in c.children if p.dep_ == "dobj"), patient)  # "targeting X"
            if agent is not None:
                return agent, patient, None
        for c in t.children:
            if c.dep_ == "poss":
                agent = c
            elif c.dep_ == "prep" and c.lower_ == "by":
                for p in c.children:
                    if p.dep_ == "pobj":
                        agent = p
            elif c.dep_ == "prep" and c.lower_ in ("of", "on", "against", "targeting"):
                for p in c.children:
                    # "an ambush on Friday" hit no one called Friday
                    if p.dep_ == "pobj" and patient is None and p.ent_type_ not in ("DATE", "TIME"):
                        patient = p
            elif c.dep_ == "compound" and agent is None:
                agent = c
        if agent is None and t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ == "NOUN":
            # "a series of killings by gunmen": the parser may hang the by-phrase on "series"
            by_phrases = [
                c for c in t.head.head.children if c.dep_ == "prep" and c.lower_ == "by" and c.i > t.i
            ]
            agent = next((p for c in by_phrases for p in c.children if p.dep_ == "pobj"), None)
        if (
            patient is None
            and t.dep_ == "pobj"
            and t.head.lower_ in ("in", "during")
            and t.head.head.pos_ in ("VERB", "AUX")
        ):
            # "a gendarme was wounded in an attack by gunmen": the one the attack hurt
            patient = next((c for c in t.head.head.children if c.dep_ == "nsubjpass"), None)
    return agent, patient, None


FIGHT_NOUNS = _words("fight_nouns")
LIGHT_VERBS = _words("light_verbs")


def _between_sides(doc: Doc, sent: Span) -> tuple[list[ActorMention], list[ActorMention]] | None:
    """The two sides of "clashes/fighting/violence between X and Y", when both are actors."""
    if _fr(doc):
        return _between_sides_fr(doc, sent)
    for tok in sent:
        if tok.lower_ != "between":
            continue
        head = tok.head
        fight = head.lemma_.lower() in FIGHT_NOUNS or any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in FIGHT_NOUNS for c in head.children
        )  # "clashes between ...", "fighting broke out between ..."
        if not fight:
            continue
        objects = [c for c in tok.children if c.dep_ == "pobj"]
        if not objects:
            continue
        first = objects[0]
        second = [c for c in first.conjuncts if c.i > first.i]
        mentions = doc._.actor_mentions or []
        if not second:
            # "between the Islamic State in the Sahel and JNIM": the conjunct hangs on the name's end
            name = next((m for m in mentions if m.start <= first.i < m.end), None)
            last = doc[name.end - 1] if name is not None else first
            second = [c for c in last.conjuncts if c.i > last.i]
        if not second:
            continue
        # the first side's phrase ends where its conjunct begins: "the army and suspected militants"
        # (a name may run past its head: "the Islamic State in the Sahel" ends after "State")
        left = [
            m
            for m in mentions
            if first.left_edge.i <= m.head <= first.i or first.left_edge.i <= m.start <= first.i
        ]
        right = _mentions_in(doc, second[0])
        left = _prefer_named(doc, [m for m in left if m.named] or left[-1:])
        if left and right:
            return left[:1], _prefer_named(doc, right)[:1]
    return None


NON_STATE_ARMED = frozenset({"islamist_militant_group", "rebel_group", "unidentified_armed_group"})


def _refer_back(doc: Doc, found: list[ActorMention]) -> list[ActorMention]:
    """ "The militants", "the assailants": the named armed group the text spoke of before."""
    if len(found) != 1 or found[0].named or found[0].generic != "unidentified":
        return found
    m = found[0]
    dets = ("les", "ces", "le", "la", "l'") if _fr(doc) else ("the", "these", "those")
    definite = doc[m.start].lower_ in dets or any(
        c.dep_ == "det" and c.lower_ in dets for c in doc[m.head].children
    )
    # "... JNIM or ISGS militant base. Two militants were killed": a count of them refers back too
    counted = any(c.dep_ == "nummod" for c in doc[m.head].children) or doc[m.start].like_num
    # "an unspecified number of militants", "several militants", "dozens of assailants"
    vague = _ew(doc)["vague_quantity"]
    counted = counted or any(t.lower_ in vague for t in doc[max(0, m.start - 3) : m.head])
    if not (definite or counted):
        return found
    # "the militants", "the assailants": a non-state armed group, not the soldiers or volunteers
    # they attacked
    earlier = [
        n
        for n in doc._.actor_mentions or []
        if n.named and n.end <= m.start and kind_of([n]) in NON_STATE_ARMED
    ]
    if not earlier:
        return found
    last = earlier[-1]
    reach = 5 if _fr(doc) else 3  # French repeats the article: "du JNIM ou de l'EIGS"
    return [n for n in earlier if n.start >= last.start - reach] if last.hedged else [last]


def _prefer_named(doc: Doc, found: list[ActorMention]) -> list[ActorMention]:
    """Each generic mention replaced by the named actor inside it: "suspected JNIM militants" is JNIM."""
    mentions: list[ActorMention] = doc._.actor_mentions or []
    out: list[ActorMention] = []
    for m in found:
        if not m.named:
            inner = [n for n in mentions if n.named and m.start <= n.start and n.end <= m.end and n is not m]
            inner = inner or _named_examples(doc, m, mentions)
            if inner:
                out.extend(n for n in inner if n not in out)
                continue
        if m not in out:
            out.append(m)
    return out


def _reporting_subject(pronoun: Token) -> Token | None:
    """The subject of the speech verb whose reported clause a pronoun is the subject of ("the army
    said it had killed ...", "JNIM claimed they had ambushed ..."), or None."""
    verb = pronoun.head
    if pronoun.dep_ != "nsubj" or verb.dep_ != "ccomp":
        return None
    speech = verb.head
    if speech.lemma_.lower() not in english().speech_verbs or speech.i > pronoun.i:
        return None  # "..., they attacked the camp, the army said": "they" are named before
    return next((c for c in speech.children if c.dep_ == "nsubj"), None)


def _named_examples(doc: Doc, m: ActorMention, mentions: list[ActorMention]) -> list[ActorMention]:
    """The named actors a vague mention lists ("rebel groups, including the MNLA and the HCUA",
    "armed groups such as JNIM"): the first of them stands for the rest."""
    head = doc[m.head]
    if head.dep_ in ("compound", "amod") and head.head.pos_ == "NOUN":
        head = head.head  # "Rebel groups": the phrase is the group's
    spans = [
        (c.left_edge.i, c.right_edge.i + 1)
        for c in head.children
        if (c.dep_ == "prep" and c.lower_ in ("including", "like")) or c.dep_ == "appos"
    ]
    named = [n for n in mentions if n.named and any(a <= n.start and n.end <= b for a, b in spans)]
    return named[:1]


def _harms_people(sent: Span) -> bool:
    """Whether a sentence tells of harm done to people: "assaulted residents", "robbed merchants"."""
    harm = _ew(sent.doc)["person_harm"]
    fr = _fr(sent.doc)
    for tok in sent:
        if tok.lemma_.lower() not in harm:
            continue
        if tok.lemma_.lower() in (
            ("agresser", "violer", "torturer", "molester") if fr else ("assault", "rape", "torture", "molest")
        ):
            return True
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "obj", "nsubj:pass")]
        if any(is_person_noun(o) for o in objects):
            return True
    return False


def _named_then_vague(a1: list[ActorMention], m: ActorMention) -> bool:
    """Whether ``m`` is a vague "militants" after a named militant group that started the event
    ("JNIM militants attacked the town ... and militants opened fire at a school"): the same men."""
    return (
        not m.named
        and m.generic == "unidentified"
        and any(a.named and english().named_actors[a.named].kind in NON_STATE_ARMED for a in a1)
    )


def _same_side(a1: list[ActorMention], m: ActorMention) -> bool:
    """Whether ``m`` names one of the initiators again: one of hedged alternatives ("executed by
    soldiers or gendarmes"), the same named group ("ISGS militants abducted and executed ..."), or
    its vague men (:func:`_named_then_vague`). Two generic mentions of one kind may be two sides ("a
    commander beat two gendarmes")."""
    again = any(a.head == m.head or bool(a.named and a.named == m.named) for a in a1)
    return again or _named_then_vague(a1, m)


def _responders(doc: Doc, sent: Span, attackers: list[ActorMention]) -> list[ActorMention]:
    """Armed actors of ``sent`` who answer an attack ("gendarmes responded to the gunfire", "VDP
    fired warning shots", "an army unit intervened and routed the assailants"), other than the
    attackers themselves."""
    w = _ew(doc)
    fr = _fr(doc)
    pairs = {tuple(p.split()) for p in w["response_particles"]}
    attacker_keys = {(m.named, m.generic) for m in attackers}
    for tok in sent:
        if tok.pos_ != "VERB" or _negated(tok):
            continue
        lemma = tok.lemma_.lower()
        answers = lemma in w["response"] or any(
            (lemma, c.lemma_.lower()) in pairs
            for c in tok.children
            if c.dep_ in ("prt", "advmod", "dobj", "xcomp", "obj", "obl:arg", "obl")  # UD: French
        )
        if fr and not answers:
            answers = tok.lower_ in w["response"]
        if not answers:
            continue
        if not fr and any(
            c.dep_ == "advmod" and c.lower_ in ("later", "subsequently", "afterwards") for c in tok.children
        ):
            continue  # "vigilantes stepped in later and brought the herd back": after it was over
        agent = _responder_fr(tok) if fr else _roles(tok)[0]
        if agent is None:
            continue
        found = [
            m
            for m in _mentions_in(doc, agent)
            if kind_of([m]) in ARMED_KINDS and (m.named, m.generic) not in attacker_keys
        ]
        if found:
            return found
    return []


def _labelled(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """A note that opens with its coder's label ("Property destruction: ...", "Non-violent
    activity: ...") is of that type, whatever its words suggest; with no event found, its first
    sentence is the event, by the first actor it names."""
    label = _label_fr(doc) if _fr(doc) else doc_label(doc)
    if label is None:
        return events
    event_type, sub = label
    current = [ev for ev in events if not ev.background]
    for ev in current:
        ev.event_type, ev.sub_event_type = event_type, sub
    if current:
        return events
    sent = next(iter(doc.sents))
    mentions = [m for m in doc._.actor_mentions or [] if sent.start <= m.start < sent.end]
    armed = [m for m in mentions if kind_of([m]) in ARMED_KINDS | {"government"}]
    actor1 = _prefer_named(doc, (armed or mentions)[:1])[:1]
    return [
        *events,
        EventMention(sent.start, sent.end, sent.root.i, frozenset(), event_type, sub, actor1=actor1),
    ]


def _answered_attacks(doc: Doc, events: list[EventMention]) -> None:
    """An armed group's attack on a village that armed men answer, in the same sentence or the
    next, is an armed clash between the two (ACLED codes the responders as actor2)."""
    sents = list(doc.sents)
    for ev in events:
        # (a looting that armed men answer, "soldiers stepped in and the looters ran", too)
        if ev.sub_event_type not in ("Attack", "Looting/property destruction") or ev.killed:
            continue
        if ev.event_type not in ("Violence against civilians", "Strategic developments"):
            continue
        if kind_of(ev.actor1) not in ARMED_KINDS - {"state_forces", "police"}:
            continue
        here = next((i for i, s in enumerate(sents) if s.start == ev.sent_start), None)
        if here is None:
            continue
        for sent in sents[here : here + 2]:
            found = _responders(doc, sent, ev.actor1)
            if found:
                ev.event_type, ev.sub_event_type = "Battles", "Armed clash"
                ev.actor2 = found
                break


VICTIM_SUBJECTS = frozenset({"victim", "dead", "deceased", "body", "corpse"})


def _victims_identified(doc: Doc, events: list[EventMention]) -> None:
    """Victims told afterwards to be armed men ("The victims were identified as members of JNIM",
    "the dead were members of a local militia") make the attack before a clash with them."""
    if _fr(doc):
        return
    kill_words = english().triggers.get("kill", set())
    for sent in doc.sents:
        for verb in sent:
            if verb.lemma_.lower() not in ("be", "identify", "describe") or _negated(verb):
                continue
            # "officials identified the victims as fighters of ...": the object, when it is active
            roles = ("nsubj", "nsubjpass") if verb.lemma_.lower() == "be" else ("nsubjpass", "dobj")
            subject = next((c for c in verb.children if c.dep_ in roles), None)
            if subject is None or not (
                subject.lemma_.lower() in VICTIM_SUBJECTS
                or (
                    subject.lower_ == "those"
                    and any(c.dep_ == "acl" and c.lemma_.lower() in kill_words for c in subject.children)
                )
            ):
                continue
            what = [c for c in verb.children if c.dep_ == "attr"] + [
                p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children
            ]
            found = [
                m
                for w in what
                for m in doc._.actor_mentions or []
                if w.left_edge.i <= m.start and m.end <= w.right_edge.i + 1 and kind_of([m]) in ARMED_KINDS
            ]
            found = [m for m in found if m.named] or found
            if not found or any(_non_combatant(w) for w in what):
                continue
            before = [
                ev
                for ev in events
                if ev.sent_start < sent.start
                and (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
            ]
            if before and not _same_side(before[-1].actor1, found[0]):
                before[-1].event_type, before[-1].sub_event_type = "Battles", "Armed clash"
                before[-1].actor2 = found[:1]


NOBODY = frozenset({"no", "nobody", "none", "no-one"})


def _bodily_harm(sent: Span) -> str | None:
    """The first verb of bodily harm done to people in ``sent`` ("two guards were hurt",
    "beat the herders"), unless it is denied ("no one was hurt", "were not injured")."""
    harm = _ew(sent.doc)["bodily_harm"]
    for tok in sent:
        low = tok.lower_
        # the lemmatizer misses some participles ("raped" -> "rap", "tortured" as an adjective)
        forms = {tok.lemma_.lower(), low, low[:-1], low[:-2]} if low.endswith("ed") else {tok.lemma_.lower()}
        found = forms & harm
        if not found or tok.pos_ not in ("VERB", "ADJ") or _negated(tok):
            continue
        lemma = min(found)
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(t.lower_ in NOBODY for s in subjects for t in s.subtree):
            continue
        if _reason_given(tok):
            continue  # "arrested after he raped his niece": the reason for the arrest, not its harm
        return lemma
    return None


def _death_told(sent: Span) -> bool:
    """Whether a sentence tells that someone died or was found dead ("the corpse was found", "he
    succumbed to his wounds", "was found dead"), not denied and not as the reason for something."""
    remains = _ew(sent.doc)["remains"]
    for tok in sent:
        lemma = tok.lemma_.lower()
        found = (
            lemma in remains and tok.pos_ == "NOUN" and any(a.lemma_.lower() == "find" for a in tok.ancestors)
        )
        died = lemma in ("die", "succumb") and tok.pos_ == "VERB"
        dead = tok.lower_ == "dead" and tok.head.lemma_.lower() == "find"
        if (found or died or dead) and not _negated(tok) and not _reason_given(tok):
            return True
    return False


def _harm_done(doc: Doc, events: list[EventMention]) -> None:
    """A looting, a burning or an arrest told with people wounded, beaten or tortured, in its
    sentence or the two after it ("gunmen burned the pharmacy. Two shopkeepers were injured"), is an attack
    on them, or sexual violence if someone was raped: ACLED codes looting, property destruction and
    arrests only where no one is hurt."""
    fr = _fr(doc)
    sents = list(doc.sents)
    for ev in events:
        if ev.event_type != "Strategic developments" or ev.sub_event_type not in (
            "Looting/property destruction",
            "Arrests",
        ):
            continue
        if kind_of(ev.actor1) not in ARMED_KINDS or "protest" in ev.classes:
            continue  # (a crowd's burning is a riot; who arrested or looted must be an armed actor)
        if _police_report(doc) or not _conflict_setting(doc):
            continue  # "five men were arrested for raping a girl, police said": a crime report
        here = next((i for i, s in enumerate(sents) if s.start == ev.sent_start), None)
        if here is None:
            continue
        later = [
            e.sent_start
            for e in events
            if e.sent_start > ev.sent_start and e.actor1 and e.actor1 != ev.actor1
        ]
        lex = for_lang(doc.lang_)
        crime = any(t.lemma_.lower() in lex.crime_cues for t in sents[here])
        for sent in sents[here : here + 3]:
            if sent.start > ev.sent_start and later and sent.start >= min(later):
                break  # another actor's event begins: its harm is its own
            harm = _bodily_harm_fr(sent) if fr else _bodily_harm(sent)
            if (
                harm is None
                and not fr
                and ev.sub_event_type == "Arrests"
                and kind_of(ev.actor1) != "police"  # police arresting suspects of a death: a crime story
                and not crime
                and _death_told(sent)
            ):
                harm = "kill"  # "detained a herder, whose body turned up later"
            if harm is not None:
                ev.event_type = "Violence against civilians"
                ev.sub_event_type = "Sexual violence" if harm == "rape" else "Attack"
                break


def _disruptive(lemmas: set[str], w: dict[str, frozenset[str]] | None = None) -> bool:
    """Whether a demonstration blocked roads, put up barricades, burned tyres or smashed things."""
    if w is not None and w is not english().event_words:
        found = lemmas & w["disruptive_protest"]
        if found - {"bloquer", "blocage", "barrer", "barrage", "barrages"}:
            return True
        return bool(found) and bool(lemmas & w["roads"])
    found = lemmas & DISRUPTIVE_PROTEST
    if found - {"block", "blockade"}:
        return True
    return bool(found) and bool(lemmas & ROADS)


def _clashing_subjects(
    doc: Doc, strong: list[tuple[Token, set[str]]]
) -> tuple[list[ActorMention], list[ActorMention]] | None:
    """The two sides a clash verb's coordinated subject names ("the VDP and ISGS militants clashed"),
    when the sentence's main trigger is another verb ("..., three militants killed")."""
    for tok, classes in strong:
        if "clash" not in classes or tok.pos_ != "VERB":
            continue
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        found = _mentions_in(doc, subjects[0]) if subjects else []
        other_side = any(c.dep_ == "prep" and c.lower_ in ("with", "against") for c in tok.children)
        if len(found) == 1 and not other_side:
            found = _left_conjunct(doc, subjects[0]) + found
        if len(found) > 1 and _reciprocal(doc, found):
            return found[:1], found[1:2]
    return None


def _left_conjunct(doc: Doc, subject: Token) -> list[ActorMention]:
    """The first side of "X and suspected Y clashed" when the parser hung X elsewhere (a hedge
    read as the sentence's verb): the actor just before the "and" that opens the subject."""
    j = subject.left_edge.i - 1
    start = subject.sent.start
    while j >= start and (doc[j].lower_ in HEDGES or doc[j].pos_ == "ADV"):
        j -= 1
    if j < start or doc[j].lower_ != "and":
        return []
    j -= 1
    if j >= start and doc[j].text == ")":
        while j >= start and doc[j].text != "(":
            j -= 1
        j -= 1  # "volunteer fighters (VDP) and ...": the phrase before the parenthesis
    mentions = [m for m in doc._.actor_mentions or [] if m.start <= j < m.end]
    return _prefer_named(doc, mentions)[:1]


def _reciprocal(doc: Doc, sides: list[ActorMention]) -> bool:
    """Whether coordinated subjects of a clash are its two sides ("JNIM and ISGS clashed"), not
    allies told as one ("JNIM and/or ISGS" is one hedged side)."""
    between = doc[sides[0].end : sides[1].start]
    if any(t.lower_ in (("ou", "et/ou", "/") if _fr(doc) else ("or", "and/or", "/or", "/")) for t in between):
        return False
    kinds = {kind_of([m]) for m in sides[:2]}
    # "hunters and villagers clashed": villagers who fight a militia are a side too (a communal one)
    militia_and_locals = (
        not _fr(doc)
        and len(kinds) == 2
        and "civilians" in kinds
        and kinds - {"civilians"} <= (ARMED_KINDS - {"state_forces", "police"})
    )
    return all(m.generic == "ethnic" for m in sides[:2]) or (
        len(kinds) >= 1 and (kinds <= ARMED_KINDS or militia_and_locals) and _key(sides[0]) != _key(sides[1])
    )


def _key(m: ActorMention) -> tuple[str | None, str | None, str | None]:
    return (m.named, m.generic, m.group)


def _armed_target(
    doc: Doc, strong: list[tuple[Token, set[str]]], main: Token, a1: list[ActorMention] | None = None
) -> list[ActorMention]:
    """Armed actors that a sentence's attack or killing is aimed at, by any of its triggers (not
    the initiators' own men)."""
    unmanned = _ew(doc).get("unmanned", frozenset())
    if any(t.lemma_.lower() in unmanned or t.lower_ in unmanned for t in main.sent):
        return []  # "attacked the police station while it was unmanned": nobody to fight
    for tok, classes in sorted(strong, key=lambda tc: (tc[0].i != main.i, tc[0].i)):
        if not classes & {"attack", "kill", "clash", "abduct"}:
            continue
        if tok.i != main.i and not _fr(doc) and _under_reason(tok, main):
            continue  # "turned on a camp after being driven back from the base": an earlier fight
        _, patient, _ = _roles(tok)
        found = [m for m in _mentions_in(doc, patient) if not (a1 and _named_then_vague(a1, m))]
        if found and kind_of(found) in ARMED_KINDS and not _non_combatant(patient):
            return found
    return []


def _non_combatant(patient: Token | None) -> bool:
    """Whether a victim phrase naming an armed actor still describes a civilian target: "a retired
    policeman", "the Koglweogo chief", "the house of an off-duty policeman"."""
    if patient is None:
        return False
    w = _ew(patient.doc)
    roles = w["non_combatant_roles"]
    if patient.lemma_.lower() in roles or patient.lower_ in roles:
        # "the leader of a jihadist cell", "a senior leader of the Islamic State": a fighter's chief
        # is a fighter (a militia's or a village's chief is not)
        return not (
            patient.lemma_.lower() in ("leader", "chief")
            and not _fr(patient.doc)
            and kind_of(_mentions_in(patient.doc, patient)) in NON_STATE_ARMED
        )
    if _fr(patient.doc) and any(_unarmed_fr(t) for t in patient.subtree):
        return True
    # "a gendarme and a civilian": the civilian beside him does not disarm the gendarme
    others = {t.i for c in patient.conjuncts if c.i > patient.i for t in c.subtree}
    # "robbers holding up a trader": what a relative clause tells is not who they are
    others |= {t.i for t in patient.subtree if t.dep_ == "relcl" for t in t.subtree}
    if any(t.lower_ in w["non_combatant_modifiers"] for t in patient.subtree if t.i not in others):
        return True
    if _fr(patient.doc):
        return False
    if _modifiers(patient) & w["non_combatant_modifiers"]:
        return True  # "an off-duty policeman", which the tokenizer splits at the hyphen
    # "stormed an off-duty soldier's home and shot dead the soldier": the same man
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in patient.children)
    return definite and any(
        t.lemma_ == patient.lemma_ and _modifiers(t) & w["non_combatant_modifiers"]
        for t in patient.doc[: patient.i]
    )


def _modifiers(noun: Token) -> set[str]:
    """The words before a noun in its phrase, hyphenated words whole ("an off-duty policeman")."""
    return set(noun.doc[noun.left_edge.i : noun.i].text.lower().replace(" - ", "-").split())


def _unarmed_fr(tok: Token) -> bool:
    """French for "unarmed": "qui n'était pas armé", "non armé", "sans arme"."""
    if tok.lemma_.lower() in ("armer", "armé") or tok.lower_.startswith("armé"):
        return _negated(tok) or any(c.lower_ == "non" for c in tok.children)
    return tok.lower_ in ("arme", "armes") and any(c.lower_ == "sans" for c in tok.children)


def _person_victim(patient: Token, classes: set[str]) -> bool:
    """Whether the patient of a trigger is a person: the object of killing, abducting or raping is."""
    fr = _fr(patient.doc)
    if patient.lemma_.lower() in _ew(patient.doc)["place_targets"] or patient.pos_ not in (
        ("NOUN", "PROPN", "PRON", "ADJ") if fr else ("NOUN", "PROPN", "PRON")
    ):
        return False
    pronouns = (
        ("il", "elle", "ce", "cela", "qui", "que", "le", "la", "y", "en")
        if fr
        else ("it", "them", "they", "this", "that", "which")
    )
    if patient.lower_ in pronouns or patient.like_num:
        return False
    return bool(classes & {"kill", "abduct", "sexual"}) or patient.ent_type_ == "PERSON"


VIOLENT_TYPES = VIOLENT_EVENT_TYPES


def _police_report(doc: Doc) -> bool:
    """Whether the police are the document's source ("Gauteng police said") and no armed group,
    soldier or militant is named anywhere in it: the shape of a crime report."""
    mentions: list[ActorMention] = doc._.actor_mentions or []
    if any(kind_of([m]) in ARMED_KINDS - {"police"} for m in mentions):
        return False
    return any(m.generic == "police" and is_speaker(doc[m.head]) for m in mentions)


def _off_topic(sent: Span, reasons_too: bool = True) -> bool:
    """A sports, markets, weather or court sentence. ``reasons_too=False``: not for a word only in
    what led to the event ("clashed after the trial", "fought amid accusations of fraud") or in a
    relative clause ("attacked the post where a driver held after an accident was kept")."""
    lex = for_lang(sent.doc.lang_)
    return any(
        t.lemma_.lower() in lex.non_event_lemmas
        and not (t.pos_ == "VERB" and _trigger_classes(t))
        and (reasons_too or not (_under_reason_of(t) or any(a.dep_ == "relcl" for a in [t, *t.ancestors])))
        for t in sent
    )  # "a storm hit the coast" is weather; "gunmen stormed a village" is not


def _under_reason_of(tok: Token) -> bool:
    """_under_reason in the token's language (French: the circumstances too)."""
    return _circumstance_fr(tok) if _fr(tok.doc) else _under_reason(tok)


def _vehicle_passing_fr(trigger: Token) -> Token | None:
    """The vehicle of "au passage d'un car", "au passage de leur véhicule" in the sentence of a blast:
    what the device hit."""
    doc = trigger.doc
    for tok in trigger.sent:
        if tok.lemma_.lower() != "passage" or tok.i == 0 or doc[tok.i - 1].lower_ not in ("au", "à"):
            continue
        # by word order: the small parser tags "car" a conjunction ("au passage d'un car")
        after = doc[tok.i + 1 : min(trigger.sent.end, tok.i + 5)]
        if not after or after[0].lower_ not in _FR_OF:
            continue
        transport = _frw("public_transport")
        return next((t for t in after[1:] if t.pos_ in ("NOUN", "PROPN") or t.lower_ in transport), None)
    return None


def _public_carrier_fr(tok: Token) -> bool:
    """A vehicle of public transport ("un car", "un minibus", "un véhicule de transport en commun",
    "un camion de commerçants"; words.public_transport, words.passenger_nouns): whom it carries are
    civilians."""
    transport = _frw("public_transport")
    if {tok.lemma_.lower(), tok.lower_} & transport:
        return True
    doc = tok.doc
    if tok.pos_ == "DET" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in transport:
        return True  # "un car de transport a sauté": "car" tagged a conjunction, the article the subject
    return tok.lemma_.lower() in _ew(tok.doc)["carriers"] and any(
        c.dep_ == "nmod" and (c.lemma_.lower() in _frw("passenger_nouns") or is_person_noun(c))
        for c in tok.children
    )


def _circumstance_fr(tok: Token) -> bool:
    """Whether ``tok`` lies in a clause of the circumstances of its sentence's event ("alors qu'il
    tentait de s'entretenir avec un prévenu", "pendant qu'ils couvraient le procès"; words.
    circumstance_marks) or in what came before it (_under_reason_fr)."""
    marks = _frw("circumstance_marks")
    for node in [tok, *tok.ancestors]:
        if node.dep_ == "ROOT":
            break
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in node.children):
            return True
    return _under_reason_fr(tok)


def _under_reason_fr(tok: Token) -> bool:
    """French _under_reason: a phrase of what came before or around the event lies above ``tok``
    ("des heurts ... ont été signalés après le procès", "à la suite du verdict", "malgré la pluie";
    words.reason_cases: the preposition, words.reason_heads: the noun of "à la suite de")."""
    cases = _frw("reason_cases")
    heads = _frw("reason_heads")
    for node in [tok, *tok.ancestors]:
        if node.dep_ == "ROOT":
            return False
        if any(c.dep_ in ("case", "mark") and c.lower_ in cases for c in node.children):
            return True
        if node.head.lemma_.lower() in heads and node.head.dep_ != "ROOT":
            return True
    return False


def _conflict_grade(
    sent: Span,
    roles: list[ActorMention],
    mentions: list[ActorMention],
    classes: set[str],
    initiators: list[ActorMention] | None = None,
) -> bool:
    """Whether a violent-sounding sentence is about political violence: an armed actor or a weapon of
    war is named, and it is not a sports, market, weather or court story."""
    lex = for_lang(sent.doc.lang_)
    # a shop's or a mall's security guards are no party to a conflict by themselves
    roles = [m for m in roles if m.generic != "private_security"]
    mentions = [m for m in mentions if m.generic != "private_security"]
    armed = any(kind_of([m]) in ARMED_KINDS for m in roles + mentions)
    low = sent.text.lower()
    weapon = any(w in low for w in lex.weapon_words)
    off_topic = _off_topic(sent, not _fr(sent.doc))  # (French: not for words in the circumstances)
    kinds = {kind_of([m]) for m in roles + mentions}
    conflict_actor = bool(kinds & (ARMED_KINDS - {"police"}))
    strong_markers = _ew(sent.doc)["communal_markers"] - {"rival", "rivalry", "land", "faction"}
    if "clash" in classes and any(t.lemma_.lower() in strong_markers for t in sent) and not _off_topic(sent):
        return True  # "communal violence between farmers and herders", "intercommunal clashes"
    land_dispute = any(
        t.lemma_.lower() == "land" and t.head.lemma_.lower() in DISPUTE_NOUNS for t in sent
    ) or any(t.lemma_.lower() in DISPUTE_NOUNS and any(c.lower_ == "land" for c in t.subtree) for t in sent)
    if "clash" in classes and land_dispute and not _off_topic(sent) and not _fr(sent.doc):
        return True  # "the two villages clashed over a land dispute": communal violence
    if kinds & {"protesters", "rioters"} and not _off_topic(sent, not _fr(sent.doc)):
        return True  # "clashes between protesters and police after the trial": a demonstration turned violent
    if "clash" in classes and not _fr(sent.doc) and not off_topic and _political_brawl(sent):
        return True  # "supporters of the two candidates fought outside the polling station, five hurt"
    state_violence = (
        kind_of(initiators or []) in ("police", "state_forces")
        and "kill" in classes
        and (
            any(t.lower_ == "dead" and t.head.lemma_.lower() == "shoot" for t in sent) or _shot_dead_fr(sent)
        )
        and not _police_report(sent.doc)
    )  # "gendarmes shot dead an unarmed suspect": the state's violence, whatever the crime
    if (
        not conflict_actor
        and not state_violence
        # (French: not a word of crime in the circumstances, "alors qu'il s'entretenait avec un prévenu")
        and any(
            t.lemma_.lower() in lex.crime_cues and not (_fr(sent.doc) and _circumstance_fr(t)) for t in sent
        )
    ):
        return False  # ordinary crime: police and civilians only, with a word of crime or accident
    if not conflict_actor and _police_report(sent.doc):
        return False  # "..., police said on Monday": a crime report, unless an armed group is named
    named = any(m.named for m in roles + mentions)
    if off_topic and not named and not (armed and weapon):
        return False
    harmed = "attack" in classes and any(t.lemma_.lower() in ("wound", "injure") for t in sent)
    harmed = harmed or ("attack" in classes and _toll_told_fr(sent))  # "une attaque a fait 20 morts"
    # "des journalistes ont été passés à tabac", in a text that names an armed actor (not "roué de
    # coups par son voisin", whose "coups" are no word of war)
    if (
        not harmed
        and "attack" in classes
        and _fr(sent.doc)
        and _bodily_harm_fr(sent) is not None
        and any(kind_of([m]) in ARMED_KINDS for m in sent.doc._.actor_mentions or [])
    ):
        return True
    return armed or weapon or (bool(classes & {"kill", "abduct"} or harmed) and _conflict_setting(sent.doc))


def _political_brawl(sent: Span) -> bool:
    """Whether a fight among civilians is told in words of party politics or elections and hurt
    people, or police or soldiers broke it up ("party activists fought at the polling station,
    injuring three"): political violence by a mob, where "the two parties clashed over the budget"
    is only a debate."""
    w = _ew(sent.doc)
    lemmas = {t.lemma_.lower() for t in sent}
    if not lemmas & w["political_rivalry"]:
        return False
    hurt = lemmas & (w["harm"] | w["bodily_harm"] | {"injury", "casualty"})
    return bool(hurt) or forces_intervened_in(sent.doc)


def two_sided_brawl(doc: Doc) -> bool:
    """Whether an English document tells a fight between sides ("the two camps clashed", "students
    and parents fought", "clashes between youths of two districts"): a mob violence it tells has
    rioters on both sides, as ACLED codes it."""
    if _fr(doc):
        return False
    words = english().triggers["clash"] - {
        "operation",
        "offensive",
        "pursue",
        "chase",
        "rout",
        "repel",
        "repulse",
    }
    return any(t.lemma_.lower() in words for t in doc)


def _shot_dead_fr(sent: Span) -> bool:
    """French "abattre" (English "shoot dead"): "des gendarmes ont abattu un suspect"."""
    return _fr(sent.doc) and any(t.lemma_.lower() in _frw("shoot_dead") for t in sent)


def _conflict_setting(doc: Doc) -> bool:
    """Whether a document names an armed actor or speaks of armed conflict anywhere: a killing with
    neither is ordinary crime, an accident or a figure of speech ("it is killing our nation")."""
    if doc.user_data.get("conflict_setting") is None:
        mentions: list[ActorMention] = doc._.actor_mentions or []
        context = _ew(doc)["conflict_context"]
        doc.user_data["conflict_setting"] = any(
            kind_of([m]) in ARMED_KINDS and m.generic != "private_security" for m in mentions
        ) or any(t.lemma_.lower() in context or t.lower_ in context for t in doc)
    return bool(doc.user_data["conflict_setting"])


NOT_VICTIMS = _words("not_victims")


def _singular_victims(patient: Token | None) -> list[Token]:
    """Victims named without a number: "killed a civilian and his son", "a councilman was killed"."""
    if patient is None:
        return []
    out = []
    w = _ew(patient.doc)
    fr = _fr(patient.doc)
    counts = patient.doc._.counts or []
    # French: a count's numeral and its noun ("un militaire a été tué" is counted as one)
    counted = {i for c in counts for i in (*range(c.start, c.end), c.noun)} if fr else set()
    # French: the thing attacked in a sentence that tells a killing ("ont attaqué un campement ... deux
    # bergers ont été tués") is no victim; what a verb of killing takes is
    killed_by_verb = fr and patient.head.i != patient.i and "kill" in _trigger_classes_fr(patient.head)
    heads = [patient, *[c for c in patient.conjuncts if c.i > patient.i]]
    if not fr and patient.dep_ == "dobj":
        # "killed a herder and his son" parsed with "son" on the verb: a second object all the same
        heads += [
            c
            for c in patient.head.children
            if c.dep_ == "conj" and c.i > patient.i and c.pos_ == "NOUN" and is_person_noun(c)
        ]
    for head in heads:
        if head.i in counted:
            continue  # "une quinzaine d'assaillants": a count, not one victim
        if fr and head.lower_ in ("un", "une") and head.pos_ == "PRON":
            out.append(head)  # "l'un des assaillants"
            continue
        if any(
            c.dep_ == "nummod" or (c.like_num and not (fr and c.lower_ in ("un", "une") and c.dep_ == "det"))
            for c in head.children
        ):
            continue
        if head.lemma_.lower() in w["not_victims"] | w["place_targets"] or head.like_num:
            continue
        if fr:
            if not killed_by_verb and not (is_person_noun(head) or head.ent_type_ == "PERSON"):
                continue
            if head.i != patient.i and own_verb_after_fr(head.doc, head):
                continue  # "ont tué deux bergers et un commerçant a été blessé": his own fate
            if head.ent_type_ == "PERSON" or (
                head.pos_ in ("NOUN", "PROPN", "ADJ")
                and "Plur" not in head.morph.get("Number", [])
                and any(
                    c.dep_ == "det"
                    and (
                        c.lower_ in ("un", "une")
                        or (c.lower_ in ("le", "la", "l'", "l’") and is_person_noun(head))
                    )
                    for c in head.children
                )
            ):
                out.append(head)  # "un civil", "une femme", "le maire": one victim each
            continue
        if head.tag_ in ("NN", "NNP") or head.ent_type_ == "PERSON" or head.lower_ in ("him", "her"):
            out.append(head)
    return out


@Language.factory(
    "conflictlens_events",
    assigns=["doc._.events"],
    requires=["doc._.actor_mentions", "doc._.counts", "doc._.dates"],
)
def make_events(nlp: Language, name: str) -> EventComponent:
    return EventComponent()


class EventComponent:
    """Finds event mentions sentence by sentence; sets ``doc._.events``."""

    def __call__(self, doc: Doc) -> Doc:
        lex = for_lang(doc.lang_)
        fr = _fr(doc)
        w = _ew(doc)
        weak_triggers = w["weak_triggers"]
        needs_actor_agent = w["needs_actor_agent"]
        abstract_agents = w["abstract_agents"]
        pronouns = _frw("pronouns") if fr else PRONOUNS
        events: list[EventMention] = []
        counts: list[Count] = doc._.counts or []
        dates = doc._.dates or []
        for sent in doc.sents:
            triggers: list[tuple[Token, set[str]]] = []
            for tok in sent:
                classes = _trigger_classes(tok)
                if classes and not fr and _told_before(tok):
                    classes = set()  # "sent to the scene of an earlier ambush": another event
                if not classes and not fr and tok.pos_ == "VERB" and tok.lemma_.lower() in w["agent_harm"]:
                    # "volunteers wounded two armed bandits": wounding is an attack when an actor does it
                    # ("1 gendarme wounded", a headline's reduced passive, names the victim)
                    harm_agent = _roles(tok)[0]
                    told = any(c.dep_ in ("dobj", "agent") for c in tok.children)
                    if (
                        told
                        and harm_agent is not None
                        and _mentions_in(doc, harm_agent)
                        and not _irrealis(tok)
                    ):
                        classes = {"attack"}
                if "arrest" in classes and tok.pos_ == "NOUN" and not fr and _reason_phrase(tok):
                    classes -= {"arrest"}  # "blocked the road following the arrest of a soldier"
                deeds = {"riot", "property", "attack", "arrest", "kill"}
                if not fr:
                    deeds |= {"abduct", "sexual", "explosive", "suicide"}  # "against the kidnapping of ..."
                if classes & deeds and _protest_topic(tok):
                    # "to demand the release of those arrested", "against the murder of a policeman"
                    classes -= deeds
                if classes & deeds and not fr and _describes_protesters(tok):
                    classes -= deeds  # "the wives of soldiers killed in the north marched": who marched
                if classes:
                    triggers.append((tok, classes))
            low = sent.text.lower()
            phrase_classes: set[str] = set()
            for phrase, classes in lex.trigger_phrases.items():
                if find_phrase(low, phrase) >= 0:
                    if fr and classes & {"explosive"} and _borne_explosive_fr(sent, phrase):
                        continue  # "un militant porteur d'un engin explosif": carried, not set off
                    if fr and _phrase_into_the_air_fr(sent, low, phrase):
                        continue  # "ont tiré des coups de feu en l'air": shots at no one
                    if "air" in classes and "strike" not in phrase and not _violent_sentence(sent):
                        continue  # "welcomed two recruits into the Air Force": no strike
                    phrase_classes |= classes
            no_trigger = not any(c & set(STRONG_CLASSES) for _, c in triggers) and not (
                phrase_classes & set(STRONG_CLASSES)
            )
            # events with no trigger word: the verb that tells them
            rule_main = None
            if no_trigger:
                for rule, cls in (
                    (_base_established, "base"),  # "the army established a base at Makalondi"
                    (_handed_over, "handover"),  # "the UN mission handed over its camp to the army"
                    (_agreement_made, "accord"),  # "the junta and the rebels signed a peace agreement"
                    (_left_for_insecurity, "withdrawal"),  # "the police withdrew amid insecurity"
                ):
                    rule_main = rule(doc, sent)
                    if rule_main is not None:
                        phrase_classes.add(cls)
                        break
            if (
                rule_main is None
                and no_trigger
                and (
                    _crowd_subject(doc, sent)
                    or (_civilians_shut_fr(sent) if fr else _civilians_shut(doc, sent))
                )
            ):
                phrase_classes.add("protest")  # "demonstrators surrounded the governor's residence"
            all_classes: set[str] = set(phrase_classes)
            for _, c in triggers:
                all_classes |= c
            strong = [
                (t, c)
                for t, c in triggers
                if c & set(STRONG_CLASSES) and t.lemma_.lower() not in weak_triggers
            ]
            if not strong and not (phrase_classes & set(STRONG_CLASSES)):
                continue
            main = self._main_trigger(strong) if strong else rule_main
            if main is None:
                # "residents set fire to a police station": the phrase's verb, else the root
                starts = [
                    find_phrase(low, phrase)
                    for phrase, c in lex.trigger_phrases.items()
                    if c & set(STRONG_CLASSES)
                ]
                first = min((x for x in starts if x >= 0), default=-1)
                at = sent.char_span(
                    sent.start_char + first, sent.start_char + first + 1, alignment_mode="expand"
                )
                main = at.root if first >= 0 and at is not None and at.root.pos_ == "VERB" else sent.root
            agent, patient, _ = _roles(main)
            if main.pos_ == "NOUN" and _refers_back(main):
                if not (fr and _claim_tells_fr(main)):
                    continue  # "no group has claimed responsibility for the attack": a reference
                agent = _claimant_fr(main) or agent  # "le JNIM a revendiqué l'explosion ...": the claimant
            pronoun_agent = agent is not None and agent.lower_ in pronouns and bool(events)
            if (
                strong
                and main.lemma_.lower() in needs_actor_agent
                and not _mentions_in(doc, agent)
                and not pronoun_agent
            ):
                # "misinformation targeting the military" is no attack
                strong = [(t, c) for t, c in strong if t.i != main.i]
                if not strong:
                    continue
                main = self._main_trigger(strong)
                agent, patient, _ = _roles(main)
            if agent is None and not fr and main.pos_ in ("NOUN", "PROPN"):
                # "mortar shells fired by unidentified assailants": the agent of the shells' firing
                shells = main.head if main.dep_ == "compound" else main
                agent = next(
                    (
                        p
                        for v in shells.children
                        if v.dep_ == "acl" and v.lemma_.lower() in w["launch_verbs"]
                        for a in v.children
                        if a.dep_ == "agent"
                        for p in a.children
                        if p.dep_ == "pobj"
                    ),
                    None,
                )
            if agent is None and not fr:
                agent = _accused_of(main)  # "residents accused soldiers of looting shops": allegedly theirs
            bodies_found = None if fr else _found_dead_in(main)
            found_dead = bodies_found[0] if bodies_found is not None else None
            if bodies_found is not None:
                if agent is not None and agent.i not in bodies_found[0]:
                    agent = None  # "soldiers recovered the bodies of 17 people who had been killed": finders
                patient = patient or bodies_found[1]  # ... the 17 people
            if not fr and agent is not None and agent.dep_ == "nsubj" and death_idiom_at(agent.head):
                agent, patient = None, agent  # "two gendarmes lost their lives": they died
            under_fire = None if fr else _under_fire(sent)
            if under_fire is not None:
                agent, patient = under_fire  # "police came under fire from gunmen": the gunmen attack
            if agent is None:
                # "11 soldiers were killed when militants ambushed a convoy": the trigger that names
                # its agent tells who did it
                for tok, _classes in sorted(strong, key=lambda tc: tc[0].i):
                    other_agent, other_patient, _ = _roles(tok)
                    if other_agent is not None and tok.i != main.i:
                        agent = other_agent
                        patient = patient or other_patient
                        break
            if agent is not None and agent.lemma_.lower() in abstract_agents and not _mentions_in(doc, agent):
                continue  # "a civil war that killed 10,000": a toll, not an event
            support = _support_heads(agent) if agent is not None else set()
            a1 = _mentions_in(doc, agent, exclude=support)
            if (
                len(a1) == 1
                and not fr
                and agent is not None
                and main.pos_ == "VERB"
                and "clash" in _trigger_classes(main)
                and not any(c.dep_ == "prep" and c.lower_ in ("with", "against") for c in main.children)
            ):
                a1 = _left_conjunct(doc, agent) + a1  # "volunteers (VDP) and suspected jihadists clashed"
            if not a1 and agent is not None and agent.lower_ in PRONOUNS | {"it", "we"} and not fr:
                # "the army said it had killed 40 terrorists": "it" is who says so
                a1 = _mentions_in(doc, _reporting_subject(agent))
            if (
                not a1
                and not fr
                and agent is not None
                and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in agent.children)
            ):
                # "the army said its aircraft had struck ...": the aircraft are the army's
                a1 = _mentions_in(doc, _reporting_subject(agent))
            if (
                not a1
                and not fr
                and agent is not None
                and agent.lemma_.lower() in w["mob_nouns"]
                and all_classes & {"kill", "attack"}
                and "protest" not in all_classes
            ):
                # "a crowd beat two suspected thieves to death": a crowd that kills or beats is a mob
                a1 = [ActorMention(agent.i, agent.i + 1, agent.i, generic="rioters")]
            if not a1 and agent is not None and agent.lower_ in pronouns and events:
                a1 = list(events[-1].actor1)  # "They then set fire to ...": the last event's initiators
            elif not a1 and fr and agent is not None and agent.lower_ in ("ils", "elles") and not events:
                # "des militants du JNIM se sont infiltrés dans la ville ; ils ont attaqué le camp": the
                # armed subject told before, where no event was
                subjects = [
                    m
                    for m in doc._.actor_mentions or []
                    if m.end <= sent.start and doc[m.head].dep_ == "nsubj" and kind_of([m]) in ARMED_KINDS
                ]
                a1 = subjects[-1:]
            a2 = _mentions_in(doc, patient)
            if fr and not a2:
                a2 = _among_them_fr(main, a1)  # "ont tendu une embuscade à des VDP et tué quatre d'entre eux"
            if fr and not a2 and patient is not None and _public_carrier_fr(patient):
                # "un car de transport a sauté sur une mine": its passengers, civilians
                a2 = [ActorMention(patient.i, patient.i + 1, patient.i, generic="civilians")]
            counted = patient  # the killing's own object, for counting its victims
            if not a2 and not fr and (patient is None or patient.pos_ == "NUM"):
                # "ambushed a convoy of gold miners, killing 37": the 37 are the miners
                for tok, _classes in sorted(strong, key=lambda tc: tc[0].i):
                    other = _roles(tok)[1] if tok.i != main.i else None
                    found = _mentions_in(doc, other) if other is not None else []
                    if found and not any(_same_side(a1, m) for m in found):
                        a2, patient = found, other
                        break
                if not a2 and patient is not None and _of_them(patient):
                    # "clashed with ISWAP insurgents, killing eleven of them": the group named before
                    before = [
                        m
                        for m in doc._.actor_mentions or []
                        if sent.start <= m.start
                        and m.end <= patient.i
                        and m not in a1
                        and not _same_side(a1, m)
                        and not is_speaker(doc[m.head])
                    ]
                    a2 = _prefer_named(doc, before[-1:])
            assoc = [m for m in (doc._.actor_mentions or []) if m.head in support and m.named]
            sent_mentions = [m for m in (doc._.actor_mentions or []) if sent.start <= m.start < sent.end]
            sent_mentions = [m for m in sent_mentions if not is_speaker(doc[m.head])]
            # "two gendarmes lost their lives in the attack": those who died are no attackers
            # (civilians who die are victims by the usual ways; forces who do are no attackers)
            died = [
                m
                for m in sent_mentions
                if not fr and kind_of([m]) in ARMED_KINDS and _died_in_idiom(doc[m.head])
            ]
            if died and a1 and all(m in died for m in a1) and a2:
                a1 = []  # "four soldiers died when their vehicle hit a mine": they did not lay it
            if died and a1 and all(m in died for m in a1) and not a2:
                a1, a2 = [], a1
            if died and not a2:
                a2 = died[:1]
            elif (
                died
                and not a1
                and kind_of(died) in ("state_forces", "police")
                and kind_of(a2) in NON_STATE_ARMED
            ):
                a1 = died[:1]  # "seven of our soldiers fell ..., while 31 terrorists were neutralised"
            a2_heads = {m.head for m in a2}
            if not a1:
                a1 = [
                    m
                    for m in sent_mentions
                    if m.start < main.i
                    and kind_of([m]) in ARMED_KINDS
                    and m.head not in a2_heads
                    # "arrived at a police station" names a place; "a strike by the army" an agent
                    and not _object_like(doc[m.head])
                    and not (patient is not None and patient.left_edge.i <= m.head <= patient.i)
                    and not (fr and _listed_with_fr(doc, m, patient))
                    and (found_dead is None or m.head in found_dead)
                ][:1]
            if not a1 and fr and events and _damage_without_agent_fr(main, sent, all_classes, events[-1]):
                a1 = list(events[-1].actor1)  # "... ont attaqué le poste. Des motos ont été incendiées."
                all_classes -= {"riot"}  # the attackers' damage, named or not: no riot
            if _crowd_control(main) and kind_of(a1) in ("police", "state_forces"):
                # "security forces dispersed the protesters": the crowd protested, the police intervened
                crowd = [m for m in sent_mentions if kind_of([m]) in ("protesters", "civilians", "rioters")]
                a1, a2 = crowd[:1], a1
            sides = _between_sides(doc, sent) if all_classes & {"clash", "attack", "kill"} else None
            if not sides and not fr and main.i not in {t.i for t, c in strong if "clash" in c}:
                sides = _clashing_subjects(doc, strong)  # "A and B clashed ..., three militants killed"
            if sides:
                a1, a2 = sides  # "clashes between the army and suspected JNIM militants"
            a1 = _refer_back(doc, _prefer_named(doc, a1))
            if a2 and not (a1 and kind_of(a1) in NON_STATE_ARMED):
                a2 = _refer_back(doc, a2)  # "the army ... killed two militants": the group named before
            if not a1 and all_classes & {"protest"}:
                a1 = [m for m in sent_mentions if kind_of([m]) in ("protesters", "civilians")][:1]
            if not a1 and "measures" in all_classes and not all_classes & VIOLENT_CLASSES:
                # "the governor extended the curfew", "a curfew was imposed": the authorities act
                state = ("government", "state_forces", "police")
                authority = [m for m in sent_mentions if kind_of([m]) in state]
                a1 = authority[:1] or [ActorMention(main.i, main.i + 1, main.i, generic="government")]
            if "clash" in all_classes and len(a1) > 1 and not a2 and _reciprocal(doc, a1):
                a1, a2 = a1[:1], a1[1:2]  # "JNIM and ISGS clashed": the two sides of one clash
            if all_classes & set(STRONG_CLASSES) == {"handover"}:
                receivers = [
                    m
                    for t in sent
                    if t.lower_ == "to" and t.head.lemma_.lower() in w["transfer_verbs"]
                    for p in t.children
                    if p.dep_ == "pobj"
                    for m in _mentions_in(doc, p)
                ]
                if receivers:
                    # "MINUSMA handed over the camp to the army": the army takes it over
                    a1, a2 = receivers[:1], [m for m in a1 + a2 if m.head != receivers[0].head][:1]
            if all_classes & set(STRONG_CLASSES) == {"accord"}:
                if not a1:
                    # "un accord a été signé entre les Dozos et les Peuls": the parties in their order
                    parties = [
                        m for m in sent_mentions if m.generic not in ("civilians", "government") or m.named
                    ]
                    parties = parties or sent_mentions
                    a1, a2 = parties[:1], [m for m in parties[1:] if _key(m) != _key(parties[0])][:1]
                elif len(a1) > 1 and not a2:
                    a1, a2 = a1[:1], a1[1:2]  # "the government and the CMA signed": the two parties
            if not a2:
                a2 = [
                    m
                    for m in sent_mentions
                    if m.start > main.i
                    and (not a1 or m.named != a1[0].named or m.generic != a1[0].generic)
                    and not _named_then_vague(a1, m)
                    and m.head not in support  # "fighters backed by AQIM": their ally
                    # "raided the depot after the soldiers withdrew": no side of the attack
                    and (fr or not _under_reason(doc[m.head], main))
                    # "executed by the army or gendarmerie": one hedged side, however it was parsed
                    and not any(
                        0 < m.start - x.end <= 2
                        and all(t.lower_ in ("or", "and/or", "/") for t in doc[x.end : m.start])
                        for x in a1
                    )
                ][:1]
                if fr and a2 and a2[0].generic == "unidentified":
                    # "treize combattants présumés de l'EIGS": the armed group named in the phrase
                    a2 = [m for m in _prefer_named(doc, a2) if kind_of([m]) in NON_STATE_ARMED] or a2
            if (
                a1
                and a2
                and (a1[0].named, a1[0].generic, a1[0].group) == (a2[0].named, a2[0].generic, a2[0].group)
            ):
                a2 = []
            # "JNIM militants attacked an army unit, two assailants were killed": the assailants are
            # JNIM's men, and the army the other side
            a2 = [m for m in a2 if not _same_side(a1, m)]
            if not a2 and patient is not None:
                covering = [m for m in doc._.actor_mentions or [] if m.start <= patient.i < m.end]
                a2 = [m for m in covering[:1] if not _same_side(a1, m)]
            if "clash" in all_classes and len(a1) > 1 and not a2 and _reciprocal(doc, a1):
                # "JNIM and ISGS militants clashed ..., 5 ISGS and 2 JNIM militants killed": the
                # dead are both sides' men, and the two groups the sides
                a1, a2 = a1[:1], a1[1:2]
            if (
                not a2
                and patient is not None
                and _person_victim(patient, all_classes)
                and kind_of(_mentions_in(doc, patient)) not in ARMED_KINDS
            ):
                # whoever is killed, abducted or raped and is not an armed actor is a civilian
                a2 = [ActorMention(patient.i, patient.i + 1, patient.i, generic="civilians")]
            if kind_of(a2) in ARMED_KINDS and _non_combatant(patient):
                a2 = [ActorMention(patient.i, patient.i + 1, patient.i, generic="civilians")]  # type: ignore[union-attr]
            if kind_of(a2) not in ARMED_KINDS:
                # "attacked the police station ... killing three": an attack on an armed actor's
                # post or patrol is a clash with that actor, whoever else died
                armed_target = [m for m in _armed_target(doc, strong, main, a1) if not _same_side(a1, m)]
                if armed_target:
                    a2 = armed_target
            empty_post = any(t.lemma_.lower() in w["unmanned"] or t.lower_ in w["unmanned"] for t in sent)
            empty_post = (
                empty_post
                and patient is not None
                # "opened fire on a militia headquarters while it was unmanned": any empty building
                and (patient.lemma_.lower() in w["place_targets"] or (not fr and not is_person_noun(patient)))
            )
            # "attacked the police station while it was unmanned": property, nobody to fight
            property_target = empty_post or (
                not a2
                and main.lemma_.lower() not in w.get("gunfire", ())  # shooting at a car shoots at its driver
                and (
                    patient is not None
                    and patient.pos_ in ("NOUN", "PROPN")
                    and not is_person_noun(patient)
                    and patient.lemma_.lower() not in w["place_targets"] | w["settlements"]
                    # "ont ouvert le feu sur un kiosque": shots at a thing are aimed at the people in it
                    and not (fr and _shoots_at_fr(main))
                )
            )
            if fr and a2 and all(m.generic == "ethnic" for m in a2) and _armed_not_ethnic_fr(a1):
                a2 = _civilians_of_ethnic_fr(doc, a2)  # "l'armée a tué des éleveurs peuls": civilians
            if (
                not fr
                and "clash" in all_classes
                and kind_of(a1) in ARMED_KINDS - {"state_forces", "police"}
                and kind_of(a2) == "civilians"
                and any(
                    "clash" in c
                    and t.pos_ == "VERB"
                    and any(x.i in {m.head for m in a1 + a2} for x in t.subtree)
                    for t, c in strong
                    if t.lemma_.lower() in FIGHT_NOUNS | {"clash", "fight", "battle"}
                )
            ):
                # "hunters and villagers clashed": the villagers fought,
                # as a communal militia
                a2 = [ActorMention(m.start, m.end, m.head, generic="militia") for m in a2[:1]]
            if all_classes & set(STRONG_CLASSES) == {"withdrawal"}:
                # "the police station closed down": the police leave; no one is acted on
                a1 = a1 or [m for m in a2 if kind_of([m]) in ARMED_KINDS][:1]
                a2 = []
            event_type, sub = _classify(all_classes, sent, a1, a2, property_target, sent_mentions)
            if (
                event_type == "Riots"
                and a2
                and all(
                    m.generic == "unidentified"
                    and (m.hedged or any(t.lower_ in HEDGES for t in doc[m.start : m.end]))
                    for m in a2
                )
            ):
                # "a crowd lynched two suspected kidnappers": a mob's victims are civilians to ACLED
                a2 = [ActorMention(m.start, m.end, m.head, generic="civilians") for m in a2]
            if (
                (event_type, sub) == ("Battles", "Armed clash")
                and not fr
                and _stones_only(sent, all_classes)
                and {kind_of([m]) for m in a1 + a2}
                <= {
                    "communal_militia",
                    "identity_militia",
                    "unidentified_armed_group",
                    "civilians",
                    "rioters",
                }
                and not any(m.named for m in a1 + a2 if kind_of([m]) == "unidentified_armed_group")
            ):
                # "two crowds pelted each other with stones": a brawl fought with stones is mob violence
                event_type, sub = "Riots", "Mob violence"
            if event_type in VIOLENT_TYPES and not _conflict_grade(
                sent, a1 + a2, sent_mentions, all_classes, a1
            ):
                continue
            if event_type == "Riots" and _off_topic(sent, False) and not any(m.named for m in a1 + a2):
                continue
            killed = [
                c
                for c in counts
                if sent.start <= c.start < sent.end and c.fate == "killed" and (c.person or c.noun == c.start)
            ]
            attempt = _frw("attempt") if fr else ("attempt", "try")
            attempted = any(t.lemma_.lower() in attempt for t in main.ancestors) or any(
                t.lemma_.lower() in attempt for t in sent if t.i < main.i and t.head.i == main.i
            )
            victims = _singular_victims(counted) if "kill" in all_classes and not attempted else []
            a1 = _parent_in_parentheses(doc, _with_coordinated(doc, a1))
            or_join = len(a1) > 1 and (
                any(
                    t.lower_ in (("ou", "et/ou", "/") if fr else ("or", "and/or", "/or", "/"))
                    for t in doc[a1[0].end : a1[1].start]
                )
                # "presumed JNIM and ISGS"; French repeats "de": "du JNIM et de l'EIGS"
                or (a1[0].hedged and a1[1].hedged and a1[1].start - a1[0].end <= (4 if fr else 2))
            )
            mention = EventMention(
                sent.start,
                sent.end,
                main.i,
                frozenset(all_classes),
                event_type,
                sub,
                actor1=a1 + [m for m in assoc if m not in a1],
                actor1_or=or_join,
                actor2=a2,
                killed=killed,
                singular_victims=[(v.left_edge.i, v.i + 1) for v in victims],
                women_children=women_children_mentioned(list(sent)) and "kill" in all_classes | {"attack"},
                background=background_sentence(sent, dates),
            )
            mention.actor1 = a1
            mention_assoc = [m for m in assoc if m not in a1]
            if mention_assoc:
                mention.actor1 = a1 + mention_assoc
            events.append(mention)
        _answered_attacks(doc, events)
        _victims_identified(doc, events)
        _harm_done(doc, events)
        events = _labelled(doc, events)
        doc._.events = events
        return doc

    @staticmethod
    def _main_trigger(strong: list[tuple[Token, set[str]]]) -> Token:
        order = list(STRONG_CLASSES)

        def rank(item: tuple[Token, set[str]]) -> tuple[int, int, int, int]:
            tok, classes = item
            best = min(order.index(c) for c in classes if c in order)
            is_verb = 0 if tok.pos_ == "VERB" else 1
            # "took four traders hostage ..., the captives were threatened": the threat hurt no one,
            # the taking is the event
            threat = 1 if tok.lemma_.lower() in _ew(tok.doc)["threats"] else 0
            return (threat, is_verb, best, tok.i)

        return min(strong, key=rank)[0]


# "since 2015", "since May 2008", "depuis 2012": a toll or a story counted over years is history
_SINCE_YEAR = re.compile(r"\b(?:since|depuis)\s+(?:[a-zéû]+\s+)?(?:19|20)\d\d\b")


def background_sentence(sent: Span, dates: list) -> bool:
    """Whether a sentence tells the conflict's history rather than the news: a background cue ("for
    years", "since 2015"), or only years for dates."""
    lex = for_lang(sent.doc.lang_)
    low = sent.text.lower()
    if any(cue in low for cue in lex.background_cues) or _SINCE_YEAR.search(low):
        return True
    in_sent = [d for d in dates if sent.start_char <= d.start_char < sent.end_char]
    return bool(in_sent) and all(d.year_only for d in in_sent)


# --- French ---------------------------------------------------------------------------------------
#
# French parses follow Universal Dependencies (nsubj, obj, nsubj:pass, obl:agent, nmod with a "case"
# preposition under its noun); these read them. The English functions above call them for French docs.

_FR_OF = frozenset({"de", "d'", "du", "des"})
_FR_NP_RIGHT = frozenset({"amod", "nmod", "appos", "flat:name", "nummod", "fixed", "acl"})
_FR_AIR_ACTS = frozenset(
    {"frappe", "frapper", "bombarder", "bombardement", "tuer", "neutraliser", "viser", "cibler", "tirer",
     "attaque", "attaquer", "raid", "frappé", "frappes", "détruire", "pilonner", "tir", "tirs"}
)  # fmt: skip
_FR_LIVESTOCK = frozenset(
    {"bétail", "animal", "animaux", "bœuf", "boeuf", "mouton", "vache", "chèvre", "moto", "motos", "véhicule",
     "bien", "biens", "vivres", "chameau", "troupeau", "tête"}
)  # fmt: skip


def _case(tok: Token) -> str:
    """The preposition of a French nominal ("par", "contre", "de"), or ""."""
    for c in tok.children:
        if c.dep_ in ("case", "fixed") and c.i < tok.i:
            return c.lower_
    return ""


def _object_like(tok: Token) -> bool:
    """An object or a prepositional phrase other than an agent: "at a police station" names a place."""
    if _fr(tok.doc):
        if tok.dep_ in ("obj", "iobj"):
            return True
        return tok.dep_ in ("obl", "obl:arg", "obl:mod", "nmod") and _case(tok) not in ("", "par")
    return tok.dep_ == "dobj" or (tok.dep_ == "pobj" and tok.head.lower_ != "by")


def _np_end_fr(head: Token) -> int:
    """End of a French noun phrase: its adjectives, "de"-phrases and appositions after the head."""
    hi = head.i + 1
    for child in head.rights:
        if child.dep_ in _FR_NP_RIGHT and not (
            child.dep_ == "acl" and child.pos_ == "VERB" and child.i > hi + 1
        ):
            if child.dep_ == "nmod" and _locative_fr(child):
                continue  # "un commerçant ..., près de la gendarmerie": where, not who
            if child.dep_ == "nmod" and _case(child) == "par":
                continue  # "trois agents de santé par des hommes armés": who did it, not who
            if child.dep_ == "acl" and child.left_edge.i > 0 and head.doc[child.left_edge.i - 1].text == ",":
                continue  # "le maire, soupçonné de complicité avec les terroristes": said of him
            if (
                child.dep_ == "acl"
                and child.lemma_.lower() in _frw("suspected_of")
                and not _armed_head_fr(head)
            ):
                break  # "deux hommes soupçonnés de collaborer avec les jihadistes": what they are said to do
            hi = max(hi, child.right_edge.i + 1)
    return hi


_FR_PLACE_CASES = frozenset(
    {"à", "au", "aux", "dans", "sur", "vers", "en", "près", "entre", "chez", "devant"}
)


def _locative_fr(tok: Token) -> bool:
    """A French "de"-less or "près de" phrase that says where: "près de la gendarmerie", "à Djibo"."""
    if _case(tok) in _FR_PLACE_CASES:
        return True
    return any(c.dep_ == "advmod" and c.lower_ in _frw("near_words") for c in tok.children)


def _trigger_classes_fr(tok: Token) -> set[str]:
    lex = for_lang("fr")
    w = lex.event_words
    lemma = tok.lemma_.lower()
    low = tok.lower_
    classes = set(lex.trigger_of_lemma.get(lemma, ())) | set(lex.trigger_of_lemma.get(low, ()))
    if lemma == "blesser" and any(c.lower_ == "mortellement" for c in tok.children):
        classes.add("kill")  # "trois civils ont été mortellement blessés": killed
    if lemma in ("bloquer", "barrer", "barricader") and tok.pos_ == "VERB":
        objects = [c for c in tok.children if c.dep_ in ("obj", "nsubj:pass")]
        if any(
            any(t.lemma_.lower() in w["roads"] or _ROAD_NUMBER.fullmatch(t.text) for t in o.subtree)
            for o in objects
        ):
            return {"protest"}  # "des habitants ont bloqué la route": a blockade is a protest
    if _takes_the_streets_fr(tok):
        return {"protest"}  # "des milliers de manifestants ont investi les rues de la capitale"
    if _crowd_control_fr(tok):
        return {"protest"}  # "la police a dispersé les élèves", "des gaz lacrymogènes contre la foule"
    if _pronominal_assault_fr(tok):
        return {"attack"}  # "des orpailleurs s'en sont pris aux gendarmes": the verb, not only a phrase
    if lemma in w["seize"] | {"détruire"} and tok.pos_ == "VERB" and _explosive_object_fr(tok):
        return {"disrupted"}  # "une équipe de déminage a détruit un engin explosif": no attack
    if lemma == "emparer":
        return _seized_fr(tok)
    if lemma == "battre" and tok.pos_ == "VERB" and any(c.lower_ in ("se", "s'") for c in tok.children):
        return {"clash"}  # "se sont battus": a fight, not a beating
    if lemma == "violence" and tok.pos_ == "NOUN" and _between_or_communal_fr(tok):
        return {"clash"}  # "des violences (intercommunautaires) entre agriculteurs et éleveurs"
    if not classes:
        return set()
    doc = tok.doc
    if tok.i > 0 and f"{doc[tok.i - 1].lower_} {low}" in lex.vague_counts:
        return set()  # "à une quarantaine de kilomètres": about forty, not a quarantine
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    sent_words = {t.lemma_.lower() for t in tok.sent} | {t.lower_ for t in tok.sent}
    objects = [c for c in tok.children if c.dep_ in ("obj", "nsubj:pass")]
    if (
        lemma == "tirer"
        and tok.pos_ == "VERB"
        and not (nxt is not None and nxt.lower_ in ("sur", "à", "en", "des", "plusieurs", "dans"))
    ):
        return set()  # "tirer profit", "tirer les leçons"
    if lemma in ("tirer", "tir", "coup") and _into_the_air_after_fr(tok):
        return set()  # "ont tiré (des coups de feu) en l'air": shots at no one
    if classes & {"grenade"} and any(_crowd_control_fr(c) for c in tok.children):
        return {"protest"}  # "des grenades lacrymogènes contre les manifestants"
    if any(
        {a.lemma_.lower(), a.lower_} & _frw("mourning")
        or any(c.dep_ == "nsubj" and {c.lemma_.lower(), c.lower_} & _frw("mourning") for c in a.children)
        for a in tok.ancestors
    ):
        return set()  # "un deuil national en hommage aux victimes de l'attaque": an event told before
    if lemma == "tirer" and any(_crowd_control_fr(t) for o in objects for t in o.subtree):
        return set()  # "ont tiré des gaz lacrymogènes": crowd control (the gas is the trigger), no attack
    if "mine" in (lemma, low) and (not sent_words & w["mine_blast"] or sent_words & _frw("gold_mine")):
        return set()  # a gold mine, "une mine d'or"
    if (
        lemma in ("combat", "opération")
        and tok.dep_ == "nmod"
        and _case(tok) in _FR_OF
        and tok.head.pos_ == "NOUN"
    ):
        return set()  # "des unités de combat", "une base d'opérations"
    aim = nxt is not None and nxt.lower_ == "à" and nxt.head.pos_ == "VERB" and nxt.head.i > tok.i
    if lemma == "viser" and aim:
        return set()  # "une opération visant à sécuriser le camp": an aim, no attack
    if lemma == "opération" and any(
        c.dep_ == "amod" and c.lemma_.lower() in ("aérien", "aérienne") for c in tok.children
    ):
        classes = {"air"}  # "une opération aérienne a permis de neutraliser ...": an air strike
    elif lemma == "opération" and not (sent_words | _next_sentence_words_fr(tok)) & _frw("operation_tolls"):
        return set()  # (an operation is an attack when it kills: "Plusieurs corps ont été abandonnés.")
    if "air" in classes and not (lemma.startswith("frappe") or "frappe" in low):
        if not sent_words & _FR_AIR_ACTS:
            return set()  # "le survol de drones", "un hélicoptère a évacué les blessés"
        if sent_words & {"évacuer", "évacué", "ravitailler", "appui", "larguer", "transporter"}:
            return set()
    if lemma in ("marche", "marcher") and (
        tok.pos_ not in ("VERB", "NOUN") or sent_words & {"mine", "engin", "explosif", "eei"}
    ):
        return set()  # "a marché sur une mine"
    if lemma in ("enlever", "emporter") and objects and not any(_person_or_actor(o) for o in objects):
        if any(o.lemma_.lower() in _FR_LIVESTOCK or o.lower_ in _FR_LIVESTOCK for o in objects):
            return {"property"}  # "ont enlevé du bétail"
        return set() if lemma == "enlever" else classes
    if lemma == "emporter" and objects and all(_person_or_actor(o) for o in objects):
        return set()  # "une maladie a emporté le maire": carried off, no looting
    if (
        lemma in ("exécuter", "arrêter", "poursuivre", "capturer")
        and objects
        and not any(_person_or_actor(o) for o in objects)
        # "ont exécuté un notable près du marché": the person noun tagged an adjective, the place
        # taken for the object
        and not any(t.i < o.i and is_person_noun(t) for o in objects for t in o.subtree)
    ):
        return set()  # "exécuter un plan", "arrêter les combats", "poursuivre ses efforts"
    if lemma == "neutraliser":
        targets = objects + ([tok.head] if tok.dep_ in ("amod", "acl") else [])
        words = [w for o in targets for w in (o, *(c for c in o.children if c.dep_ == "amod"))]
        if any(lex.trigger_of_lemma.get(t.lemma_.lower(), set()) & {"explosive", "grenade"} for t in words):
            return {"disrupted"}  # "des engins neutralisés", "ont neutralisé une mine"
    if lemma == "arrêter" and any(c.lower_ in ("se", "s'") for c in tok.children):
        return set()  # "s'arrêter"
    if (
        lemma in ("rassembler", "rassemblement", "mobilisation", "meeting")
        and not sent_words & w["gathering_cues"]
        and not _support_shown_fr(tok.sent)
    ):
        return set()
    if lemma == "frapper" and sent_words & {"crise", "pauvreté", "sécheresse", "inondation"}:
        return set()
    if classes & {"explosive", "grenade", "shelling"} and tok.pos_ in ("NOUN", "PROPN", "ADJ"):
        governor = tok
        while governor.dep_ in ("conj", "amod") and governor.head.i != governor.i:
            governor = governor.head  # "des armes, des munitions et des engins explosifs"
        head = governor.head
        if head.lemma_.lower() in w["seize"] or head.lower_ in w["seize"]:
            return {"disrupted"}  # "saisi des armes et des explosifs"
        if any(c.dep_ in ("amod", "acl") and c.lemma_.lower() in w["seize"] for c in governor.children):
            return {"disrupted"}  # "des engins explosifs neutralisés"
        if governor.dep_ in ("nmod", "amod") and (
            head.lemma_.lower() in w["weapon_bearers"] or head.lower_ in w["weapon_bearers"]
        ):
            return set()  # "des poseurs d'engins explosifs", "un homme armé d'une grenade"
    if lemma == "attaque" and tok.pos_ == "NOUN" and sent_words & w["sports"]:
        return set()
    if lemma in ("attaque", "attaques") and nxt is not None and nxt.lower_ in _frw("illness_attacks"):
        return set()  # "une attaque cardiaque": an illness
    return classes


_ROAD_NUMBER = re.compile(r"(?:RN|RR|RD|RNIE|N)\d{1,3}")  # "la RN4": a national road


def _takes_the_streets_fr(verb: Token) -> bool:
    """Whether a crowd takes the streets: "sont descendus (mardi soir) dans les rues", "ont pris la
    rue", or, with no armed subject, "ont investi les rues", "ont envahi la place de la Nation" (with an
    armed subject, an armed raid)."""
    # ("ont investi" may be tagged a noun)
    verbal = verb.pos_ == "VERB" or any(c.dep_.startswith("aux") for c in verb.children)
    forms = {verb.lemma_.lower(), verb.lower_}
    streets = _frw("streets")
    if verbal and forms & _frw("street_goers"):
        # "descendre / sortir dans la rue", "prendre la rue"
        return any(
            c.lemma_.lower() in streets and (c.dep_ == "obj" or _case(c) == "dans")
            for c in verb.children
            if c.dep_ == "obj" or c.dep_.startswith("obl")
        )
    if not verbal or not forms & _frw("street_takeover"):
        return False
    if not any(c.dep_ == "obj" and c.lemma_.lower() in streets for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return not any(kind_of(_mentions_in(verb.doc, c)) in ARMED_KINDS for c in subjects)


def _claim_of_responsibility_fr(verb: Token) -> bool:
    """Whether "revendiquer" claims a deed ("le JNIM a revendiqué l'attaque"), not a demand of
    protesters ("les grévistes revendiquent le paiement des arriérés")."""
    if verb.lemma_.lower() not in _frw("claim_heads"):
        return False
    protest = for_lang("fr").triggers.get("protest", set())
    return not any(
        t.lemma_.lower() in protest or t.lower_ in protest or t.lemma_.lower() in _frw("protest_nouns")
        for t in verb.sent
    )


def _claim_tells_fr(noun: Token) -> bool:
    """Whether a claim of responsibility is the only telling of its event in the document ("Le JNIM a
    revendiqué l'explosion d'un engin explosif au passage d'un convoi."): the claimant did it, as ACLED
    codes a claim. Where another sentence tells the event, the claim refers back to it."""
    if not any(a.lemma_.lower() in _frw("claim_heads") for a in list(noun.ancestors)[:4]):
        return False
    sent = noun.sent
    return not any(
        _trigger_classes(t) & set(STRONG_CLASSES) for t in noun.doc if not sent.start <= t.i < sent.end
    )


def _claimant_fr(noun: Token) -> Token | None:
    """The subject of the claim a noun trigger is the object of ("le JNIM a revendiqué l'attaque")."""
    for a in list(noun.ancestors)[:4]:
        if a.lemma_.lower() in _frw("claim_heads"):
            return next((c for c in a.children if c.dep_ == "nsubj"), None)
    return None


def _among_them_fr(verb: Token, a1: list[ActorMention]) -> list[ActorMention]:
    """Those a count "d'entre eux" is taken from ("tué quatre d'entre eux", "en ont abattu cinq d'entre
    eux"): the nearest actor named before it in the sentence, not on the initiators' side."""
    near = [g for c in verb.children for g in (c, *c.children)]
    for them in near:
        if them.lower_ not in ("eux", "elles") or not any(t.lower_ == "entre" for t in them.subtree):
            continue
        before = [
            m
            for m in verb.doc._.actor_mentions or []
            if verb.sent.start <= m.start and m.end <= verb.i and not _same_side(a1, m)
        ]
        return before[-1:]
    return []


def _next_sentence_words_fr(tok: Token) -> set[str]:
    """The lemmas and forms of the sentence after ``tok``'s."""
    end = tok.sent.end
    if end >= len(tok.doc):
        return set()
    return {w for t in tok.doc[end].sent for w in (t.lemma_.lower(), t.lower_)}


def _bodily_harm_fr(sent: Span) -> str | None:
    """``_bodily_harm`` in French: "un commerçant a été blessé", "ont roué de coups le boutiquier"
    ("rape" for "violer"), unless denied ("personne n'a été blessé", "aucun blessé")."""
    harm = _ew(sent.doc)["bodily_harm"]
    low = sent.text.lower()
    for tok in sent:
        found = {tok.lemma_.lower(), tok.lower_} & harm
        if not found or tok.pos_ not in ("VERB", "ADJ") or _negated(tok):
            continue
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if any(t.lower_ in ("personne", "aucun", "aucune", "nul") for s in subjects for t in s.subtree):
            continue
        return "rape" if "violer" in found else min(found)
    return (
        "beat"
        if any(p in low for p in ("roué de coups", "roués de coups", "passé à tabac", "passés à tabac"))
        else None
    )


def _civilians_of_ethnic_fr(doc: Doc, ethnic: list[ActorMention]) -> list[ActorMention]:
    """The civilians an ethnic adjective describes ("des éleveurs peuls", "des femmes peules"), else
    the ethnic mentions themselves."""
    mentions: list[ActorMention] = doc._.actor_mentions or []
    covering = [m for m in mentions if m.generic == "civilians" and m.start <= ethnic[0].head < m.end]
    return covering[:1] or ethnic


def _armed_not_ethnic_fr(a1: list[ActorMention]) -> bool:
    """Whether initiators are an armed actor and no community ("des agriculteurs gourmantchés et des
    éleveurs peuls se sont affrontés" is a communal clash)."""
    return kind_of(a1) in ARMED_KINDS and not any(m.generic == "ethnic" for m in a1)


def _toll_told_fr(sent: Span) -> bool:
    """Whether a French sentence counts people killed or wounded ("a fait une vingtaine de morts")."""
    counts: list[Count] = sent.doc._.counts or []
    return _fr(sent.doc) and any(
        c.fate in ("killed", "wounded") and sent.start <= c.start < sent.end for c in counts
    )


def _deeds_fr(sent: Span) -> set[str]:
    """The lemmas and forms of a French protest sentence that tell what the protesters did, not what
    they protest against ("sont descendus dans les rues pour protester contre le blocage de la
    justice": no blockade of theirs)."""
    deeds = {w for t in sent if not _protest_topic(t) for w in (t.lemma_.lower(), t.lower_)}
    if any(_ROAD_NUMBER.fullmatch(t.text) for t in sent):
        deeds.add("route")  # "ont bloqué la RN4": a road
    return deeds


def _into_the_air_after_fr(tok: Token) -> bool:
    """Whether "en l'air" follows a verb or noun of shooting within a few words: "ont tiré en l'air",
    "des tirs de sommation en l'air", "ont tiré des coups de feu en l'air"."""
    after = tok.doc[tok.i + 1 : min(tok.sent.end, tok.i + 9)].text.lower()
    return any(after.startswith(p) or f" {p}" in after for p in _ew(tok.doc)["into_the_air"])


def _shell_fire_fr(sent: Span) -> set[str]:
    """ "tir", "tirs" when every such word of the sentence is fire of shells, mortars or rockets
    ("des tirs d'obus", "des tirs de roquettes"): not the gunfire of a battle."""
    shelling = for_lang("fr").triggers.get("shelling", set())
    fire = [t for t in sent if t.lemma_.lower() in ("tir", "tirs") or t.lower_ in ("tir", "tirs")]
    if fire and all(
        any(c.dep_ == "nmod" and (c.lemma_.lower() in shelling or c.lower_ in shelling) for c in t.children)
        for t in fire
    ):
        return {"tir", "tirs"}
    return set()


def _phrase_into_the_air_fr(sent: Span, low: str, phrase: str) -> bool:
    """Whether a phrase of shooting is followed by "en l'air" ("des coups de feu en l'air")."""
    at = low.find(phrase)
    after = low[at + len(phrase) : at + len(phrase) + 12]
    return any(after.lstrip().startswith(p) for p in _ew(sent.doc)["into_the_air"])


def _between_or_communal_fr(tok: Token) -> bool:
    """ "violences entre X et Y", "violences intercommunautaires" (English "violence between")."""
    markers = _ew(tok.doc)["communal_markers"]
    return any(
        (c.dep_ == "nmod" and _case(c) == "entre")
        or (c.dep_ == "amod" and (c.lower_ in markers or c.lemma_.lower() in markers))
        for c in tok.children
    )


def _explosive_object_fr(verb: Token) -> bool:
    """Whether the object of a French verb is an explosive device ("a neutralisé un engin explosif",
    "deux mines ont été détruites")."""
    explosive = for_lang("fr").triggers.get("explosive", set())
    return any(
        c.dep_ in ("obj", "nsubj:pass")
        and (c.lemma_.lower() in explosive or c.lower_ in explosive or c.lower_ == "engin")
        for c in verb.children
    )


def _pronominal_assault_fr(verb: Token) -> bool:
    """ "s'en prendre à" (to assault): "prendre" with its reflexive and "en" clitics."""
    if verb.lemma_.lower() != "prendre" or verb.pos_ not in ("VERB", "AUX"):
        return False
    clitics = {c.lower_ for c in verb.children if c.pos_ == "PRON"}
    return bool(clitics & {"se", "s'", "s’"}) and "en" in clitics


def _borne_explosive_fr(sent: Span, phrase: str) -> bool:
    """Whether every telling of an explosive phrase in ``sent`` is a device someone carries or that
    was seized ("porteur d'un engin explosif", "saisi des engins explosifs"): the token rules of
    :func:`_trigger_classes_fr` reject its head word."""
    first = phrase.split()[0]
    heads = [t for t in sent if t.lower_ == first]
    if not heads:
        return False
    w = for_lang("fr").event_words
    for tok in heads:
        governor = tok
        while governor.dep_ in ("conj", "amod") and governor.head.i != governor.i:
            governor = governor.head
        head = governor.head
        words = {head.lemma_.lower(), head.lower_}
        if not (words & w["seize"] or (governor.dep_ in ("nmod", "amod") and words & w["weapon_bearers"])):
            return False
    return True


def _shoots_at_fr(verb: Token) -> bool:
    """ "ont ouvert le feu sur ...", "ont tiré sur ..."."""
    words = for_lang("fr").words
    lemma = verb.lemma_.lower()
    if lemma in words["open_fire_verbs"]:
        return any(c.dep_ == "obj" and c.lemma_.lower() in words["fire_nouns"] for c in verb.children)
    return lemma == "tirer" and any(c.dep_.startswith("obl") and _case(c) == "sur" for c in verb.children)


def _seized_fr(verb: Token) -> set[str]:
    """ "s'emparer de": territory taken when what is taken is a place ("de la ville de Boulkessi", "du
    camp", "de Djibo"), property taken otherwise ("du véhicule", "de deux motos"); nothing named
    ("s'en sont emparés"): territory, as the phrase read before."""
    things = [
        c for c in verb.children if c.dep_ in ("obl:arg", "obl:mod", "obl", "obj") and _case(c) in _FR_OF
    ]
    if not things:
        return {"territory_taken"}
    places = for_lang("fr").event_words["taken_places"]
    if any(t.pos_ == "PROPN" or t.lemma_.lower() in places or t.lower_ in places for t in things):
        return {"territory_taken"}
    return {"property"}


def _crowd_control_fr(tok: Token) -> bool:
    """French :func:`_crowd_control`: "ont dispersé les manifestants", "ont fait usage de gaz
    lacrymogènes contre des élèves", with the crowd named in the sentence."""
    w = for_lang("fr").event_words
    if not ({tok.lemma_.lower(), tok.lower_} & w["crowd_control"]):
        return False
    if tok.lemma_.lower() == "disperser" and (
        tok.pos_ not in ("VERB", "ADJ") or any(c.lower_ in ("se", "s'", "s’") for c in tok.children)
    ):
        return False  # "les assaillants se sont dispersés dans la brousse": they scattered
    dispersed = []  # who is dispersed (tear gas names no one)
    if tok.lemma_.lower() == "disperser" or tok.lower_.startswith("dispers"):
        dispersed = [c for c in tok.children if c.dep_ in ("obj", "nsubj:pass")]
        if tok.dep_ in ("amod", "acl"):
            dispersed.append(tok.head)  # "les assaillants dispersés"
    mentions = tok.doc._.actor_mentions or []
    armed = [m.head for m in mentions if kind_of([m]) in ARMED_KINDS]
    if any(o.left_edge.i <= h <= o.i for o in dispersed for h in armed):
        return False  # "les FDS ont dispersé les assaillants": a fight, not crowd control
    crowd = w["crowd_nouns"]
    # what is dispersed, when the parse names it ("ont dispersé les élèves"), else the sentence
    where = [t for o in dispersed for t in o.subtree] if dispersed else [t for t in tok.sent if t.i != tok.i]
    return any(t.lemma_.lower() in crowd or t.lower_ in crowd for t in where)


def _person_or_actor(tok: Token) -> bool:
    mentions: list[ActorMention] = tok.doc._.actor_mentions or []
    if any(m.start <= tok.i < m.end or (tok.left_edge.i <= m.head <= tok.right_edge.i) for m in mentions):
        return True
    if any(c.dep_ == "nmod" and _case(c) in _FR_OF and is_person_noun(c) for c in tok.children):
        return True  # "une centaine de suspects"
    return is_person_noun(tok) or tok.pos_ in ("PRON", "NUM") or tok.ent_type_ == "PERSON"


def _passive_fr(verb: Token) -> bool:
    reflexive = any(c.lower_ in ("se", "s'", "s’") for c in verb.children)
    if (
        reflexive
        and verb.lemma_.lower() not in ("exploser", "sauter")  # "s'est fait exploser": a suicide bomber
        and any(c.lemma_ == "faire" and c.i < verb.i for c in verb.children)
    ):
        return True  # "quatre gendarmes se sont fait tuer": the subject underwent it
    if reflexive:
        return False  # "se sont affrontés", "s'en sont pris": pronominal, the subject acts
    if "Pass" in verb.morph.get("Voice", []):
        return True
    return any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children)


def _agent_of_fr(verb: Token) -> Token | None:
    for c in verb.children:
        if (c.dep_ == "obl:agent" and _case(c) != "parmi") or (
            c.dep_ in ("obl", "obl:arg", "obl:mod", "nmod") and _case(c) == "par"
        ):
            return c  # not "12 tués parmi les militaires", which the parser may label an agent
    if _passive_fr(verb):
        # "a été attaqué à son domicile par des hommes armés": the agent hung on the place
        for c in verb.children:
            if c.dep_.startswith("obl") and c.i > verb.i:
                for g in c.children:
                    if g.dep_ == "nmod" and _case(g) == "par" and g.pos_ in ("NOUN", "PROPN"):
                        return g
    return None


def _roles_fr(trigger: Token) -> tuple[Token | None, Token | None, Token | None]:
    """(agent, patient, None) of a French trigger, from the UD parse."""
    agent = patient = None
    t = trigger
    is_verb = t.pos_ in ("VERB", "AUX") or (t.pos_ == "ADJ" and "Part" in t.morph.get("VerbForm", []))
    if is_verb:
        passive = _passive_fr(t) or _died_fr(t)  # "un gendarme y a trouvé la mort": he underwent it
        for c in t.children:
            if c.dep_ == "nsubj" and not passive:
                agent = c
            elif (
                c.dep_ in ("nsubj:pass",)
                or (c.dep_ == "nsubj" and passive)
                or c.dep_ == "obj"
                and patient is None
                and c.pos_ != "PRON"
            ):
                patient = c
        found_agent = _agent_of_fr(t)
        if found_agent is not None:
            agent = found_agent
        if agent is None:
            # "des militants ont fait exploser un engin": the subject is on "faire"
            for c in t.children:
                if c.lemma_ == "faire" and c.i < t.i:
                    agent = next((g for g in c.children if g.dep_ == "nsubj"), None)
        head = t
        while agent is None and head.dep_ in ("conj", "xcomp", "advcl", "ccomp") and head.head.i != head.i:
            head = head.head
            if head.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
                continue  # "ont intercepté près de Gao deux véhicules ... et ont tué": a misattached verb
            head_passive = _passive_fr(head)
            for c in head.children:
                if c.dep_ == "nsubj" and not head_passive and not passive:
                    agent = c
            if agent is None:
                agent = _agent_of_fr(head)
        if _pronominal_assault_fr(t):
            # "des orpailleurs s'en sont pris aux gendarmes": whom they assault is the "à" phrase (the
            # small parser often hangs the verb on its subject as an acl)
            patient = next(
                (c for c in t.children if c.dep_.startswith("obl") and _case(c) in ("à", "au", "aux")), None
            )
            if agent is None and t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
                agent = t.head
        elif (
            t.dep_ == "acl:relcl"
            and t.head.pos_ in ("NOUN", "PROPN")
            and any(c.lower_ == "dont" for c in t.children)
            and patient is not None
            and (patient.pos_ in ("PRON", "NUM") or patient.like_num)
        ):
            patient = t.head  # "mis en déroute les assaillants, dont plusieurs ont été neutralisés"
        elif t.dep_ == "acl:relcl" and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            rel = next((c for c in t.children if c.lower_ in ("qui", "que", "qu'")), None)
            if rel is not None and rel.lower_ == "qui" and not passive:
                agent = agent if agent is not None and agent.i != rel.i else t.head
                if agent is not None and agent.i == rel.i:
                    agent = t.head
            elif patient is None or (rel is not None and patient.i == rel.i):
                patient = t.head
        elif (
            (t.dep_ == "acl" or (t.dep_ == "amod" and "Past" in t.morph.get("Tense", [])))
            and patient is None
            and t.head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ")
        ):
            # "24 civils tués par ...", "une embuscade tendue par ..." (the noun); a headline's "un
            # convoi militaire attaqué près de Tillabéri"
            patient = t.head
        if patient is None:
            for c in t.children:
                if c.dep_ in ("obl", "obl:arg", "obl:mod", "nmod") and _case(c) in ("contre", "sur"):
                    patient = c  # "ont tiré sur des civils", "une attaque contre le camp"
                    break
        if patient is None:
            # the small parser often reads the object as an oblique: "ont tué au moins 24 civils"
            for c in t.children:
                if (
                    c.i > t.i
                    and c.dep_ in ("obl:arg", "obl:mod", "obl", "dep", "xcomp", "appos", "iobj")
                    and c.pos_ in ("NOUN", "PROPN", "ADJ")
                    and not _case(c)
                ):
                    patient = c
                    break
        if agent is not None and agent.lower_ in ("qui",) and t.head.i != t.i:
            agent = t.head
        if patient is not None and agent is not None and t.lemma_.lower() in _FR_REPEL:
            attackers = _attackers_of_fr(patient)
            if attackers is not None:
                agent, patient = attackers, agent  # "les VDP ont repoussé une attaque de djihadistes"
            elif patient.lemma_.lower() in _FR_ASSAULTS:
                agent, patient = None, agent  # "les soldats ont repoussé une attaque": attackers unknown
        if t.lemma_.lower() in _frw("target_verbs"):
            agent, patient = _fire_taken_fr(t, agent, patient)
        if agent is None and passive:
            # "ont été tués et 60 blessés par des soldats", "et une dizaine blessés par des gendarmes":
            # one agent told for both participles
            agent = next(
                (
                    a
                    for c in t.children
                    if c.dep_ == "conj" and c.i > t.i
                    for v in (c, *(g for g in c.children if g.dep_ == "acl"))
                    if (a := _agent_of_fr(v)) is not None
                ),
                None,
            )
        if agent is None and passive:
            # "trois villageois ont été tués dans une attaque imputée au JNIM"
            agent = next(
                (
                    a
                    for c in t.children
                    if c.dep_.startswith("obl") and (a := _attributed_to_fr(c)) is not None
                ),
                None,
            )
        if patient is None and not passive:
            patient = _clitic_antecedent_fr(t, agent)  # "ont enlevé le maire avant de l'exécuter"
        if patient is None and passive:
            patient = _subject_before_fr(t)
        if agent is None and passive:
            agent = _subject_across_semicolon_fr(t)
        if patient is None and agent is None and "Part" in t.morph.get("VerbForm", []):
            # "Bilan : 23 terroristes neutralisés" (the parser hangs the participle anywhere): the
            # people counted just before it are its patient
            near = [c for c in t.doc._.counts or [] if c.noun is not None and 0 < t.i - c.noun <= 2]
            if near:
                patient, passive = t.doc[near[-1].noun], True
        if agent is None and passive and patient is not None:
            agent = _state_source_fr(t, patient)  # "selon l'armée, vingt terroristes ont été neutralisés"
        if patient is not None:
            # "une centaine de suspects ont été arrêtés": the people counted, not the quantity noun
            for c in t.doc._.counts or []:
                if c.start <= patient.i < c.end and c.noun is not None and c.noun >= c.end:
                    patient = t.doc[c.noun]
    else:
        head = t.head
        while head.dep_ in ("amod",) and head.head.i != head.i:
            head = head.head
        if head.i != t.i and head.dep_.startswith("obl") and head.head.lemma_.lower() in _FR_STRIKE_VERBS:
            head = head.head  # "explosif" in "a sauté sur un engin explosif"
        if head.lemma_.lower() in _FR_STRIKE_VERBS and head.i != t.i:
            # "un véhicule militaire a sauté sur une mine": what hit the mine is the target
            patient = next((c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        for c in t.children:
            if c.dep_ in ("nmod", "obl", "obl:mod", "obl:arg"):
                case = _case(c)
                if case == "par" and agent is None:
                    agent = c
                elif case in ("contre", "sur", "visant") and patient is None:
                    patient = c
                elif case in _FR_OF:
                    by = next((g for g in c.children if g.dep_ == "nmod" and _case(g) == "par"), None)
                    if by is not None and agent is None:
                        agent = by  # "l'enlèvement de trois agents de santé par des hommes armés"
                    # (not a breakdown of the toll the parser hangs on the place: "l'attaque de
                    # Seytenga, dont 20 civils et 5 VDP")
                    end = next((g.i for g in c.subtree if g.lower_ == "dont"), c.right_edge.i + 1)
                    armed = any(
                        kind_of([m]) in ARMED_KINDS and c.left_edge.i <= m.head < end
                        for m in t.doc._.actor_mentions or []
                    )
                    place = c.lemma_.lower() in _ew(t.doc)["place_targets"]  # "l'attaque du commissariat"
                    if armed and not place and agent is None and not _FR_PATIENT_NOUNS & {t.lemma_.lower()}:
                        agent = c  # "l'attaque des djihadistes"
                    elif (
                        patient is None
                        and _trigger_classes_fr(t) & _FR_HARM_CLASSES
                        and c.lemma_.lower() not in _frw("manner_nouns")
                    ):
                        # "l'attaque du camp", "l'enlèvement de deux enseignants" (not "une attaque de
                        # grande envergure", "d'une rare violence": its size or manner)
                        patient = c
            elif c.dep_ in ("acl",) and c.pos_ in ("VERB", "ADJ"):
                found = _agent_of_fr(c)  # "une embuscade tendue par des djihadistes"
                if found is not None and agent is None:
                    agent = found
            elif c.dep_ == "amod" and agent is None and _armed_head_fr(c):
                agent = c  # "une attaque terroriste": the adjective names the attackers
        if agent is None:
            agent = _attributed_to_fr(t)  # "une attaque attribuée à l'EIGS"
        if patient is None:
            patient = _target_of_fr(t)  # "le poste a été la cible d'une attaque"
        victim_of, dep = t.head, t.dep_
        if (
            dep in ("nmod", "obl:arg", "obl")
            and victim_of.lower_ in _frw("during_heads")
            and victim_of.head.i != victim_of.i
        ):
            victim_of, dep = victim_of.head, "obl"  # "sont morts au cours de l'attaque", "lors de l'attaque"
        if (
            dep == "nmod"
            and victim_of.lemma_.lower() in _frw("blast_nouns")
            and victim_of.head.i != victim_of.i
        ):
            victim_of, dep = victim_of.head, victim_of.dep_  # "blessés dans l'explosion d'un engin"
        if dep in ("obl:agent", "obl", "obl:mod", "obl:arg") and (
            (victim_of.pos_ == "VERB" and _passive_fr(victim_of))
            or (victim_of.pos_ in ("VERB", "ADJ") and _died_fr(victim_of))  # "ont péri" is tagged ADJ
        ):
            # "deux soldats ont été blessés par l'explosion d'une mine": the subject is the target
            victim = next((c for c in victim_of.children if c.dep_ in ("nsubj:pass", "nsubj")), None)
            first = victim_of.head
            if (
                victim_of.dep_ == "conj"
                and first.i < victim_of.i
                and first.pos_ in ("VERB", "ADJ")
                and (_died_fr(first) or _passive_fr(first))
            ):
                # "deux soldats ont perdu la vie et trois autres ont été blessés dans l'explosion":
                # the first of the people it hit
                victim = next((c for c in first.children if c.dep_ in ("nsubj:pass", "nsubj")), victim)
            if victim is not None and _person_or_actor(victim):
                patient = victim
        # (not a noun in a phrase of its own: "a décrété un deuil national en hommage aux victimes de
        # l'attaque" names no attacker)
        governor = (
            t.head if t.dep_ == "obj" else t.sent.root if t.i > t.sent.root.i and not _case(t) else None
        )
        if agent is None and governor is not None and governor.lemma_.lower() in _frw("light_verbs"):
            # "ont mené une frappe", "a prorogé ... le couvre-feu", "ont observé un sit-in" (the small
            # parser often loses the object: then the sentence's main verb, if a light one, governs it)
            agent = next((c for c in governor.children if c.dep_ == "nsubj"), None)
        if agent is None and t.dep_ == "nsubj:pass" and t.head.lemma_.lower() in _frw("light_verbs"):
            agent = _agent_of_fr(t.head)  # "un couvre-feu a été instauré par le gouverneur"
        if patient is None and t.dep_ == "obj" and t.head.lemma_.lower() in _frw("light_verbs"):
            # "ont tendu une embuscade à des volontaires": whom is the light verb's "à" phrase
            patient = next(
                (c for c in t.head.children if c.dep_.startswith("obl") and _case(c) in ("à", "au", "aux")),
                None,
            )
        if patient is not None:
            # "une dizaine de personnes ont péri dans l'attaque": the people counted, not the quantity
            for c in t.doc._.counts or []:
                if c.start <= patient.i < c.end and c.noun is not None and c.noun >= c.end:
                    patient = t.doc[c.noun]
    explosive = for_lang("fr").triggers.get("explosive", set())
    if (
        patient is None or patient.lower_ == "engin" or patient.lemma_.lower() in explosive
    ) and _trigger_classes_fr(t) & {"explosive"}:
        # "un engin a explosé au passage d'un car", "ont fait exploser un engin au passage d'un car"
        patient = _vehicle_passing_fr(t) or patient
    return agent, patient, None


def _died_fr(verb: Token) -> bool:
    """ "sont morts", "ont péri", "ont succombé", "sont tombés", "a trouvé la mort", "a perdu la vie":
    the subject died."""
    if lost_life_fr(verb):
        return True
    return verb.lemma_.lower() in _frw("intransitive_death") or verb.lower_ in _frw("intransitive_death")


def _armed_head_fr(tok: Token) -> bool:
    """Whether ``tok`` heads an armed actor's mention ("terroriste" in "une attaque terroriste")."""
    return any(m.head == tok.i and kind_of([m]) in ARMED_KINDS for m in tok.doc._.actor_mentions or [])


def _state_source_fr(verb: Token, patient: Token) -> Token | None:
    """The state force a sentence names when it tells of armed men killed with no agent ("selon
    l'armée, vingt terroristes ont été neutralisés lors d'une opération"): it killed them."""
    if not _trigger_classes_fr(verb) & {"kill"}:
        return None
    mentions = verb.doc._.actor_mentions or []
    victims = [m for m in mentions if patient.left_edge.i <= m.head <= patient.right_edge.i]
    if not victims or kind_of(victims[:1]) not in NON_STATE_ARMED:
        return None
    state = [
        m
        for m in mentions
        if verb.sent.start <= m.head < verb.sent.end
        and kind_of([m]) in ("state_forces", "police")
        and not patient.left_edge.i <= m.head <= patient.right_edge.i
    ]
    if not state and verb.lemma_.lower() in _frw("state_kill_verbs"):
        # "L'état-major informe que ... Au total, 18 terroristes ont été neutralisés": the communiqués'
        # word for the enemies the army killed; the state force named before in the text
        before = [
            m for m in mentions if m.head < verb.sent.start and kind_of([m]) in ("state_forces", "police")
        ]
        return verb.doc[before[-1].head] if before else None
    return verb.doc[state[0].head] if len(state) == 1 else None


def _attributed_to_fr(noun: Token) -> Token | None:
    """The armed actor an event noun is ascribed to: "une attaque attribuée à l'EIGS", "imputée au
    JNIM"."""
    mentions = noun.doc._.actor_mentions or []
    for acl in noun.children:
        if acl.dep_ != "acl" or acl.lemma_.lower() not in _frw("ascribe_verbs"):
            continue
        for c in acl.children:
            if (
                c.dep_.startswith("obl")
                and _case(c) in ("à", "au", "aux")
                and any(
                    kind_of([m]) in ARMED_KINDS and c.left_edge.i <= m.head <= c.right_edge.i
                    for m in mentions
                )
            ):
                return c
    return None


def _fire_taken_fr(
    verb: Token, agent: Token | None, patient: Token | None
) -> tuple[Token | None, Token | None]:
    """ "une patrouille a essuyé des tirs d'individus armés": the subject of "essuyer", "subir" is the
    target, the armed men of the "de" phrase of what it took the attackers."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    fire = next(
        (c for c in verb.children if c.i > verb.i and c.dep_ in ("obj", "nmod", "obl", "obl:arg")), None
    )
    if subject is None or fire is None:
        return agent, patient
    mentions = verb.doc._.actor_mentions or []
    attackers = next(
        (
            g
            for g in fire.children
            if g.dep_ == "nmod"
            and _case(g) in _FR_OF
            and any(
                kind_of([m]) in ARMED_KINDS and g.left_edge.i <= m.head <= g.right_edge.i for m in mentions
            )
        ),
        None,
    )
    return attackers, subject


def _target_of_fr(assault: Token) -> Token | None:
    """The subject of "être la cible de", "être victime de", "faire l'objet de" an assault, or of
    "essuyer", "subir" one: "le poste militaire a été la cible d'une attaque", "trois soldats ont été
    victimes d'une embuscade", "le camp a essuyé des tirs de roquettes" (the assault may be the "de"
    phrase of "tirs")."""
    node = assault
    if node.dep_ == "nmod" and _case(node) in _FR_OF and node.head.lemma_.lower() in ("tir", "tirs"):
        node = node.head  # "la cible de tirs d'obus"
    head = node.head
    if head.i == node.i:
        return None
    if head.lemma_.lower() in _frw("target_verbs") and (
        node.dep_ == "obj" or (node.dep_ in ("nmod", "obl", "obl:arg") and _case(node) in _FR_OF)
    ):
        return next((c for c in head.children if c.dep_ == "nsubj"), None)  # "a essuyé des tirs"
    if node.dep_ not in ("nmod", "obl", "obl:arg", "obl:mod") or _case(node) not in _FR_OF:
        return None
    if head.lemma_ == "faire" and any(
        c.dep_ == "obj" and c.lemma_.lower() in _frw("target_heads") for c in head.children
    ):
        # "le camp a fait l'objet d'une attaque" with "d'une attaque" hung on "faire"
        return next((c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if head.lemma_.lower() not in _frw("target_heads"):
        return None
    clause = head.head if head.dep_ == "obj" and head.head.lemma_ == "faire" else head
    return next((c for c in clause.children if c.dep_ in ("nsubj", "nsubj:pass")), None)


# classes whose noun trigger takes its "de"-phrase as the one harmed ("l'attaque du camp"); not "un
# couvre-feu de 20 h à 6 h"
_FR_HARM_CLASSES = frozenset(
    {"kill", "attack", "clash", "abduct", "sexual", "explosive", "air", "shelling", "grenade", "suicide",
     "riot", "property", "arrest", "territory_taken", "territory_regained"}
)  # fmt: skip


_FR_REPEL = frozenset({"repousser", "riposter", "contrer", "déjouer", "contenir", "mettre en échec"})
_FR_ASSAULTS = frozenset(
    {"attaque", "assaut", "embuscade", "guet-apens", "incursion", "offensive", "raid", "tentative"}
)


def _attackers_of_fr(assault: Token) -> Token | None:
    """Who made the attack that was repelled: "une attaque de djihadistes", "l'assaut des terroristes".
    ACLED codes the attackers as the initiators, not those who repelled them."""
    if assault.lemma_.lower() not in _FR_ASSAULTS:
        return None
    mentions: list[ActorMention] = assault.doc._.actor_mentions or []
    for c in assault.children:
        named_here = any(c.left_edge.i <= m.head <= c.right_edge.i for m in mentions)
        if c.dep_ in ("nmod", "obl:agent") and _case(c) in _FR_OF | {"par"} and named_here:
            return c
    return next((c for c in assault.children if c.dep_ == "amod" and _armed_head_fr(c)), None)


_FR_OBJECT_CLITICS = frozenset({"le", "la", "l'", "l’", "les"})


def _clitic_antecedent_fr(verb: Token, agent: Token | None) -> Token | None:
    """The person an object clitic stands for: "ont intercepté deux commerçants et les ont abattus",
    "ont pris leur directeur en otage et l'ont agressé" - the nearest person or actor object before it
    in the sentence, of the clitic's number."""
    clitic = next(
        (c for c in verb.children if c.dep_ == "obj" and c.pos_ == "PRON" and c.lower_ in _FR_OBJECT_CLITICS),
        None,
    )
    if clitic is None:
        return None
    plural = clitic.lower_ == "les"
    skip = set(range(agent.left_edge.i, agent.right_edge.i + 1)) if agent is not None else set()
    for j in range(clitic.i - 1, verb.sent.start - 1, -1):
        tok = verb.doc[j]
        if j in skip or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("obj", "nsubj:pass", "conj"):
            continue
        if ("Plur" in tok.morph.get("Number", [])) == plural and _person_or_actor(tok):
            return tok
    return None


def _listed_with_fr(doc: Doc, m: ActorMention, patient: Token | None) -> bool:
    """Whether ``m`` is listed with the patient ("Un VDP et un civil ont été tués": the small parser
    makes "VDP" the root), so one of the victims, not who acted: only articles, numbers, commas and
    "et" between them."""
    if patient is None or m.end > patient.left_edge.i:
        return False
    between = doc[m.end : patient.left_edge.i]
    return any(t.lower_ == "et" for t in between) and all(
        t.lower_ in ("et", ",") or t.pos_ in ("DET", "NUM") for t in between
    )


def _damage_without_agent_fr(main: Token, sent: Span, classes: set[str], before: EventMention) -> bool:
    """Whether ``sent`` tells, in the passive and naming no one, the damage done in the event told
    just before by armed men ("Des hommes armés ont attaqué le poste. Des motos ont été saccagées et
    incendiées."): they did it (the French translation of one English sentence is often two)."""
    if not classes & {"property", "riot"} or classes & {"protest", "kill", "abduct", "arrest"}:
        return False
    if before.sent_end != sent.start or before.background:
        return False
    # "Le poste a été attaqué. Des armes emportées et le logement saccagé.": unknown attackers too
    unknown_attackers = not before.actor1 and "attack" in before.classes and before.event_type != "Riots"
    if kind_of(before.actor1) not in ARMED_KINDS and not unknown_attackers:
        return False
    if not (_passive_fr(main) or _elliptic_participle_fr(main)) or _agent_of_fr(main) is not None:
        return False
    mentions = [m for m in main.doc._.actor_mentions or [] if sent.start <= m.start < sent.end]
    return not any(kind_of([m]) in ("protesters", "rioters") for m in mentions)


def _elliptic_participle_fr(verb: Token) -> bool:
    """Whether a past participle with no auxiliary tells what was done to its subject, a thing: "et
    le logement saccagé" ("a été" left out, as notes and headlines do)."""
    if "Part" not in verb.morph.get("VerbForm", []) or any(c.dep_.startswith("aux") for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
    if not subjects and verb.dep_ in ("acl", "amod") and verb.head.pos_ == "NOUN":
        subjects = [verb.head]  # "et le bureau saccagé" parsed as a participle on its noun
    lex = for_lang("fr")
    people = lex.person_words | set(lex.generic_nouns)
    return bool(subjects) and not any(
        _mentions_in(verb.doc, c) or c.pos_ in ("PRON", "PROPN") or {c.lemma_.lower(), c.lower_} & people
        for c in subjects
    )  # (a thing: "le bureau", not "le chef de poste")


def _responder_fr(verb: Token) -> Token | None:
    """Who answers an attack with ``verb``: its "par" agent ("les assaillants ont été repoussés par
    les VDP"), else its subject, up a chain of coordinated verbs ("sont intervenus et ont mis en
    fuite les assaillants"); the subject of "est intervenue" (parsed as a passive) too, not that of
    a true passive ("ont été repoussés")."""
    head = verb
    for _ in range(4):
        agent = _agent_of_fr(head)
        if agent is not None:
            return agent
        for c in head.children:
            if c.dep_ == "nsubj" or (
                c.dep_ == "nsubj:pass" and not any(a.lower_ == "été" for a in head.children)
            ):
                return c
        if head.dep_ != "conj" or head.head.i == head.i:
            return None
        head = head.head
    return None


def _subject_before_fr(verb: Token) -> Token | None:
    """The people a passive verb tells of when the parse lost its subject: the nearest person or actor
    before it in the clause, over a parenthesis ("14 civils (dont 7 élèves) ont été tués")."""
    doc = verb.doc
    depth = 0
    for j in range(verb.i - 1, verb.sent.start - 1, -1):
        tok = doc[j]
        if tok.text in (")", "]"):
            depth += 1
        elif tok.text in ("(", "["):
            depth = max(0, depth - 1)
        elif depth == 0:
            if tok.pos_ == "VERB" or tok.text in (":", ";", ","):
                return None
            if tok.pos_ in ("NOUN", "PROPN", "ADJ") and _person_or_actor(tok):
                return tok
    return None


def _subject_across_semicolon_fr(verb: Token) -> Token | None:
    """The armed subject of the clause before a semicolon, for a passive verb without an agent: the
    French model ends a sentence at ";" where English runs on ("l'armée a mené des opérations ; une
    centaine de suspects ont été arrêtés")."""
    doc = verb.doc
    sent = verb.sent
    for _ in range(2):
        if sent.start == 0 or doc[sent.start - 1].text in (".", "!", "?", "…"):
            return None
        sent = doc[sent.start - 1].sent
        for tok in sent:
            if (
                tok.dep_ == "nsubj"
                and tok.head.pos_ == "VERB"
                and kind_of(_mentions_in(doc, tok)) in ARMED_KINDS
            ):
                return tok
    return None


# verbs of running onto an explosive: their subject is the target
_FR_STRIKE_VERBS = frozenset({"sauter", "heurter", "marcher", "rouler", "toucher", "percuter"})

# noun triggers whose "de"-phrase is the victim, even an armed one ("l'enlèvement de deux soldats")
_FR_PATIENT_NOUNS = frozenset(
    {
        "enlèvement",
        "assassinat",
        "exécution",
        "meurtre",
        "arrestation",
        "interpellation",
        "massacre",
        "lynchage",
        "rapt",
    }
)


def _is_speaker_fr(token: Token) -> bool:
    """Whether a French ``token`` names who says, accuses or denies: "selon le FLA", "l'armée a démenti"."""
    speech = for_lang("fr").speech_verbs
    if _case(token) in ("selon", "d'après"):
        return True
    tok = token
    dep = tok.dep_
    for _ in range(6):
        head = tok.head
        if head.i == tok.i:
            return False
        head_words = {head.lemma_.lower(), head.lower_}
        if head_words & speech and dep in ("nsubj", "obl:agent") and not _claims_allegiance_fr(head):
            return True
        if dep in ("nmod", "obl", "obl:mod") and _case(tok) in ("selon", "d'après"):
            return True
        tok = head
        dep = tok.dep_ if dep not in ("conj", "appos", "amod", "flat:name", "nmod") else dep
        if tok.pos_ == "VERB" and not {tok.lemma_.lower(), tok.lower_} & speech:
            return False
    return False


@cache
def _coder_labels_fr() -> dict[str, str]:
    """French coder's labels (folded) -> the English label of data/coding_remarks.json they render."""
    labels = load_data("fr/coding_remarks.json")["labels"]
    return {fold(k): v for k, v in labels.items()}


_LABEL_FR = re.compile(r"\s*([^\W\d_][\w'’ /-]{2,60}?)\s*:\s")


def _label_fr(doc: Doc) -> tuple[str, str] | None:
    """The type a French note's opening label gives ("Destruction de biens : ...", "Arrestations :")."""
    m = _LABEL_FR.match("".join(t.text_with_ws for t in doc[:24]))
    english_label = _coder_labels_fr().get(fold(m.group(1))) if m is not None else None
    return coded_label(f"{english_label}: ") if english_label else None


def _claims_allegiance_fr(verb: Token) -> bool:
    """ "se réclamant de l'EIGS", "se revendiquant du JNIM": claiming to belong, not speaking."""
    return verb.lemma_.lower() in ("réclamer", "revendiquer") and any(
        c.lower_ in ("se", "s'", "s’") for c in verb.children
    )


def _between_sides_fr(doc: Doc, sent: Span) -> tuple[list[ActorMention], list[ActorMention]] | None:
    """The two sides of "des affrontements entre X et Y", "un accrochage a opposé X à Y"."""
    fights = _ew(doc)["fight_nouns"]
    opposed = _opposed_sides_fr(doc, sent, fights)
    if opposed is not None:
        return opposed
    for tok in sent:
        if tok.lower_ != "entre":
            continue
        first = tok.head if tok.dep_ == "case" else None
        if first is None or first.i == tok.i:
            continue
        gov = first.head
        fight = (
            gov.lemma_.lower() in fights
            or gov.lower_ in fights
            or any(c.dep_ in ("nsubj", "nsubj:pass") and c.lemma_.lower() in fights for c in gov.children)
            or any(t.lemma_.lower() in fights for t in doc[max(sent.start, tok.i - 3) : tok.i])
        )
        if not fight:
            continue
        second = [c for c in first.conjuncts if c.i > first.i] or [
            c for t in first.subtree if t.i > first.i for c in t.children if c.dep_ == "conj" and c.i > t.i
        ]  # "entre les Forces armées maliennes et des terroristes": the parser hangs "et" on "armées"
        if not second:
            second = _second_side_by_order_fr(doc, sent, first)
        if not second:
            continue
        mentions = doc._.actor_mentions or []
        left = [m for m in mentions if tok.i < m.head < second[0].left_edge.i]
        right = _mentions_in(doc, second[0])
        left = _prefer_named(doc, [m for m in left if m.named] or left[:1])
        if left and right:
            return left[:1], _prefer_named(doc, right)[:1]
    return None


def _second_side_by_order_fr(doc: Doc, sent: Span, first: Token) -> list[Token]:
    """ "des heurts entre des manifestants et la police ont été signalés": the small parser makes the
    second side the subject of the verb after it; read it by word order, the noun just after the "et"
    that ends the first side's phrase."""
    after = first.right_edge.i + 1
    if after >= sent.end or doc[after].lower_ != "et":
        return []
    return [t for t in doc[after + 1 : min(sent.end, after + 5)] if t.pos_ in ("NOUN", "PROPN")][:1]


def _opposed_sides_fr(
    doc: Doc, sent: Span, fights: frozenset[str]
) -> tuple[list[ActorMention], list[ActorMention]] | None:
    """The sides of "des combats ont opposé X à Y" (or "X et Y"), "X a été opposé à Y"."""
    for verb in sent:
        if verb.lemma_.lower() != "opposer" or verb.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if not any(s.lemma_.lower() in fights or s.lower_ in fights for s in subjects):
            continue
        first = next((c for c in verb.children if c.dep_ == "obj"), None)
        if first is None:
            continue
        to = ("à", "au", "aux")
        candidates = [
            *(c for c in verb.children if c.dep_.startswith("obl") and _case(c) in to),
            *(c for c in first.children if c.dep_ == "nmod" and _case(c) in to),
            *(c for c in first.conjuncts if c.i > first.i),
        ]  # "opposé X à Y" (the parser may hang "à Y" on X), "opposé X et Y"; not the place of
        # "opposé X aux FAMa à Anéfis"
        second = next((c for c in candidates if _mentions_in(doc, c)), None)
        if second is None:
            continue
        left = [m for m in _mentions_in(doc, first) if m.head < second.left_edge.i]
        right = _mentions_in(doc, second)
        if left and right:
            return _prefer_named(doc, left)[:1], _prefer_named(doc, right)[:1]
    return None
