"""What practitioners write: ordinary notes, notes about risk, and victim-blaming phrasing.

The victim-blaming phrases are the ones serious case reviews quoted (Oxfordshire 2015,
Rotherham 2014); they are written with the inflections and spacing real notes have so a
check cannot rely on one exact string.
"""

from __future__ import annotations

import numpy as np

ORDINARY_NOTES = (
    "Home visit completed. {name} seen alone in bedroom; room clean and warm. No concerns raised.",
    "Telephone call with mother about school transport. Agreed plan to review next month.",
    "Attended core group meeting. School report improved attendance; health appointments up to date.",
    "Statutory visit. {name} talked about football and friends at school. Placement stable.",
    "Contact with father supervised at family centre; went well, {name} happy to see him.",
    "Discussed bedtime routine and housing repairs with carer. Letter sent to housing officer.",
    "Review health assessment booked. Dentist registration confirmed.",
    "Child in need plan reviewed. Family engaging with parenting course.",
)
RISK_NOTES = (
    "{name} returned to placement at 03:10, smelling of alcohol, with a new phone {pronoun} would not explain.",
    "Carer reports {name} collected from the end of the road by an older male in a silver car.",
    "{name} said {pronoun} has a boyfriend aged about 24 who buys {object} clothes and takes {object} to parties.",
    "Missing overnight again. Found at a flat in town; would not say who else was there.",
    "School raised concern: {name} seen getting into a taxi at lunchtime with an adult male.",
    "{name} has been given cannabis and vodka by men {pronoun} met through a friend.",
    "Strategy discussion held with police about risk of sexual exploitation.",
)
DISCLOSURE_NOTES = (
    "{name} disclosed that {pronoun} was raped by an adult male at a flat. Police informed.",
    "{name} told the social worker that men made {object} have sex with their friends for drink.",
)
# (phrase as written, the canonical term a reviewer would quote)
BLAMING = (
    ("{name} is very streetwise and knows what she is doing", "streetwise"),
    ("she is street-wise and well able to look after herself", "streetwise"),
    ("{name} is making lifestyle choices", "lifestyle choice"),
    ("this appears to be a lifestyle choice", "lifestyle choice"),
    ("{name} continues to make poor lifestyle  choices", "lifestyle choice"),
    ("{name} is putting herself at risk by going missing", "putting herself at risk"),
    ("she keeps putting  herself at risk", "putting herself at risk"),
    ("{name} is prostituting herself for cigarettes", "prostituting herself"),
    ("believed to be prostituting herself", "prostituting herself"),
    ("she consented to going with the men", "consented"),
    ("{name} said she was consenting so no offence disclosed", "consented"),
    ("{name} is wilful and will not accept advice", "wilful"),
    ("very wilful young person, beyond parental control", "wilful"),
)


def _fill(text: str, name: str, sex: str) -> str:
    pronoun, obj = ("she", "her") if sex == "F" else ("he", "him")
    return text.format(name=name, pronoun=pronoun, object=obj)


def ordinary_note(rng: np.random.Generator, name: str, sex: str) -> str:
    """An everyday case note."""
    return _fill(ORDINARY_NOTES[int(rng.integers(0, len(ORDINARY_NOTES)))], name, sex)


def risk_note(rng: np.random.Generator, name: str, sex: str) -> str:
    """A case note that records a sign of exploitation in neutral terms."""
    return _fill(RISK_NOTES[int(rng.integers(0, len(RISK_NOTES)))], name, sex)


def disclosure_note(rng: np.random.Generator, name: str, sex: str) -> str:
    """A case note recording a disclosure."""
    return _fill(DISCLOSURE_NOTES[int(rng.integers(0, len(DISCLOSURE_NOTES)))], name, sex)


def blaming_text(rng: np.random.Generator, name: str, lead: str = "") -> tuple[str, str]:
    """A victim-blaming sentence and the term it contains (applied to girls as the reviews found)."""
    text, term = BLAMING[int(rng.integers(0, len(BLAMING)))]
    sentence = text.format(name=name)
    if rng.random() < 0.3:
        sentence = sentence.upper() if rng.random() < 0.3 else sentence.capitalize()
    return (f"{lead} {sentence}." if lead else f"{sentence[0].upper()}{sentence[1:]}."), term
