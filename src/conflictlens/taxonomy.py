"""ACLED's event taxonomy and the codes derived from it, plus mappings to UCDP and PLOVER.

Facts from ACLED's public codebook: 6 event types, 25 sub-event types, the disorder type of each,
the inter codes of actor kinds and how they combine into the interaction code.
"""

from __future__ import annotations

# sub_event_type -> event_type
SUB_EVENT_TYPES: dict[str, str] = {
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Armed clash": "Battles",
    "Excessive force against protesters": "Protests",
    "Protest with intervention": "Protests",
    "Peaceful protest": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}

EVENT_TYPES: tuple[str, ...] = (
    "Battles",
    "Protests",
    "Riots",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
)

VIOLENT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

# Sub-event types that by ACLED's definitions involve no killing: deaths told beside one (the road
# accident a protest is about, the killing an arrest follows) belong to another event, so ACLED codes
# them with 0 fatalities.
NON_LETHAL_SUB_EVENT_TYPES = frozenset(
    {
        "Peaceful protest",
        "Protest with intervention",
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Headquarters or base established",
        "Non-violent transfer of territory",
        "Looting/property destruction",
    }
)

# ACLED inter codes by actor kind.
INTER_CODES: dict[str, int] = {
    "state_forces": 1,
    "police": 1,
    "government": 1,
    "rebel_group": 2,
    "islamist_militant_group": 2,
    "political_militia": 3,
    "private_military_company": 8,
    "unidentified_armed_group": 3,
    "communal_militia": 4,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external_force": 8,
}
ACTOR_KINDS = tuple(INTER_CODES)


def event_type_of(sub_event_type: str) -> str:
    """The event type a sub-event type belongs to (KeyError if it is not ACLED's)."""
    return SUB_EVENT_TYPES[sub_event_type]


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder_type column."""
    if event_type == "Strategic developments":
        return "Strategic developments"
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type in ("Protests", "Riots"):
        return "Demonstrations"
    return "Political violence"


def interaction(inter1: int | None, inter2: int | None) -> int:
    """ACLED's interaction code: the two inter codes, smaller first (10 * a + b), or 10 * a alone."""
    a = inter1 or 0
    b = inter2 or 0
    if not a and not b:
        return 0
    if not b:
        return a * 10
    if not a:
        return b * 10
    lo, hi = sorted((a, b))
    return lo * 10 + hi


def civilian_targeting(event_type: str, actor2_kind: str | None) -> str:
    """'Civilian targeting' when civilians are the target of political violence, else ''."""
    if actor2_kind == "civilians" and event_type in VIOLENT_EVENT_TYPES:
        return "Civilian targeting"
    return ""


# UCDP GED type_of_violence: 1 state-based, 2 non-state, 3 one-sided. None: not coded by UCDP.
def ucdp_type_of_violence(event_type: str, inter1: int | None, inter2: int | None) -> int | None:
    if event_type not in VIOLENT_EVENT_TYPES:
        return None
    if inter2 == 7 or event_type == "Violence against civilians":
        return 3
    if 1 in (inter1, inter2):
        return 1
    return 2


# PLOVER event types (the ontology successor to CAMEO).
PLOVER_EVENT_TYPE: dict[str, str] = {
    "Government regains territory": "ASSAULT",
    "Non-state actor overtakes territory": "ASSAULT",
    "Armed clash": "FIGHT",
    "Excessive force against protesters": "ASSAULT",
    "Protest with intervention": "PROTEST",
    "Peaceful protest": "PROTEST",
    "Violent demonstration": "PROTEST",
    "Mob violence": "ASSAULT",
    "Chemical weapon": "FIGHT",
    "Air/drone strike": "FIGHT",
    "Suicide bomb": "ASSAULT",
    "Shelling/artillery/missile attack": "FIGHT",
    "Remote explosive/landmine/IED": "ASSAULT",
    "Grenade": "ASSAULT",
    "Sexual violence": "ASSAULT",
    "Attack": "ASSAULT",
    "Abduction/forced disappearance": "ASSAULT",
    "Agreement": "AGREE",
    "Arrests": "COERCE",
    "Change to group/activity": "CHANGE",
    "Disrupted weapons use": "COERCE",
    "Headquarters or base established": "MOBILIZE",
    "Looting/property destruction": "COERCE",
    "Non-violent transfer of territory": "CONCEDE",
    "Other": "OTHER",
}


# Claims: who says what about an event. A claim's stance is one of these (see nlp/claims.py).
CLAIM_STANCES: dict[str, str] = {
    "reports": "relays the event without taking a side (a witness, an outlet, an official: 'according to')",
    "alleges": "accuses a party of the event or asserts it against another's word ('X accused Y of ...')",
    "denies": "says the event, or the speaker's part in it, did not happen ('dismissed as unfounded')",
    "claims_responsibility": "says it did the act itself ('claimed responsibility', 'said it killed')",
    "confirms": "confirms or acknowledges the event or a loss ('acknowledged two dead in its ranks')",
    "disputes_figure": "accepts the event but disputes its toll or another figure",
    "announces_investigation": "opens or announces an investigation into the event, or is investigating it",
    "calls_for_investigation": "calls for an (independent) investigation into the event",
    "attributes_blame": "names a third party as responsible ('attributed the attack to JNIM')",
}

# An event's status, derived from the stances of the claims made about it.
EVENT_STATUSES: tuple[str, ...] = ("reported", "alleged", "contested", "acknowledged", "under investigation")

# (status, any of these stances, none of these statuses already derived): applied in order.
STATUS_RULES: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    ("acknowledged", frozenset({"confirms", "claims_responsibility"}), frozenset()),
    ("contested", frozenset({"denies", "disputes_figure"}), frozenset()),
    ("alleged", frozenset({"alleges", "attributes_blame"}), frozenset({"acknowledged", "contested"})),
    ("under investigation", frozenset({"announces_investigation"}), frozenset()),
)

# How each stance reads in a summary: "alleged by FLA; denied by military".
STANCE_PHRASES: dict[str, str] = {
    "reports": "reported by {}",
    "alleges": "alleged by {}",
    "denies": "denied by {}",
    "claims_responsibility": "responsibility claimed by {}",
    "confirms": "confirmed by {}",
    "disputes_figure": "figures disputed by {}",
    "announces_investigation": "investigation announced by {}",
    "calls_for_investigation": "investigation called for by {}",
    "attributes_blame": "blame attributed by {}",
}


def event_status(stances: list[str] | tuple[str, ...] | set[str] | frozenset[str]) -> tuple[str, ...]:
    """The statuses of an event whose claims have these stances, in :data:`EVENT_STATUSES` order.

    An event nobody contests, alleges or acknowledges is "reported" (stated as fact or only relayed);
    "under investigation" may accompany any other status.
    """
    present = set(stances)
    derived: list[str] = []
    for status, any_of, unless in STATUS_RULES:
        if present & any_of and not unless & set(derived):
            derived.append(status)
    if not set(derived) & {"alleged", "contested", "acknowledged"}:
        derived.insert(0, "reported")
    return tuple(s for s in EVENT_STATUSES if s in derived)
