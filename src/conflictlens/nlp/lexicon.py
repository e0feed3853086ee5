"""Curated knowledge loaded from the data files under ``conflictlens/data``.

The files are reviewed like code; this module only reads them and builds lookup tables.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any


def load_data(name: str) -> dict[str, Any]:
    """Read one JSON data file shipped in ``conflictlens/data``."""
    with resources.files("conflictlens.data").joinpath(name).open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@lru_cache(maxsize=200_000)
def _without_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def unaccented(text: str) -> str:
    """``text`` without its accents, case kept ("Gayéri" → "Gayeri")."""
    return unicodedata.normalize("NFC", _without_marks(text))


def fold(text: str) -> str:
    """Case- and accent-folded form of a name, for matching."""
    return " ".join(_without_marks(text).replace("’", "'").replace("-", " ").lower().split())


def name_key(text: str) -> str:
    """A name compared loosely: folded, letters and digits only ("Fada N'Gourma" = "fada ngourma",
    "Pobe-Mengao" = "Pobé Mengao")."""
    return "".join(c for c in fold(text) if c.isalnum())


def find_phrase(low: str, phrase: str) -> int:
    """Where ``phrase`` occurs in lower-cased ``low`` as whole words, a plural allowed ("on strike"
    is not in "precision strikes"; "sit-in" is in "sit-ins"), or -1."""
    at = low.find(phrase)
    while at != -1:
        before = low[at - 1] if at > 0 else " "
        end = at + len(phrase)
        for plural in ("es", "s"):  # "sit-ins", "aircrafts"
            if low.startswith(plural, end) and not low[end + len(plural) : end + len(plural) + 1].isalnum():
                end += len(plural)
                break
        after = low[end] if end < len(low) else " "
        if not (before.isalnum() and phrase[0].isalnum()) and not (after.isalnum() and phrase[-1].isalnum()):
            return at
        at = low.find(phrase, at + 1)
    return -1


@dataclass(frozen=True)
class NamedActor:
    name: str
    kind: str
    countries: tuple[str, ...]
    years: tuple[int | None, int | None]
    state: str | None = None  # for foreign state forces: the state's ISO2
    member_of: str | None = None  # coalition it joined ...
    member_from: int | None = None  # ... from this year
    leads_from: int | None = None  # from this year the component is the actor, the coalition its associate
    renamed: tuple[tuple[str, str], ...] = ()  # (ISO date, name): ACLED's later names for the group

    def name_on(self, when: object) -> str:
        """The name ACLED gives the group on a date (``dt.date`` or None for its first name)."""
        name = self.name
        for since, later in self.renamed:
            if when is not None and str(when) >= since:
                name = later
        return name


@dataclass(frozen=True)
class GenericActor:
    key: str
    template: str
    kind: str
    yields: bool = False  # "Dozo militiamen": a more specific actor inside the phrase names it


@dataclass
class Lexicon:
    """All lexical knowledge of one language in one place (``lang``: "en", "fr").

    Canonical actor names, kinds and templates are shared by every language, so that a French article
    gives the same ACLED names as an English one; aliases, trigger words, cues and number words are
    the language's own.
    """

    named_actors: dict[str, NamedActor] = field(default_factory=dict)
    actor_aliases: dict[str, str] = field(default_factory=dict)  # alias -> canonical name
    generic_nouns: dict[str, GenericActor] = field(default_factory=dict)  # lemma -> generic
    generic_phrases: dict[str, GenericActor] = field(default_factory=dict)  # lower phrase -> generic
    generic_by_key: dict[str, GenericActor] = field(default_factory=dict)  # "state_forces" -> generic
    triggers: dict[str, set[str]] = field(default_factory=dict)  # class -> lemmas / phrases
    trigger_of_lemma: dict[str, set[str]] = field(default_factory=dict)  # lemma -> classes
    trigger_phrases: dict[str, set[str]] = field(default_factory=dict)  # multiword phrase -> classes
    fates: dict[str, str] = field(default_factory=dict)  # lemma -> fate
    vague_counts: dict[str, int] = field(default_factory=dict)
    background_cues: tuple[str, ...] = ()
    speech_verbs: frozenset[str] = frozenset()
    not_places: frozenset[str] = frozenset()
    non_event_lemmas: frozenset[str] = frozenset()
    weapon_words: tuple[str, ...] = ()
    protest_topic_heads: frozenset[str] = frozenset()
    crime_cues: frozenset[str] = frozenset()
    ethnic_groups: dict[str, str] = field(default_factory=dict)  # surface form -> ACLED name
    ethnic_context: frozenset[str] = frozenset()
    event_words: dict[str, frozenset[str]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    regimes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    lang: str = "en"
    # read by the French components only (English keeps its tables in the modules that use them)
    numbers: dict[str, int] = field(default_factory=dict)  # number word -> value ("vingt": 20)
    scales: dict[str, int] = field(default_factory=dict)  # "cent": 100, "mille": 1000
    qualifiers: dict[tuple[str, ...], str] = field(default_factory=dict)  # ("au", "moins") -> "at least"
    hedges: frozenset[str] = frozenset()  # "présumés", "supposés": after or before the noun
    person_words: frozenset[str] = frozenset()
    not_counted: frozenset[str] = frozenset()  # actor nouns that name places: "several villages"
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # other word lists by name
    dates: dict[str, Any] = field(default_factory=dict)  # month and weekday names, relative dates


SUPPORTED_LANGUAGES = ("en", "fr")


def for_lang(lang: str) -> Lexicon:
    """The lexicon of a language the pipeline reads ("en" or "fr"); anything else reads as English."""
    if lang == "fr":
        return french()
    return english()


@cache
def english() -> Lexicon:
    """The English lexicon (loaded once per process)."""
    data = load_data("lexicon.json")
    lex = _build(data, {})
    lex.person_words = frozenset(data["person_words"]["words"])
    lex.not_counted = frozenset(data["person_words"].get("not_counted", ()))
    return lex


def _build(lexicon: dict[str, Any], extra_aliases: dict[str, list[str]], lang: str = "en") -> Lexicon:
    """A lexicon from a language's lexicon.json, with the shared actors and admin areas; the
    ``extra_aliases`` (canonical name -> aliases) are the language's own names for named actors."""
    lex = Lexicon(lang=lang)
    actors = load_data("actors.json")
    for entry in actors["actors"]:
        years = entry.get("years") or [None, None]
        actor = NamedActor(
            name=entry["name"],
            kind=entry["kind"],
            countries=tuple(entry.get("countries", ())),
            years=(years[0], years[1]),
            state=entry.get("state"),
            member_of=(entry.get("member_of") or {}).get("name"),
            member_from=(entry.get("member_of") or {}).get("from"),
            leads_from=(entry.get("member_of") or {}).get("leads_from"),
            renamed=tuple((r["from"], r["name"]) for r in entry.get("renamed", ())),
        )
        lex.named_actors[actor.name] = actor
        for alias in entry.get("aliases", []):
            lex.actor_aliases[alias] = actor.name
    for name, aliases in extra_aliases.items():
        if name not in lex.named_actors:
            raise ValueError(f"unknown actor {name!r} in the aliases of language {lang!r}")
        for alias in aliases:
            lex.actor_aliases[alias] = name

    for key, spec in lexicon["generic_actors"].items():
        if key == "about":
            continue
        generic = GenericActor(
            key=key, template=spec["template"], kind=spec["kind"], yields=bool(spec.get("yields_to_modifier"))
        )
        lex.generic_by_key[key] = generic
        for noun in spec.get("nouns", []):
            lex.generic_nouns[noun] = generic
        for phrase in spec.get("phrases", []):
            lex.generic_phrases[phrase] = generic

    for cls, words in lexicon["triggers"].items():
        if cls == "about":
            continue
        lex.triggers[cls] = set(words)
        for word in words:
            if " " in word or "-" in word:
                lex.trigger_phrases.setdefault(word, set()).add(cls)
                if lang == "fr" and " " not in word:
                    # the French tokenizer keeps "couvre-feu", "sit-in" whole: a token trigger too
                    lex.trigger_of_lemma.setdefault(word, set()).add(cls)
            else:
                lex.trigger_of_lemma.setdefault(word, set()).add(cls)

    for fate, lemmas in lexicon["fates"].items():
        if fate == "about":
            continue
        for lemma in lemmas:
            lex.fates.setdefault(lemma, fate)

    lex.vague_counts = {k: v for k, v in lexicon["vague_counts"].items() if k != "about"}
    lex.background_cues = tuple(lexicon["background_cues"]["phrases"])
    lex.speech_verbs = frozenset(lexicon["speech_verbs"]["lemmas"])
    lex.non_event_lemmas = frozenset(lexicon["non_event_cues"]["lemmas"])
    lex.weapon_words = tuple(lexicon["non_event_cues"]["weapon_words"])
    lex.protest_topic_heads = frozenset(lexicon["protest_topic_heads"]["lemmas"])
    lex.crime_cues = frozenset(lexicon["crime_cues"]["lemmas"])
    lex.ethnic_groups = dict(lexicon["ethnic_groups"]["names"])
    lex.ethnic_context = frozenset(lexicon["ethnic_context"]["words"])
    lex.event_words = {k: frozenset(v["words"]) for k, v in lexicon["event_words"].items() if k != "about"}

    admin = load_data("admin_areas.json")
    lex.demonyms = dict(admin["demonyms"])
    lex.demonyms.update(lexicon.get("demonyms", {}).get("names", {}))
    lex.not_places = frozenset(fold(n) for n in admin.get("not_places", []))
    lex.regimes = {
        cc: [(start, label) for start, label in periods]
        for cc, periods in admin["regimes"].items()
        if cc != "about"
    }
    return lex


@cache
def french() -> Lexicon:
    """The French lexicon (loaded once per process): ``data/fr/lexicon.json`` with the French aliases
    of ``data/fr/actors.json``, the shared actors and admin areas."""
    data = load_data("fr/lexicon.json")
    extra = {k: v for k, v in load_data("fr/actors.json")["aliases"].items() if k != "about"}
    lex = _build(data, extra, lang="fr")
    numbers = data["numbers"]
    lex.numbers = {k: int(v) for k, v in numbers["words"].items()}
    lex.scales = {k: int(v) for k, v in numbers["scales"].items()}
    lex.qualifiers = {
        tuple(phrase.split()): name for name, phrases in data["qualifiers"].items() if name != "about"
        for phrase in phrases
    }  # fmt: skip
    lex.hedges = frozenset(data["hedges"]["words"])
    lex.person_words = frozenset(data["person_words"]["words"])
    lex.words = {k: frozenset(v["words"]) for k, v in data["words"].items() if k != "about"}
    lex.dates = {k: v for k, v in data["dates"].items() if k != "about"}
    return lex
