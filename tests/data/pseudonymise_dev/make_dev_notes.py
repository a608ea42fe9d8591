#!/usr/bin/env python3
"""Build the development set of labelled free-text notes for the masker.

Writes dev_notes.jsonl next to this file. Standard library only, fixed seed:
every run writes the same file.

    python tests/data/pseudonymise_dev/make_dev_notes.py

Notes are written in a small inline markup and offsets are computed from it:

    {N:...} name            {K:...} nickname        {D:...} date_of_birth
    {A:...} address         {P:...} postcode        {T:...} phone
    {V:...} vehicle         {X:...} deliberate unlabelled look-alike

Three sources:
  * templates filled with invented people, places, numbers and vehicles;
  * hand-written notes, each aimed at something hard;
  * notes with nothing to label, full of look-alikes.

A check makes sure that labelled text (and each part of a labelled name) does
not occur again in the same note, as a whole word, outside a labelled span,
unless that occurrence is marked {X:...}. A template fill that fails the check
is drawn again; a hand-written note that fails it stops the script.

Every person, address, phone number and vehicle is invented. Phone numbers come
only from the Ofcom drama ranges. Towns and postcode districts are real places;
streets and full postcodes are made up.
"""

import datetime
import json
import os
import random
import re
import sys

SEED = 77031
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "dev_notes.jsonl")

KIND_OF = {
    "N": "name",
    "K": "nickname",
    "D": "date_of_birth",
    "A": "address",
    "P": "postcode",
    "T": "phone",
    "V": "vehicle",
}
KINDS = set(KIND_OF.values())
SOURCE_KINDS = ("police", "social_care", "education", "health_emergency", "health_sexual")
MARK = re.compile(r"\{([NKDAPTVX]):([^{}]*)\}")


class NoteError(Exception):
    pass


# ---------------------------------------------------------------------------
# Markup, offsets and checks
# ---------------------------------------------------------------------------

def parse(markup):
    """Return (text, entities, look-alike spans) from marked-up text."""
    pieces, entities, looks = [], [], []
    pos = length = 0
    for m in MARK.finditer(markup):
        before = markup[pos:m.start()]
        pieces.append(before)
        length += len(before)
        code, body = m.group(1), m.group(2)
        if not body or body != body.strip():
            raise NoteError("empty or padded span %r" % m.group(0))
        start, end = length, length + len(body)
        pieces.append(body)
        length = end
        if code == "X":
            looks.append((start, end))
        else:
            entities.append({"start": start, "end": end, "kind": KIND_OF[code], "text": body})
        pos = m.end()
    pieces.append(markup[pos:])
    text = "".join(pieces)
    if "{" in text or "}" in text or "<" in text or ">" in text:
        raise NoteError("stray markup in %r" % text)
    return text, entities, looks


def probes(entity):
    """Strings that must not recur unlabelled: the whole text, and for a name each part."""
    found = {entity["text"]}
    if entity["kind"] == "name":
        for part in re.split(r"[\s,\-]+", entity["text"]):
            part = part.strip(".'\u2019\"()")
            if len(part) >= 2:
                found.add(part)
    return found


def recurrences(text, entities, looks):
    covered = [(e["start"], e["end"]) for e in entities] + list(looks)
    problems = []
    for e in entities:
        for p in sorted(probes(e)):
            pattern = r"(?<!\w)" + re.escape(p) + r"(?!\w)"
            for m in re.finditer(pattern, text, re.IGNORECASE):
                if not any(s <= m.start() and m.end() <= t for s, t in covered):
                    problems.append("%r (from %s %r) recurs unlabelled at %d"
                                    % (m.group(0), e["kind"], e["text"], m.start()))
    return problems


POSTCODE_RE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}$", re.IGNORECASE)
VEHICLE_RES = [
    re.compile(r"^[A-Z]{2}\d{2}\s?[A-Z]{3}$", re.IGNORECASE),      # current
    re.compile(r"^[A-Z]\d{1,3}\s?[A-Z]{3}$", re.IGNORECASE),       # prefix
    re.compile(r"^[A-Z]{3}\s?\d{1,3}[A-Z]$", re.IGNORECASE),       # suffix
]
OFCOM_RE = re.compile(r"^(07700900\d{3}|01632960\d{3}|0(113|114|118|121|161)4960\d{3}|02079460\d{3})$")


def national_number(phone):
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("+") or digits.startswith("0044"):
        rest = digits[4:] if digits.startswith("0044") else digits[2:]
        if rest.startswith("0"):  # +44 (0)...
            rest = rest[1:]
        return "0" + rest
    return digits


def shape_problems(entities):
    problems = []
    for e in entities:
        t = e["text"]
        if e["kind"] == "postcode" and not POSTCODE_RE.match(t):
            problems.append("postcode shape %r" % t)
        if e["kind"] == "vehicle" and not any(r.match(t) for r in VEHICLE_RES):
            problems.append("vehicle shape %r" % t)
        if e["kind"] == "phone" and not OFCOM_RE.match(national_number(t)):
            problems.append("phone not in an Ofcom drama range %r" % t)
    return problems


def build(markup):
    text, entities, looks = parse(markup)
    problems = recurrences(text, entities, looks) + shape_problems(entities)
    return text, entities, problems


# ---------------------------------------------------------------------------
# Invented people
# ---------------------------------------------------------------------------

MALE = """
Callum Liam Connor Kyle Jordan Tyler Ryan Darren Gary Dean Craig Stuart Nathan Reece
Kieran Alfie Archie Mason Bradley Lewis Jake Ethan Josh Harvey Kai Declan
Padraig Cian Eoin Ciaran Sean Oisín Cathal Donal
Mohammed Imran Bilal Hamza Arjun Rohan Zain Usman Tariq Farhan Aarav Harjit Sukhdev
Rizwan Adnan Junaid
Kacper Jakub Mateusz Andrei Ionuț Bogdan Marius Darius Dominik Lukas Tomasz Vasile
Oleksandr Dmytro Milan Ferenc
Chinedu Tunde Kwame Kofi Emeka Yaw Femi Olumide Segun Kojo
Jerome Delroy Tyrone Winston Kareem Andre Jermaine Leroy Devon Marlon
Rebin Shvan Soran Karwan Dara Hemin Aram
Hao Ming Jun Minh Tuan Bao
Abdi Mahad Yusuf Omar Abdirahman
""".split()
MALE_WORDS = "Bill Jay Hunter Rocky Ray Rob Earl Chance".split()

FEMALE = """
Chloe Jade Leah Megan Courtney Shannon Kayleigh Amy Stacey Paige Tia Jasmine Ellie Lauren
Sophie Demi Sharon Tracey Karen Michelle Lisa Natalie Charlene Gemma Danielle Chantelle
Siobhan Niamh Aoife Ciara Saoirse Róisín Orla Gráinne
Aisha Fatima Zainab Priya Anjali Simran Nadia Ayesha Maryam Sana Rukhsana Parveen Amrit
Oliwia Zuzana Agnieszka Natalia Katarzyna Alina Ioana Milena Daria Ewelina Viktoria Andreea
Ama Adaeze Chiamaka Folake Ngozi Abena Ifeoma Funmilayo Yetunde Efua
Marcia Shanice Shantelle Nia Beverley Keisha Tanisha Jodi-Ann Kerry-Ann
Hevin Rojin Berivan Avin Shilan Nazdar
Mei Xiu Yan Jia Linh Thuy
Hodan Ayaan Layla Amina Sagal
""".split()
FEMALE_WORDS = """
Brook Faith Dawn Ivy Joy Precious Blessing Patience Destiny Crystal Holly Poppy Daisy
Penny Storm Autumn Honey Skye
""".split()

UNISEX = """
Jamie Sunny Alex Charlie Temitope Oluwaseun Dilan Zana Wei Harpreet Gurpreet River Pat
Gift Sam
""".split()

SURNAMES = """
Smith Jones Taylor Brown Davies Evans Roberts Walker Wright Robinson Thompson Hughes
Edwards Hall Wood Clarke Jackson Harris Turner Cooper Ward Morris Hill Parker Bell Price
Bennett Pryce Tate Bright Rhodes Lawson Jukes Greaves Ashworth
O'Brien O'Connor Murphy Kelly Doherty McCarthy Byrne Gallagher Quinn Walsh Nolan
McDonagh O'Sullivan Flynn
Khan Hussain Ahmed Begum Patel Shah Ali Iqbal Akhtar Singh Kaur Sharma Mahmood Rahman
Chowdhury Bibi Malik Kumar Sandhu Gill Mistry
Kowalski Nowak Wiśniewski Kowalczyk Popescu Ionescu Horváth Balogh Petrov Dumitru
Marinescu Kovalenko Jankauskas Ozols Novák Stan Popa Szabó Kazlauskas Bondarenko
Okafor Adeyemi Mensah Owusu Boateng Okonkwo Adebayo Nwosu Asante Bello Eze Oyelaran
Appiah Danso Ogunleye Okoro
Campbell Williams Grant Francis Reid Samuels Powell Bailey Gayle McKenzie Forbes Henry
Sealy Thomas
Ahmadi Mohammadi Rashid Karimi Barzani Amin Aziz Saleh Abdullah Qadir Hamid
Chen Wang Zhang Liu Huang Lin Zhou Wu Cheung Ng Lam Chan Wong Nguyen Tran Pham
Warsame Farah Osman Yilmaz Demir
""".split()
SURNAME_WORDS = """
Brook Bishop Baker Hunter Fox Young Rich Mills Moss Green Black White Little King
Marsh Lamb Gold Best Stone Cook Field
""".split()

NICK_MALE = """
Smokey|K-Dog|Big Man|Tiny|Ghost|Bugsy|Snoopz|Rizzy|Tallz|Blaze|Spider|Jinx|Yungz|Kingy|
Slim|Trigger|Dutchy|Scrappy|Chunks|Bossman|Skinny|Mikey|Little J|Lil Ray|Uncle Sonny|
Mr Chips|Nando|Deeps|Boogie|Frosty|Ratty|Zed|T-Bone|Macca|Taz|Sparks|Biggz|Nitro|Chino|
Remy|Lil T|J-Bo|Dizzy|Kash|Stormzy-T|Baby K|Popeye|Tank
""".replace("\n", "").split("|")

NICK_FEMALE = """
Shaz|Bex|Jojo|Kiki|Lulu|Babs|Dolly|Tink|Princess|Lil Bit|Mama T|Sasha B|Queenie|Roxy|
Cookie|Bambi|Gigi|Auntie Bev|Tash|Kels|Steph-B|Mimi|Baby Girl|Nikki Red
""".replace("\n", "").split("|")

NICK_ANY = """
Red|Ace|Bear|Flash|Cuz|Kez|Dee|Shorty|Spud|Bubbles|Pebbles|Smudge|Jelly|Sky-Hi
""".replace("\n", "").split("|")

# ---------------------------------------------------------------------------
# Invented places, numbers and vehicles (towns and districts are real)
# ---------------------------------------------------------------------------

TOWNS = [
    ("Oxford", ["OX1", "OX2", "OX3", "OX4"]), ("Banbury", ["OX16"]), ("Bicester", ["OX26"]),
    ("Reading", ["RG1", "RG2", "RG30"]), ("Slough", ["SL1", "SL2"]), ("Luton", ["LU1", "LU2", "LU4"]),
    ("Milton Keynes", ["MK6", "MK13"]), ("Northampton", ["NN1", "NN3"]),
    ("Coventry", ["CV1", "CV2", "CV6"]), ("Birmingham", ["B8", "B10", "B23"]),
    ("Wolverhampton", ["WV10", "WV4"]), ("Stoke-on-Trent", ["ST4", "ST6"]),
    ("Leicester", ["LE2", "LE4"]), ("Nottingham", ["NG7", "NG5"]), ("Derby", ["DE23", "DE24"]),
    ("Sheffield", ["S2", "S5"]), ("Leeds", ["LS9", "LS11"]), ("Bradford", ["BD3", "BD8"]),
    ("Manchester", ["M8", "M40"]), ("Salford", ["M6"]), ("Hull", ["HU3", "HU9"]),
    ("Middlesbrough", ["TS1", "TS3"]), ("Swindon", ["SN1", "SN2"]),
    ("London", ["E15", "N17", "SE15", "E6"]), ("Bristol", ["BS5", "BS13"]),
    ("Cardiff", ["CF24"]), ("Newport", ["NP20"]), ("Swansea", ["SA1"]),
]

STREET_STEMS = """
Larkspur Heronsgate Mallowfield Quarrybank Tannery Sorrelby Wexcombe Pellow Hartfell Ketley
Cray Elmbridge Brambling Cheviot Linnet Grebe Dovecote Fernhill Cressingham Beechcroft
Kingfisher Sandpiper Thistledown Bluebell Foxglove Marigold Juniper Alder Osprey Kittiwake
Wagtail Corncrake Ferndale Millbrook Tanyard Ropewalk Saltwell Cinderhill Lockside Copperbeech
Sycamore Hawthorn Blackthorn Chestnut Meadowsweet Cowslip Teasel Yarrow Tansy Nettlebed
Pennycress Sedgemoor Harebell Lapwing Peregrine Nuthatch Siskin Goldcrest Redpoll Chaffinch
Bullfinch Plover Curlew Dunlin Whimbrel Gorsefield Bracken Coltsfoot Sorrel Lindenhall
""".split()

STREET_SUFFIXES = ["Road"] * 5 + ["Street"] * 4 + ["Close"] * 3 + ["Lane"] * 2 + [
    "Way", "Avenue", "Drive", "Crescent", "Grove", "Gardens", "Terrace", "Walk", "Row",
    "Mews", "Rise", "View", "Place"]
ABBREV = {"Road": "Rd", "Street": "St", "Close": "Cl", "Avenue": "Ave", "Drive": "Dr",
          "Crescent": "Cres", "Gardens": "Gdns", "Terrace": "Terr"}
BLOCK_KINDS = ["House", "Court", "Tower", "Point", "Lodge"]
HOUSE_NAMES = ["Ivy Cottage", "The Old Forge", "Orchard House", "Holly Lodge", "Willow Barn",
               "Meadow View", "The Laurels", "Keeper's Cottage", "Sunnyside", "Rose Cottage",
               "The Granary", "Tanners End", "Fern Bank", "Little Thatch"]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
MEMORY_FIRST = "ABCDEFGHKLMNOPRSVWY"
AGE_IDS = ["08", "58", "09", "59", "10", "60", "11", "61", "12", "62", "13", "63", "14",
           "64", "15", "65", "16", "66", "17", "67", "18", "68", "19", "69", "20", "70",
           "21", "71", "22", "72", "23", "73", "24", "74"]

COLOURS = ["silver", "black", "white", "grey", "dark blue", "red", "dark green", "blue", "gold"]
MODELS = ["Vauxhall Corsa", "Audi A3", "Ford Transit", "VW Golf", "BMW 1 Series", "Seat Leon",
          "Mercedes C-Class", "Toyota Prius", "Skoda Octavia", "Nissan Qashqai",
          "Range Rover Evoque", "Peugeot 208", "Ford Fiesta", "Kia Sportage", "Honda Civic"]
SCHOOLS = ["Cheney School", "Oxford Spires Academy", "St Gregory the Great", "Bishop Challoner School",
           "King Edward VI Academy", "Cardinal Newman Catholic School", "Ormiston Park Academy",
           "Marlborough School", "Lord Williams's School", "Wootton Academy", "Hillcrest Primary",
           "St Mary's C of E Primary", "Ash Grove Academy", "the Riverside PRU"]
HOSPITALS = ["the John Radcliffe", "the Horton", "the Royal Berkshire", "Leeds General Infirmary",
             "St James's", "the Queen Elizabeth", "Heartlands", "Royal Stoke",
             "the Northern General", "North Middlesex", "the Royal Victoria Infirmary",
             "University Hospital Coventry", "Milton Keynes University Hospital"]
SHOPS = ["Greggs", "the Co-op", "Tesco Express", "Lidl", "JD Sports", "McDonald's",
         "the Shell garage", "Primark", "Sainsbury's Local", "the chicken shop", "Morrisons",
         "Costa", "the Spar", "the vape shop", "the bookies"]
ORGS = ["Barnardo's", "the NSPCC", "Catch22", "St Giles Trust", "The Children's Society",
        "Women's Aid", "Turning Point", "the Youth Offending Service", "Childline", "Brook",
        "Victim Support", "the Early Help team"]
ROADS = ["A34", "A40", "M6", "M62", "M40", "A38", "M1", "A4074", "A61", "A5", "M4", "A14"]
OFFICER_ROLES = ["PC", "PC", "DC", "PCSO", "PS"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def ordinal(n):
    if 10 <= n % 100 <= 20:
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def dob_text(rng, d):
    m3 = MONTHS[d.month - 1][:3]
    forms = [
        "%02d/%02d/%04d" % (d.day, d.month, d.year),
        "%02d/%02d/%04d" % (d.day, d.month, d.year),
        "%d/%d/%04d" % (d.day, d.month, d.year),
        "%d.%d.%02d" % (d.day, d.month, d.year % 100),
        "%02d.%02d.%04d" % (d.day, d.month, d.year),
        "%s %s %d" % (ordinal(d.day), MONTHS[d.month - 1], d.year),
        "%s %d %d" % (MONTHS[d.month - 1], d.day, d.year),
        "%s %d, %d" % (MONTHS[d.month - 1], d.day, d.year),
        d.isoformat(),
        "%02d%s%d" % (d.day, m3.upper(), d.year),
        "%02d-%s-%02d" % (d.day, m3, d.year % 100),
        "%d %s %d" % (d.day, m3, d.year),
        "%02d/%02d/%02d" % (d.day, d.month, d.year % 100),
        "%02d-%02d-%04d" % (d.day, d.month, d.year),
    ]
    return rng.choice(forms)


def event_date_text(rng, d):
    forms = [
        "%02d/%02d/%04d" % (d.day, d.month, d.year),
        "%02d.%02d.%02d" % (d.day, d.month, d.year % 100),
        "%s %s" % (ordinal(d.day), MONTHS[d.month - 1]),
        "%s %s %s" % (DAYS[d.weekday()], ordinal(d.day), MONTHS[d.month - 1]),
        "%02d/%02d" % (d.day, d.month),
        "%d %s %02d" % (d.day, MONTHS[d.month - 1][:3], d.year % 100),
        d.isoformat(),
    ]
    return rng.choice(forms)


def time_text(rng, hours=range(24)):
    h, m = rng.choice(list(hours)), rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])
    forms = ["%02d%02dhrs" % (h, m), "%02d:%02d" % (h, m), "%02d%02d" % (h, m),
             "%d.%02d%s" % ((h % 12) or 12, m, "am" if h < 12 else "pm")]
    return rng.choice(forms)


def age_at(dob, when):
    return when.year - dob.year - ((when.month, when.day) < (dob.month, dob.day))


def mobile_text(rng):
    x = "%03d" % rng.randrange(1000)
    forms = [(5, "07700 900%s"), (2, "07700900%s"), (2, "07700 900 %s"), (2, "+44 7700 900%s"),
             (1, "+447700900%s"), (1, "0044 7700 900%s"), (1, "+44 (0)7700 900%s"),
             (1, "07700-900-%s"), (1, "077009 00%s"), (1, "(07700) 900%s"), (1, "0770 0900 %s")]
    pool = [f for w, f in forms for _ in range(w)]
    return rng.choice(pool) % x


def landline_text(rng):
    kind = rng.choice(["01632", "01632", "0113", "0114", "0118", "0121", "0161", "020"])
    x = "%03d" % rng.randrange(1000)
    if kind == "01632":
        forms = ["01632 960%s", "(01632) 960%s", "01632960%s", "+44 1632 960%s", "01632 960 %s"]
    elif kind == "020":
        forms = ["020 7946 0%s", "020 7946 0%s", "0207 946 0%s", "(020) 7946 0%s", "+44 20 7946 0%s"]
    else:
        a = kind[1:]
        forms = [kind + " 496 0%s", kind + " 496 0%s", kind + " 4960%s", "(" + kind + ") 496 0%s",
                 "+44 " + a + " 496 0%s"]
    return rng.choice(forms) % x


def plate_text(rng):
    letters = lambda n: "".join(rng.choice(PLATE_LETTERS) for _ in range(n))
    style = rng.random()
    if style < 0.7:
        left = rng.choice(MEMORY_FIRST) + rng.choice(PLATE_LETTERS) + rng.choice(AGE_IDS)
        right = letters(3)
    elif style < 0.85:
        left = rng.choice("ABCDEFGHJKLMNPRSTVWXY") + str(rng.randint(1, 999))
        right = letters(3)
    else:
        left = letters(3)
        right = str(rng.randint(1, 999)) + rng.choice("ABCDEFGHJKLMNPRSTVWXY")
    r = rng.random()
    if r < 0.7:
        return left + " " + right
    if r < 0.85:
        return left + right
    return (left + rng.choice(["", " "]) + right).lower()


def postcode_text(rng, district):
    code = "%s %d%s%s" % (district, rng.randrange(10), rng.choice(INWARD_LETTERS),
                          rng.choice(INWARD_LETTERS))
    r = rng.random()
    if r < 0.7:
        return code
    if r < 0.85:
        return code.replace(" ", "")
    return code.lower() if rng.random() < 0.6 else code.lower().replace(" ", "")


class Address:
    def __init__(self, rng):
        self.town, districts = rng.choice(TOWNS)
        self.district = rng.choice(districts)
        stem = rng.choice(STREET_STEMS)
        suffix = rng.choice(STREET_SUFFIXES)
        self.street = "%s %s" % (stem, suffix)
        shown = self.street
        if suffix in ABBREV and rng.random() < 0.3:
            shown = "%s %s" % (stem, ABBREV[suffix])
        n = rng.randint(1, 140)
        block = "%s %s" % (rng.choice(STREET_STEMS), rng.choice(BLOCK_KINDS))
        letter = rng.choice("ab") if rng.random() < 0.7 else rng.choice("AB")
        forms = [
            (8, "%d %s" % (n, shown)),
            (2, "%d%s %s" % (n, letter, shown)),
            (1, "%d-%d %s" % (n, n + 2, shown)),
            (3, "Flat %d, %d %s" % (rng.randint(1, 24), n, shown)),
            (1, "flat %d%s %s" % (rng.randint(1, 30), rng.choice("abc"), block)),
            (1, "Flat %d, %s, %d %s" % (rng.randint(1, 60), block, n, shown)),
            (1, "Room %d, %d %s" % (rng.randint(1, 12), n, shown)),
            (1, "Unit %d, %d %s" % (rng.randint(1, 20), n, shown)),
            (1, "Plot %d, %s Caravan Park" % (rng.randint(1, 40), self.street)),
            (1, "%s, %s" % (rng.choice(HOUSE_NAMES), shown)),
        ]
        pool = [f for w, f in forms for _ in range(w)]
        self.text = rng.choice(pool)
        self.postcode = postcode_text(rng, self.district)


def draw_surname(rng):
    if rng.random() < 0.12:
        return rng.choice(SURNAME_WORDS)
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.05:
        surname = "%s-%s" % (surname, rng.choice(SURNAMES))
    return surname


class Person:
    def __init__(self, rng, kid, when, gender=None, surname=None, taken=(), min_age=12):
        if gender is None:
            gender = rng.choice("mf")
        pool = (MALE if gender == "m" else FEMALE) + UNISEX
        words = MALE_WORDS if gender == "m" else FEMALE_WORDS
        self.gender = gender
        while True:
            first = rng.choice(words) if rng.random() < 0.15 else rng.choice(pool)
            if first not in taken:
                break
        self.first = first
        while surname is None:
            surname = draw_surname(rng)
            if any(part in taken for part in surname.split("-")):
                surname = None
        self.last = surname
        if kid:
            dob = when - datetime.timedelta(days=rng.randint(min_age * 365 + 3, 17 * 365 + 360))
        else:
            dob = when - datetime.timedelta(days=rng.randint(19 * 365, 62 * 365))
        self.dob = dob
        self.age = age_at(dob, when)
        self.kid = kid
        self.style = "normal"
        self.nick = None
        if gender == "m":
            self.title = "Mr"
        else:
            self.title = rng.choice(["Ms", "Mrs", "Miss", "Ms"])
        self.pro = rng.random() < 0.15 and not kid

    def nickname(self, rng):
        if self.nick is None:
            own = NICK_MALE if self.gender == "m" else NICK_FEMALE
            self.nick = rng.choice(own + own + NICK_ANY)
        return self.nick


def pronoun(person, which):
    m = person.gender == "m"
    table = {"he": "he" if m else "she", "He": "He" if m else "She",
             "his": "his" if m else "her", "His": "His" if m else "Her",
             "him": "him" if m else "her", "self": "himself" if m else "herself"}
    return table[which]


# ---------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------

TEMPLATES = []


def T(kind, text, kids="", male="", female="", fam="", caps=False):
    TEMPLATES.append({"kind": kind, "text": " ".join(text.split()), "kids": kids,
                      "male": male, "female": female, "fam": fam, "caps": caps})


# police
T("police", """Intelligence suggests <P1LF> (DOB <P1DOB>) is being used to run drugs from <TOWN>
  into <A1T>. <P1He> has been seen at <A1>, <A1PC>, with an older male <P2KNOWN>. Handset
  believed to be <PH1>. Grading B2.""", kids="1", male="2")
T("police", """Stop check on the <ROAD> at <TIME>. Vehicle <V1>, a <CAR>, driven by <P1>
  (<P1DOB>). Rear passenger gave details as <P2> of <A1>, <A1T>. Both released, no arrests.
  <COLLAR>.""", kids="2")
T("police", """MFH: <P1> aged <P1AGE> reported missing by <P1his> mother, <P2T>, at <TIME> on
  <D1>. Last seen outside <SHOP> on <A1ST>. Mobile <PH1> going straight to voicemail. Believed to
  be with <P3F>, possibly in a <CAR>.""", kids="13", female="2", fam="12")
T("police", """SUBJECT <P1LF> DOB <P1DOB> ARRESTED <D1> FOR PWITS CLASS A. HOME ADDRESS <A1>,
  <A1T> <A1PC>. TWO HANDSETS SEIZED, ONE ATTRIBUTED TO <PH1>. CUSTODY REF <CREF>.""", caps=True)
T("police", """Evidence item JB/3: white Samsung handset recovered from the glovebox of <V1>.
  Contacts include "<P1NICK>" (<PH1>) and <P2F> (<PH2>). Submitted for download under crime ref
  <CREF>.""")
T("police", """Neighbour at <A1> reports a steady stream of young people visiting the flat
  opposite between <ETIME> and midnight. Occupant believed to be <P1> <P1AKA>. A <CAR>, reg
  <V1>, is often parked outside.""")
T("police", """Domestic incident at <A1>, <A1T>, <A1PC>. Victim <P1> (DOB <P1DOB>) states
  <P1his> ex-partner <P2> came to the address and kicked the door in. <P2F> left in a <CAR>
  before police arrival. Victim's mobile <PH1>. DASH completed, medium risk.""")
T("police", """Op Kestrel: <P1LF> (<P1AGE>) and <P2LF> (<P2AGE>) found in a trap house at
  <A1>. Both children safeguarded and taken to <A2>, the home of a relative, <P3>, who can be
  reached on <LL1>.""", kids="12", fam="13")
T("police", """Information received that <P1> is being collected from <SCHOOL> by an adult male in a
  <CAR>, <V1>. Driver described as in his 20s, goes by <P2NICK>. School DSL <P3> made the
  referral on <D1>.""", kids="1", male="2")
T("police", """Youth <P1> (<P1DOB>) detained for a s.1 PACE search on <A1ST>, <A1T>. Found in
  possession of £340 cash and two phones. Gave address as <A1> and parent's number as <LL1>.
  Voluntary attendance arranged.""", kids="1")
T("police", """Shoplifting at <SHOP>, <TOWN>. Suspect identified on CCTV as <P1>, known to staff.
  <P1He> left in <V1>, driven by a female, possibly <P2>.""", female="2")
T("police", """Welfare check requested at <A1>, <A1PC>, for <P1> (<P1AGE>), after <P1his>
  sister <P2F> called 999 from <PH1>. Officers found the address insecure and <P1F> asleep.
  NFA.""", female="2", fam="12")
T("police", """PNC CHECK ON <V1> SHOWS KEEPER AS <P1LF>, <A1>, <A1T>, <A1PC>. NO INSURANCE.
  VEHICLE SEIZED S.165 BY <COLLAR>.""", caps=True)
T("police", """Custody record: <P1> booked in at <TIME> by <COLLAR>. Appropriate adult <P2>
  attended, contact <PH1>. Detainee states <P1he> lives with <P1his> aunt at <A1>.""", kids="1")
T("police", """CSE concern: <P1> (<P1AGE>) has been seen in the company of <P2> <P2AKA>, who is
  24. <P2F> is believed to drive a <CAR>, index <V1>. Staff at <SCHOOL> report <P1F> has a new
  phone and new trainers.""", kids="1", male="2")
T("police", """Cuckooing: vulnerable adult <P1> of <A1> reports that two males took over
  <P1his> flat on <D1>. One calls himself <P2NICK>, the other is believed to be <P3> (b.
  <P3YOB>). <P1F>'s landline <LL1> has been used to call a Luton number.""", male="23")
T("police", """Bail address for <P1LF> is <A1>, <A1T>, <A1PC>, c/o <P2T>. Curfew 1900-0700.
  Tag fitted. Contact for <P2T> is <PH1>.""")
T("police", """RTC on the <ROAD> near <TOWN>. <CAR> <V1> left the road at <TIME>. Driver <P1>
  (<P1AGE>) taken to <HOSP>. Front passenger <P2F>, 15, refused to give a surname.""", kids="2")
T("police", """Crimestoppers report: a man named <P1F> who lives at <A1> is storing knives for
  someone called <P2NICK>. Reporter states <P1F> drives <V1> and keeps the blades in the boot.""",
  male="1")
T("police", """Intel: the number <PH1> is saved as "<P1NICK>" in the phone of <P2> (<P2AGE>),
  who was arrested on <D1>. Same number linked to <P3LF> on a previous occurrence, <CREF>.""",
  kids="2")

# social care
T("social_care", """Home visit to <A1>, <A1T>. Present: <P1> (mum), <P2F> (<P2AGE>) and <P3F>
  (<P3AGE>). Home conditions poor. <P2F> said <P2he> goes to <P4T>'s house after school. Mum's
  mobile <PH1>.""", kids="23", female="1", fam="123")
T("social_care", """Strategy discussion re <P1> (DOB <P1DOB>). Attendees: <P2> (SW), DC <P3S>,
  <P4> (school nurse). Concern that <P1F> is being exploited by an adult <P5KNOWN>. Agreed
  S47.""", kids="1")
T("social_care", """Case note: <P1F> rang from <PH1> asking for <P1his> social worker, <P2>.
  <P1He> said <P1he> is now staying at <A1>, <A1PC>, with a friend called <P3F>. Address not
  known to us.""", kids="13")
T("social_care", """Child looked after: <P1> (<P1DOB>) placed with foster carers <P2> and <P3>
  at <A1>, <A1T>. Birth father <P4> is not to have contact. <P4F> is believed to drive
  <V1>.""", kids="1", male="4")
T("social_care", """Return home interview with <P1> (<P1AGE>). <P1He> was missing for two nights
  and says <P1he> stayed with someone called <P2NICK> in a flat above <SHOP>. <P1He> would not
  give a surname. Mum <P3> collected <P1him>.""", kids="1", female="3", fam="13")
T("social_care", """Referral from <ORG> regarding <P1> (b. <P1YOB>). Adult sibling <P2> has moved
  into the family home at <A1> and there are concerns about drug use. Contact mum, <P3T>, on
  <LL1>.""", kids="1", female="3", fam="123")
T("social_care", """MASH enquiry: <P1LF>, DOB <P1DOB>, address <A1>, <A1T>, <A1PC>. Police
  report YP was found in a car, <V1>, with two adult males at <TIME> on <D1>. Driver
  <P2>.""", kids="1", male="2")
T("social_care", """Visited <P1> on the ward at <HOSP>. <P1He> told me that <P2F>, <P2KNOWN>,
  gave <P1him> the tablets. Ward number for updates: <LL1>.""", kids="1")
T("social_care", """Child protection conference for <P1> and <P2> (twins, DOB <P1DOB>). Chair:
  <P3>. Dad, <P4>, did not attend; his last known address is <A1>, <A1T>.""",
  kids="12", male="4", fam="124")
T("social_care", """Phoned <P1T> on <PH1> to arrange a joint visit with <P2> from the Youth
  Offending Service. <P1T> says <P3F> has been coming home with cash and has a new friend with a
  car, reg <V1>.""", kids="3", fam="13")
T("social_care", """Private fostering assessment: <P1> (<P1AGE>) living with family friend <P2>
  at <A1>, <A1PC>, since arriving from <TOWN>. School: <SCHOOL>.""", kids="1")
T("social_care", """Supervision: <P1> discussed <P2> (<P2DOB>). Case to remain open under CIN.
  Next visit <D1> at <A1>. Worker to check in with <P2F> by text on <PH1>.""", kids="2")
T("social_care", """Email from the duty team: <P1>, 16, has asked to be called on a new number,
  <PH1>, and not on <PH2>, which <P1he> says <P2> has taken.""", kids="1")
T("social_care", """Care leaver <P1> has moved to <A1>, <A1T>. PA <P2> will visit on <D1>.
  <P1F> asked for help with a phone bill and a bus pass. Mobile <PH1>.""")
T("social_care", """Family network meeting. Maternal grandmother <P1> (<P1DOB>) of <A1>,
  <A1PC>, offered to care for <P2F>. Paternal uncle <P3> <P3AKA> was not considered
  suitable.""", kids="2", female="1", male="3")

# education
T("education", """<P1> (Year <YEAR>) disclosed to <P2T> that an older boy called <P3F> has been
  waiting for <P1him> at the gate of <SCHOOL>. <P3F> drives a <CAR>. Parents informed: <P4T>,
  <PH1>.""", kids="13", male="3", fam="14")
T("education", """Attendance concern: <P1LF> has 61% attendance this term. Home address on file
  <A1>, <A1PC>. Mum, <P2>, is not answering <PH1>.""", kids="1", female="2", fam="12")
T("education", """DSL log: <P1> came to school with a new iPhone and £50. Said it was from
  <P1his> 'cousin' <P2NICK>. Friends say <P2NICK> is 19 and lives on <A1ST>.""", kids="1")
T("education", """Exclusion meeting for <P1> (DOB <P1DOB>) attended by <P2> (Head of Year),
  <P3> (parent) and <P4> from CAMHS.""", kids="1", fam="13")
T("education", """Safeguarding concern raised by <P1T> (form tutor). <P2F> in 9R said <P2he> is
  scared of someone called <P3NICK> who sends <P2him> messages from <PH1>.""", kids="2")
T("education", """Pupil <P1> moved to <A1>, <A1T>, <A1PC> over half term. Emergency contacts
  updated: <P2> <PH1>, <P3> <LL1>.""", kids="1")
T("education", """CPOMS: <P1LF> left site at lunch without permission and was seen getting into
  <V1>, a <CAR>. Reported to police via 101. Mum, <P2T>, informed at <DTIME>.""",
  kids="1", female="2", fam="12")
T("education", """Teacher <P1T> saw <P2F> and <P3F> outside <SHOP> after school with a man in
  his 30s. <P2F> called him '<P4NICK>'. Both girls were in uniform.""",
  kids="23", female="23", male="4")
T("education", """New starter <P1>, DOB <P1DOB>, previously at <SCHOOL>. Lives with <P2> at
  <A1>. Social worker <P3>, contact <LL1>.""", kids="1")

# emergency department
T("health_emergency", """ED triage <TIME>: <P1> (<P1AGE>), DOB <P1DOB>, brought in by ambulance
  from <A1>, <A1PC>, with a laceration to the left forearm. Accompanied by <P2>, who gave
  number <PH1>.""", kids="1")
T("health_emergency", """Pt <P1LF>, <P1DOB>. Attended with stab wound to the thigh. Refused to
  say who was responsible. Friend in the waiting room gave name as <P2NICK>. Police informed,
  <COLLAR> attended.""", kids="1")
T("health_emergency", """Paediatric liaison: <P1> (<P1AGE>) attended <HOSP> with alcohol
  intoxication at <TIME>. Brought in by <P2> in <V1>. GP is Dr <P3S>.""", kids="1")
T("health_emergency", """Repeat attender <P1>. Address given as <A1>, <A1T>, but records show
  NFA. Next of kin <P2>, <LL1>.""")
T("health_emergency", """MINOR INJURIES: <P1> DOB <P1DOB> - FALL FROM BIKE. MUM <P2> ON <PH1>.
  SAFEGUARDING CHECK NEGATIVE.""", kids="1", female="2", fam="12", caps=True)
T("health_emergency", """Ambulance crew report: <P1>, 15, found at <A1> after friends called
  999. Friend <P2F> says <P1F> took pills from <P3F>'s bag. Mum, <P4T>, contacted on <PH1>.""",
  kids="123", female="4", fam="14")
T("health_emergency", """Patient <P3> (<P3AGE>) discharged to care of <P1> (aunt), <A1>, <A1T>,
  <A1PC>. Follow-up at fracture clinic on <D1>. Social worker <P2> informed.""",
  kids="3", female="1", fam="13")
T("health_emergency", """Mental health liaison saw <P1> (<P1DOB>) in majors. <P1He> disclosed
  that <P2> <P2AKA> has been making <P1him> hold drugs. Crisis number given; YP's mobile
  <PH1>.""", kids="1")

# sexual health
T("health_sexual", """Clinic note: <P1> (<P1AGE>) attended for EC. Partner named as <P2F>,
  'about 20', <P2KNOWN>. Fraser competent. Consent to contact on <PH1>.""", kids="1",
  female="1", male="2")
T("health_sexual", """Young person <P1> (DOB <P1DOB>) presented at the Brook clinic for STI
  screening. Reports boyfriend <P2> (<P2AGE>) picks <P1him> up from <A1> in <V1>.""",
  kids="1", male="2")
T("health_sexual", """Partner notification: index patient gave contact for <P1> as <PH1> and
  address <A1>, <A1PC>.""")
T("health_sexual", """Spoke to <P1F> by phone (<PH1>). <P1He> has moved to <A1>, <A1T>. Results
  sent by text. Clinician: <P2>.""")
T("health_sexual", """CSE screening tool completed with <P1> (<P1AGE>). <P1He> described a man
  called <P2F> <P2KNOWN> who lives at <A1>. Referral to MASH made; <P3> is the named nurse.""",
  kids="1", male="2")
T("health_sexual", """C-CARD REGISTRATION: <P1>, DOB <P1DOB>, <A1PC>. HAS ATTENDED 4 TIMES IN 2
  WEEKS. OLDER MALE <P2NICK> WAITS OUTSIDE IN <V1>.""", kids="1", male="2", caps=True)
T("health_sexual", """<P1> attended with an older female who said she was <P1his> sister,
  <P2>. Staff later heard <P1F> call her '<P2NICK>'. Mobile given: <PH1>.""",
  kids="1", female="2")
T("health_sexual", """Telephone consultation with <P1> on <LL1>. Address confirmed as <A1>,
  <A1T>, <A1PC>. Next appointment <D1> at <DTIME>.""")

PLACEHOLDER = re.compile(r"<([A-Z]+)(\d?)([A-Za-z]*)>")


def fill(rng, tpl):
    """Fill one template; return marked-up text."""
    when = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(640))
    people, addresses, phones, lands, plates = {}, {}, {}, {}, {}
    police = tpl["kind"] == "police"
    caps = tpl["caps"] or (police and rng.random() < 0.12)

    def person(i):
        if i not in people:
            gender = "m" if i in tpl["male"] else "f" if i in tpl["female"] else None
            surname = None
            if tpl["fam"] and i in tpl["fam"] and i != tpl["fam"][0]:
                surname = person(tpl["fam"][0]).last
            taken = set()
            for other in people.values():
                taken.add(other.first)
                if surname is None:
                    taken.update(other.last.split("-"))
            min_age = 13 if tpl["kind"] == "health_sexual" else 12
            p = Person(rng, i in tpl["kids"], when, gender, surname, taken, min_age)
            r = rng.random()
            if r < 0.07 and not caps:
                p.style = "lower"
            elif r < 0.22 and police:
                p.style = "surcaps"
            people[i] = p
        return people[i]

    def address(i):
        if i not in addresses:
            addresses[i] = Address(rng)
        return addresses[i]

    def shown(p, s):
        return s.lower() if p.style == "lower" else s

    def name_span(p, what):
        if what == "full":
            last = p.last.upper() if p.style == "surcaps" else p.last
            return "{N:%s}" % shown(p, "%s %s" % (p.first, last))
        if what == "first":
            return "{N:%s}" % shown(p, p.first)
        if what == "last":
            return "{N:%s}" % shown(p, p.last)
        if what == "lf":
            return "{N:%s}" % shown(p, "%s, %s" % (p.last.upper(), p.first))
        raise KeyError(what)

    def aka(p):
        nick = p.nickname(rng)
        forms = ['(known as "{K:%s}")', "(aka {K:%s})", "(a.k.a. '{K:%s}')",
                 '(street name "{K:%s}")', "(goes by {K:%s})",
                 "(calls " + pronoun(p, "self") + " {K:%s})", "(AKA {K:%s})"]
        return rng.choice(forms) % nick

    def known(p):
        nick = p.nickname(rng)
        forms = ['known as "{K:%s}"', "who goes by {K:%s}",
                 'who calls ' + pronoun(p, "self") + ' "{K:%s}"', "aka {K:%s}",
                 "whose street name is {K:%s}", 'a.k.a. "{K:%s}"', "known only as '{K:%s}'"]
        return rng.choice(forms) % nick

    def one(m):
        head, idx, tail = m.group(1), m.group(2), m.group(3)
        if head == "P":
            p = person(idx)
            if tail == "":
                return name_span(p, "full")
            if tail == "F":
                return name_span(p, "first")
            if tail == "S":
                return name_span(p, "last")
            if tail == "LF":
                return name_span(p, "lf")
            if tail == "T":
                return "%s %s" % ("Dr" if p.pro else p.title, name_span(p, "last"))
            if tail in ("he", "He", "his", "His", "him"):
                return pronoun(p, tail)
            if tail == "DOB":
                return "{D:%s}" % dob_text(rng, p.dob)
            if tail == "YOB":
                return "{D:%d}" % p.dob.year
            if tail == "AGE":
                return str(p.age)
            if tail == "NICK":
                return "{K:%s}" % p.nickname(rng)
            if tail == "AKA":
                return aka(p)
            if tail == "KNOWN":
                return known(p)
        if head == "A":
            a = address(idx)
            if tail == "":
                return "{A:%s}" % a.text
            if tail == "T":
                return a.town
            if tail == "PC":
                return "{P:%s}" % a.postcode
            if tail == "ST":
                return a.street
        if head == "PH":
            if idx not in phones:
                phones[idx] = mobile_text(rng)
            return "{T:%s}" % phones[idx]
        if head == "LL":
            if idx not in lands:
                lands[idx] = landline_text(rng)
            return "{T:%s}" % lands[idx]
        if head == "V":
            if idx not in plates:
                plates[idx] = plate_text(rng)
            return "{V:%s}" % plates[idx]
        if head == "D":
            return event_date_text(rng, when - datetime.timedelta(days=rng.randrange(20)))
        if head == "TIME":
            return time_text(rng)
        if head == "DTIME":
            return time_text(rng, range(8, 18))
        if head == "ETIME":
            return time_text(rng, range(18, 23))
        if head == "CREF":
            return "%d%02d%07d" % (rng.choice([43, 44, 45]), when.year % 100, rng.randrange(10 ** 7))
        if head == "COLLAR":
            return "%s %d" % (rng.choice(OFFICER_ROLES), rng.randint(1000, 9999))
        if head == "SCHOOL":
            return rng.choice(SCHOOLS)
        if head == "HOSP":
            return rng.choice(HOSPITALS)
        if head == "SHOP":
            return rng.choice(SHOPS)
        if head == "ORG":
            return rng.choice(ORGS)
        if head == "ROAD":
            return rng.choice(ROADS)
        if head == "TOWN":
            return rng.choice(TOWNS)[0]
        if head == "CAR":
            return "%s %s" % (rng.choice(COLOURS), rng.choice(MODELS))
        if head == "YEAR":
            return str(rng.randint(7, 11))
        raise NoteError("unknown placeholder %r" % m.group(0))

    markup = PLACEHOLDER.sub(one, tpl["text"])
    if caps:
        markup = markup.upper()
    return markup


# ---------------------------------------------------------------------------
# Hand-written hard notes
# ---------------------------------------------------------------------------

HAND = []


def H(kind, text):
    HAND.append((kind, " ".join(text.split())))


# police
H("police", """INT/24/0091. {N:DUMITRU, Ionuț} (DOB {D:03APR2006}) seen getting into a black
  Audi A3, {V:LK19 XTR}, outside the Co-op on Wexcombe Road at approx 2130hrs. Passenger described
  as IC1 male, 18-20, known as "{K:Smokey}". Crime ref 43240118832.""")
H("police", """INTEL GRADED B2. {N:MARCUS REID} AKA "{K:K-DOG}" IS USING {T:07700900562} TO
  ARRANGE DEALS. STAYING AT {A:FLAT 6, 41 HARTFELL ROAD}, LUTON {P:LU4 8QN}. DRIVES A SILVER VW
  GOLF {V:YX14 ODF}. NFA AT THIS TIME.""")
H("police", """spoke to mum {N:dawn pryce} at adress {A:22a Ketley Cl}, wolverhampton
  {P:wv10 6hb}. she states {N:tyler} hasnt been home since {X:dawn} on sat, last seen near
  {N:tyler}s nans on Pellow St. mum tel {T:07700 900 238}. MFH report created, grade medium.""")
H("police", """Male who calls himself "{K:Lil T}" (real name believed to be {N:Tomasz WÓJCIK},
  b. {D:2005}) has been handing small packages to YP outside the chip shop on Cray Lane. Uses
  {T:+44 7700 900871}. Part index seen on his moped: LK63, rest not obtained.""")
H("police", """{N:O'SULLIVAN, Ciarán} gave his name as "{N:Sean Murphy}" when stopped. Later
  identified via fingerprints. Correct DOB {D:17.09.01}. Home address {A:Plot 14, Hollins Lane
  Caravan Park}, Banbury. Mother {N:Bridie} says he has not lived there since Christmas.""")
H("police", """Vehicle of interest is a dark blue Vauxhall Corsa, VRM {V:ma65 wkt}. Keeper
  {N:Shanice GAYLE}, {A:9 Orchard Mews}, Salford {P:M6 5QD}. Seen on the M60 at 0140 with three
  males on board, one of them possibly "{K:Tallz}".""")
H("police", """Caller Mrs {N:Patel} (landline {T:0121 496 0734}) reports youths dealing from a
  silver Mercedes, {V:P734 GHN}, on Elmbridge Road. One of the youths was called "{K:Jay-Jay}" by
  the others. Caller does not want a visit.""")
H("police", """Officer: PC 2291 {N:Hughes}. Stopped {N:ADEBAYO, Temitope} (DOB {D:3/4/08}) and
  {N:Kacper NOWAK} ({D:April 12 2007}) on the A34 slip road. Both said they were going to see
  "{K:Auntie Pat}" in Kidlington. Nothing found. Both aged 15/16, parents informed.""")
H("police", """Intelligence that "{K:Big Man}", real name unknown, is supplying from {A:Flat 2,
  14-16 Quarry Rise}, Bradford {P:BD8 7RF}. Associates: {N:Bogdan Marinescu} aka {K:Bogi},
  {N:Mihai} (no surname) and {N:Adrian Popa}. Tel {T:07700-900-114}.""")
H("police", """The suspect vehicle was an old green Land Rover with a suffix plate, {V:KDU 447V},
  registered to {N:Lionel Forbes} of {A:Rose Cottage, Mill Lane}, Great Haywood. {N:Forbes} denies
  lending it to anyone and says it has been off the road since 2019.""")
H("police", """5x2 intel: male who goes by {K:Rocky} lives with his girlfriend {N:Ivy} on Tasker
  Street, number not known. Source says things have been {X:rocky} between them since {N:Ivy}
  lost the baby, and he now stays at {A:11b Tasker Street} most nights.""")
H("police", """Interview with {N:CHEN Wei} (DOB {D:1988-04-03}) via interpreter. He states he
  works at a nail bar in Leeds and lives at {A:Room 3, 58 Harrowgate Terrace}, {P:LS6 3PE}. His
  boss is a woman he knows only as "{K:Auntie Mei}". Phone {T:0113 496 0552}.""")
H("police", """Victim states: "{N:Jermaine} said if I told anyone {K:Dre} would come round my
  house. {K:Dre}'s the one with the white Merc." Victim believes {K:Dre} is {N:Andre CAMPBELL},
  b. {D:1999}, of {A:3 Corncrake Row}, Coventry.""")
H("police", """Section 60 stop. {N:Kwame ASANTE} 16yrs, dob {D:12th Dec 2007}, {A:34 Sorrel
  Walk}, Coventry, {P:CV6 1NS}. Found with a lock knife in his waistband. Mum {N:Abena} attended
  the station at 2300.""")
H("police", """ANPR HIT ON {V:FN68 RXO} AT 0214HRS ON M6 J10. REGISTERED KEEPER {N:KOWALSKI,
  AGNIESZKA}. DRIVER BELIEVED TO BE HER SON {N:DOMINIK}, STREET NAME "{K:DOMI}". CONTACT NUMBER ON
  FILE {T:0044 7700 900 316}.""")
H("police", """DS {N:Rachel Bishop} reports that {N:Femi}, surname unknown, is running a line
  into Banbury. {N:Femi} was dropped at {A:27 Quayside Court} by a male in {V:WR70 HKB} at
  approx 1930 on 14/03.""")
H("police", """Ex-partner {N:Liam Doherty} has been ringing {N:Siobhan} from withheld numbers and
  from {T:+44 (0)7700 900445}, and turning up at her work at the Sunny Bank care home. {N:Siobhan}'s
  mobile is {T:07700 900 446}.""")
H("police", """Evidence desc: grey Nokia handset, screen cracked, IMEI 356938035643809. Contact
  list includes "Mum", "{K:Tiny}", "{N:Kerry-Ann}", "{K:Uncle Sonny}" ({T:07700 900 002}) and
  "{K:Bossman}".""")
H("police", """stop search {N:rohan sharma} and {N:ravi sandhu} in Tesco car park, Slough Rd.
  both 17. {N:rohan} had £200 in a sock. nfa. {V:ra17 bcx} parked next to them, unoccupied, keeper
  not local.""")
H("police", """Arrest: {N:WARSAME, Abdirahman} (DOB {D:01/01/2004} - date given by him, checks
  ongoing). Address {A:Flat 11, Tamarisk House, 3 Dockside Way}, Stratford {P:E15 2RJ}. Sister
  {N:Hodan} contacted on {T:020 7946 0321}.""")
H("police", """Intelligence that {N:Nathan Hall} (b. {D:2006}) is the same person as "{K:Yungz}"
  on Snapchat. He was seen at the community {X:hall} on Saturday handing out £20 notes.""")
H("police", """PNC: {N:MCDONAGH, Patrick} a.k.a. {K:Paddy Mac}, {D:03-Apr-88}, NFA (no fixed
  abode). Last known address c/o his sister {N:Bridget Ward}, {A:4 Brambling Close}, Northampton
  {P:NN3 8YD}.""")
H("police", """DRIVER GAVE NAME {N:JOHN SMITH}, LATER CONFIRMED AS {N:DELROY FRANCIS} DOB
  {D:14/07/1979}. VEH {V:R512KLV} NOT INSURED FOR HIM. PASSENGER {N:LEROY} REFUSED DETAILS.""")
H("police", """Found in the flat at {A:Unit 4, 12 Tannery Walk}: a letter addressed to Ms {N:T.
  Okoro}, a bank card in the name {N:KAREEM A LEWIS} and a phone with the lock screen "{K:Kez}".
  Written on a pizza box: {T:077009 00123}.""")
H("police", """The informant only knows the driver as "{K:Scouse Dave}". He drives a white
  Transit, {V:gk15bzx}, and collects girls from outside the Harrier House flats. Part index of a
  second van: KX6.""")
H("police", """Missing from care: {N:Gracie-Mae Lawson}, 15. Believed to be with {N:Connor
  Jukes} (23), who has a flat at {A:flat 9c Linnet Court}, {P:ox44ry}. {N:Connor}'s phone is
  {T:07700 900 980}.""")
H("police", """Mr {N:Bill Hunter} of {A:2 The Paddocks}, Woodstock, reports that his
  granddaughter's friend has been using his landline {T:01632 960 114} to call an unknown mobile.
  His {X:bill} shows 40 calls to {T:07700 900771} in a week.""")
H("police", """Same {X:MO} as the last three burglaries. Suspect {N:Mo Barzani} ("{K:Mo B}") was seen
  nearby. His brother {N:Shvan} lives at {A:77 Gorsefield Road}, {P:m8 0uj}.""")

# social care
H("social_care", """Visited {N:Precious} ({N:Precious Okafor}, DOB {D:2.11.09}) at home.
  {N:Precious} said she feels safe. Mum {N:Patience} admits she has lost her {X:patience} with her
  lately. {N:Precious} said her phone is her most {X:precious} thing and she would not hand it
  over.""")
H("social_care", """Tel call from foster carer {N:Marian Cole} ({T:0118 496 0421}). {N:Faith} came
  home at 2am smelling of cannabis and said she had been at the {X:faith} group at church. Carer
  doubts this.""")
H("social_care", """sw visit. {N:jamie} and {N:kayleigh} home, mum ({N:sharon bright}) not in.
  {N:kayleigh} said "{N:sharon} went to {K:big kev}'s". {K:big kev} believed to be {N:kevin marsh}
  of {A:17 larch grove}.""")
H("social_care", """Strategy meeting. Present: {N:Helen Ashworth} (chair), DC {N:Imran Akhtar},
  {N:Ngozi Eze} (school nurse), {N:Lukas Jankauskas} (YOS). Subject: {N:Oliwia Zielińska}, aged
  14 (dob {D:12/12/2009}). Concern about an adult male known as "{K:Papi}" who collects her from
  {A:Room 9, 101 Hollybush Road}.""")
H("social_care", """{N:Zana}'s mum says {N:Zana} has been going to Birmingham with "{K:Uncle
  Rebin}", who is not a relative. {N:Zana} has a second phone: {T:+447700900654}.""")
H("social_care", """Return home interview. YP ({N:Kyle}) would not say where he had been. Said he
  was "just with {K:Skinny}". Found with a train ticket to Swindon and a Nokia. Nokia number
  {T:07700 900 093}.""")
H("social_care", """Home visit to {A:12-14 Cheviot Row} (flats above the bookies). {N:Tiago} and
  {N:Marcus} present. {N:Marcus}' phone kept ringing; he said it was "{K:Blade}" and turned it off.
  Their mum, {N:Lorraine Sealy}, was asleep.""")
H("social_care", """Transfer summary from {N:Aoife Ní Bhriain} to {N:Paul Greaves}. Child:
  {N:Róisín Gallagher}, born {D:27 August 2010}, lives with maternal grandfather {N:Séamus
  Gallagher} at {A:The Old Forge, Church Lane}, Deddington {P:OX15 0TS}.""")
H("social_care", """CIN review. {N:Mohammed} ("{K:Mo}") is now at college. Dad {N:Tariq Mahmood}
  says {K:Mo}'s friends {N:Usman} and {N:Bilal} are a bad influence. Family moved from {A:88
  Saltwell Road} to {A:flat 5b Linnet Court}, Birmingham {P:b8 1tq}.""")
H("social_care", """MASH outcome for {N:SZABÓ, Dávid} ({D:2010-06-19}): step down to early help.
  Police info: associate {N:Roman Balogh} a.k.a. "{K:Romi}" uses {T:07700 900 388}.""")
H("social_care", """{N:Sunny} was in good spirits; it was a {X:sunny} day and she wanted to go to
  the park. Carer {N:Joy Adeleke} said {N:Sunny} has been in contact with her older brother
  {N:Hunter} again.""")
H("social_care", """Note: {N:Tiana}'s "boyfriend" is {N:Jordan}, who she says is 17. Police believe
  him to be {N:Jordan Mills}, DOB {D:05/05/1998}, so he is 25. His address: {A:Flat 1, 4 Grebe
  Lane}, Middlesbrough {P:TS1 4HW}.""")
H("social_care", """Emergency placement. {N:Eszter} and {N:Bence} (siblings) placed with carers at
  {A:Willow Barn, Hatch End Lane} near Thame. Carers' landline {T:01632 960 287}. Mum {N:Krisztina
  Horváth} has been told the area only.""")
H("social_care", """{N:Leah} is staying with her auntie, {N:Pat Gregory}, at {A:6 Fernhill Road}.
  {N:Leah} says everyone on the estate calls {N:Pat} "{K:Auntie Pat}" because she feeds half the
  kids.""")
H("social_care", """{N:Hevin} (17) reports that her uncle {N:Karwan Rashid} wants her to marry a
  cousin in Erbil. She has given the number of her friend {N:Berivan} ({T:07700 900 650}) as a safe
  contact. Do NOT call the home landline {T:0161 496 0199}.""")
H("social_care", """Chronology: {N:Delroy Grant} (dad, b.{D:1981}) released from HMP Bullingdon in
  March. {N:Delroy} has been seen outside the school twice since.""")
H("social_care", """CSE risk assessment: {N:Megan} says she met "{K:Ash}" at the bus station.
  {K:Ash} is about 30, drives a black BMW and has a tattoo of a dove on his neck. Her clothes
  smelled of cigarette {X:ash}.""")
H("social_care", """Translator used. {N:Ionela Stan} (mum) says {N:Marius} stays out until 3am with
  {N:Vasile} and "the Romanian boys" from {A:Unit 2, 6 Oakfield Trading Estate}.""")
H("social_care", """{N:Callum}'s nan ({N:Maureen Tate}, {T:0114 496 0812}) has parental
  responsibility. She lives at {A:39 Dovecote Lane}, Sheffield {P:S5 9FP}. {N:Callum} stays with
  her at weekends.""")
H("social_care", """URGENT: {N:KAYLA BROWN-OWUSU} (DOB {D:30/06/2011}) NOT RETURNED TO PLACEMENT AT
  {A:14A CORONATION TERRACE}. POSSIBLY WITH {K:LIL J}, WHO HAS A FLAT IN THE TOWN CENTRE.""")

# education
H("education", """Miss {N:Akhtar} reports that {N:Ellie-Mae Rhodes} (Y9) has a new "boyfriend"
  called {N:Jay} who is in Year 13 at another school. {N:Ellie-Mae}'s mum has been told.""")
H("education", """DSL note: {N:Aarav} and {N:Ishaan} in 8C were overheard talking about
  "{K:K-Money}" paying them £20 to take bags to the flat above {A:7 Market Square}.""")
H("education", """concern form: {N:ruby} in yr 7 said her mums boyfriend {K:gaz} hits her mum.
  {N:ruby} said {K:gaz} has a red van. mum is {N:toni walsh}. {N:ruby} lives at {A:45 kingfisher
  drive}.""")
H("education", """Pupil {N:Shanon Kelly} (sp?) not in school for 5 days. Phoned home
  ({T:07700 900341}) no answer. Home visit to {A:8 Cressingham Rd}, no answer, curtains closed.
  Neighbour said family may have gone to {N:Shannon}s grans in Hull.""")
H("education", """Year 11 pupil {N:Adaeze Nwosu} disclosed that a man calling himself
  "{K:Prince}" contacts her on Instagram. {N:Adaeze} showed Mrs {N:Clarke} the messages. She has
  also been referred to the {X:Prince}'s Trust mentoring programme.""")
H("education", """Attendance officer visited {A:Flat 7, Merlin House, 22 Falcon Walk}. {N:Dariusz}
  answered the door and said {N:Kuba} is at his dad's in Slough. Dad's number {T:+44 7700 900 911}.""")
H("education", """Mr {N:Okonjo} noticed a black Range Rover, reg {V:lr20jtw}, waiting outside the
  gates at 3.15pm for the third day running. {N:Tanisha} (Y10) got in.""")
H("education", """{N:Tia} said: "{N:Nia}'s brother {K:Trapz} told us to get in the car."
  {N:Nia}'s brother is believed to be {N:Jerome Samuels}.""")
H("education", """Pastoral log: {N:Holly} upset as her dad {N:Ray} has moved back in. Mum said
  "{N:Ray}'s changed". {N:Holly} says he hasn't. Her form made {X:holly} wreaths in DT today and she
  walked out.""")
H("education", """School nurse: {N:Maryam} (Y10, dob {D:22-01-2009}) asked about the morning-after
  pill. Says boyfriend is "{K:Deeza}", 19, from Luton.""")
H("education", """Staff member overheard {N:Callum-James} telling friends that "{K:Little Bro}"
  gets paid £100 a day. Mum's work number {T:0113 4960 874}.""")

# emergency department
H("health_emergency", """Pt {N:BOATENG, Kofi} {D:12/12/2006}. ? assault. Brought in by friend
  "{K:Lil Man}". Pt says fell off bike. Injuries inconsistent. NOK mum {N:Ama} {T:07700 900 509}.""")
H("health_emergency", """ED NOTE: {N:ZAINAB BIBI} 15YRS DOB {D:04.08.2008}. OD PARACETAMOL X16.
  MUM ({N:NASREEN}) PRESENT. ADDRESS {A:21 HOLLYOAK GARDENS}, {P:BD3 9LN}.""")
H("health_emergency", """Triage: {N:Brook Tennant}, 16, attended with her friend {N:Ivy}.
  Allegation that a man known as {K:Hunter} supplied them with ketamine. {N:Brook} referred to
  {X:Brook} for EC follow-up.""")
H("health_emergency", """Ambulance handover: male approx 20, gave name as {N:Jamal}, no surname,
  no fixed abode. Friend gave number {T:07700 900 737}. Discharged against advice 0420.""")
H("health_emergency", """Paeds: {N:Tomás} ({D:3rd April 2013}) with spiral fracture. Dad
  {N:Mateus Costa} says he fell down stairs at {A:Flat 3, 22 Orwell St}. Mum not present - dad says
  she is in Portugal.""")
H("health_emergency", """{N:Keisha Powell} ({D:21/03/1995}) attended with facial injuries. Says
  partner {N:Wayne} did it. Partner's car, {V:BD61 OPK}, was seen in the ambulance bay. Security
  informed.""")
H("health_emergency", """pt {N:usman ali} 17, self-presented at 0300 with cut to hand. says he was
  at {N:rizwan}s house ({A:9 beechcroft rd}) and a glass broke. contact dad on {T:0121 496 0331}""")
H("health_emergency", """Safeguarding: {N:Sky} ({N:Skylar Dunn}, 14) brought in by police. {N:Sky}
  had been at a party where someone called {K:Scrappy} gave her vodka. Mum, {N:Donna Dunn}, on
  {T:+44 (0)7700 900 224}.""")
H("health_emergency", """Pt gave name as {N:Alex Smith} but reception found a previous attendance
  under {N:Aleksandr Petrov}, DOB {D:19-Nov-04}. Pt then left the department.""")

# sexual health
H("health_sexual", """{N:Chiamaka} ({D:16/10/08}) attended alone. Partner "{K:Dee}" is 22. Refused
  to give his full name. Contact number {T:07700 900 830}, text only.""")
H("health_sexual", """Pt requests no contact at home. Safe number {T:07700 900 812}. Lives with
  partner {N:Gareth} at {A:Flat 4, 33 Wellgate}, {P:s21ay}.""")
H("health_sexual", """Young person ({N:Dawn-Marie}, 15) discloses partner is 22 and called
  {N:Lewis}. {N:Lewis} pays her phone {X:bill} and buys her vapes.""")
H("health_sexual", """{N:Kasia} ({N:Katarzyna Wiśniewska}, {D:07/02/2009}) attended for
  contraception. She says her partner {N:Piotr} is 16 but friends say he is older and goes by
  "{K:Pitbull}".""")
H("health_sexual", """NOTE: {N:NIAMH O'CONNOR} D.O.B {D:11/03/2008}. CONTACT VIA {T:07700 900 460}
  ONLY. DO NOT WRITE TO {A:7 LAVENDER COURT}.""")
H("health_sexual", """Partner notification: contact named "{K:Big Mike}", phone
  {T:0044 7700 900155}, lives somewhere on the Brookside estate.""")
H("health_sexual", """Outreach worker {N:Sam Okonkwo} met {N:Layla} in Costa. {N:Layla} is staying
  with "{K:Cuz}", who she says is her cousin, at {A:Room 6, 19 Sandpiper Road}.""")
H("health_sexual", """Pt ({N:Rhys Pritchard}) requsted PEP after condomless sex with a man he met on
  Grindr who said his name was {N:Tom}. Pt has {N:Tom}'s number: {T:07700 900 087}.""")
H("health_sexual", """c-card given to {N:jayden} (13). he said his mate {K:T-Bone} gets him the
  condoms normally. dob given as {D:14 feb 2011}.""")
H("health_sexual", """Pt {N:Crystal} (DOB {D:April 3 1991}) asked about {X:crystal} meth use by
  partner {N:Dean} and whether it is safe. Partner's age not known.""")

# ---------------------------------------------------------------------------
# Notes with nothing to label
# ---------------------------------------------------------------------------

TRAPS = []


def Z(kind, text):
    TRAPS.append((kind, " ".join(text.split())))


Z("police", """Crime ref 43240123456. Theft from motor vehicle on Heron Way, Oxford between 2200hrs
  03/04/2024 and 0700hrs 04/04/2024. Grey Ford Fiesta, nearside window smashed. Part index LK63
  only. No CCTV. NFA pending further info.""")
Z("police", """PC 2291 and PCSO 7781 attended the Co-op at the A34 services after reports of youths
  causing a nuisance. Group of 5-6 YP aged 13-15 dispersed. Section 35 dispersal authorised until
  2359hrs.""")
Z("social_care", """MASH strategy discussion held 12/03/2024. Agencies: police CSE team, CAMHS,
  school DSL, Barnardo's. Threshold met for S47. Outcome to be shared by close of play Friday.""")
Z("education", """Year 9 trip to the Ashmolean on 14th March. Two pupils were missing at the 3pm
  headcount and found in Greggs on Cornmarket. Parents informed by text. Room 12 booked for the
  debrief.""")
Z("health_emergency", """Ambulance call 0214hrs. 16yo female, intoxicated, found near the brook
  behind Lidl. GCS 14. Observations stable. Transferred to the John Radcliffe. Police ref 0456 of
  02/03/2024.""")
Z("health_sexual", """Young person attended the Brook clinic for a pregnancy test. Negative. Advised
  about EC and LARC. Safeguarding screening tool completed: no concerns identified. Leaflet
  given.""")
Z("police", """Intel: the group refer to police as "the Old Bill" in messages and switch phones
  every two weeks. Line believed to be run down the M6 corridor towards Stoke. Grading 3x5x2. No
  identifying details.""")
Z("social_care", """Faith leaders at the mosque on Saltwell Road have offered a room for the Tuesday
  youth session, 6-8pm. Sunny weather forecast so football outside first.""")
Z("education", """Concern: a Year 8 pupil came in with a new phone and a £300 pair of trainers.
  Pupil said they were a gift. DSL to monitor. Referral not yet made.""")
Z("health_emergency", """Majors bay 7. 14 year old male, stab wound to buttock, 2cm. Police in
  attendance (PC 4410). Seen by surgical reg at 0330. Theatre at 0600. CAMHS not required.""")
Z("police", """VRM not obtained. Vehicle described as a white Mercedes Sprinter with ladders on the
  roof, last two letters possibly "XK". Seen on the M62 westbound at junction 26 at approx
  1500hrs.""")
Z("police", """Incident 1123 of 21/11/2023. Report of dealing outside Harrier House flats. No persons
  found on arrival. Area search negative. Log closed.""")
Z("police", """Crime number 44230098123. Burglary at a house on Bishops Walk, Banbury. Entry via
  rear patio door. Jewellery and a Hunter wellington boot box taken. Same MO as 44230097001.""")
Z("social_care", """CIN plan review. YP attending school 4 days out of 5. Mum engaging with Early
  Help. CSE risk reduced from medium to low. Next review in 6 weeks (w/c 15th April).""")
Z("social_care", """Police executed a warrant at dawn. The children were taken to a place of safety
  and seen by the EDT worker at 0730. Medicals booked at the Royal Berkshire for 1000.""")
Z("education", """The ivy on the science block wall has been cut back after pupils used it to
  climb onto the roof during lunch. Site team informed. No injuries.""")
Z("health_sexual", """Outreach session at the Rocky Lane youth club moved to Thursday, 4-7pm.
  Condoms, pregnancy tests and chlamydia kits available. Two YP seen, both under 16, Fraser
  assessed.""")
Z("police", """Stop check of a red Vauxhall Astra on the A4074 at 2340hrs. Occupants x3, all adults.
  Search under s23 MDA, nothing found. Vehicle is a known courtesy car. NFA.""")
Z("health_emergency", """Queen Elizabeth Hospital paediatric ED: 13yo attended at 2200 after being
  found at Birmingham New Street station, 40 miles from home. Reported MFH by home force. Ward 6,
  bed 12.""")
Z("education", """St Gregory the Great: whole-school assembly on county lines delivered by St Giles
  Trust and PCSO 6102. Year 10 and 11 to attend the follow-up workshop on 3.4.24.""")
Z("police", """URN 43-118832-24. Two youths on a moped, no plates, snatched a phone outside JD
  Sports at 1645. Helmets on, no descriptions. Moped last seen heading towards the A40.""")
Z("social_care", """Duty log: anonymous caller concerned about children left alone in a flat on the
  Blackbird estate. Caller would not give a flat number. Police asked to do a welfare check.""")
Z("health_emergency", """DOB not known. Male, estimated 16-18, brought in by ambulance with a head
  injury at 0130. Refused to give details. Left before being seen. Police informed, log 0089.""")
Z("health_sexual", """Clinic capacity: 42 attendances today, 9 under 18. Two safeguarding forms
  completed and sent to the MASH. Childline number (0800 1111) given to one YP.""")
Z("police", """Rocky relationship between two rival groups in the OX4 area is escalating. Both
  groups using the Sunny Side cafe as a meeting point. Patrols increased 1500-2300.""")
Z("education", """Form 7B lesson disrupted at 10:15. Pupil said a Year 11 had shown them a video of
  a stabbing on Snapchat. Video reported to the platform. Head of Year to speak to parents.""")
Z("social_care", """Case closed to children's social care. NFA. Family to be supported by the
  school and the Early Help hub. Letter sent 08/01/2024.""")
Z("health_emergency", """Frequent attender flag reviewed. 17 attendances in 12 months, mostly
  alcohol related. Case discussed at the Tuesday MDT. Referral to Turning Point agreed.""")
Z("police", """Grading B2. Source reports that a grey BMW X5, index unknown, is used to drop runners
  at Bicester Village. Believed to be on false plates. Beginning LD? possibly LO.""")
Z("health_sexual", """EC given. Pt 17, Fraser not needed. Partner same age. No safeguarding concerns.
  Next appointment in 3 weeks for a pregnancy test. Leaflet on LARC given.""")
Z("police", """Bill poster complaint: flyers advertising "cheap phones, no questions" stuck to lamp
  posts along the Cowley Road. Photos taken, flyers removed. No phone number on them.""")
Z("social_care", """Visit cancelled due to the storm. Rearranged for Monday at 4pm. Family aware.
  Worker to bring food bank voucher and the school uniform grant form.""")
Z("education", """Parents' evening 6pm-8pm. Safeguarding lead available in the library. Bring
  concerns about mobile phone use and online gaming. Refreshments by the PTA.""")
Z("health_emergency", """Found collapsed at Leeds bus station at 0545 (dawn patrol by BTP). Aged
  approximately 15. Admitted to Ward 32 at LGI. Social care out of hours informed.""")
Z("police", """Shoulder number 4412 attended. Report of a blue Transit van parked outside the primary
  school for three days running. Van had a partial index HN1. Driver had left. Area search
  negative.""")
Z("health_sexual", """Walk-in session closed early (staff sickness). 6 YP redirected to the
  Wednesday session at the Brook Street hub. Two texted by the receptionist.""")
Z("police", """Op Jay: county lines week of action 11-17 March. 14 arrests, 3 cuckooed addresses
  closed, 23 children safeguarded. Results to be shared at the MASH steering group.""")
Z("social_care", """Barnardo's worker attended the school to deliver a healthy relationships
  session for Year 9 girls. 18 attended. Feedback positive. Next session 21/03.""")
Z("education", """Pupil reported a sunny-side-up egg thrown at the bus by older boys from another
  school on Tuesday. Bus company to share CCTV. No injuries. Route 5A.""")
Z("health_emergency", """Ambulance reference 24-0031117. Male youth, ?age 15, with burns to both
  hands after a firework incident at Bonfire night event. Mum on the way. Pt in cubicle 4.""")
Z("police", """Faith in the community event at the leisure centre, 2pm. PCSO 6615 to attend and
  talk about knife crime. Hunter Street closed for the parade until 1600.""")
Z("social_care", """Holiday activities and food programme: places confirmed for the two youngest
  children, 10am-2pm weekdays at the Ivy Lane community centre.""")
Z("health_sexual", """Audit: 31 of 40 notes had the CSE screening tool completed. Action: remind all
  staff at the 9am huddle. Re-audit in June.""")
Z("education", """E-safety alert from the local authority: a TikTok trend encouraging pupils to
  climb onto school roofs. Staff to remind pupils in form time. Letter to parents 22.2.24.""")
Z("police", """Log 0902 of 09/02/2024. Vehicle sighting: black Audi A3, Kent plates, part index
  KN7, seen circling the Blackbird Leys estate. Flagged on ANPR at 2215 on the A4142.""")


# ---------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------

def main():
    global OUT
    if "--out" in sys.argv:
        OUT = sys.argv[sys.argv.index("--out") + 1]
    rng = random.Random(SEED)
    notes = []
    failed = []

    for kind, markup in HAND:
        text, ents, problems = build(markup)
        if not ents:
            problems.append("hand-written note has no entities")
        if problems:
            failed.append((markup, problems))
        notes.append({"source_kind": kind, "text": text, "entities": ents})
    for kind, markup in TRAPS:
        text, ents, problems = build(markup)
        if ents or problems or MARK.search(markup):
            failed.append((markup, problems or ["note with nothing to label has markup"]))
        notes.append({"source_kind": kind, "text": text, "entities": []})
    if failed:
        for markup, problems in failed:
            print("NOTE: " + markup, file=sys.stderr)
            for p in problems:
                print("   " + p, file=sys.stderr)
        sys.exit("%d hand-written notes failed the checks" % len(failed))

    n_templated = 300 - len(notes)
    redraws = 0
    for i in range(n_templated):
        tpl = TEMPLATES[i % len(TEMPLATES)]
        for attempt in range(500):
            text, ents, problems = build(fill(rng, tpl))
            if not problems:
                break
            redraws += 1
        else:
            sys.exit("template cannot be filled: " + tpl["text"])
        notes.append({"source_kind": tpl["kind"], "text": text, "entities": ents})

    rng.shuffle(notes)
    for n, note in enumerate(notes, 1):
        note["id"] = "d%03d" % n
        validate(note)

    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        for note in notes:
            row = {"id": note["id"], "source_kind": note["source_kind"], "text": note["text"],
                   "entities": [{"start": e["start"], "end": e["end"], "kind": e["kind"],
                                 "text": e["text"]} for e in note["entities"]]}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    report(notes, len(HAND), len(TRAPS), n_templated, redraws)


def validate(note):
    assert note["source_kind"] in SOURCE_KINDS, note
    text, last_end = note["text"], -1
    for e in note["entities"]:
        assert e["kind"] in KINDS, e
        assert 0 <= e["start"] < e["end"] <= len(text), e
        assert text[e["start"]:e["end"]] == e["text"], e
        assert e["start"] >= last_end, ("overlap or unsorted", note["id"], e)
        last_end = e["end"]


def report(notes, n_hand, n_traps, n_templated, redraws):
    from collections import Counter
    by_source = Counter(n["source_kind"] for n in notes)
    by_kind = Counter(e["kind"] for n in notes for e in n["entities"])
    print("wrote %s" % OUT)
    print("notes %d: templated %d, hand-written %d, nothing to label %d (template redraws %d)"
          % (len(notes), n_templated, n_hand, n_traps, redraws))
    print("by source_kind: " + ", ".join("%s %d" % (k, by_source[k]) for k in SOURCE_KINDS))
    print("notes with no entities: %d" % sum(1 for n in notes if not n["entities"]))
    print("entities %d: " % sum(by_kind.values())
          + ", ".join("%s %d" % (k, v) for k, v in by_kind.most_common()))


if __name__ == "__main__":
    main()
