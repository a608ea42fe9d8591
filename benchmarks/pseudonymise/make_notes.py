"""Build the labelled evaluation set for masking people's details in free-text notes.

Run from the repository root:

    python benchmarks/pseudonymise/make_notes.py [--out PATH]

It writes notes.jsonl next to this file unless --out is given. The output is the same on
every run (one fixed seed, standard library only).

Every person, address, phone number and vehicle here is invented. Phone numbers come from
the ranges Ofcom keeps for drama (07700 900xxx, 01632 960xxx, 0113/0114/0118/0121/0161
496 0xxx), so they reach no one.

How notes are written
---------------------
Notes are written in a small markup, so that offsets are computed and never typed:

    {{n:Jade Wilson}}   a labelled span; the letter before the colon is the kind:
                        n name, k nickname, d date_of_birth, a address, p postcode,
                        t phone, v vehicle
    {{x:Amber}}         an unlabelled span that looks like a label but is not (here the
                        colour on a rating scale); it only tells the repeat check below
                        that leaving it unlabelled is deliberate

Templates also hold slots, filled afresh for each note:

    <G.f>   a person's field. The letter picks the person and their role: G H K girls,
            B a boy, M N O R men, W V women, P Q professionals, X Y Z households or
            places. The field: f forename, s surname, n full name, t title + surname
            (the title is not labelled), r police style SURNAME, Forename, k nickname,
            d date of birth in any format, D date of birth in figures, y year of birth,
            p phone, L landline, v vehicle registration mark, a address, h a house
            (number and street only), c postcode.
            A suffix |l or |u gives the value in lower or upper case.
    @GW     at the very start of a template: G and W are one family (same origin of
            names, and mostly the same surname). Several groups may be given.
    <date>  an event date (never labelled); <time>, <town>, <street> (a street name with
            no house number, never labelled), <car>, <shop>, <hotel>, <hosp>, <school>,
            <road>, <crime>, <age>, <aage> likewise give unlabelled text.

A forename slot and a surname slot side by side ("<M.f> <M.s>") become one name span, as
a full name written in one go would be.

After each note is built, a check looks for any labelled text (and each part of a labelled
name) that occurs again in the note, as a whole word, outside every labelled span. A
template fill that fails the check is drawn again; a hand-written note that fails stops
the script, so every occurrence is labelled.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from collections import Counter
from pathlib import Path

SEED = 20130131
HERE = Path(__file__).resolve().parent

KIND_CODES = {"n": "name", "k": "nickname", "d": "date_of_birth", "a": "address",
              "p": "postcode", "t": "phone", "v": "vehicle"}
KINDS = tuple(KIND_CODES.values())
SOURCE_KINDS = ("police", "social_care", "education", "health_emergency", "health_sexual")
TITLES = {"Mr", "Mrs", "Ms", "Miss", "Dr", "MR", "MRS", "MS", "MISS", "DR", "mr", "mrs", "ms",
          "miss", "dr"}

# ---------------------------------------------------------------------------
# Invented people: forenames and surnames of many origins
# ---------------------------------------------------------------------------

ORIGINS = {
    "british": {
        "m": ["Darren", "Craig", "Lee", "Wayne", "Jamie", "Ryan", "Stephen", "Gary", "Dean",
              "Callum", "Kieran", "Jack", "Will", "Mark", "Frank", "Shaun", "Kyle", "Liam"],
        "f": ["Kayleigh", "Chelsea", "Jade", "Shannon", "Amber", "Rose", "Summer", "Hope",
              "Grace", "Megan", "Chantelle", "Leanne", "Stacey", "Sharon", "Karen", "Kerry",
              "Natasha", "Rebecca", "Courtney", "Demi"],
        "s": ["Wilson", "Holloway", "Barker", "Pickering", "Fletcher", "Booth", "Critchley",
              "Ashworth", "Greenhalgh", "Pemberton", "Whitlock", "Tranter", "Hatherley",
              "Sutcliffe", "Openshaw", "Dunmore", "Ridley", "Haworth"],
    },
    "irish_scottish": {
        "m": ["Declan", "Ciaran", "Padraig", "Euan", "Fraser", "Connor", "Sean"],
        "f": ["Siobhan", "Niamh", "Aoife", "Kirsty", "Eilidh", "Roisin", "Caitlin"],
        "s": ["O'Neill", "O'Driscoll", "McDonald", "MacLeod", "McAllister", "Fitzgerald",
              "McGrath", "O'Sullivan", "Gallagher", "McKenzie"],
    },
    "double_barrelled": {
        "m": ["Oliver", "Harry", "Toby", "Daniel", "Nathan"],
        "f": ["Jodi-Ann", "Lily-Mae", "Mary-Kate", "Ellie-Rose", "Poppy"],
        "s": ["Hamilton-Price", "Lloyd-Evans", "Baker-Ashton", "Fenwick-Hale", "Ward-Jackson",
              "Okafor-Reid", "Hughes-Mansell"],
    },
    "south_asian": {
        "m": ["Imran", "Tariq", "Bilal", "Asif", "Zahid", "Kamran", "Rizwan", "Faisal", "Sunil",
              "Harjit", "Gurpreet", "Rajesh", "Adnan", "Nadeem"],
        "f": ["Aisha", "Nadia", "Samina", "Priya", "Simran", "Harpreet", "Zara", "Farah"],
        "s": ["Hussain", "Iqbal", "Rashid", "Mahmood", "Qureshi", "Chaudhry", "Malik", "Sandhu",
              "Gill", "Patel", "Mistry", "Bhatti", "Siddiqui"],
    },
    "eastern_european": {
        "m": ["Łukasz", "Tomasz", "Marius", "Andrei", "Bogdan", "Dmitri", "Vasile", "Jakub"],
        "f": ["Agnieszka", "Oksana", "Daria", "Ioana", "Kinga", "Zuzana", "Alina"],
        "s": ["Wiśniewski", "Kowalczyk", "Popescu", "Ionescu", "Novák", "Petrauskas", "Horvath",
              "Dąbrowski", "Balan", "Kaminski"],
    },
    "west_african": {
        "m": ["Chidi", "Kwame", "Tunde", "Emeka", "Kofi", "Oluwaseun", "Yaw"],
        "f": ["Adaeze", "Ama", "Folake", "Ngozi", "Temi", "Abena", "Chioma"],
        "s": ["Okafor", "Mensah", "Adeyemi", "Owusu", "Nwosu", "Boateng", "Adebayo", "Asante"],
    },
    "caribbean": {
        "m": ["Tyrone", "Delroy", "Jermaine", "Marlon", "Leon", "Andre", "Winston"],
        "f": ["Shanice", "Tia", "Keisha", "Jodie", "Latoya", "Aaliyah"],
        "s": ["Campbell", "Grant", "Thompson", "Clarke", "Francis", "Bailey", "McKenzie",
              "Samuels", "Forbes"],
    },
    "chinese": {
        "m": ["Wei", "Jun", "Hao", "Kevin", "Ming"],
        "f": ["Mei", "Xiaoling", "Jia", "Lin", "Yan"],
        "s": ["Chen", "Wong", "Zhang", "Lam", "Cheung", "Liu", "Tang"],
    },
    "arabic": {
        "m": ["Omar", "Khalid", "Yusuf", "Hamza", "Samir", "Tarek"],
        "f": ["Layla", "Mariam", "Nour", "Yasmin", "Rania"],
        "s": ["Al-Sayed", "Haddad", "Mansour", "El-Amin", "Nasser", "Saleh", "Abdelrahman"],
    },
    "traveller": {
        "m": ["Johnny", "Patrick", "Jimmy", "Tommy", "Michael", "Martin"],
        "f": ["Bridget", "Margaret", "Kathleen", "Mary", "Nora", "Sinead"],
        "s": ["Doherty", "McDonagh", "Joyce", "Loveridge", "Boswell", "Maughan", "Stokes",
              "Cash"],
    },
    "kurdish": {
        "m": ["Rebwar", "Karwan", "Dilshad", "Hemin", "Azad", "Shwan"],
        "f": ["Shilan", "Rozhin", "Berivan", "Avin", "Hana"],
        "s": ["Salih", "Hama-Amin", "Karim", "Bakir", "Jaff", "Qadir", "Rasul"],
    },
}
FEMALE_ONLY_SURNAMES = {"south_asian": ["Begum", "Bibi", "Kaur"]}
# How often each origin is drawn (forenames of the double-barrelled group are few, so
# it is drawn less often)
ORIGIN_WEIGHTS = {"british": 4, "irish_scottish": 2, "double_barrelled": 1, "south_asian": 3,
                  "eastern_european": 2, "west_african": 2, "caribbean": 2, "chinese": 1,
                  "arabic": 1, "traveller": 1, "kurdish": 1}

# Street names, aliases and short forms people are known by
MALE_ALIASES = ["Big Mo", "Tiny", "Smiley", "Taz", "Jay-Jay", "Bonzo", "Chops", "Lucky",
                "Prince", "Spider", "Ghost", "Junior", "Rocky", "Bash", "Zee", "K-Dog",
                "Macca", "Shorty", "Sully", "Little T", "Baz", "Skinny", "Boss", "Dreads",
                "Scouse", "Polish Tom", "Mr Kebab", "Kingy", "Tricky", "Bear"]
FEMALE_ALIASES = ["Tink", "Lils", "Kels", "Princess", "Jojo", "Babes", "Dizzy", "Red"]
SHORT_FORMS = {"Darren": "Daz", "Gary": "Gaz", "Sharon": "Shaz", "Karen": "Kaz",
               "Kerry": "Kez", "Natasha": "Tash", "Rebecca": "Bex", "Tyrone": "Ty",
               "Delroy": "Del", "Imran": "Immy", "Kamran": "Kam", "Shaun": "Shaunie",
               "Chantelle": "Chan", "Stephen": "Stevo", "Courtney": "Cort",
               "Kayleigh": "Kay", "Bilal": "Bill", "Łukasz": "Luke", "Rebwar": "Rob",
               "Oluwaseun": "Seun", "Jermaine": "J"}

# ---------------------------------------------------------------------------
# Invented places (towns and postcode districts are real; streets and numbers invented)
# ---------------------------------------------------------------------------

STREETS = [("Larkspur Close", "Larkspur Cl"), ("Marsh Lane", "Marsh Ln"),
           ("Wharf Row", "Wharf Row"), ("Kestrel Way", "Kestrel Way"),
           ("Tinkers Lane", "Tinkers Ln"), ("Foundry Street", "Foundry St"),
           ("Mill Road", "Mill Rd"), ("Church Lane", "Church Ln"), ("Park Street", "Park St"),
           ("Station Road", "Station Rd"), ("Cowley Road", "Cowley Rd"),
           ("Iffley Road", "Iffley Rd"), ("Wellington Street", "Wellington St"),
           ("Victoria Terrace", "Victoria Tce"), ("Albert Road", "Albert Rd"),
           ("Spring Gardens", "Spring Gdns"), ("Meadow View", "Meadow Vw"),
           ("Hollybush Row", "Hollybush Row"), ("Chapel Street", "Chapel St"),
           ("Queens Road", "Queens Rd"), ("Balmoral Avenue", "Balmoral Ave"),
           ("Orchard Close", "Orchard Cl"), ("Sandy Lane", "Sandy Ln"),
           ("Clifton Street", "Clifton St"), ("Heath Road", "Heath Rd"),
           ("Tannery Walk", "Tannery Wlk"), ("Brook Street", "Brook St"),
           ("Lime Grove", "Lime Gr"), ("Coronation Avenue", "Coronation Ave"),
           ("Canal Side", "Canal Side"), ("Bridge Street", "Bridge St"),
           ("Elm Drive", "Elm Dr"), ("Greenfield Crescent", "Greenfield Cres"),
           ("Union Street", "Union St"), ("Regent Street", "Regent St")]
BLOCKS = ["Kestrel House", "Tower Court", "Heron Point", "Ashdown House", "Beech Court",
          "Clarendon Flats", "Pegasus Court", "Cherwell Tower", "Kennet House", "Marsh Court",
          "Linnet House", "Foundry Mews", "Canalside Apartments"]

REGIONS = {
    "oxford": {
        "towns": ["Oxford", "Cowley", "Banbury", "Abingdon", "Blackbird Leys"],
        "districts": ["OX1", "OX2", "OX3", "OX4", "OX16", "OX14", "OX44"],
        "landline": ["0118 496 0{:03d}", "01632 960{:03d}"],
        "hosp": ["the John Radcliffe", "the JR", "the Horton", "the Churchill"],
    },
    "rotherham": {
        "towns": ["Rotherham", "Rawmarsh", "Maltby", "Dinnington", "Sheffield"],
        "districts": ["S60", "S61", "S62", "S63", "S65", "S66"],
        "landline": ["0114 496 0{:03d}", "01632 960{:03d}"],
        "hosp": ["Rotherham General", "the Northern General", "the Children's Hospital"],
    },
    "rochdale": {
        "towns": ["Rochdale", "Heywood", "Middleton", "Oldham", "Littleborough"],
        "districts": ["OL11", "OL12", "OL16", "OL10", "OL1"],
        "landline": ["0161 496 0{:03d}", "01632 960{:03d}"],
        "hosp": ["Fairfield General", "the Royal Oldham", "North Manchester General"],
    },
    "telford": {
        "towns": ["Telford", "Wellington", "Oakengates", "Madeley", "Shrewsbury"],
        "districts": ["TF1", "TF2", "TF3", "TF4", "TF7"],
        "landline": ["0121 496 0{:03d}", "01632 960{:03d}"],
        "hosp": ["the Princess Royal", "the PRH", "the Royal Shrewsbury"],
    },
}
CARS = ["silver Vauxhall Astra", "black BMW 3 series", "white Ford Transit", "red Audi A3",
        "grey VW Golf", "blue Toyota Prius", "black Mercedes C-Class", "silver Skoda Octavia",
        "white Vauxhall Corsa", "dark blue Ford Focus", "black Audi A4", "green Nissan Micra",
        "silver Peugeot 206", "black Range Rover Evoque", "gold Toyota Avensis"]
SHOPS = ["Village Pizza", "the Kings Arms", "Best Bite takeaway", "the Spar", "Pizza Palace",
         "the Star Kebab House", "Golden Fry", "the snooker hall", "the 24-hour garage",
         "Chicken Express", "the Crown", "the car wash"]
HOTELS = ["the Travelodge by the ring road", "the Premier Inn", "the Station Hotel",
          "the Ibis near the bypass", "a guest house by the station"]
SCHOOLS = ["Marsh Lane Academy", "St Edmund's RC School", "Kingsmead Academy",
           "Oakfield Park School", "the pupil referral unit", "Riverside College"]
ROADS = ["A34", "ring road", "M40", "A4260", "Eastern Bypass", "M62", "A627(M)", "M54",
         "A442", "A631", "Parkway"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"   # letters used in the inward half
VRM_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXYZ"
VRM_TAGS = ["LX", "LR", "YX", "YS", "BD", "BF", "OU", "OV", "OE", "MA", "MF", "MX", "FY", "WR",
            "VX", "KX", "SN", "DK", "RK", "EY", "AJ", "PK", "GY", "YT", "FD", "FJ", "HN", "NA"]

ROLES = {"G": "girl", "H": "girl", "K": "girl", "B": "boy", "M": "man", "N": "man", "O": "man",
         "R": "man", "W": "woman", "V": "woman", "P": "pro", "Q": "pro", "X": "place",
         "Y": "place", "Z": "place"}


def ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def format_dob(rng: random.Random, d: dt.date, figures_only: bool = False) -> str:
    """A date of birth written in one of the ways practitioners write them."""
    yy = d.year % 100
    month = MONTHS[d.month - 1]
    figures = [
        f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day:02d}/{d.month:02d}/{yy:02d}", f"{d.day}/{d.month}/{yy:02d}",
        f"{d.day:02d}-{d.month:02d}-{d.year}", f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{d.day}.{d.month}.{yy:02d}", f"{d.year}-{d.month:02d}-{d.day:02d}",
    ]
    words = [
        f"{d.day}{ordinal(d.day)} {month} {d.year}", f"{d.day} {month} {d.year}",
        f"{month} {d.day} {d.year}", f"{month} {d.day}, {d.year}",
        f"{d.day} {month[:3]} {d.year}", f"{d.day:02d}{month[:3].upper()}{d.year}",
        f"{d.day}{ordinal(d.day)} {month[:3]} {yy:02d}",
    ]
    return rng.choice(figures if figures_only else figures + words)


def format_event_date(rng: random.Random, d: dt.date) -> str:
    """An ordinary event date, never labelled."""
    month = MONTHS[d.month - 1]
    return rng.choice([
        f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.day}.{d.month}.{d.year % 100:02d}",
        f"{d.day}{ordinal(d.day)} {month}", f"{d.strftime('%A')} {d.day} {month}",
        f"{d.day:02d}/{d.month:02d}", f"{d.day} {month[:3]} {d.year}", d.isoformat(),
    ])


def make_postcode(rng: random.Random, region: str) -> str:
    outward = rng.choice(REGIONS[region]["districts"])
    inward = f"{rng.randrange(1, 10)}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
    style = rng.random()
    if style < 0.6:
        return f"{outward} {inward}"
    if style < 0.75:
        return f"{outward}{inward}"
    if style < 0.9:
        return f"{outward} {inward}".lower()
    return f"{outward}{inward}".lower()


def make_phone(rng: random.Random, region: str, landline: bool) -> str:
    if landline:
        number = rng.choice(REGIONS[region]["landline"]).format(rng.randrange(1000))
        area, rest = (number.split(" ", 1) if not number.startswith("01632")
                      else ("01632", number[6:]))
        rest_plain = rest.replace(" ", "")
        return rng.choice([
            number, f"{area}-{rest.replace(' ', '-')}", f"({area}) {rest}",
            f"{area}{rest_plain}", f"+44 {area[1:]} {rest}", f"({area}) {rest_plain}",
        ])
    last = f"{rng.randrange(1000):03d}"
    return rng.choice([
        f"07700 900{last}", f"07700 900{last}", f"07700900{last}", f"+44 7700 900{last}",
        f"+447700900{last}", f"0044 7700 900{last}", f"07700 900 {last}",
        f"07700-900-{last}", f"(07700) 900{last}", f"+44 (0)7700 900{last}",
    ])


def make_vrm(rng: random.Random) -> str:
    letters = lambda n: "".join(rng.choice(VRM_LETTERS) for _ in range(n))  # noqa: E731
    kind = rng.random()
    if kind < 0.72:
        age = rng.choice([f"{y:02d}" for y in range(2, 14)] + [str(y) for y in range(51, 64)])
        left, right = f"{rng.choice(VRM_TAGS)}{age}", letters(3)
    elif kind < 0.88:
        left = f"{rng.choice('ABCDEFGHJKLMNPRSTVWXY')}{rng.randrange(1, 1000)}"
        right = letters(3)
    else:
        left, right = letters(3), f"{rng.randrange(1, 1000)}{rng.choice('ABCDEFGHJKLMNPRSTVWXY')}"
    style = rng.random()
    if style < 0.55:
        return f"{left} {right}"
    if style < 0.78:
        return f"{left}{right}"
    if style < 0.9:
        return f"{left}{right}".lower()
    return f"{left} {right}".lower()


def make_address(rng: random.Random) -> str:
    """Markup for an address; sometimes with words outside the labelled span."""
    full, short = rng.choice(STREETS)
    street = full if rng.random() < 0.7 else short
    n = rng.randrange(1, 180)
    flat = rng.randrange(1, 40)
    block = rng.choice(BLOCKS)
    return rng.choice([
        f"{{{{a:{n} {street}}}}}", f"{{{{a:{n} {street}}}}}", f"{{{{a:{n} {street}}}}}",
        f"{{{{a:{n}{rng.choice('abc')} {street}}}}}",
        f"{{{{a:Flat {flat}, {n} {street}}}}}", f"{{{{a:Flat {flat} {n} {street}}}}}",
        f"{{{{a:flat {flat}{rng.choice('ab')} {block}}}}}", f"{{{{a:Flat {flat}, {block}}}}}",
        f"{{{{a:{flat} {block}}}}}", f"{{{{a:Room {rng.randrange(1, 9)}, {n} {street}}}}}",
    ])


class Person:
    """One invented person (or household) in one note; every field is drawn once."""

    def __init__(self, rng: random.Random, role: str, region: str, taken: set[str],
                 family: Person | None = None) -> None:
        self.rng, self.role, self.region = rng, role, region
        if role in ("girl", "woman"):
            gender = "f"
        elif role in ("boy", "man"):
            gender = "m"
        else:
            gender = rng.choice("mf")
        self.gender = gender
        if family is not None:
            origin = family.origin
        else:
            origin = rng.choices(list(ORIGIN_WEIGHTS), weights=list(ORIGIN_WEIGHTS.values()))[0]
        self.origin = origin
        pool = ORIGINS[origin]
        names = [n for n in pool[gender] if n not in taken] or pool[gender]
        self.fore = rng.choice(names)
        taken.add(self.fore)
        surnames = pool["s"] + (FEMALE_ONLY_SURNAMES.get(origin, []) if gender == "f" else [])
        self.sur = rng.choice(surnames)
        if family is not None and rng.random() < 0.75:
            self.sur = family.sur
        self.middle = ""
        others = [n for n in pool[gender] if n not in taken and "-" not in n]
        if rng.random() < 0.15 and others:
            self.middle = rng.choice(others)
            taken.add(self.middle)
        years = {"girl": (1993, 2000), "boy": (1993, 2000), "man": (1964, 1992),
                 "woman": (1958, 1990), "pro": (1955, 1988), "place": (1958, 1990)}[role]
        self.dob = dt.date(rng.randrange(years[0], years[1] + 1), rng.randrange(1, 13),
                           rng.randrange(1, 29))
        self.cache: dict[str, str] = {}

    def field(self, code: str) -> str:
        if code not in self.cache:
            self.cache[code] = self._draw(code)
        return self.cache[code]

    def _draw(self, code: str) -> str:
        rng = self.rng
        if code == "f":
            return f"{{{{n:{self.fore}}}}}"
        if code == "s":
            return f"{{{{n:{self.sur}}}}}"
        if code == "n":
            middle = f" {self.middle}" if self.middle else ""
            return f"{{{{n:{self.fore}{middle} {self.sur}}}}}"
        if code == "t":
            title = "Mr" if self.gender == "m" else rng.choice(["Mrs", "Ms", "Miss", "Mrs"])
            return f"{title} {{{{n:{self.sur}}}}}"
        if code == "r":
            sep = rng.choice([", ", " "])
            return f"{{{{n:{self.sur.upper()}{sep}{self.fore}}}}}"
        if code == "k":
            if self.fore in SHORT_FORMS and rng.random() < 0.5:
                return f"{{{{k:{SHORT_FORMS[self.fore]}}}}}"
            pool = MALE_ALIASES if self.gender == "m" else FEMALE_ALIASES
            return f"{{{{k:{rng.choice(pool)}}}}}"
        if code == "d":
            return f"{{{{d:{format_dob(rng, self.dob)}}}}}"
        if code == "D":
            return f"{{{{d:{format_dob(rng, self.dob, figures_only=True)}}}}}"
        if code == "y":
            return f"{{{{d:{self.dob.year}}}}}"
        if code == "p":
            landline = rng.random() < (0.45 if self.role in ("woman", "place", "pro") else 0.1)
            return f"{{{{t:{make_phone(rng, self.region, landline)}}}}}"
        if code == "L":
            return f"{{{{t:{make_phone(rng, self.region, landline=True)}}}}}"
        if code == "v":
            return f"{{{{v:{make_vrm(rng)}}}}}"
        if code == "a":
            return make_address(rng)
        if code == "h":
            full, short = rng.choice(STREETS)
            letter = rng.choice(["", "", "", "a", "b"])
            return f"{{{{a:{rng.randrange(1, 180)}{letter} {rng.choice([full, full, short])}}}}}"
        if code == "c":
            return f"{{{{p:{make_postcode(rng, self.region)}}}}}"
        raise ValueError(f"unknown field {code!r}")


FAMILY = re.compile(r"^((?:@[A-Z]+ )+)")
SLOT = re.compile(r"<([A-Z])\.([a-zA-Z])(?:\|([lu]))?>|<([a-z]+)(?:\|([lu]))?>")


def fill(template: str, rng: random.Random) -> str:
    """Replace every slot in a template with markup."""
    region = rng.choice(list(REGIONS))
    people: dict[str, Person] = {}
    taken: set[str] = set()
    families: list[str] = []
    directive = FAMILY.match(template)
    if directive:
        families = [group for group in directive.group(1).split() if group]
        template = template[directive.end():]
    last_event = [dt.date(2006, 1, 1) + dt.timedelta(days=rng.randrange(7 * 365))]

    def plain(name: str) -> str:
        info = REGIONS[region]
        if name == "date":
            # event dates in one note run forwards, a few days to a few weeks apart
            last_event[0] += dt.timedelta(days=rng.randrange(1, 25))
            return format_event_date(rng, last_event[0])
        if name == "time":
            hour = rng.randrange(0, 24)
            return f"{hour:02d}{rng.choice(['00', '10', '15', '20', '30', '40', '45', '55'])}"
        if name == "town":
            return rng.choice(info["towns"])
        if name == "street":
            return rng.choice(STREETS)[0]
        if name == "car":
            return rng.choice(CARS)
        if name == "shop":
            return rng.choice(SHOPS)
        if name == "hotel":
            return rng.choice(HOTELS)
        if name == "hosp":
            return rng.choice(info["hosp"])
        if name == "school":
            return rng.choice(SCHOOLS)
        if name == "road":
            return rng.choice(ROADS)
        if name == "crime":
            force_style = f"43{rng.randrange(10**8, 10**9)}"
            a, b, c = rng.randrange(10, 99), rng.randrange(10000, 99999), rng.randrange(6, 14)
            return rng.choice([force_style, f"{a}/{b}/{c:02d}"])
        if name == "age":
            return str(rng.randrange(13, 17))
        if name == "aage":
            return str(rng.randrange(19, 46))
        raise ValueError(f"unknown slot <{name}>")

    def replace(m: re.Match) -> str:
        if m.group(1):
            letter, code, case = m.group(1), m.group(2), m.group(3)
            if letter not in people:
                kin = [people[other] for group in families if letter in group
                       for other in group if other in people]
                people[letter] = Person(rng, ROLES[letter], region, taken,
                                        kin[0] if kin else None)
            value = people[letter].field(code)
        else:
            value, case = plain(m.group(4)), m.group(5)
        return recase(value, case)

    return SLOT.sub(replace, template)


def recase(markup: str, case: str | None) -> str:
    """Lower- or upper-case the text of some markup, keeping its kind letters."""
    if not case:
        return markup
    change = str.lower if case == "l" else str.upper
    out, pos = [], 0
    for m in MARK.finditer(markup):
        out.append(change(markup[pos:m.start()]))
        out.append("{{" + m.group(1) + ":" + change(m.group(2)) + "}}")
        pos = m.end()
    out.append(change(markup[pos:]))
    return "".join(out)


MARK = re.compile(r"\{\{([nkdaptvx]):(.*?)\}\}", re.IGNORECASE)


def parse(markup: str) -> tuple[str, list[dict], list[tuple[int, int]]]:
    """Text, labelled entities and deliberately unlabelled spans from markup."""
    text, entities, skips, pos = [], [], [], 0
    length = 0
    for m in MARK.finditer(markup):
        before = markup[pos:m.start()]
        text.append(before)
        length += len(before)
        code, body = m.group(1).lower(), m.group(2)
        if body != body.strip() or not body:
            raise ValueError(f"span with spaces at its edges: {body!r} in {markup!r}")
        if code == "x":
            skips.append((length, length + len(body)))
        else:
            entities.append({"start": length, "end": length + len(body),
                             "kind": KIND_CODES[code], "text": body})
        text.append(body)
        length += len(body)
        pos = m.end()
    text.append(markup[pos:])
    joined = "".join(text)
    # a forename and surname filled in separately ("<M.f> <M.s>") are one full name
    merged: list[dict] = []
    for e in entities:
        last = merged[-1] if merged else None
        if (last and last["kind"] == e["kind"] == "name"
                and joined[last["end"]:e["start"]] == " "):
            last["end"] = e["end"]
            last["text"] = joined[last["start"]:last["end"]]
        else:
            merged.append(dict(e))
    entities = merged
    if "{{" in joined or "}}" in joined or SLOT.search(joined):
        raise ValueError(f"unparsed markup left in: {joined!r}")
    for e in entities:
        assert joined[e["start"]:e["end"]] == e["text"]
    return joined, entities, skips


def unlabelled_repeats(text: str, entities: list[dict], skips: list[tuple[int, int]]) -> list[str]:
    """Labelled text (or a part of a labelled name) that occurs again outside every span."""
    spans = [(e["start"], e["end"]) for e in entities] + skips
    needles = set()
    for e in entities:
        needles.add(e["text"])
        if e["kind"] in ("name", "nickname"):
            for token in re.split(r"[\s,]+", e["text"]):
                token = token.strip(".")
                if len(token) >= 2 and token not in TITLES:
                    needles.add(token)
                    for part in token.split("-"):
                        if len(part) >= 3:
                            needles.add(part)
    problems = []
    for needle in sorted(needles):
        for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text):
            if not any(s <= m.start() and m.end() <= e for s, e in spans):
                problems.append(f"{needle!r} at {m.start()}")
    return problems


def build_note(markup: str) -> tuple[str, list[dict]]:
    text, entities, skips = parse(markup)
    problems = unlabelled_repeats(text, entities, skips)
    if problems:
        raise ValueError(f"unlabelled repeats {problems} in {text!r}")
    return text, entities


def from_template(template: str, case: str | None, rng: random.Random) -> tuple[str, list[dict]]:
    """Fill a template, drawing again until every occurrence is labelled."""
    for _ in range(200):
        markup = recase(fill(template, rng), case)
        text, entities, skips = parse(markup)
        if not unlabelled_repeats(text, entities, skips):
            return text, entities
    raise RuntimeError(f"could not fill template: {template!r}")


# ---------------------------------------------------------------------------
# Templates: (source kind, case of the whole note or None, template)
# ---------------------------------------------------------------------------

TEMPLATES = [
    # --- police ----------------------------------------------------------------
    ("police", "u",
     "SUBJ <G.n> SEEN WITH <M.n> DOB <M.D> IN VRM <M.v> ON <street> AT <time>HRS. BOTH ENTERED "
     "<shop>. NO FURTHER SIGHTINGS."),
    ("police", None,
     "Intelligence suggests that <M.n> (DOB <M.d>), known as <M.k>, is supplying cannabis and "
     "alcohol to girls aged 13-15 at his address, <M.a>, <town> <M.c>. Girls are said to be "
     "collected from <street> in a <car>."),
    ("police", None,
     "Vehicle stop <road> <time>. <car>, <M.v>. Driver gave details as <M.n>, <M.d>, of <M.a> - "
     "confirmed on PNC. Two female rear passengers, one identified as <G.n> (DOB <G.d>), "
     "reported missing from her placement earlier that day. Returned to placement by officers."),
    ("police", "u",
     "INFO RECEIVED THAT A MALE CALLING HIMSELF <M.k> IS USING TEL <M.p> TO ARRANGE 'PARTIES' "
     "FOR YOUNG GIRLS AT <M.a>. SAME NUMBER FOUND IN THE PHONE OF MFH <G.n> ON <date>."),
    ("police", None,
     "@GW Missing from home. <G.n>, <age> yrs, DOB <G.d>, of <G.a>, <G.c>. Reported by mother "
     "<W.t> on <W.p>. Risk graded medium. Mother believes <G.f> is with an older male she calls "
     "<M.k>."),
    ("police", None,
     "<G.f> found at <time> hrs at <M.a> by officers attending a concern for welfare. Occupant "
     "<M.n> (b. <M.y>) stated she was a friend of his cousin and that he did not know her age. "
     "<G.f> was intoxicated and was taken to <hosp>."),
    ("police", "l",
     "crime ref <crime>. yp <G.f> disclosed to pc <P.s> that a man she knows as <M.k> gave her "
     "vodka and a phone at his flat, <M.a>. nfa at this time as yp not supporting."),
    ("police", None,
     "Taxi driver <M.n> of <M.a> (licensed by the council) seen on CCTV collecting <G.f> and "
     "another girl from outside <school> at 15:20. Vehicle <car>, VRM <M.v>. Driver's mobile "
     "recorded as <M.p>."),
    ("police", "u",
     "NOMINAL: <M.r>  DOB: <M.D>  ADDR: <M.a> <M.c>  TEL: <M.p>  VEH: <M.v>. LINKED TO CSE "
     "OPERATION. ASSOCIATES INCLUDE <N.n> AKA <N.k>."),
    ("police", None,
     "ANPR hit on <M.v> at <time> on the <road> heading towards <town>. Registered keeper <M.t> "
     "of <M.a>. Vehicle previously seen outside <G.f>'s children's home on <street> on three "
     "occasions."),
    ("police", None,
     "@GW <W.t> came to the front counter to hand in clothing belonging to her daughter <G.f>, "
     "saying she believed <G.f> had been assaulted at <M.a>. Clothing declined by the enquiry "
     "officer. Mother left her number, <W.p>."),
    ("police", None,
     "Child abduction warning notice served on <M.n> (DOB <M.d>) at <M.a>, <M.c> in respect of "
     "<G.n> (DOB <G.d>). <M.s> was told that he must not contact, meet or allow <G.f> into his "
     "address or vehicle."),
    ("police", None,
     "Intel 2B P: <N.k> and <O.k> are collecting girls from <town> bus station most Friday "
     "nights and taking them to the flat above <M.h>. <N.k> drives a <car>, reg <N.v>. Phone "
     "used to arrange collections: <N.p>."),
    ("police", None,
     "Crime report - sexual activity with a child. Victim <G.n> aged <age>. Suspect <M.n>, "
     "<aage>, DOB <M.d>. Offences alleged at <M.a> and in the suspect's car, a <car> <M.v>. "
     "Outcome 16 - victim does not support police action."),
    ("police", "u",
     "MFH <G.r> LOCATED <time> IN VEH <M.v> WITH 2 X ADULT MALES. DRIVER <M.n> DOB <M.D> TEL "
     "<M.p>. PASS <N.n> DOB <N.D>. NO ARRESTS. YP RETURNED TO <G.a>."),
    ("police", None,
     "Found with: <M.n> (aka '<M.k>'), <N.n>. Found at: <M.a>, <M.c>. Found by PC <P.s> at "
     "03:10. <G.f> said she had 'just been chilling' and refused a medical."),
    ("police", None,
     "Reporter <W.n> (neighbour, <W.a>) called to say girls in school uniform are regularly "
     "going into <M.a> after school, and that a man she knows only as <M.k> drives them away "
     "later in a <car>. Reporter can be contacted on <W.p>."),
    ("police", None,
     "Wasting police time: <G.n> (DOB <G.d>) warned after retracting her account about <M.n>. "
     "Officer in case DC <P.s>. Note added on review: YP is <age>; the warning should not have "
     "been given."),
    ("police", None,
     "@GW Evidence offered by <W.t> (mother): a mobile phone belonging to <G.f> holding "
     "messages from <M.p> and <N.p>. Decision: declined, 'no offences disclosed'. Decision made "
     "by DS <P.s> on <date>."),
    ("police", "l",
     "subj <M.f> <M.s> aka <M.k> - tel <M.p> - drives <car> <M.v> - address <M.a> <M.c>. "
     "associates w/ girls from the <street> childrens home"),
    ("police", None,
     "Police attended <M.a> following a 999 call from a female who gave her name as '<G.f>' and "
     "said she was being kept there. On arrival the occupant, <M.n>, said there was no one else "
     "in the flat. <G.f> later found at <hosp> with her friend <H.n>."),
    ("police", None,
     "Sighting: <G.n> seen at 23:40 outside <shop> on <street> getting into a <car> (<M.v>). "
     "Same vehicle logged on <date> with driver <M.n>, <M.d>."),
    ("police", None,
     "Intelligence from a school: a girl in Year 9 has a second phone (<G.p>) given to her by a "
     "man called <M.f> who is 'about 25' and lives in a flat on <street>. The girl is <G.n>, "
     "DOB <G.d>."),
    ("police", "u",
     "OP SENTINEL - VEHS OF INTEREST: <M.v> (<M.n>), <N.v> (<N.n>), <O.v> (KEEPER NOT KNOWN). "
     "ALL SEEN AT <X.a> <X.c> BETWEEN 2200 AND 0200."),
    ("police", None,
     "Statement: I am <W.n> and I live at <W.a>, <town>, <W.c>. I am the foster carer for "
     "<G.n>. On <date> she came home at 4am in a car I did not recognise, registration <M.v>."),
    ("police", None,
     "Reported missing by <P.n> of the children's home at <X.h> at 21:00. <G.f> <G.s>'s phone "
     "(<G.p>) goes straight to voicemail. Believed to be with <M.k>, whose number is saved in a "
     "friend's phone as '<M.k>' - <M.p>."),
    ("police", None,
     "MFH debrief by PC <P.s>: <G.f> said she stayed at a house on <street> with <H.f> and "
     "'some older lads'. She could not give a house number and would not name anyone else."),
    ("police", None,
     "Arrest: <M.n> (DOB <M.d>) arrested at <M.a> on suspicion of sexual activity with a child. "
     "Phones seized: <M.p>, <N.p>. Vehicle <M.v> seized for examination. Interviewed, no "
     "comment. Released under investigation."),
    ("police", None,
     "@MN <M.t> (<aage>) and his brother <N.f> run <shop> on <street>. Several girls from the "
     "children's home at <X.h> are said to spend evenings in the back room. <M.s> is reported "
     "to have given <G.f> a phone."),
    ("police", "u",
     "CALLER REPORTS FEMALE APPROX 14 CRYING IN STREET OUTSIDE <X.a>. FEMALE GIVES NAME <G.n>, "
     "DOB <G.D>. STATES HER 'BOYFRIEND' <M.k> THREW HER OUT OF THE CAR. CALLER TEL <W.p>."),
    ("police", None,
     "Hotel check at <hotel>: room 214 booked in the name of <M.n>, home address given as "
     "<M.a>, <M.c>, contact number <M.p>. Staff reported two young girls going to the room. "
     "Officers found <G.f> and <H.f>, both under 16."),
    ("police", None,
     "@GR Information from <G.f>'s father, <R.n> (tel <R.p>): his daughter is being picked up "
     "from the end of their road by a <car>. He wrote down the registration: <M.v>."),
    ("police", None,
     "Voluntary interview of <M.n> (born <M.d>) about messages sent to <G.n> on Snapchat. He "
     "accepts the number <M.p> is his but denies knowing her age. Lives at <M.a> with his "
     "parents."),
    ("police", "l",
     "<date> 2315 - <G.f> seen in <car> <M.v> w/ <M.k> + unknown male, <street>. pc <P.s> "
     "stopped veh, yp said 'he's my uncle'. words of advice given."),
    ("police", None,
     "Previous address for <M.n>: <X.a>, <X.c> (2009-2011). Current: <M.a>, <M.c>. Also uses "
     "the surname <N.s> and the name <M.k>."),
    ("police", None,
     "Return home interview passed to police: <G.f> named a man called <M.f>, about 30, who "
     "'has a nice car'. She gave his phone as <M.p> and said he lives near <shop>."),
    ("police", "u",
     "PNC CHECK ON <M.v>: NO INSURANCE. DRIVER <M.r> D.O.B. <M.D>, PASSENGER FEMALE GAVE NAME "
     "AS <G.f> <G.s>, 18 - LATER CONFIRMED AS <age>. VEH SEIZED."),
    # --- social care -----------------------------------------------------------
    ("social_care", None,
     "@GW Home visit to <G.f> at <G.a>. Mum (<W.n>) said <G.f> has been coming home late with "
     "new clothes and a phone she can't explain. <G.f> told me the phone was from 'a mate', and "
     "later said it was from <M.k>. I explained my worries about <M.k> to mum."),
    ("social_care", None,
     "Strategy meeting. Present: DS <P.s> (police), <Q.n> (school DSL), SW. Concerns: <G.n> "
     "(DOB <G.d>) missing 6 times in 4 weeks; found twice at <M.a>. Agreed: s47 enquiry; "
     "abduction warning notice to be served on <M.n>."),
    ("social_care", None,
     "Return home interview with <G.f>. She was missing from <date> to <date>. She says she "
     "stayed with her friend <H.f> at <H.a> but <H.f>'s mum denies this. <G.f> would not talk "
     "about the man in the car."),
    ("social_care", None,
     "Telephone call from <W.t> (foster carer, <W.p>). <G.f> has not come back from school. "
     "Carer has seen texts from a number saved as '{{k:Tiny}}' - <M.p>. Advised carer to report "
     "her missing to police."),
    ("social_care", None,
     "@GWB Child and family assessment: <G.n>, born <G.d>. Lives with mother <W.n> and "
     "stepfather <R.n> at <G.a>, <town> <G.c>. Older half-brother <B.n> (b. <B.y>) has links to "
     "older males on <street>."),
    ("social_care", None,
     "SW visit to placement. Residential staff say <G.f> is being collected most nights by a "
     "man in a <car>; staff noted the reg as <M.v|l> and passed it to police. <G.f> says he is "
     "'just <M.k>, a friend of my cousin'."),
    ("social_care", None,
     "Case transferred. Previous SW recorded concerns about <G.f>'s relationship with <M.n>, "
     "who is <aage>. <G.f> calls him her boyfriend. <M.f> is believed to live at <M.a>."),
    ("social_care", None,
     "<G.f> told her key worker that <M.k> and his friend <N.f> made her 'go with' other men at "
     "a house on <street>. She later said she made it up. Discussed with manager: the "
     "retraction does not end our concern."),
    ("social_care", None,
     "@GV Care plan review. <G.n> (DOB <G.d>) is now placed with <W.t> at <W.a>, <W.c>. Contact "
     "with mother <V.n> to stay supervised. <G.f> to have a new phone; number <G.p>, shared "
     "with the placement only."),
    ("social_care", "l",
     "mum rang - <G.f> hasnt been home since friday. says she thinks shes at <M.k>'s. mum has "
     "his number <M.p>. told mum to ring 101 or 999."),
    ("social_care", None,
     "Supervision: we discussed <G.f> and <H.f>. Both girls have been seen with <M.n> and <N.n> "
     "and both have been given alcohol. <H.f>'s social worker is <P.n> in the neighbouring "
     "authority."),
    ("social_care", None,
     "@GRV Visit to grandparents <R.f> and <V.f> <R.s> at <R.h>. They are worried that <G.f> "
     "spends time at a takeaway on <street>, and that a man she calls '<M.k>' rings the "
     "landline (<R.L>) asking for her."),
    ("social_care", None,
     "Section 47 enquiry. Joint interview of <G.f> at school with PC <P.s>. <G.f> named <M.n> "
     "and a man known as <N.k>. She gave an address of <M.a> and said the men use a <car>; she "
     "remembered the reg as <M.v>."),
    ("social_care", None,
     "Note from placement: <G.f> came back at 02:15 smelling of alcohol. Said she'd been at a "
     "party at <X.a>. She had £60 in cash and a new phone. Number of the new phone: <G.p>."),
    ("social_care", None,
     "@GW CIN meeting. Attendees: <P.n> (SW), <Q.n> (school nurse), <W.n> (mother). <G.f>'s "
     "attendance is 61%. Mum reported <G.f> had been 'picked up' by <M.f> from outside the "
     "house. Mum's address: <W.a>, <W.c>."),
    ("social_care", None,
     "Chronology entry: <date> - <G.n> (d.o.b. <G.d>) reported missing; <date> - found by "
     "police at <M.a> with <M.n>; <date> - return interview declined."),
    ("social_care", None,
     "Referral from <hosp> ED about <G.n>, DOB <G.d>, address <G.a>, <G.c>. She attended with "
     "an adult male who gave his name as <M.f> and said he was her uncle. The family know of no "
     "uncle by that name."),
    ("social_care", None,
     "<G.f> told me that <M.k> lets her and <H.f> stay at his flat (<M.a>) whenever they want. "
     "She said 'he's safe, he looks after us'. I asked whether she had to do anything in "
     "return; she did not answer."),
    ("social_care", None,
     "Emergency placement. <G.n> moved from <X.a> to <Y.a>, <town> <Y.c> after threats from "
     "associates of <M.n>. Placement phone: <Y.p>. Location not to be shared with family."),
    ("social_care", None,
     "Recieved call from <W.t> who is <G.f>'s aunty. She said <G.f> has been staying at a "
     "adress on <street> with a man called <M.f> who is 'about 30'. She dosent know the house "
     "number. Aunty's number <W.p>."),
    ("social_care", None,
     "@GWR Family network meeting: mother <W.n>, maternal uncle <R.n>, family friend <V.f> "
     "<V.s>. <R.f> offered <G.f> a room at his house at <R.a>. Checks to be completed before "
     "she moves."),
    ("social_care", None,
     "Legal planning meeting. Threshold met. Harm from: <M.n> (DOB <M.d>), <N.n> (DOB <N.d>), "
     "<O.n> (aka <O.k>). Addresses linked to them: <M.a>; <N.a>, <N.c>."),
    ("social_care", None,
     "Direct work session. <G.f> drew a map of where she goes: the park, '{{k:Mo}}'s shop', and "
     "<M.k>'s car. She would not say where <M.k> lives but said it is near <street>."),
    ("social_care", None,
     "Return from missing. <B.n> (DOB <B.d>) came back to <B.a> at 11:00. He said he had been "
     "in <town> with <M.k> 'doing runs'. His phone (<B.p>) was taken from him by <M.k>. "
     "Criminal exploitation concerns; refer to the exploitation panel."),
    ("social_care", None,
     "@GWB Letter sent to <W.t>, <W.a>, <town>, <W.c> inviting her to the initial child "
     "protection conference for <G.f> and <B.f>."),
    ("social_care", None,
     "@MV Spoke by phone to the mother of <G.f>'s boyfriend, <V.t> (<V.p>). She says her son "
     "<M.f> is 19, not 24 as <G.f> claims, and gave his date of birth as <M.d>."),
    ("social_care", None,
     "@GW Disclosure to <W.n> under the child sex offender disclosure scheme about <M.n> (born "
     "<M.d>). <W.f> was told that <M.f> should not have unsupervised contact with <G.f>."),
    ("social_care", None,
     "<G.f> (goes by <G.k>) has a new friend, <H.f>, who is 17 and lives independently at "
     "<H.a>. Staff think older men visit <H.f>'s flat."),
    # --- education -------------------------------------------------------------
    ("education", None,
     "DSL log: <G.f> <G.s> (Y9) seen getting into a <car> outside the school gates at 15:20 by "
     "the site manager. Reg noted as <M.v>. Driver an adult male, not her parent. Referred to "
     "MASH."),
    ("education", None,
     "<G.f> told her form tutor that her 'boyfriend' <M.f> is 22 and has a flat on <street>. "
     "She showed staff a photo of him. Tutor logged the number he texts her from: <M.p>."),
    ("education", None,
     "@GW Attendance concern. <G.n> (DOB <G.d>) 58% this half term. Home visit by EWO to <G.a> "
     "- no answer. Mum (<W.t>) rang later from <W.p> and said <G.f> is 'never in'."),
    ("education", None,
     "<B.n> has been bringing large amounts of cash into school and says his cousin <M.k> gives "
     "it to him. <B.f> has a new phone; he gave staff the number <B.p>."),
    ("education", None,
     "@KW Friendship concerns: <G.f>, <H.f> and <K.f> (all Year 10) have been leaving at "
     "lunchtime and are picked up by an older male known to them as <M.k>. <K.f>'s mum, <W.t>, "
     "rang school on <W.p> to say she is worried."),
    ("education", None,
     "@GW Safeguarding referral form. Child: <G.n>. DOB: <G.d>. Address: <G.a>. Postcode: "
     "<G.c>. Parent/carer: <W.n>. Contact no: <W.p>. Concern: told PE teacher <P.t> that she "
     "had been given alcohol by older men."),
    ("education", None,
     "@GW Exclusion meeting. Present: headteacher, <W.t> (parent), <G.f>. <G.f> said she had "
     "been out late because she 'goes round <M.k>'s'. Head to share with the DSL."),
    ("education", "l",
     "<G.f> said in class that <M.f> (her sisters bf?) picks her up every weds in the white "
     "van. another pupil said the van reg is <M.v>. passed to dsl"),
    ("education", None,
     "School nurse drop-in: <G.f> asked about the morning-after pill and said her boyfriend is "
     "'older, like 20-something'. Name given as <M.n>. Nurse told the DSL, <P.t>."),
    ("education", None,
     "Transfer file from previous school for <G.n> (DOB <G.d>), previous address <X.a>, <X.c>. "
     "The file records a CSE referral in Year 8 naming <M.k>."),
    ("education", None,
     "@GR Meeting with <R.t>, <G.f>'s father. He said <G.f> gets calls late at night from <M.p> "
     "and that the caller says he is called <M.f>. Dad asked school not to tell <G.f> he had "
     "come in."),
    ("education", None,
     "Alternative provision report: <B.f> has missed 9 of 10 sessions. Staff saw him outside "
     "<shop> with older males, one of whom he called <M.k>. A car, <M.v>, collected them."),
    ("education", "u",
     "@GW PUPIL <G.r> - LATE MARK X4 THIS WEEK. SEEN DROPPED OFF BY <car> <M.v> AT 0905. MUM "
     "(<W.n>, TEL <W.p>) SAYS IT IS 'A FAMILY FRIEND'."),
    # --- emergency department --------------------------------------------------
    ("health_emergency", None,
     "15yo female brought in by ambulance from <M.a> at 02:40, intoxicated. Pt gave name as "
     "<G.n>, DOB <G.d>. Accompanied by a male who left before triage, gave name as <M.f>, tel "
     "<M.p>. Safeguarding referral made."),
    ("health_emergency", None,
     "Pt <G.n> (<G.d>) attended with injury to L wrist. States fell. Brought by 'uncle' <M.f> "
     "<M.s> who answered all questions for her. Home address given: <G.a>, <G.c>. GP: Dr <P.s>."),
    ("health_emergency", None,
     "@GW PC: OD paracetamol x16. Pt <G.f>, 14. Lives <G.a>. Mum <W.n> contacted on <W.p>. Pt "
     "disclosed arguments with 'bf' <M.k> (21). CAMHS and SW referrals."),
    ("health_emergency", None,
     "Adult male (<M.n>, DOB <M.d>) presented with a 14-year-old girl he said was his niece; "
     "girl later gave her name as <G.f> and said she didn't know him well. Security and police "
     "called. Male left in <car> <M.v>."),
    ("health_emergency", None,
     "@GW Repeat attender: <G.n>, 4th attendance in 2 months. Today: facial bruising, says "
     "'walked into a door'. Friend <H.n> with her. NOK given as <W.n>, tel <W.p>, but the "
     "number was not answered."),
    ("health_emergency", None,
     "CP-IS flag: child subject to a CP plan. <G.n> DOB <G.d>. Social worker <P.n>, duty number "
     "<P.p>. Local authority notified of attendance at 23:55."),
    ("health_emergency", None,
     "Triage: c/o abdo pain. 15F. Pt says she has been staying at '<M.k>'s house' at <M.a>. "
     "Declined to give NOK. Registered address <G.a>."),
    ("health_emergency", "l",
     "pt brought in by friend <H.f> ?spiking at party. pt <G.f> <G.s> dob <G.d>. party at "
     "<X.a>, host a man called <M.k>. police informed"),
    ("health_emergency", None,
     "Safeguarding liaison nurse: reviewed attendance of <G.n> on <date>. Not referred at the "
     "time. Contacted SW <P.t> on <P.p>. <G.f> named <M.n> as the person who hurt her."),
    ("health_emergency", None,
     "Ambulance handover: pt found in <car> <M.v> on <street>, unresponsive, 16F. Driver <M.n> "
     "said he was a taxi driver who picked her up from <X.a>. Driver's contact <M.p>."),
    ("health_emergency", None,
     "@BW <B.n> (DOB <B.d>), 13, stab wound to thigh. Mother <W.t> attended. <B.f> says he was "
     "attacked near <street> by a male he knows as <M.k>."),
    ("health_emergency", None,
     "Discharge letter to GP (Dr <P.s>): <G.n>, DOB <G.d>, <G.a>, <G.c>. Diagnosis: alcohol "
     "intoxication. Safeguarding: referred to children's social care."),
    ("health_emergency", "u",
     "MAJORS 4. <G.r> DOB <G.D>. BIBA FROM <X.a>. ETOH++. MALE WITH HER GAVE NAME <M.f> AND "
     "MOBILE <M.p> THEN LEFT."),
    # --- sexual health ---------------------------------------------------------
    ("health_sexual", None,
     "Spotting the Signs completed. <G.f> (<age>) says her partner is <M.f>, 'about 26'; she "
     "met him through a friend, <H.f>. He gives her money and weed. Partner's number stored as "
     "<M.p>."),
    ("health_sexual", None,
     "Pt <G.n> DOB <G.d> attended for EHC (3rd time in 4 months). Gave address <G.a>, <G.c>. "
     "Partner: '<M.k>' - pt doesn't know his real name or age. Referral to social care."),
    ("health_sexual", None,
     "@GW Telephone follow-up to <G.f> on <G.p> about results. Pt asked that we don't call the "
     "house phone, <W.L>, as her mum <W.f> 'doesn't know'."),
    ("health_sexual", None,
     "@GV Partner notification: index pt <G.f>. Partner 1: <M.n>, <aage>, tel <M.p>. Partner 2: "
     "'<N.k>', no details. Pt says both are friends of her older sister <V.f>."),
    ("health_sexual", None,
     "Young people's clinic. <G.f> attended with <H.f>. <G.f> disclosed that a man called <M.f> "
     "<M.s> and 'his mates' had sex with her at a flat at <M.a> when she was drunk. Disclosure "
     "shared with SW <P.n>."),
    ("health_sexual", None,
     "STI screen and pregnancy test. Pt <G.n>, born <G.d>. Pt says partner <M.f> drives a <car> "
     "and picks her up from school. She knows his reg: <M.v>. Concern about the age gap; "
     "discussed with safeguarding lead <P.t>."),
    ("health_sexual", "l",
     "pt <G.f> 14 - says bf is <M.k>, lives <M.a>, she thinks hes 19. gave her £50 + iphone. "
     "sts completed - 5 concerns. referral made"),
    ("health_sexual", None,
     "Clinician analysis: <G.f> seems scared of <M.k>. She checked her phone (<G.p>) throughout "
     "and left with a man waiting outside in a <car>, reg <M.v>."),
    ("health_sexual", None,
     "Outreach nurse visit to supported lodgings at <X.h>. Seen: <G.n> and <H.n>. <H.f> said an "
     "older man, <M.n>, pays for their rooms."),
    ("health_sexual", None,
     "Referral for termination of pregnancy: <G.n> (DOB <G.d>), aged <age>. Pt named the father "
     "as <M.n>, who she says is 'around 30'. Safeguarding referral and police notification "
     "completed."),
    ("health_sexual", None,
     "Pt declined to give an address. Gave mobile <G.p> and name '<G.f>'. Said she lives 'with "
     "<M.k> and his cousins' somewhere near <street>."),
    ("health_sexual", None,
     "Repeat attendance. <G.f> <G.s> came with <W.t> (foster carer, <W.a>, <W.c>). Pt anxious. "
     "Foster carer says she is getting calls from <M.p> at night."),
    ("health_sexual", "u",
     "STS PROFORMA - PT <G.f> <G.s> D.O.B <G.D>. PARTNER '<M.k>' AGE 'NOT SURE'. MET AT <shop>. "
     "GIFTS: PHONE, CLOTHES. REFERRED."),
]

# ---------------------------------------------------------------------------
# Hand-written notes: (source kind, markup). Each aims at something hard: names that
# are ordinary words, lower-case names, quoted speech, possessives, titles, hyphens,
# accents, dates of birth beside event dates, odd phone and registration formats.
# ---------------------------------------------------------------------------

HANDWRITTEN = [
    ("social_care",
     "{{n:Summer}} said her mate {{n:kayleigh}} was there and a lad called {{n:dean}} who "
     "drives. {{n:Summer}}'s mum rang at 9pm to say she was home. We hope to see {{n:Summer}} "
     "again before the summer holidays start."),
    ("education",
     "{{n:Grace}} was seen at 16:10 by the bus stop with an older male she later named as "
     "{{n:Will Hatherley}}. Staff will review her travel plan. {{n:Grace}} has a mark on her "
     "left forearm and said {{n:Mark}} from her estate 'grabbed her'. Form tutor to note this "
     "on the log."),
    ("health_sexual",
     "{{n:Hope}} attended clinic today with her friend {{n:Amber}}. We talked frankly about "
     "condoms and consent. {{n:Hope}} said her partner {{n:Frank Delaney}} is 'older but not "
     "that old'. Rated {{x:Amber}} on the clinic RAG tool until the partner's age is known."),
    ("social_care",
     "\"{{n:Jack}} said if I told anyone he'd hurt my little brother,\" {{n:Amber}} told me. "
     "{{n:Amber}} would not give {{n:Jack}}'s surname but said he lives at {{a:45a Church "
     "Lane}} with his nan. I asked her to bring a jacket next time as it was cold."),
    ("police",
     "INTEL 3B P: MALE KNOWN AS {{k:BIG MO}} RUNS A FLAT AT {{a:FLAT 3, 22 PARK ST}}, {{p:OX4 "
     "1EB}}. GIRLS CALL IT '{{k:MO}}'S PLACE'. {{k:BIG MO}} IS BELIEVED TO BE {{n:MOHAMMED "
     "RAFIQUE}} DOB {{d:12/07/1981}}."),
    ("social_care",
     "{{n:Karwan}} is 17 and says he came to the UK two years ago. He lives with his cousin "
     "{{n:Rebwar Salih}} (calls himself {{k:Rob}}) at {{a:Room 5, 101 Iffley Rd}}, {{p:OX4 "
     "1EJ}}. {{n:Rebwar}}'s number is {{t:07700 900418}}. {{n:Karwan}} said men come to the "
     "house late at night and he is told to stay in his room."),
    ("police",
     "Attended {{a:Plot 6, Hollow Lane Caravan Park}}, Maltby, home of {{n:Bridget McDonagh}} "
     "and her children. {{n:Bridget}} reported her daughter {{n:Kathleen}} ({{d:14.6.97}}) "
     "missing since Saturday. {{n:Kathleen}} may be with {{n:Tommy Doherty}}, 23. The family "
     "asked that officers speak to Mr {{n:McDonagh}} rather than the children."),
    ("social_care",
     "Visit to the Golden Dragon restaurant, where {{n:Mei}} (15) works at weekends for her "
     "uncle, Mr {{n:Wei Chen}}. A family friend, {{n:Kevin Tang}} (b. {{d:1986}}), drives her "
     "home. {{n:Mei}} says {{n:Kevin}} is kind to her and buys her things."),
    ("police",
     "Statement taken from {{n:Jodi-Ann Hamilton-Price}} ({{d:1999-02-11}}), who says she was "
     "introduced to {{n:Marlon Grant}} by her cousin {{n:Tia}}. {{n:Marlon}} collected her from "
     "{{a:17 Spring Gardens}} in a black BMW reg {{v:BD51 SMR}} on three occasions."),
    ("health_emergency",
     "Pt {{n:Niamh O'Driscoll}}, d.o.b. {{d:3rd April 1998}}, brought in by {{n:Declan "
     "O'Neill}} (says he is her 'step-uncle'). Mr {{n:O'Neill}} gave his number as {{t:+44 7700 "
     "900552}}. {{n:Niamh}} quiet and withdrawn; she asked for him to leave the cubicle."),
    ("police",
     "{{n:OMAR AL-SAYED}} (DOB {{d:April 3 1988}}) AND {{n:KHALID HADDAD}} SEEN ON HOTEL CCTV "
     "WITH TWO FEMALES BELIEVED UNDER 16. ROOM BOOKED BY {{n:HADDAD}} ON HIS CARD. VEH {{v:YX65 "
     "ZZT}} IN THE CAR PARK."),
    ("health_sexual",
     "Pt {{n:Kinga}} (16), no interpreter needed. Partner {{n:Łukasz Wiśniewski}}, 27; she met "
     "him at the car wash on Oxford Road where she works. He pays her phone bill - number "
     "{{t:07700 900 731}}. Pt says {{n:Łukasz}} 'shares' her with his friend {{n:Marius}}."),
    ("social_care",
     "Household: mother {{n:Shanice Campbell}} (DOB {{d:14/02/1979}}), children {{n:Tia}} (DOB "
     "{{d:02/09/1997}}) and {{n:Andre}} (DOB {{d:21/11/2001}}). Referral received 03/04/2012 "
     "from school. Home visit completed 05/04/2012."),
    ("police",
     "mfh {{n:chantelle}} located 0230 in {{v:lx09abc}} on the ring road w/ 2 males. driver "
     "{{n:lee booth}} dob {{d:3.4.88}} tel {{t:07700900123}}. passanger refused details, "
     "?{{k:gaz}}. yp returned to carers."),
    ("police",
     "Older vehicles linked to the group: a blue Ford Escort {{v:F472 KDU}} and a Vauxhall "
     "Cavalier {{v:TRK 581W}}, both registered to {{n:Terence Whitlock}} of {{a:9 Foundry "
     "Street}}, Rotherham {{p:S60 1QD}}."),
    ("social_care",
     "{{n:Craig Pemberton}}, who goes by {{k:Pembo}}, has been seen with {{n:Leanne}} and "
     "{{n:Stacey}} at the skate park. {{n:Stacey}}'s mother says {{k:Pembo}} is 'about 30'. "
     "{{n:Leanne}} also talks about a man known as {{k:Uncle Bash}} who 'owns the shop'."),
    ("police",
     "Landline at the address is {{t:(01632) 960 123}}; Mrs {{n:Greenhalgh}} says she has never "
     "used it. Call data shows 41 calls from {{t:0121-496-0000}} to {{n:Megan}}'s mobile in 3 "
     "days."),
    ("education",
     "{{n:Summer Ashworth}} (Y8) told the DSL that {{n:Jack}} and {{n:Rose}} are 'going out "
     "with' men from the takeaway. {{n:Rose}} has not been in since Monday. Her attendance rose "
     "to 90% last term but has fallen since half term."),
    ("health_emergency",
     "Pt said she'd been at {{k:Daz}}'s flat on Cowley Road, above the kebab shop. Would not "
     "say who {{k:Daz}} is. Laceration to R hand cleaned and glued. Referred to the JR "
     "safeguarding team."),
    ("social_care",
     "{{n:Chelsea}} now stays most nights in the flat above {{a:7 Market Square}} with {{n:Ryan "
     "Fletcher}} ({{d:17.01.85}}). {{n:Ryan}}'s brother {{n:Dean}} lives at {{a:flat 12b "
     "Blackbird Leys Court}}. Both addresses shared with police."),
    ("police",
     "Phone download: numbers saved as '{{k:Smiley}}' ({{t:+44 (0)7700 900789}}) and '{{k:T}}' "
     "({{t:07700 900 246}}). '{{k:Smiley}}' is believed to be {{n:Tyrone Bailey}}, born {{d:9 "
     "June 1984}}."),
    ("health_sexual",
     "Partner's number given as {{t:0044 7700 900456}}. Pt says he is called {{n:Jermaine}} but "
     "'everyone calls him {{k:J-Money}}'. She does not know his surname or where he lives."),
    ("police",
     "Address given by {{n:Tariq Mahmood}}: {{a:31 Kestrel Way}}, {{p:ox41ej}}. He later gave a "
     "second address, {{a:2 Hollybush Row}} {{p:OX1 1JH}}, where his mother lives."),
    ("social_care",
     "Case discussed with Dr {{n:Adeyemi}} (community paediatrician), {{n:Helen Marsh}} (IRO) "
     "and PC 2291 {{n:Okafor}}. Agreed that {{n:Ella}} should have a medical before the "
     "strategy meeting on Friday."),
    ("police",
     "Letter to Mr {{n:K. Owusu}}, {{a:Flat 7, Ashdown House}}, {{p:TF3 4QP}}, about his "
     "contact with {{n:Ama}}. Copy to Mr {{n:Owusu}}'s solicitor."),
    ("health_emergency",
     "NOK given as {{n:Kayleigh Barker}} (sister). Note: the police log spells her name "
     "{{n:Kayliegh}}. Sister's phone {{t:07700 900 318}}."),
    ("education",
     "{{n:Priya}}'s mum, Mrs {{n:Mistry}}, came in upset. She found messages on {{n:Priya}}'s "
     "phone from someone calling himself {{k:Prince}}. Mrs {{n:Mistry}} has the number: "
     "{{t:07700-900-602}}."),
    ("social_care",
     "{{n:Jade}} said the girls all go to {{k:Mo}}'s flat after school because 'there's always "
     "food and weed'. She thinks {{k:Mo}} is about 35. She would not give his real name."),
    ("police",
     "{{n:KAMRAN QURESHI}} B. {{d:07/11/1983}} ARRESTED 07/11/2012 AT {{a:14 COWLEY ROAD}}. "
     "FEMALE PRESENT, 15, GAVE NAME {{n:NADIA}}."),
    ("social_care",
     "The man {{n:Sunil}} mentioned is thought to be {{n:Sunil Gill}} (b. {{d:1988}}), who is "
     "already known to the exploitation team. {{n:Harpreet}} says she has only met him twice."),
    ("health_sexual",
     "Pt {{n:Temi}} ({{d:1998-04-03}}) attended with an 'aunt', who gave her name as {{n:Folake "
     "Adebayo}} and her address as {{a:88 Wellington Street}}, {{p:S65 2NB}}. Pt later said "
     "{{n:Folake}} is not her aunt."),
    ("police",
     "{{n:MCALLISTER, EUAN}} DOB {{d:22-08-1979}}. KNOWN TO FREQUENT {{a:6 QUEENS ROAD}} "
     "{{p:OL11 3BX}}. MOBILE {{t:07700 900 001}}. VRM {{v:MF08 KLT}}."),
    ("education",
     "{{n:Keisha}} told her mentor that a man called \"{{k:Tiny}}\" is 'not tiny at all' and "
     "that he drives {{n:Keisha}} and her friend {{n:Latoya}} to parties in Rochdale."),
    ("social_care",
     "{{n:Kirsty MacLeod}}'s foster carer, Mrs {{n:Eilidh Fraser}}, reports {{n:Kirsty}} came "
     "home at 01:30 in a taxi, reg {{v:OU09 TXR}}. The taxi firm says the booking was made from "
     "{{t:0161 496 0782}}."),
    ("police",
     "Male calls himself {{k:Ghost}}; real name believed to be {{n:Marius Popescu}} "
     "({{d:1990-12-01}}). Runs the hand car wash on the Eastern Bypass. Girls are said to be "
     "taken to {{a:Unit 4, 12 Tannery Walk}} behind the car wash."),
    ("health_emergency",
     "Seen by Dr {{n:Nwosu}} (paediatric registrar) and discussed with Dr {{n:Lam}} "
     "(consultant). {{n:Ngozi}}, 14, has bruising to both upper arms; she says a man called "
     "{{n:Chidi}} held her down."),
    ("police",
     "Suspect description: male, approx 30, known only as {{k:Spider}}. Has a spider tattoo on "
     "the left side of his neck. Drives a white van, partial plate not obtained."),
    ("social_care",
     "{{n:Oksana Kowalczyk}} d.o.b {{d:09.10.1999}} - placed with her aunt {{n:Daria}} at "
     "{{a:56 Balmoral Avenue}}. {{n:Oksana}}'s mother {{n:Alina Kowalczyk}} is in Poland."),
    ("education",
     "Y7 pupil {{n:Mary-Kate O'Brien}} said her older sister's friend {{k:Jay-Jay}} gives her "
     "lifts. {{n:Mary-Kate}} did not know his real name. Mum rang from {{t:(0113) 496 0521}}."),
    ("police",
     "Landline recorded for {{n:Shabana Rashid}}, {{a:40 Clifton Street}}, Rochdale, is "
     "{{t:(0161) 496 0117}}. Her son {{n:Adnan}} ({{d:March 12, 1991}}) is the registered "
     "keeper of {{v:MA59 OPK}}."),
    ("police",
     "SUBJ SEEN WITH {{n:JOHN HOLLOWAY}} DOB {{d:01/02/1985}} IN VRM {{v:OV12CDE}} AT 2240. "
     "{{n:HOLLOWAY}} ALSO LINKED TO {{v:OE07 RTY}}."),
    ("health_sexual",
     "{{n:Grace}} attended alone. She accepted the advice with good grace and agreed to a "
     "follow-up call on {{t:07700 900 884}}. Partner named as {{n:Dominic}}, age 'about 22'."),
    ("social_care",
     "Visit to the {{n:Doherty}} family at {{a:3 Orchard Close}}. Mrs {{n:Doherty}} was worried "
     "that her daughter {{n:Nora}} is seeing {{n:Johnny Stokes}}, who is 24 and has a car."),
    ("police",
     "Addresses visited during the operation: {{a:3 Orchard Close}} {{p:TF2 9HS}}, {{a:61 Sandy "
     "Lane}} {{p:tf29ht}} and {{a:Flat 2, 118 Regent Street}} {{p:TF1 1RW}}."),
    ("police",
     "Road check on the A4260 near junction 10 of the M40. Silver Astra {{v:YS10 FKW}} stopped; "
     "keeper {{n:Gareth Tranter}}. Crime ref 43110056321 raised. PC 5512 and PC 3306 attended."),
    ("social_care",
     "She said 'me and {{k:shaz}} and {{n:becca}} went to {{k:kaz}}'s and he gave us vodka'. "
     "{{k:kaz}} is thought to be {{n:Karim Bakir}}, who lives at {{a:22b Brook Street}}."),
    ("health_emergency",
     "Pt first gave her name as '{{n:Jade Smith}}' and DOB {{d:01/01/1995}}; true details "
     "{{n:Jade Wilson}}, DOB {{d:16/05/1997}}. Attended 02/03/2012 with an older male."),
    ("police",
     "Vehicle of interest: red Audi A3, VRM {{v:P672 HNV}}. Seen outside {{a:12 Mill Road}} on "
     "the 14th and 21st. Keeper details awaited from DVLA."),
    ("social_care",
     "Mrs {{n:Begum}} (maternal grandmother) speaks Sylheti; interpreter used. She said her "
     "grandson {{n:Rizwan}} is collected each night by {{n:Asif}}, whose car she described as "
     "'the black Mercedes' {{v:ma11 xzy}}."),
    ("education",
     "{{n:Will}} ({{n:William Critchley}}, Y11) has been seen giving younger pupils lifts in "
     "his brother's car. Staff will monitor the car park. Head of Year to speak to {{n:Will}}."),
    ("health_sexual",
     "Pt {{n:Zoë Lloyd-Evans}}, 15. Partner {{n:Stefan}}, 'about 25'. Met at a party at {{a:19 "
     "Greenfield Crescent}}. {{n:Zoë}} has had chlamydia twice this year."),
    ("police",
     "Stop check: {{v:ao61 bxf}} (lower case on the PNC printout). Driver {{n:Bogdan Balan}}, "
     "passenger {{n:Ioana}} (DOB {{d:5th Sep 97}}), who said she was 'going to work'."),
    ("social_care",
     "{{n:Ellie}} lives on the Leys estate; her friend {{n:Kacey}} lives at {{a:23 Pegasus "
     "Court}}. Both girls have been seen outside Kestrel House late at night."),
    ("social_care",
     "{{n:Berivan}} told the interpreter that her brother's friend {{n:Hemin}} takes her to "
     "{{a:Flat 9, 7 Union Street}} and that other men come. {{n:Berivan}}'s phone is "
     "{{t:07700900671}}."),
    ("health_emergency",
     "Mother {{n:Latoya Forbes}} (tel {{t:+447700900302}}) says {{n:Aaliyah}} has been going "
     "missing to {{k:Dreads}}'s house. Address unknown. Safeguarding referral sent 21:15."),
    ("police",
     "INTEL: {{k:POLISH TOM}} (POSS {{n:TOMASZ NOVÁK}}) USING {{t:07700 900 145}} AND {{t:07700 "
     "900 146}}. DRIVES {{v:WR04 HGX}}. STAYS AT {{a:45 ELM DRIVE}}, {{p:S61 4HU}}."),
    ("education",
     "Message from Mrs {{n:Hughes-Mansell}} (foster carer): {{n:Lily-Mae}} came home with a "
     "gift from someone she calls {{k:Sully}}. Mrs {{n:Hughes-Mansell}} can be reached on "
     "{{t:01632 960 442}}."),
    ("police",
     "Named suspects: {{n:Delroy Francis}} ({{d:Aug 4 1979}}), {{n:Yusuf Saleh}} "
     "({{d:4/8/82}}), {{n:Padraig Gallagher}} ({{d:1984}}). All three use {{a:Flat 1, 2 Wharf "
     "Row}}."),
]

# ---------------------------------------------------------------------------
# Notes with nothing to mask: ordinary professional writing with events, places,
# agencies, ages, times, dates, reference numbers, roads, car makes and words that are
# also names ("will", "hope", "mark", "grace", "summer"). Masking anything here is a
# false positive.
# ---------------------------------------------------------------------------

NO_ENTITIES = [
    ("police",
     "Missing person report received 21:40 from care home staff. Female, 14, last seen at 19:00 "
     "leaving the home on foot towards the city centre. Risk graded medium. Officers to check "
     "known locations including the bus station and the takeaways on the High Street."),
    ("police",
     "MFH RETURNED 0630 BY TAXI. NO INJURIES. DECLINED TO SAY WHERE SHE HAD BEEN. RHI TO BE "
     "ARRANGED BY THE LA. CAD 0412 REFERS."),
    ("social_care",
     "Strategy discussion held by phone with police and health. Agreed that the threshold for a "
     "section 47 enquiry is met. Joint visit planned for Thursday 14 March at 10:00. Manager to "
     "review within 5 working days."),
    ("education",
     "Year 9 pupil absent for 8 sessions this fortnight (codes O and N). Text message sent to "
     "parent at 09:15; no reply. EWO to make a home visit. DSL informed."),
    ("health_emergency",
     "15F presented 01:20 with alcohol intoxication. GCS 14. Accompanied by two friends of "
     "similar age who left before assessment. Observations stable. Safeguarding concern raised; "
     "referral to children's social care sent at 04:00."),
    ("health_sexual",
     "Under-18 proforma completed. Young person reports partner is 'a few years older'. No "
     "gifts or money disclosed. Attends school regularly. Plan: review at next visit in 2 "
     "weeks; leaflet on healthy relationships given."),
    ("police",
     "Vehicle stop on the A34 southbound at 23:10. Silver Vauxhall Astra with two adult males "
     "and a female who appeared younger than 16. Female would not give details. Words of "
     "advice. Intelligence submitted."),
    ("social_care",
     "Return home interview offered within 72 hours; young person declined. Will offer again "
     "next week through her key worker, who she trusts. Hope to use the drive to college as a "
     "chance to talk."),
    ("education",
     "Mark sheets for the mock exams show a sharp fall in her grades since the autumn. Form "
     "tutor has been frank with her about attendance. Deadline for coursework extended to "
     "Friday."),
    ("health_emergency",
     "Child brought in by ambulance after being found in a park at 02:00. Cold and intoxicated, "
     "dressed for summer although it was 3C. Police present. Admitted to the children's ward "
     "overnight."),
    ("police",
     "Crime ref 43120078812. Outcome 16: named suspect identified, victim does not support "
     "further police action. Supervisor review: given the victim's age (14) this outcome should "
     "be reconsidered."),
    ("police",
     "Intel grading 3B P. Source reports girls aged 13-15 being taken from the city to "
     "addresses in another force area at weekends. Transport by private hire vehicles. No names "
     "or registrations given."),
    ("social_care",
     "Supervision: reviewed all open CSE cases. Three children have been missing more than five "
     "times this quarter. Agreed to ask for a multi-agency mapping meeting with the police "
     "exploitation team and the Kingfisher team."),
    ("health_sexual",
     "Emergency contraception given (levonorgestrel 1.5 mg) at 11:45. Third request in four "
     "months. Safeguarding lead informed. Chlamydia test sent; results by text in 7-10 days."),
    ("health_emergency",
     "Repeat attendance: 4th this year. Self-harm - superficial cuts to left forearm. Seen by "
     "CAMHS liaison at 14:30. Discharged home with mother at 17:00."),
    ("education",
     "Staff briefing 12/03/2013: any pupil seen getting into a car with an unknown adult at the "
     "gate must be logged the same day. Site manager to keep the camera on the bus bay."),
    ("police",
     "Hotel watch: staff at two city centre hotels briefed on the signs of exploitation. Asked "
     "to call 101 if under-18s are seen going to rooms booked by adults. Follow-up visit 2 "
     "April."),
    ("social_care",
     "Placement stability meeting. Young person has moved four times in 12 months. The next "
     "move must be planned, not an emergency. IRO to chair the review on 27/06/2012 at 2pm."),
    ("health_sexual",
     "DNA X2. TEXT SENT TO PT. NO RESPONSE. DISCUSSED AT SAFEGUARDING MDT 14/11/2011 - ACTION: "
     "SW TO BE INFORMED."),
    ("police",
     "Officers attended a house party after reports of under-age drinking. About 15 young "
     "people present, aged 13-17. Adult occupant, male, approx 35, spoken to. Alcohol seized. "
     "Referral to MASH for every child identified."),
    ("education",
     "Pupil disclosed to the school counsellor that she has been sending pictures to an older "
     "male she met online. Referred to police and social care at 12:40 the same day. Parent not "
     "yet told, on police advice."),
    ("health_emergency",
     "Attended with facial injury; states assault by an unknown male outside a nightclub at "
     "03:00. Aged 16. Not known to CP-IS. Police attended the department at 04:15."),
    ("social_care",
     "Chronology: between January and June the child was reported missing 23 times, found on 9 "
     "occasions with adults, and attended A&E twice. Four agencies recorded these events but "
     "nobody brought them together until now."),
    ("police",
     "Review of the 2009 investigation. The victim's account was withdrawn in week 3. There is "
     "no record that anyone asked why. File to be reopened under the current operation."),
    ("health_sexual",
     "Young person seen alone as per policy. She says she is happy in her relationship. Age of "
     "partner: 19. How met: at the bus station. Analysis: imbalance of power likely; discuss at "
     "the next safeguarding meeting."),
    ("education",
     "Persistent absence: 38% of sessions missed this term, mostly Mondays and Fridays and "
     "afternoons after PE. Parent says the child is 'staying with friends'. Referral to early "
     "help."),
    ("police",
     "OBS ON TAKEAWAY PREMISES, HIGH STREET, 2100-0100. 4 X VEHS CAME AND WENT. 2 X FEMALES "
     "APPROX 14-15 SEEN ENTERING REAR DOOR 2245. NO STOPS MADE. OP ORDER TO BE REVIEWED."),
    ("social_care",
     "Missing from care protocol followed. Carers searched the local area, rang friends, and "
     "reported to police at 22:30. Young person returned 07:45 by taxi; the fare had been paid "
     "by someone else."),
    ("health_emergency",
     "Paediatric liaison: 14-year-old attended with a friend asking for a pregnancy test. "
     "Positive. Young person distressed. Sexual health team and social care contacted. "
     "Safeguarding concern = Y."),
    ("police",
     "Evidence offered by a parent: clothing in a sealed bag. Declined at the front counter on "
     "18/08/2006 with the reason 'no crime recorded'. That decision should not have been made "
     "at the counter."),
    ("education",
     "Her older sister, now 19, was known to CSE services. Be alert to the same adults "
     "approaching the younger child. Notes from the 2010 strategy meeting added to the file."),
    ("social_care",
     "Visit cancelled as the young person was not at home. Rang the placement at 16:00 and "
     "spoke to the manager. Will try again tomorrow after school."),
    ("health_sexual",
     "Chlamydia positive. Treatment given. Partner notification discussed - young person "
     "unwilling to give partner details. Will ask again at follow-up."),
    ("police",
     "Bus station CCTV reviewed for 19:00-23:00 on Friday. The child is seen with three older "
     "males near stand 7 at 20:12 and leaves with them towards the taxi rank at 20:31."),
    ("health_emergency",
     "Attended after an overdose of 20 ibuprofen taken at about 18:00. Says she 'just wanted it "
     "all to stop'. Medically fit for discharge at 09:00 the next day. CAMHS follow-up arranged "
     "for Monday."),
    ("social_care",
     "Legal advice: the threshold for care proceedings is not yet met. Agreed to continue the "
     "child protection plan under the category of sexual abuse and review in three months."),
    ("police",
     "Intel suggests a flat above a shop near the market square is used for parties with young "
     "girls most weekends. No door number known. More development needed before any action."),
    ("health_sexual",
     "Outreach session at the youth club, 18:00-20:00. Eleven young people seen. Condoms and "
     "information given. Two asked for follow-up appointments at the main clinic."),
    ("education",
     "yr 10 girl in tears at break, said people are sharing a video of her. dsl spoke to her at "
     "11:20. parents rang. police informed via 101 at 12:05."),
    ("health_emergency",
     "Child on a protection plan attended at 22:10 with an adult who was not a parent or carer. "
     "Local authority notified through CP-IS. The adult left before security could speak to him."),
    ("police",
     "Review of missing episodes for looked-after children in the district last quarter: 312 "
     "episodes, 41 children. 9 children account for over half. Most returns are between 02:00 "
     "and 06:00."),
    ("social_care",
     "Mother reports she has been threatened since going to the police. She is frightened for "
     "her younger children. Police to consider an Osman warning. Alarm to be fitted at the "
     "house."),
    ("education",
     "The DSL went to the multi-agency CSE meeting in Telford on Tuesday. Two of our pupils "
     "were discussed. Actions: daily attendance checks and a named adult for each girl."),
    ("health_sexual",
     "Spotting the Signs: 6 of 9 items answered with concern. Clinician analysis: significant "
     "concern. Referral sent to the MASH at 15:40 and followed up by telephone."),
    ("police",
     "Rochdale and Oldham officers to share intelligence on vehicles moving between the two "
     "towns late at night. Analyst to map ANPR hits on the M62 and A627(M) for the last six "
     "weeks."),
    ("social_care",
     "Grace period agreed with the housing provider for the rent arrears so the family are not "
     "evicted while the child protection plan is in place. Summer holiday activities to be "
     "funded by early help."),
    ("health_emergency",
     "Triage 23:05: 16-year-old male, stab wound to left thigh, bleeding controlled. Says he "
     "was 'jumped' near the park. Police informed at 23:20 as required. Referral made because "
     "of concerns about county lines."),
    ("police",
     "Taxi licensing: the council's licensing team confirmed that 3 drivers under investigation "
     "still hold licences. Information shared under Schedule 8 of the DPA 2018 on 4 October."),
]

def build(seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    notes: list[dict] = []
    for source_kind, case, template in TEMPLATES:
        assert source_kind in SOURCE_KINDS, source_kind
        for _ in range(2):
            text, entities = from_template(template, case, rng)
            notes.append({"source_kind": source_kind, "text": text, "entities": entities})
    for source_kind, markup in HANDWRITTEN:
        assert source_kind in SOURCE_KINDS, source_kind
        text, entities = build_note(markup)
        notes.append({"source_kind": source_kind, "text": text, "entities": entities})
    for source_kind, markup in NO_ENTITIES:
        assert source_kind in SOURCE_KINDS, source_kind
        text, entities = build_note(markup)
        if entities:
            raise ValueError(f"a note meant to have no entities has some: {text!r}")
        notes.append({"source_kind": source_kind, "text": text, "entities": []})
    rng.shuffle(notes)
    out = []
    for i, note in enumerate(notes, start=1):
        ents = sorted(note["entities"], key=lambda e: e["start"])
        out.append({"id": f"n{i:03d}", "source_kind": note["source_kind"], "text": note["text"],
                    "entities": ents})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the masking evaluation set.")
    parser.add_argument("--out", type=Path, default=HERE / "notes.jsonl")
    args = parser.parse_args()
    notes = build()
    with args.out.open("w", encoding="utf-8") as f:
        for note in notes:
            f.write(json.dumps(note, ensure_ascii=False) + "\n")
    kinds = Counter(e["kind"] for n in notes for e in n["entities"])
    print(f"{len(notes)} notes written to {args.out}")
    print(f"  notes with no entities: {sum(1 for n in notes if not n['entities'])}")
    print(f"  templates: {len(TEMPLATES)}, hand-written: {len(HANDWRITTEN)}, "
          f"without entities: {len(NO_ENTITIES)}")
    for kind in KINDS:
        print(f"  {kind}: {kinds[kind]}")
    print("  by source:", dict(Counter(n["source_kind"] for n in notes)))


if __name__ == "__main__":
    main()
