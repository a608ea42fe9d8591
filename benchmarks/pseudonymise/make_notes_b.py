#!/usr/bin/env python3
"""Build notes_b.jsonl, the second labelled set for masking people's details in free text.

Standard library only. A fixed seed means every run writes the same file:

    python benchmarks/pseudonymise/make_notes_b.py [--out PATH]

Notes are written in a small inline markup, so offsets are computed, never typed:

    [[n:...]] name            [[k:...]] nickname       [[d:...]] date of birth
    [[a:...]] address         [[p:...]] postcode       [[t:...]] phone
    [[v:...]] vehicle         [[x:...]] a deliberate look-alike, left unlabelled

Template notes use placeholders such as <G1.full>, <A1>, <PH1>, filled from the lists
below with invented people. Every person, address, phone number and vehicle is made up.
Phone numbers come only from the Ofcom drama ranges.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

SEED = 4417
HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "notes_b.jsonl"

KINDS = {
    "n": "name",
    "k": "nickname",
    "d": "date_of_birth",
    "a": "address",
    "p": "postcode",
    "t": "phone",
    "v": "vehicle",
}
SOURCE_KINDS = ("police", "social_care", "education", "health_emergency", "health_sexual")
MARK = re.compile(r"\[\[([nkdaptvx]):(.+?)\]\]")
REF_DATE = date(2024, 6, 1)
TEMPLATE_USES = 3

# ---------------------------------------------------------------------------
# Invented people
# ---------------------------------------------------------------------------

# Names are grouped by community, so that a forename and a surname usually go together
# the way they do in the places these notes come from. Family members share a group.
# Some forenames are also ordinary words (Faith, Dawn, Penny, Rocky, Bill, Sky ...).
COMMUNITIES = {
    "white_british_irish": {
        "weight": 36,
        "girls": ["Chloe", "Kayleigh", "Shannon", "Demi-Leigh", "Leah", "Courtney", "Megan",
                  "Lacey", "Paige", "Amelia", "Ellie-Mae", "Tegan", "Kiera", "Esme", "Nevaeh",
                  "Faith", "Jasmine", "Ruby", "Sky", "Holly", "Ivy", "Honey", "Autumn"],
        "boys": ["Tyler", "Kai", "Jayden", "Callum", "Connor", "Kyle", "Reece", "Brandon",
                 "Harvey", "Alfie", "Mason", "Riley", "Lewis", "Declan", "Ryan", "Tommy",
                 "Rocky", "Sonny", "River", "Robin", "Chase", "Caleb"],
        "little_boys": ["Archie", "Freddie", "Oscar", "Teddy", "Jaxon", "Bobby", "Harrison",
                        "Stanley", "Noah", "Ezra"],
        "little_girls": ["Lola", "Isla", "Poppy", "Willow", "Maisie", "Darcie", "Olivia",
                         "Sienna", "Ruby-Mae", "Aisling"],
        "women": ["Sharon", "Kerry", "Tracey", "Michelle", "Donna", "Lisa", "Nicola",
                  "Samantha", "Gemma", "Stacey", "Claire", "Joanne", "Leanne", "Bernadette",
                  "Siobhan", "Bridget", "Dawn", "Penny", "Joy", "Crystal", "Fiona", "Rachel",
                  "Hannah", "Sophie"],
        "men": ["Darren", "Craig", "Lee", "Wayne", "Jason", "Dean", "Gary", "Stuart", "Martin",
                "Paul", "Kevin", "Shane", "Liam", "Patrick", "Sean", "Bill", "Miles", "Lance",
                "Gareth", "Nathan"],
        "surnames": ["Smith", "Price", "Walsh", "Hughes", "Evans", "Jones", "Taylor",
                     "Whitehouse", "Clarke", "Parkinson", "Bradshaw", "Gallagher", "Doherty",
                     "McCann", "O'Neill", "Kavanagh", "Ward", "Bird", "Fox", "Bell", "Moss",
                     "Hill", "Stone", "Lamb", "Marsh", "Cook", "Baker", "Young", "Wood",
                     "Brown", "Black", "White", "Grey", "Rooney", "Fairbrother", "Atherton",
                     "Duffy", "Brennan", "Pickering"],
    },
    "gypsy_traveller": {
        "weight": 2,
        "girls": ["Tiffany", "Shamaine", "Chantelle", "Ruby"],
        "boys": ["Levi", "Jimmy", "Sonny", "Rocky", "Frankie"],
        "little_boys": ["Johnny", "Tommy-Lee", "Bobby"],
        "little_girls": ["Mary-Ann", "Kathleen", "Britney"],
        "women": ["Bridget", "Margaret", "Selina", "Dawn"],
        "men": ["Joe", "Tom", "Jimmy", "Bill", "Henry"],
        "surnames": ["Boswell", "Loveridge", "Smith", "Price", "Lee", "Doherty", "McDonagh"],
    },
    "pakistani_bangladeshi": {
        "weight": 14,
        "girls": ["Aaliyah", "Maryam", "Ayesha", "Zainab", "Hafsa", "Bushra", "Aleena", "Iqra"],
        "boys": ["Mohammed", "Ibrahim", "Hamza", "Bilal", "Zain", "Rayyan", "Umar", "Adnan"],
        "little_boys": ["Ayaan", "Musa", "Ilyas", "Zayan"],
        "little_girls": ["Hana", "Amira", "Inaya", "Anaya"],
        "women": ["Naseem", "Shabana", "Rukhsana", "Parveen", "Nasreen", "Zara", "Sadia"],
        "men": ["Imran", "Tariq", "Asif", "Shahid", "Nadeem", "Faisal", "Rashid", "Ahmed"],
        "surnames": ["Khan", "Hussain", "Ahmed", "Iqbal", "Mahmood", "Akhtar",
                     "Chowdhury", "Miah", "Uddin", "Rahman"],
    },
    "indian": {
        "weight": 7,
        "girls": ["Simran", "Priya", "Anjali", "Sunny", "Jasleen", "Kirandeep"],
        "boys": ["Arjun", "Harjit", "Rohan", "Jaskaran", "Dev"],
        "little_boys": ["Aarav", "Reyansh", "Fateh"],
        "little_girls": ["Anaya", "Saanvi", "Myra"],
        "women": ["Rupinder", "Kulwinder", "Hema", "Manjit", "Pooja"],
        "men": ["Gurpreet", "Sanjay", "Vikram", "Rajinder", "Harpal"],
        "surnames": ["Patel", "Shah", "Mistry", "Sandhu", "Gill", "Dhillon", "Bains", "Singh",
                     "Sharma", "Nair"],
    },
    "west_african": {
        "weight": 9,
        "girls": ["Chioma", "Blessing", "Precious", "Abena", "Mercy", "Adaeze", "Faith"],
        "boys": ["Chidi", "Tobi", "Kwame", "Kofi", "Tayo", "Emmanuel"],
        "little_boys": ["Kobe", "David", "Tomiwa"],
        "little_girls": ["Nyla", "Adaora", "Precious"],
        "women": ["Yetunde", "Funmilayo", "Abimbola", "Esther", "Grace-Ann", "Akua"],
        "men": ["Olu", "Emeka", "Femi", "Kojo", "Samuel", "Kwabena"],
        "surnames": ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Mensah", "Boateng",
                     "Owusu", "Asante"],
    },
    "somali_east_african": {
        "weight": 5,
        "girls": ["Sumaya", "Ifrah", "Hodan", "Ayan", "Hibo"],
        "boys": ["Abdirahman", "Mustafa", "Abdullahi", "Liban", "Mahad"],
        "little_boys": ["Yahya", "Zakariye"],
        "little_girls": ["Sagal", "Hamdi"],
        "women": ["Halima", "Fadumo", "Sahra", "Khadra"],
        "men": ["Abdi", "Yusuf", "Abdikarim", "Omar"],
        "surnames": ["Warsame", "Mohamud", "Farah", "Tesfaye", "Haile", "Abdille", "Jama"],
    },
    "caribbean": {
        "weight": 6,
        "girls": ["Shanice", "Tanisha", "Destiny", "Kelis", "Jada"],
        "boys": ["Jermaine", "Tyrese", "Marcus", "Kenzo", "Rhys-Jordan"],
        "little_boys": ["Kobe", "Malachi"],
        "little_girls": ["Amani", "Kayla"],
        "women": ["Marcia", "Beverley", "Deborah", "Paulette"],
        "men": ["Delroy", "Winston", "Leon", "Clive"],
        "surnames": ["Campbell", "Francis", "Thompson", "Reid", "Powell", "Williams",
                     "McKenzie", "Gayle"],
    },
    "east_asian": {
        "weight": 5,
        "girls": ["Mei", "Xinyi", "Linh", "Thao"],
        "boys": ["Jun", "Minh", "Hao", "Duc"],
        "little_boys": ["Ethan", "Bao"],
        "little_girls": ["Lily", "Anh"],
        "women": ["Ngoc", "Lan", "Hui", "Mai"],
        "men": ["Wei", "Tuan", "Quang", "Jian"],
        "surnames": ["Chen", "Wang", "Liu", "Nguyen", "Tran", "Pham", "Le"],
    },
    "eastern_european": {
        "weight": 9,
        "girls": ["Zuzanna", "Oliwia", "Ioana", "Bianca", "Gabija", "Wiktoria"],
        "boys": ["Kacper", "Szymon", "Jakub", "Andrei", "Mihai", "Lukas", "Dawid"],
        "little_boys": ["Filip", "Antoni", "Matei"],
        "little_girls": ["Zofia", "Maja", "Ema"],
        "women": ["Agnieszka", "Magdalena", "Elena", "Mirela", "Jurgita"],
        "men": ["Piotr", "Tomasz", "Marius", "Florin", "Adrian", "Vilius"],
        "surnames": ["Nowak", "Zielinski", "Kaminski", "Popescu", "Ionescu", "Dumitru",
                     "Kazlauskas", "Petrauskas", "Wozniak"],
    },
    "turkish_kurdish": {
        "weight": 3,
        "girls": ["Elif", "Rojin", "Esra", "Zeynep"],
        "boys": ["Emre", "Arman", "Rezan", "Baran"],
        "little_boys": ["Yusuf", "Aras"],
        "little_girls": ["Ayla", "Lara"],
        "women": ["Dilan", "Fatma", "Hatice"],
        "men": ["Mehmet", "Dilshad", "Sabri", "Serkan"],
        "surnames": ["Yilmaz", "Demir", "Kaya", "Aksoy", "Dogan"],
    },
    "albanian": {
        "weight": 2,
        "girls": ["Klea", "Ajola", "Erisa"],
        "boys": ["Ardit", "Ermal", "Klajdi"],
        "little_boys": ["Noel", "Aron"],
        "little_girls": ["Amelja", "Kejsi"],
        "women": ["Arjeta", "Blerina", "Valbona"],
        "men": ["Gezim", "Arben", "Besnik"],
        "surnames": ["Hoxha", "Berisha", "Krasniqi", "Gashi"],
    },
    "afghan": {
        "weight": 2,
        "girls": ["Mahsa", "Parisa", "Madina"],
        "boys": ["Ahmad", "Mustafa", "Farhad"],
        "little_boys": ["Omid", "Hamza"],
        "little_girls": ["Zahra", "Yasmin"],
        "women": ["Zarghona", "Fereshta", "Nazia"],
        "men": ["Hamid", "Wahid", "Rahim"],
        "surnames": ["Ahmadi", "Karimi", "Noori", "Sultani"],
    },
}
NICKNAMES = [
    "Lil T", "Skinny", "Ghost", "Dee", "Bubbles", "Smokey", "Pitbull", "K-Dog",
    "Jay Bee", "Ratty", "Shorty", "Frosty", "Blade", "Chunks", "Sparky", "Mouse",
    "Spider", "Prince", "Lady B", "Stretch", "Smudge", "Bugsy", "Dizzy", "Benz",
    "Scrappy", "Fizz", "Uncle Tee", "Madz", "Yung Ghost", "Trapz", "Rico", "Tekky",
    "Zee", "Nitro", "Snipes", "Little Man", "Bossman", "Peppa", "Kitkat", "Bambi",
    "Uncle Moz", "Mr Chips", "Dubz", "Rizzy", "Boogz", "Lil Manny", "Kash", "Tinks",
]
SHORT_FORMS = {
    "Sharon": "Shaz", "Kerry": "Kez", "Darren": "Daz", "Mohammed": "Mo",
    "Kayleigh": "Kay", "Jermaine": "Jermz", "Tyrese": "Ty", "Marcus": "Marky",
    "Callum": "Cal", "Abdullahi": "Abdul", "Samantha": "Sammy", "Tracey": "Trace",
    "Bernadette": "Bernie", "Brandon": "Bran", "Stacey": "Stace", "Shanice": "Nisey",
    "Nicola": "Nicky", "Jakub": "Kuba", "Ibrahim": "Ibby", "Gemma": "Gem",
}

# ---------------------------------------------------------------------------
# Places: towns and postcode districts are real; streets and full postcodes are not
# ---------------------------------------------------------------------------

TOWNS = [
    ("Oxford", ["OX1", "OX3", "OX4"], None), ("Banbury", ["OX16"], None),
    ("Reading", ["RG1", "RG2", "RG30"], "0118"), ("Slough", ["SL1", "SL2"], None),
    ("Leeds", ["LS8", "LS9", "LS11"], "0113"), ("Bradford", ["BD3", "BD8"], None),
    ("Sheffield", ["S2", "S5"], "0114"), ("Rotherham", ["S65"], "0114"),
    ("Manchester", ["M8", "M40", "M14"], "0161"), ("Salford", ["M6"], "0161"),
    ("Oldham", ["OL1", "OL8"], "0161"), ("Rochdale", ["OL11", "OL12"], "0161"),
    ("Birmingham", ["B10", "B21", "B33"], "0121"), ("Wolverhampton", ["WV10"], None),
    ("Coventry", ["CV6"], None), ("Leicester", ["LE2", "LE4"], None),
    ("Nottingham", ["NG7"], None), ("Derby", ["DE23"], None), ("Luton", ["LU1", "LU4"], None),
    ("Bristol", ["BS5"], None), ("Plymouth", ["PL5"], None), ("Norwich", ["NR3"], None),
    ("Peterborough", ["PE1"], None), ("Hull", ["HU3"], None), ("Middlesbrough", ["TS3"], None),
    ("Sunderland", ["SR4"], None), ("Stoke", ["ST6"], None), ("Blackpool", ["FY1"], None),
    ("Preston", ["PR1"], None), ("Croydon", ["CR0"], "020"), ("Tottenham", ["N17"], "020"),
    ("Ilford", ["IG1"], "020"), ("Southampton", ["SO14"], None), ("Portsmouth", ["PO1"], None),
]
STREET_STEMS = [
    "Alder", "Marlowe", "Brackley", "Sandpiper", "Kingfisher", "Poplar", "Bramble",
    "Ashgrove", "Whitmore", "Felton", "Harcourt", "Linden", "Mayfield", "Quarry",
    "Tanners", "Weaver", "Coppice", "Elmhurst", "Greystoke", "Halford", "Pendle",
    "Radley", "Sefton", "Thornbury", "Vicarage", "Wexford", "Hollins", "Ribble",
    "Calder", "Nightingale", "Foxglove", "Larkspur", "Heron", "Bluebell", "Lapwing",
    "Cobden", "Rowan", "Sycamore", "Beckett", "Tolland", "Garside", "Moorcroft",
    "Ellerby", "Crowther", "Pellow", "Haddon", "Ingram", "Sturton",
]
STREET_TYPES = [
    "Road", "Road", "Rd", "Street", "Street", "St", "Close", "Avenue", "Ave", "Lane",
    "Way", "Drive", "Crescent", "Grove", "Gardens", "Terrace", "Walk", "Place",
]
BLOCKS = [
    "Dunlin House", "Lapwing Court", "Mercer House", "Brindley Court", "Telford Tower",
    "Arkwright House", "Pankhurst Court", "Siskin House", "Heathcote Tower", "Wren Court",
    "Orwell House", "Chadwick Court",
]
HOUSE_NAMES = [
    "Orchard House", "The Bungalow", "Hillside", "Meadow View", "The Old Dairy",
    "Corner Cottage", "Brook Cottage", "Beech House", "Two Gables", "The Laurels",
]
SITES = [
    "Holme Lane Travellers Site", "Meadow End Caravan Park", "Riverside Park Homes",
    "Greenacres Caravan Park", "Brickyard Lane Site",
]
SCHOOLS = [
    "Marlowe Park Academy", "Cherwell Vale Primary", "St Bede's RC High", "Oakwood Academy",
    "Highfield Community Primary", "Northgate High School", "Lime Tree Primary",
    "Kingsmead School", "The Heights Academy", "Brookfield Primary", "Castle View College",
    "Ridgeway Academy",
]
HOSPITALS = [
    "the John Radcliffe", "the Royal Berkshire", "the LGI", "the Northern General",
    "North Manchester General", "Heartlands", "the QMC", "Royal Stoke", "Whipps Cross",
    "Wythenshawe", "the BRI", "Pinderfields",
]
SHOPS = [
    "the Co-op", "Tesco Express", "the Spar", "Greggs", "McDonald's", "the chicken shop",
    "Sainsbury's Local", "the One Stop", "Lidl", "the vape shop", "the off licence", "KFC",
]
SURGERIES = [
    "Hollins Park Surgery", "Bridge Street Medical Centre", "Lime Tree Health Centre",
    "Victoria Road Practice", "Canalside Medical Group", "The Elms Surgery",
]
CARS = [
    "silver Vauxhall Corsa", "black Audi A3", "white Ford Transit", "grey Mercedes C-Class",
    "red Seat Leon", "blue BMW 1 Series", "black Range Rover Evoque", "white Toyota Prius",
    "silver Ford Fiesta", "dark blue VW Golf", "grey Nissan Qashqai", "black Mercedes A-Class",
    "red Kia Picanto", "white Peugeot 208",
]
ROADS = ["A34", "A40", "M62", "M60", "A6", "A58", "M1", "A57", "B4495", "M6", "A38", "A56"]
COLLAR_RANKS = ["PC", "PC", "PC", "PS", "DC", "PCSO"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
]
DAYS = ["Mon", "Tues", "Weds", "Thurs", "Fri", "Sat", "Sun"]

# ---------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def fmt_dob(d: date, rng: random.Random) -> str:
    m = MONTHS[d.month - 1]
    yy = f"{d.year % 100:02d}"
    options = [
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}/{d.month:02d}/{yy}",
        f"{d.day}.{d.month}.{yy}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
        d.isoformat(),
        f"{d.day:02d}{m[:3].upper()}{d.year}",
        f"{ordinal(d.day)} {m} {d.year}",
        f"{d.day} {m} {d.year}",
        f"{ordinal(d.day)} {m[:3]} {yy}",
        f"{d.day} {m[:3]} {d.year}",
        f"{m} {ordinal(d.day)} {d.year}",
    ]
    return rng.choice(options)


def draw_dob(age: int, rng: random.Random) -> date:
    # A birthday that gives this age on REF_DATE.
    latest = date(REF_DATE.year - age, REF_DATE.month, REF_DATE.day)
    return latest - timedelta(days=rng.randrange(0, 365))


def fmt_event_date(rng: random.Random) -> str:
    d = date(2024, 1, 2) + timedelta(days=rng.randrange(0, 150))
    options = [
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        f"{d.day:02d}/{d.month:02d}",
        f"{d.day}.{d.month}.{d.year % 100:02d}",
        f"{ordinal(d.day)} {MONTHS[d.month - 1]}",
        f"{DAYS[d.weekday()]} {d.day}/{d.month}",
    ]
    return rng.choice(options)


def fmt_time(rng: random.Random, day: bool = False) -> str:
    h = rng.randrange(8, 16) if day else rng.randrange(0, 24)
    m = rng.choice([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55])
    h12 = h % 12 or 12
    options = [
        f"{h:02d}{m:02d}hrs", f"{h:02d}{m:02d}hrs", f"{h:02d}:{m:02d}", f"{h:02d}{m:02d}",
        f"{h12}.{m:02d}{'am' if h < 12 else 'pm'}", f"approx {h:02d}{m:02d}hrs",
    ]
    return rng.choice(options)


def fmt_crime_ref(rng: random.Random) -> str:
    n7 = rng.randrange(1000000, 9999999)
    options = [
        f"crime ref {rng.choice(['43', '13', '06', '01'])}24{n7}",
        f"CRN 24/{rng.randrange(100000, 999999)}",
        f"ref {rng.randrange(10, 99)}/{rng.randrange(10000, 99999)}/24",
        f"occ 24*{rng.randrange(100000, 999999)}",
        f"log {rng.randrange(100, 2999)} of {rng.randrange(1, 28):02d}/{rng.randrange(1, 6):02d}",
        f"URN {rng.randrange(10, 99)}{rng.choice('ABCDEFGHJK')}{rng.randrange(1000000, 9999999)}",
    ]
    return rng.choice(options)


def fmt_collar(rng: random.Random) -> str:
    return f"{rng.choice(COLLAR_RANKS)} {rng.randrange(1000, 9999)}"


def fmt_exhibit(rng: random.Random) -> str:
    letters = "BCDFGHJKLMNPRSTW"
    return f"{rng.choice(letters)}{rng.choice(letters)}/{rng.randrange(1, 9)}"


def fmt_postcode(district: str, rng: random.Random) -> str:
    unit = f"{rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    r = rng.random()
    if r < 0.7:
        return f"{district} {unit}"
    if r < 0.85:
        return f"{district}{unit}"
    return f"{district} {unit}".lower()


def fmt_street(rng: random.Random) -> str:
    return f"{rng.choice(STREET_STEMS)} {rng.choice(STREET_TYPES)}"


def fmt_address(rng: random.Random) -> str:
    n = rng.randrange(1, 240)
    k = rng.randrange(1, 40)
    r = rng.random()
    if r < 0.40:
        a = f"{n} {fmt_street(rng)}"
    elif r < 0.55:
        a = f"Flat {k}, {n} {fmt_street(rng)}"
    elif r < 0.64:
        a = f"Flat {k} {rng.choice(BLOCKS)}"
    elif r < 0.68:
        a = f"flat {k}{rng.choice('ab')} {rng.choice(BLOCKS)}"
    elif r < 0.76:
        a = f"{n}{rng.choice('ab')} {fmt_street(rng)}"
    elif r < 0.84:
        a = f"Room {rng.randrange(1, 9)}, {n} {fmt_street(rng)}"
    elif r < 0.97:
        a = f"{rng.choice(HOUSE_NAMES)}, {fmt_street(rng)}"
    else:
        a = f"Plot {k}, {rng.choice(SITES)}"
    if rng.random() < 0.1:
        a = a.lower()
    return a


def fmt_phone(rng: random.Random, area: str | None) -> str:
    s = f"{rng.randrange(0, 1000):03d}"
    if rng.random() < 0.68:
        return rng.choice([
            f"07700 900{s}", f"07700 900{s}", f"07700 900{s}", f"07700900{s}",
            f"07700 900 {s}", f"07700-900-{s}", f"+44 7700 900{s}", f"+447700900{s}",
            f"0044 7700 900{s}", f"+44 (0)7700 900{s}", f"07700 900-{s}", f"077009 00{s}",
        ])
    code = area if (area and rng.random() < 0.7) else rng.choice(
        ["0113", "0114", "0118", "0121", "0161", "020", "01632"])
    if code == "01632":
        return rng.choice([
            f"01632 960{s}", f"(01632) 960{s}", f"01632 960 {s}", f"01632960{s}",
            f"+44 1632 960{s}",
        ])
    if code == "020":
        return rng.choice([
            f"020 7946 0{s}", f"0207 946 0{s}", f"(020) 7946 0{s}", f"+44 20 7946 0{s}",
            f"02079460{s}",
        ])
    return rng.choice([
        f"{code} 496 0{s}", f"({code}) 496 0{s}", f"{code}-496-0{s}", f"{code}4960{s}",
        f"+44 {code[1:]} 496 0{s}", f"{code} 4960{s}",
    ])


def fmt_vehicle(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNOPRSTUVWXYZ"
    three = "".join(rng.choice(letters) for _ in range(3))
    r = rng.random()
    if r < 0.75:
        area = rng.choice("ABCDEFGHKLMNOPRSVWY") + rng.choice("ABCDEFGHJKLMNOPRSTUVWXY")
        age = rng.choice([
            "09", "59", "10", "60", "11", "61", "12", "62", "13", "63", "14", "64", "15",
            "65", "16", "66", "17", "67", "18", "68", "19", "69", "20", "70", "21", "71",
            "22", "72", "23", "73",
        ])
        head, tail = area + age, three
    elif r < 0.9:
        head, tail = rng.choice("ABCDEFGHJKLMNPRSTVWXY") + str(rng.randrange(1, 1000)), three
    else:
        head, tail = three, str(rng.randrange(1, 1000)) + rng.choice("ABCDEFGHJKLMNPRSTVWXY")
    r = rng.random()
    if r < 0.6:
        return f"{head} {tail}"
    if r < 0.85:
        return f"{head}{tail}"
    if r < 0.93:
        return f"{head} {tail}".lower()
    return f"{head}{tail}".lower()


# ---------------------------------------------------------------------------
# Markup
# ---------------------------------------------------------------------------


def mk(kind: str, text: str) -> str:
    return f"[[{kind}:{text}]]"


def parse(marked: str, upper: bool = False):
    """Turn markup into (text, entities, exempt spans)."""
    parts: list[str] = []
    ents: list[dict] = []
    exempt: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        plain = marked[pos:m.start()]
        if upper:
            plain = plain.upper()
        parts.append(plain)
        length += len(plain)
        kind, inner = m.group(1), m.group(2)
        if upper:
            inner = inner.upper()
        start, end = length, length + len(inner)
        if kind == "x":
            exempt.append((start, end))
        else:
            ents.append({"start": start, "end": end, "kind": KINDS[kind], "text": inner})
        parts.append(inner)
        length = end
        pos = m.end()
    tail = marked[pos:]
    parts.append(tail.upper() if upper else tail)
    text = "".join(parts)
    for bad in ("[[", "]]"):
        if bad in text:
            raise ValueError(f"stray markup in: {text[:80]}")
    if re.search(r"<[A-Z]+[0-9]?(?:\.[a-z]+)?>", text):
        raise ValueError(f"unfilled placeholder in: {text[:80]}")
    return text, ents, exempt


def name_parts(text: str) -> set[str]:
    parts = set()
    for p in re.split(r"[\s,]+", text):
        p = p.strip(".'\"")
        if len(re.sub(r"\W", "", p)) >= 2:
            parts.add(p)
            for q in p.split("-"):
                if len(re.sub(r"\W", "", q)) >= 2:
                    parts.add(q)
    return parts


def check(text: str, ents: list[dict], exempt: list[tuple[int, int]]) -> list[str]:
    """Labelled text, or part of a labelled name, that recurs unlabelled and unmarked."""
    covered = [(e["start"], e["end"]) for e in ents] + list(exempt)
    problems = []
    terms: set[str] = set()
    for e in ents:
        terms.add(e["text"].strip())
        if e["kind"] == "name":
            terms |= name_parts(e["text"])
    for term in sorted(terms):
        if not term:
            continue
        pat = re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)
        for m in pat.finditer(text):
            s, e = m.span()
            if not any(a <= s and e <= b for a, b in covered):
                problems.append(f"{term!r} at {s} outside any labelled span")
    return problems


# ---------------------------------------------------------------------------
# Phone, postcode and vehicle shapes (a safety net on what is written by hand)
# ---------------------------------------------------------------------------

DRAMA_PREFIXES = ("07700900", "01632960", "01134960", "01144960", "01184960", "01214960",
                  "01614960", "02079460")
POSTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$", re.IGNORECASE)
VRM_RE = re.compile(
    r"^(?:[A-Z]{2}[0-9]{2} ?[A-Z]{3}|[A-Z][0-9]{1,3} ?[A-Z]{3}|[A-Z]{3} ?[0-9]{1,3}[A-Z])$",
    re.IGNORECASE,
)


def phone_ok(t: str) -> bool:
    d = re.sub(r"\D", "", t)
    if t.strip().startswith("+") or d.startswith("0044"):
        d = d[4:] if d.startswith("0044") else d[2:]
        if not d.startswith("0"):
            d = "0" + d
    return len(d) == 11 and d.startswith(DRAMA_PREFIXES)


def shape_problems(ents: list[dict]) -> list[str]:
    out = []
    for e in ents:
        if e["kind"] == "phone" and not phone_ok(e["text"]):
            out.append(f"phone outside drama ranges: {e['text']!r}")
        if e["kind"] == "postcode" and not POSTCODE_RE.match(e["text"]):
            out.append(f"odd postcode: {e['text']!r}")
        if e["kind"] == "vehicle" and not VRM_RE.match(e["text"]):
            out.append(f"odd vehicle mark: {e['text']!r}")
        if e["text"] != e["text"].strip():
            out.append(f"span with outer spaces: {e['text']!r}")
    return out


# ---------------------------------------------------------------------------
# Template filling
# ---------------------------------------------------------------------------

SLOT_POOLS = {
    "G": ("girls", "f", (11, 17)),
    "B": ("boys", "m", (11, 17)),
    "Y": ("girls", "f", (14, 17)),
    "Z": ("boys", "m", (14, 17)),
    "K": ("little_boys", "m", (2, 9)),
    "L": ("little_girls", "f", (2, 9)),
    "W": ("women", "f", (19, 58)),
    "M": ("men", "m", (19, 58)),
    "N": ("men", "m", (18, 29)),
}
GROUPS = sorted(COMMUNITIES)
TOKEN = re.compile(r"<([A-Z]+)([0-9]?)(?:\.([a-z]+))?>")


class Person:
    def __init__(self, fn: str, sn: str, sex: str, age: int, dob: date, nick: str):
        self.fn, self.sn, self.sex, self.age, self.dob, self.nick = fn, sn, sex, age, dob, nick


class Filler:
    """Fills one template note. Same placeholder, same value, within a note."""

    def __init__(self, rng: random.Random, fam: dict[str, str]):
        self.rng = rng
        self.fam = fam
        self.people: dict[str, Person] = {}
        self.cache: dict[str, str] = {}
        town = rng.choice(TOWNS)
        self.town, self.districts, self.area = town
        self.phones: set[str] = set()

    def person(self, slot: str) -> Person:
        if slot in self.people:
            return self.people[slot]
        rng = self.rng
        role, sex, (lo, hi) = SLOT_POOLS[slot[0]]
        used_words = set()
        for p in self.people.values():
            used_words |= {p.fn, p.sn, p.nick}
        if slot in self.fam:
            kin = self.person(self.fam[slot])
            group, fixed_sn = kin.group, kin.sn
        else:
            group = rng.choices(GROUPS, weights=[COMMUNITIES[g]["weight"] for g in GROUPS])[0]
            fixed_sn = None
        while True:
            fn = rng.choice(COMMUNITIES[group][role])
            if fixed_sn:
                sn = fixed_sn
            elif rng.random() < 0.08:
                sn = rng.choice(COMMUNITIES[rng.choice(GROUPS)]["surnames"])
            else:
                sn = rng.choice(COMMUNITIES[group]["surnames"])
            if fn in used_words or fn == sn:
                continue
            if fixed_sn is None and sn in used_words:
                continue
            break
        if fn in SHORT_FORMS and rng.random() < 0.5:
            nick = SHORT_FORMS[fn]
        else:
            nick = rng.choice(NICKNAMES)
        while nick in used_words:
            nick = rng.choice(NICKNAMES)
        age = rng.randrange(lo, hi + 1)
        p = Person(fn, sn, sex, age, draw_dob(age, rng), nick)
        p.group = group
        self.people[slot] = p
        return p

    def field(self, slot: str, fld: str) -> str:
        p = self.person(slot)
        rng = self.rng
        if fld == "full":
            return mk("n", f"{p.fn} {p.sn}")
        if fld == "fn":
            return mk("n", p.fn)
        if fld == "sn":
            return mk("n", p.sn)
        if fld == "police":
            return mk("n", f"{p.sn.upper()}, {p.fn}")
        if fld == "caps":
            return mk("n", f"{p.fn} {p.sn}".upper())
        if fld == "lower":
            return mk("n", f"{p.fn} {p.sn}".lower())
        if fld == "fnl":
            return mk("n", p.fn.lower())
        if fld == "snu":
            return mk("n", p.sn.upper())
        if fld == "ttl":
            title = "Mr" if p.sex == "m" else rng.choice(["Ms", "Mrs", "Miss", "Mrs"])
            return f"{title} " + mk("n", p.sn)
        if fld == "nick":
            return mk("k", p.nick)
        if fld == "dob":
            return mk("d", fmt_dob(p.dob, rng))
        if fld == "yob":
            return mk("d", str(p.dob.year))
        if fld == "age":
            return str(p.age)
        if fld == "yr":
            return "Nursery" if p.age <= 3 else "Reception" if p.age == 4 else f"Y{p.age - 4}"
        raise KeyError(f"unknown field {slot}.{fld}")

    def value(self, name: str, num: str) -> str:
        rng = self.rng
        key = name + num
        if key in self.cache:
            return self.cache[key]
        if name == "T":
            v = self.town if num in ("", "1") else rng.choice([t[0] for t in TOWNS if t[0] != self.town])
        elif name == "TOWNX":
            v = rng.choice([t[0] for t in TOWNS if t[0] != self.town])
        elif name == "PC":
            v = mk("p", fmt_postcode(rng.choice(self.districts), rng))
        elif name == "A":
            v = mk("a", fmt_address(rng))
        elif name == "PH":
            ph = fmt_phone(rng, self.area)
            while re.sub(r"\D", "", ph)[-3:] in self.phones:
                ph = fmt_phone(rng, self.area)
            self.phones.add(re.sub(r"\D", "", ph)[-3:])
            v = mk("t", ph)
        elif name == "V":
            v = mk("v", fmt_vehicle(rng))
        elif name == "DATE":
            v = fmt_event_date(rng)
        elif name == "TIME":
            v = fmt_time(rng)
        elif name == "DTIME":
            v = fmt_time(rng, day=True)
        elif name == "CRN":
            v = fmt_crime_ref(rng)
        elif name == "COLLAR":
            v = fmt_collar(rng)
        elif name == "EXH":
            v = fmt_exhibit(rng)
        elif name == "SCHOOL":
            v = rng.choice(SCHOOLS)
        elif name == "HOSP":
            v = rng.choice(HOSPITALS)
        elif name == "SHOP":
            v = rng.choice(SHOPS)
        elif name == "CAR":
            v = rng.choice(CARS)
        elif name == "ROAD":
            v = rng.choice(ROADS)
        elif name == "ST":
            v = fmt_street(rng)
        elif name == "GP":
            v = rng.choice(SURGERIES)
        elif name == "MONTH":
            v = rng.choice(MONTHS[:5])
        elif name == "YEAR":
            v = str(rng.randrange(7, 12))
        elif name == "N":
            v = str(rng.randrange(2, 9))
        else:
            raise KeyError(f"unknown placeholder <{key}>")
        self.cache[key] = v
        return v

    def fill(self, tpl: str) -> str:
        def sub(m: re.Match) -> str:
            name, num, fld = m.group(1), m.group(2), m.group(3)
            if fld:
                return self.field(name + num, fld)
            return self.value(name, num)

        return TOKEN.sub(sub, tpl)


def fill_template(tpl: dict, rng: random.Random):
    for _ in range(500):
        f = Filler(rng, tpl.get("fam", {}))
        text, ents, exempt = parse(f.fill(tpl["text"]), upper=tpl.get("caps", False))
        if not check(text, ents, exempt) and not shape_problems(ents):
            return text, ents
    raise SystemExit(f"could not fill template: {tpl['text'][:60]}")


# ---------------------------------------------------------------------------
# Templates (each used TEMPLATE_USES times with different people and formats)
# ---------------------------------------------------------------------------

TEMPLATES = [
    # --- police --------------------------------------------------------------
    {"src": "police", "text":
        "Intelligence suggests that <B1.full> (<B1.age>) of <A1>, <T1> is being used to run "
        "drugs for an OCG operating out of <TOWNX>. <B1.fn> is believed to go by the name "
        "\"<B1.nick>\" and is in regular contact with <M1.police> on <PH1>. <M1.sn> drives a "
        "<CAR> <V1> and has been seen collecting <B1.fn> from outside <SCHOOL> during school "
        "hours. Grading B/2/P."},
    {"src": "police", "text":
        "Officers attended <A1>, <T1> <PC1> at <TIME> on <DATE> following a 999 call from a "
        "neighbour reporting a male shouting and a child crying. On arrival <W1.full> answered "
        "the door with visible redness to L cheek. Partner <M1.full> (DOB <M1.dob>) had left "
        "prior to police arrival in a <CAR>. Children <G1.fn> (<G1.age>) and <K1.fn> (<K1.age>) "
        "were upstairs. DASH completed - high risk. Referral to MARAC and CSC. <CRN>.",
     "fam": {"G1": "W1", "K1": "W1"}},
    {"src": "police", "text":
        "MFH - <Y1.caps> (<Y1.age>yrs) reported missing by carer at <TIME> from her placement at "
        "<A1>, <T1>. Last seen wearing black puffer jacket and pink sliders. Known associates: "
        "<N1.full> aka <N1.nick>, <B1.full>. On previous episodes she has been located at <A2>. "
        "Mobile <PH1> switched off. Graded high risk due to CSE concerns. Risk assessed by "
        "<COLLAR> <W2.sn>."},
    {"src": "police", "text":
        "Vehicle <V1> (<CAR>) stopped on <ST>, <T1> at <TIME>. Driver: <M1.police>, "
        "DOB <M1.dob>, of <A1>. Front passenger: <B1.police> (<B1.age>), currently reported "
        "missing from <TOWNX>. Strong smell of cannabis. Two mobile phones and approx £340 cash "
        "seized from <B1.fn>. <B1.fn> refused to explain his relationship to <M1.sn>. Both "
        "released, <B1.fn> returned to his carers by officers. Intel submitted."},
    {"src": "police", "caps": True, "text":
        "Subject <M1.police> DOB <M1.dob> believed to be using <PH1> to arrange drug supply in "
        "<T1> area. Also known as <M1.nick>. Seen driving <CAR> VRM <V1>. Associates with "
        "<B1.police> who is <B1.age> and currently missing from home. Grading B/2/P."},
    {"src": "police", "text":
        "Exhibit <EXH>: Apple iPhone in red case seized from <B1.full> at <A1> on <DATE>. "
        "Handset examined under consent. WhatsApp contact saved as \"<M1.nick>\" (<PH1>) sending "
        "messages re: 'shots', 'the line' and a pick up outside <SHOP> in <T1>. Also contact "
        "'<W1.fn>' on <PH2>. Screenshots produced as exhibit <EXH2>."},
    {"src": "police", "text":
        "DA incident. caller <W1.lower> reports ex partner <M1.lower> attended her address "
        "<A1> <PC1> at <TIME>, kicked the door and threatened to take their son <B1.fnl>. "
        "suspect left in <V1>. caller states <M1.fnl> has been sending abusive texts from <PH1>. "
        "child was at <SCHOOL> at the time. crime recorded, <CRN>.",
     "fam": {"B1": "M1"}},
    {"src": "police", "text":
        "Concern for <B1.full> (<B1.age>) who is believed to be staying at <A1>, <T1> <PC1> with "
        "an older male known only as <M1.nick>, who drives a <CAR> <V1>. Neighbours report young people coming and going at all "
        "hours. <B1.fn>'s mum <W1.full> has told officers she hasn't seen him since <DATE>. "
        "Contact number for mum <PH1>. Address flagged as possible cuckooed property."},
    {"src": "police", "text":
        "<M1.police> (DOB <M1.dob>) arrested at <TIME> at <A1> on suspicion of PWITS class A. "
        "Found in the loft: 2 x bags of white powder, scales, 3 mobile phones. <Y1.full> "
        "(<Y1.age>) also present and stated she 'just stays there sometimes'. <Y1.fn> "
        "safeguarded, taken to <T1> police station and later released to her nan <W1.ttl> at "
        "<A2>."},
    {"src": "police", "text":
        "Report of youths on mopeds on <ST>, <T1>. Moped registration <V1> checked - no "
        "insurance. Rider identified as <B1.full>, DOB <B1.dob>, lives with father <M1.full> at "
        "<A1>. Moped seized under s165. Father informed by phone on <PH1>.",
     "fam": {"B1": "M1"}},
    {"src": "police", "text":
        "It is believed that <Y1.full> (<Y1.age>) is in a relationship with a male in his 20s "
        "who goes by <N1.nick>. <N1.nick> collects <Y1.fn> from the park near <SCHOOL> and she "
        "has been seen getting into <V1>. <Y1.fn> has told friends he gives her vapes and "
        "cannabis. Further intelligence suggests <N1.nick> is <N1.full> of <A1>, <T1> <PC1>."},
    {"src": "police", "text":
        "FOUND: <G1.police> located at <TIME> at <A1> <PC1> by <COLLAR> <M2.sn>. Address "
        "occupied by <M1.full> (DOB <M1.dob>), who is subject to a child abduction warning "
        "notice in respect of <G1.fn>. <M1.sn> arrested. <G1.fn> returned to carers, safe and "
        "well check completed, no injuries seen."},
    {"src": "police", "text":
        "Call from <W1.ttl> at <TIME> stating her daughter <G1.fn> has not come home from "
        "<SCHOOL>. <G1.fn>'s mobile <PH1> going straight to voicemail. Mum believes <G1.fn> may "
        "be with her boyfriend <B1.full> who lives on <ST>. Graded P2, officers despatched.",
     "fam": {"G1": "W1"}},
    {"src": "police", "caps": True, "text":
        "<B1.police> <B1.dob> - MISSING. ALIAS <B1.nick>. LAST KNOWN ADDRESS <A1> <T1> <PC1>. "
        "MAY BE IN COMPANY OF <M1.police> WHO DRIVES <V1>. IF FOUND DO NOT ALLOW TO LEAVE WITH "
        "ADULT MALES. CONTACT OIC VIA <T1> CID."},
    {"src": "police", "text":
        "Witness <W1.full> (<PH1>) states that on <DATE> at about <TIME> she saw a young girl, "
        "later identified as <G1.fn>, being pulled into a <CAR> on <ST>. She noted the "
        "registration as <V1>. Describes the driver as a male in his 30s with a shaved head and "
        "a neck tattoo. Statement to follow."},
    {"src": "police", "text":
        "Sub <B1.full> spoken to outside <SHOP>, <T1>. Street name <B1.nick> on Snapchat. "
        "States he lives at <A1> but mother <W1.full> disputes this. In possession of a phone "
        "with number <PH1>. Submitted for info re: possible CCE. NFA.",
     "fam": {"B1": "W1"}},
    # --- social care ---------------------------------------------------------
    {"src": "social_care", "text":
        "Contact received from <SCHOOL> DSL re <G1.full> (DOB <G1.dob>) of <A1>, <T1> <PC1>. "
        "<G1.fn> disclosed that Mum's boyfriend <M1.fn> hit her with a belt last night. Mum "
        "<W1.full> contacted on <PH1> - states <G1.fn> is lying. Strategy meeting convened for "
        "<DTIME> today with police and health. s47 agreed.",
     "fam": {"G1": "W1"}},
    {"src": "social_care", "text":
        "Unannounced HV to <A1>. Mum <W1.fn> answered, smelling strongly of alcohol. Children "
        "<B1.fn> (<B1.age>) and <K1.fn> (<K1.age>) in the front room, house cold, no food in the "
        "fridge apart from milk. Mum's new partner <M1.full> was in the kitchen and left via the "
        "back door when SW arrived. Discussed with TM <W2.full>, agreed to escalate to ICPC.",
     "fam": {"B1": "W1", "K1": "W1"}},
    {"src": "social_care", "text":
        "RHI completed with <Y1.fn> at <SCHOOL> on <DATE>. <Y1.fn> said she stayed with a "
        "friend called <G2.fn> at <A1> and that an older lad known as <N1.nick> brought them "
        "food and vodka in his car (<V1>). She would not give his real name. She has a new phone, number <PH1>, "
        "which she says <G2.fn> gave her. CSE screening tool completed - significant risk. To "
        "be discussed at MACE."},
    {"src": "social_care", "text":
        "Telephone call to <W1.ttl>, paternal grandmother, on <PH1>. She confirmed <B1.fn> has "
        "been staying with her at <A1> since Friday as he refuses to go home to Dad. She is "
        "willing to keep him under a s20 arrangement for now. Dad <M1.full> has been ringing her "
        "repeatedly. Advised to call police if he turns up. Next visit booked <DATE>.",
     "fam": {"W1": "M1", "B1": "M1"}},
    {"src": "social_care", "text":
        "<DATE> - Police notification re DA incident at <A1>. <W1.full> (DOB <W1.dob>) "
        "assaulted by <M1.full> (DOB <M1.dob>). Children <G1.full> and <B1.full> present. "
        "<M1.fn> arrested, bailed to <A2> with conditions not to contact <W1.fn> or attend the "
        "address.",
     "fam": {"G1": "M1", "B1": "M1"}},
    {"src": "social_care", "text":
        "Update from foster carer <W1.full>: <Y1.fn> came home at 0230 in a taxi she could not "
        "pay for. Carer paid and noted the taxi as <V1>. <Y1.fn> said she had been at a party at "
        "<A1> with someone called <N1.nick>. Carer's phone <PH1>. Placement stability meeting "
        "to be arranged."},
    {"src": "social_care", "text":
        "Household composition:\n- <W1.full> (mother, DOB <W1.dob>)\n- <M1.full> (stepfather, "
        "DOB <M1.dob>)\n- <B1.full> (DOB <B1.dob>)\n- <K1.full> (DOB <K1.dob>)\nAddress: <A1>, "
        "<T1>, <PC1>. Home phone <PH1>. Mother's mobile <PH2>.",
     "fam": {"B1": "W1", "K1": "W1"}},
    {"src": "social_care", "text":
        "S47 outcome: concerns substantiated. <B1.fn> has a bruise to his upper arm consistent "
        "with his account of being grabbed by <M1.ttl>. Mum <W1.fn> unable to protect. Safety "
        "plan: <B1.fn> and siblings to stay with maternal aunt <W2.full> at <A1> pending ICPC. "
        "Police investigating, OIC <COLLAR> <M2.sn>.",
     "fam": {"B1": "W1"}},
    {"src": "social_care", "text":
        "Private fostering notification: <G1.full> (<G1.age>), born <G1.dob>, has been living "
        "with family friend <W1.full> at <A1> since <MONTH>. Mother <W2.full> is working "
        "abroad, contact via WhatsApp on <PH1>. Visit within 7 days.",
     "fam": {"G1": "W2"}},
    {"src": "social_care", "text":
        "cin visit - spoke to <B1.lower> alone in his room. he said things are better since "
        "<M1.fnl> moved out but he still sees him at weekends at <A1>. mum <W1.fnl> says she is "
        "struggling with money, food bank voucher given. dad's number has changed to <PH1>.",
     "fam": {"B1": "M1"}},
    {"src": "social_care", "text":
        "Peer mapping: <G1.full>, <G2.full> and <B1.full> (aka <B1.nick>) all linked through a "
        "Snapchat group. Adult of concern <M1.full> (DOB <M1.dob>), uses vehicle <V1> and stays "
        "at <A1>. Locations of concern: <SHOP> on <ST>, the bus station and the park behind "
        "<SCHOOL>."},
    {"src": "social_care", "text":
        "Referral from housing officer <W1.full> (<PH1>): family in temporary accommodation at "
        "<A1>, <T1> <PC1> after eviction. <W2.full> and her 3 children sharing one room. Youngest <K1.fn> "
        "(<K1.age>) has not been in school since <DATE>. Landlord reports damp and mould. "
        "Request for early help.",
     "fam": {"K1": "W2"}},
    # --- education -----------------------------------------------------------
    {"src": "education", "text":
        "<DTIME> - <G1.full> (<G1.yr>) came to see me at break in tears. She said a boy in Y11, "
        "<B1.full>, has been sharing a picture of her 'with no top on' on Snapchat. She sent it "
        "to him when they were going out. Spoke to Mum (<W1.ttl>) on <PH1>. Phones not taken. "
        "Referred to MASH and police via 101, <CRN>. DSL <W2.full>.",
     "fam": {"G1": "W1"}},
    {"src": "education", "text":
        "<B1.full> absent 6 days this half term. Home visit by attendance officer <W1.full> to "
        "<A1>, <PC1> - no answer, curtains closed. Neighbour said the family may have moved to "
        "<TOWNX>. Mum's mobile <PH1> not connecting. Added to CME list. DSL informed."},
    {"src": "education", "text":
        "<L1.fn> disclosed to TA <W1.ttl> during reading intervention that her uncle <M1.fn> "
        "'does things' when he babysits. Her words recorded verbatim on a yellow form. "
        "<L1.fn>'s address is <A1>. DSL <M2.full> phoned MASH at <DTIME>. Mum not contacted on "
        "advice of police."},
    {"src": "education", "text":
        "At home time a male not known to school tried to collect <K1.full> (<K1.yr>). He gave his "
        "name as <M1.full> and said he was Dad's cousin. Not on the collection list. Drove off "
        "in a <CAR>, reg <V1>, noted by office staff. Mum <W1.full> contacted and said she does "
        "not know anyone called <M1.fn>. Reported to police, <CRN>.",
     "fam": {"K1": "W1"}},
    {"src": "education", "text":
        "Several Y8 girls report that <G1.full> has been talking to an older boy online who "
        "calls himself <M1.nick>. He has asked her to meet him at <SHOP> in <T1>. <G1.fn> lives "
        "with her dad <M2.full> at <A1>. Dad informed by phone (<PH1>) and advised to contact "
        "police.",
     "fam": {"G1": "M2"}},
    {"src": "education", "text":
        "<K1.fn> arrived at school in the same uniform for the 4th day, smelling of urine, and "
        "said he hadn't had breakfast. Says his big sister <G1.fn> (<G1.age>) is looking after "
        "him because Mum is 'at her friend's'. Emergency contact <W1.full> on <PH1> - no answer. "
        "Logged and DSL informed.",
     "fam": {"G1": "K1"}},
    {"src": "education", "text":
        "<Z1.police> (DOB <Z1.dob>), <Z1.yr>, permanently excluded from <SCHOOL> on <DATE>. Found "
        "with a lock knife and £200 in cash. Other students say he goes by <Z1.nick> and 'works "
        "for' an older male who picks him up in <V1>. Address on file: <A1> <PC1>. Parent "
        "<W1.full>, tel <PH1>.",
     "fam": {"Z1": "W1"}},
    # --- emergency department --------------------------------------------------
    {"src": "health_emergency", "text":
        "<TIME> Triage. <G1.age>yo F <G1.full> (DOB <G1.dob>) BIBA from <ST> after being found "
        "intoxicated in a park. GCS 13. Accompanied by friend <G2.fn>. Says she drank vodka "
        "given to her by 'a man called <M1.nick>' who dropped them off in <V1>. Mum <W1.full> contacted on <PH1>, on her way. "
        "Safeguarding referral completed. Paeds liaison aware.",
     "fam": {"G1": "W1"}},
    {"src": "health_emergency", "text":
        "Pt <K1.full> (<K1.age>) attends with father <M1.full> with ?# L wrist. Mechanism given "
        "as fall from bike. Old bruising noted to back in different stages of healing. Dad's "
        "account inconsistent. Lives at <A1>, <T1> <PC1>. GP Dr <W1.sn>, <GP>. Discussed with "
        "paeds reg, CP medical requested, MASH phoned <TIME>.",
     "fam": {"K1": "M1"}},
    {"src": "health_emergency", "text":
        "4th attendance in 3 months for <Y1.full> (DOB <Y1.dob>) - self harm, superficial cuts "
        "to forearms. States she lives at <A1>, <PC1> with her boyfriend <N1.full> who is <N1.age>. NOK "
        "given as <N1.fn>, mobile <PH1>. Concern re age gap and possible CSE. Not known to have "
        "a SW. Referral made. CAMHS liaison to see."},
    {"src": "health_emergency", "text":
        "Adult pt <W1.full> (DOB <W1.dob>) attended after assault by partner. Has 2 children at "
        "home aged <N> and <K1.age>, currently with partner <M1.full> at <A1>. Pt states "
        "<M1.fn> 'will hurt the kids to get at me'. Police informed, <CRN>. IDVA referral made, "
        "pt's safe number <PH1>."},
    {"src": "health_emergency", "text":
        "<Z1.police> (<Z1.age>), DOB <Z1.dob>. Stab wound L thigh. Attended with two older "
        "males, one who called himself <M1.nick> and gave his phone as <PH1>. They left before "
        "police arrived, in <V1>. Pt refused to say where it happened. Address on record <A1>, <PC1>. "
        "Child exploitation concern - referral to MASH and police. To ward for obs."},
    {"src": "health_emergency", "text":
        "Paeds liaison summary for HV: <K1.full>, <K1.age>, seen <DATE> after ingestion of "
        "mum's methadone, found in a Calpol bottle. Mum <W1.full> states it was an accident. "
        "Lives <A1>. HV <W2.full>. SW <M1.full> informed via duty line.",
     "fam": {"K1": "W1"}},
    # --- sexual health ---------------------------------------------------------
    {"src": "health_sexual", "text":
        "Walk-in. <Y1.age>yo requesting EC. Attended with older male who waited in reception; "
        "she said he is her boyfriend <N1.fn> aged '19' but looked older. <Y1.fn> vague about "
        "where she is living, gave address as <A1>, <T1> <PC1>. Contact number <PH1>. Spotting the "
        "Signs proforma completed - high score. Fraser competent. Safeguarding lead <W1.full> "
        "informed, referral to MASH."},
    {"src": "health_sexual", "text":
        "<Y1.full>, DOB <Y1.dob>. Attends for STI screen. Disclosed multiple partners found via "
        "Snapchat, some adults. One she calls <M1.nick> gave her money and a phone. Declined "
        "police involvement. Discussed with CSE nurse <W1.ttl>. Plan: repeat tests 2/52, text "
        "reminders to <PH1>."},
    {"src": "health_sexual", "text":
        "PN: index pt <M1.full> (DOB <M1.dob>) chlamydia +ve. Named contact <Y1.fn> (<Y1.age>) "
        "- pt states he 'didn't know she was that young'. Contact lives at <A1>. Safeguarding "
        "concern re age. Discussed with consultant Dr <W1.sn>; info shared with police."},
    {"src": "health_sexual", "text":
        "<B1.age>yo male attended with mum <W1.full> after disclosing a sexual assault by a man "
        "he met through a gaming app who goes by <M1.nick>. Occurred at the man's flat, <A1>, "
        "on <DATE>. <B1.fn> has screenshots. Police <CRN>. ISVA referral. Mum's mobile <PH1>.",
     "fam": {"B1": "W1"}},
    {"src": "health_sexual", "text":
        "<Y1.fn> (DOB <Y1.dob>) here for implant removal, says boyfriend 'wants a baby'. "
        "Boyfriend <N1.full> drops her off and waits in the car outside - staff noted <V1>. "
        "<Y1.fn> living between Mum's at <A1> and his flat. Referral to MASH; health adviser "
        "<W1.full> to follow up by phone on <PH1>."},
]


# ---------------------------------------------------------------------------
# Hand-written notes
# ---------------------------------------------------------------------------

HAND = [
    # --- police --------------------------------------------------------------
    ("police",
     "INTEL: [[n:KOWALCZYK, Dominik]] ([[d:14.02.2007]]) seen with two males known as "
     "[[k:Yungz]] and [[k:Lil Beanz]] outside the Spar on Marlowe Road, Oldham approx 2300hrs "
     "03/02. Believed to be holding for them. [[n:Dominik]] on a black pushbike, grey hoodie. "
     "Grading B/2/P."),
    ("police",
     "Officers attended [[a:Willow Cottage, Back Lane]], Bampton [[p:OX18 2PJ]] at 1940hrs after "
     "a 999 call from [[n:Carol Pennington]] (grandmother) reporting her grandson [[n:Alfie]] had "
     "smashed the kitchen window and run off. [[n:Alfie Pennington]] (DOB [[d:9th Nov 2010]]) "
     "located 40 mins later at the bus shelter on the A4095. Mrs [[n:Pennington]] declined to "
     "support a prosecution. Referral to CSC for family support."),
    ("police",
     "VEHICLE [[v:R482 KLM]] BLUE VW GOLF SEEN PARKED OUTSIDE [[a:27 THORNBURY CRESCENT]], DERBY "
     "AT 0120HRS WITH 2 FEMALES APPROX 14-15 IN REAR. REGISTERED KEEPER [[n:NADEEM AKHTAR]] DOB "
     "[[d:22/08/1989]]. FEMALES NOT IDENTIFIED. PREVIOUS INTEL LINKS [[n:AKHTAR]] TO A MALE "
     "KNOWN AS [[k:SAVAGE]]. SUBMITTED FOR CSE TEAM."),
    ("police",
     "resp officers to [[a:flat 6, 41 Harcourt Street]] re noise/argument. female occupant "
     "[[n:stacey moran]] (31) and her daughter [[n:kaci]] (12) present. male [[n:jordan hale]] "
     "had left prior. [[n:stacey]] states [[n:jordan]] pushed her into the wardrobe, [[n:kaci]] "
     "witnessed. dash medium. bwv on. [[n:hale]] circulated on PNC. he hangs about with a lad "
     "called [[k:lil d]] from the estate. log 1882."),
    ("police",
     "EXH RDW/2: Samsung Galaxy A14 recovered from rear bedroom of [[a:112 Coleridge Road]]. "
     "Contacts include '[[k:Trapz]]' [[t:07700 900 418]], 'Mum' [[t:07700 900 731]] and "
     "'[[n:Kelsey]]' [[t:+447700900266]]. Messages between the device owner "
     "[[n:Tyrone Bailey-Ross]] and '[[k:Trapz]]' refer to 'nuff work in Stoke' and 'the "
     "burner'. Cell site to follow."),
    ("police",
     "MFH update 0410hrs: [[n:Aisha Begum]] (15) still outstanding. Friend [[n:Nadia]] states "
     "[[n:Aisha]] has been meeting an older man who she calls [[k:Uncle Jaz]]. [[k:Uncle Jaz]] "
     "picks her up in a white Toyota Prius from the chicken shop on Stoney Stanton Road. Cell "
     "site for [[n:Aisha]]'s phone [[t:07700 900 552]] last pinged near Foleshill 0050hrs."),
    ("police",
     "Arrest summary: [[n:McDONAGH, Patrick]] arrested 1420hrs at [[a:Plot 9, Hollins Way "
     "Travellers Site]], Rochdale on suspicion of ABH on his partner [[n:Bridget Ward]]. "
     "Children [[n:Mary-Kate]] (8) and [[n:Johnny]] (5) present at the time, seen by PC 3307 "
     "[[n:Farrell]]. [[n:Ward]] provided a statement but is worried about the family's "
     "reaction."),
    ("police",
     "Subject [[n:Craig Bentley]] aka [[k:Benzo]] (b. [[d:1991]]) continues to use his mother's "
     "address [[a:88 Ribble Drive]], Preston [[p:PR2 6HU]] to store drugs. Drives an old "
     "Mercedes E-class [[v:GKF 271X]]. Believed to be supplying cannabis to Y10s at "
     "Fulwood. Grading C/3/P."),
    ("police",
     "ANPR hit on [[v:yx19kzn]] M60 J12 0215hrs. Vehicle linked to [[n:Reuben Osei]] who is "
     "suspected of transporting MFH [[n:Chantelle Nwosu]] (16) to addresses in Bradford. No stop "
     "made. Marker added for stop and account."),
    ("police",
     "Caller [[n:Faith Adebayo]] reports her son [[n:Samuel]] (14) was robbed of his phone and "
     "trainers at knifepoint in Ruskin Park at 1700hrs. Suspects 3 x males, dark clothing, on "
     "e-bikes. [[n:Faith]] says she has lost all [[x:faith]] in the police after last time. "
     "Crime ref 01/283341/24. Victim contact [[t:020 7946 0381]]."),
    ("police",
     "[[n:NGUYEN, Van Minh]] [[d:03MAR2006]] - VIETNAMESE NATIONAL FOUND IN CANNABIS FACTORY AT "
     "[[a:14 LINDEN AVENUE]], BRADFORD [[p:BD8 9RL]]. STATES HE IS 16 BUT DOCUMENTS SAY "
     "OTHERWISE. SAYS HE CAME TO THE UK IN THE BACK OF A [[x:VAN]]. NRM REFERRAL SUBMITTED. "
     "AGE ASSESSMENT REQUESTED FROM CSC."),
    ("police",
     "Statement taken from shop manager [[n:Harjinder Sohal]] ([[t:(0121) 496 0742]]) at "
     "[[x:Sohal]] Stores, Soho Road. States that on 11/04 a man he knows only as [[k:Chacha]] came "
     "in with two girls in school uniform and bought them alcohol and cigarettes. CCTV retained "
     "as exhibit JP/1."),
    ("police",
     "[[n:Sonny Lovell]] (DOB [[d:2009-07-30]]) reported missing from [[a:Plot 4, Meadow End "
     "Caravan Park]] by his dad [[n:Levi Lovell]] on [[t:07700900974]]. [[n:Levi]] says "
     "[[n:Sonny]] went off with cousins to the horse fair at Appleby and has no phone. Not "
     "considered high risk. Officers to attend."),
    ("police",
     "Neighbour dispute, [[a:3 Bramble Close]], Luton [[p:LU4 9EW]]. Caller [[n:Sky Harrington]] "
     "says the kids next door shout abuse at her daughter [[n:Tia]] over the fence. She has it "
     "on her doorbell camera. Advised re evidence. Words of advice given to neighbours. "
     "[[n:Sky]] happy with outcome."),
    ("police",
     "DC [[n:Lauren Whitfield]] (CAIT) spoke with SW [[n:Moses Achterberg]] re ABE interview for "
     "[[n:Maddison]] (7). Interview booked at the Sunflower suite 10:00 Wed. Intermediary "
     "[[n:Ruth Okoye]] requested. DC [[n:Whitfield]] to update Mum."),
    ("police",
     "Drugs line intel. Number [[t:0044 7700 900 163]] sending bulk texts offering 'white and "
     "brown' in Banbury. Street name of runner is [[k:Baby Zee]], believed to be "
     "[[n:Zachary Doyle]], 15, of [[a:19 Harvest Way]], Banbury [[p:ox16 4tn]]. Grading C/3/P."),
    ("police",
     "Concern for welfare of [[n:Tamsin Rowe]], DOB [[d:1st of June 2008]], who is staying with "
     "a 23 year old male known as [[k:Dizzy]] at [[a:Room 3, 57 Albert Road]], Southsea. The "
     "room is in an HMO, other occupants adult males. [[n:Tamsin]] said to be using ket."),
    ("police",
     "Sighting: [[n:Precious Eze]] (MFH, 14) seen getting out of grey Kia Sportage "
     "[[v:LC68 WFO]] on Peckham High Street 1730hrs by PCSO 8812. Driver believed to be "
     "[[n:Oluwaseun]] '[[k:Shaun]]' [[n:Adeleke]], who is on bail for offences against children. "
     "Pass to the OIC, DC [[n:Pryce]]."),
    ("police",
     "Repeat DA call. [[n:Leanne Fairclough]] at [[a:7 Halford Close]], Sunderland "
     "[[p:SR4 7BG]]. Ex [[n:Darren Tait]] outside the house shouting. 3 children inside, "
     "youngest [[n:Ruby-Mae]] (2). By time of arrival [[n:Tait]] gone. Home phone "
     "[[t:01632 960 418]], [[n:Leanne]]'s mobile [[t:07700 900 285]]."),
    ("police",
     "[[n:Mohammed Rafiq]] aka [[k:Mo]] aka [[k:Rafa]] ([[d:12.12.96]]) is reported to be giving "
     "lifts to girls from the Moorside children's home in his taxi, Skoda Octavia "
     "[[v:VU17 NHX]], private hire badge 2391. Intel suggests he gives them cigarettes and "
     "cannabis and has taken at least one to a flat above a takeaway on Hollins Road."),
    ("police",
     "Warrant executed at [[a:Flat 14, Mercer House]], Ellesmere Street. Officers went in at "
     "[[x:dawn]]. Occupant [[n:Dawn Kilbride]] (DOB [[d:17/5/1979]]) and 16yo son [[n:Kieran]] "
     "present. Cannabis grow in back bedroom, 24 plants. [[n:Kilbride]] states the plants "
     "belong to her ex [[n:Gary Moffat]]. Referral to CSC re [[n:Kieran]]."),
    ("police",
     "[[n:Ellis Young]] (17) arrested for robbery of a younger boy outside Broadmarsh. Victim is "
     "a [[x:young]] person aged 13 - details on crime report 24/61237. [[n:Young]] has 3 "
     "previous. Appropriate adult: his aunt [[n:Jacqueline Young]], [[t:07700 900 377]]."),
    ("police",
     "Complaint from [[n:Bill Hathaway]] of [[a:2 Orchard Rise]], Thame that youths have been "
     "using his garage as a den. Found needles and a child's school jumper. Mr [[n:Hathaway]] "
     "has shown officers the [[x:bill]] for the broken lock. Youths seen to leave in a red "
     "Peugeot 206 [[v:y614 fdu]]. PCSO to visit the school."),
    ("police",
     "Phone [[t:+44 (0)7700 900 640]] attributed to [[n:Aurelian Munteanu]] (DOB "
     "[[d:05/09/2001]]) who is believed to be controlling young Romanian women working from a "
     "massage parlour on Cheetham Hill Road. One girl, possibly under 18, known only as "
     "[[k:Lili]]. Referral to the modern slavery team."),
    ("police",
     "Stopped on the A57 Snake Pass 0050hrs: [[n:KERR, Mason]] (17, no licence) driving with "
     "[[n:Lily-Rose Bateman]] (14) as passenger. [[n:Lily-Rose]] told officers [[n:Mason]] is "
     "her boyfriend. Both taken home. [[n:Kerr]] reported for summons. Referral to MASH re age "
     "gap."),
    # --- social care -----------------------------------------------------------
    ("social_care",
     "Visit to [[n:Jasmine]] at foster placement, [[a:23 Larkspur Way]], Bicester. "
     "[[n:Jasmine Obi]] presented well, proud of her school report. Carer Mrs [[n:Fenwick]] says "
     "[[n:Jasmine]] has settled and likes the [[x:jasmine]] tea they buy from the Chinese "
     "supermarket. Contact with birth mum [[n:Ngozi]] going well."),
    ("social_care",
     "MASH contact 0915: police PPN for [[n:WOJCIK, Oliwia]] ([[d:28/01/2012]]) - Mum "
     "[[n:Agata Wojcik]] arrested drunk in charge of a child at Morrisons car park. [[n:Oliwia]] "
     "collected by dad [[n:Tomasz]] and taken to [[a:Flat 2, 9 Quarry Street]]. Dad contact "
     "[[t:07700 900081]]. RAG: amber."),
    ("social_care",
     "sw called mum [[n:kerry]] on [[t:07700 900 337]] x3, no answer. text sent. went out to "
     "[[a:45 poplar grove]] at 3pm, [[n:kerry]]'s friend [[n:shannelle]] answered and said "
     "[[n:kerry]] was 'at the doctors'. children not seen. will try again tomorrow with police "
     "if no contact."),
    ("social_care",
     "Strategy meeting 14:00. Chair: TM [[n:Eleanor Fitzgerald]]. Present: DS [[n:Kamal Hussain]] "
     "(CAIT), Dr [[n:Priya Raman]] (community paediatrician), DSL [[n:Gavin Marsh]] (Oakfield "
     "Primary), SW [[n:Beatrice Ankrah]]. Concerns: [[n:Leo Whitaker]] (4) presented at nursery "
     "with a burn to his palm. Mum's partner [[n:Ashley Crane]] gave conflicting explanations. "
     "Outcome: s47, CP medical today, [[n:Leo]] not to return home tonight; to stay with "
     "maternal grandparents at [[a:16 Rookery Lane]], Wantage [[p:OX12 8DS]]."),
    ("social_care",
     "[[n:Chelsea Rimmer]] has been going missing to London, says she goes to watch "
     "[[x:Chelsea]] play with her 'boyfriend' who goes by [[k:KJ]]. [[k:KJ]] is 22. "
     "[[n:Chelsea]] has a new phone ([[t:07700 900 812]]) and designer clothes. Referred to the "
     "exploitation hub. Mum [[n:Nicola]] feels she can't stop her."),
    ("social_care",
     "Private fostering assessment. [[n:Abdirahman Warsame]], born [[d:4 October 2009]], arrived "
     "from Kenya in August and lives with his mother's cousin [[n:Hodan Ali]] at "
     "[[a:Flat 31, Brindley Court]], Birmingham [[p:B8 2JN]]. Ms [[n:Ali]] works nights; "
     "[[n:Abdirahman]] often alone overnight. Interpreter (Somali) used."),
    ("social_care",
     "Home visit. Dad showed me the gas [[x:bill]] - £640 arrears. [[n:Callum]] (10) and "
     "[[n:Ellie]] (7) both home, poorly with colds. Dad ([[n:Bill Saunders]]) says [[n:Callum]] "
     "is being bullied at school and won't go in. Agreed to speak to the school's "
     "family support worker."),
    ("social_care",
     "Chronology extract:\n02/01/24 - [[n:Rhys Parry]] (DOB [[d:19.03.2011]]) excluded for "
     "fighting.\n09/01/24 - police called to [[a:61 Greystoke Avenue]], Hull - DA between Mum "
     "[[n:Carys Parry]] and [[n:Neil Baxter]].\n21/01/24 - [[n:Rhys]] MFH overnight, found at "
     "[[n:Baxter]]'s mother's house."),
    ("social_care",
     "Placement with Nan agreed as an interim measure. Nan is [[n:Margaret Doyle]] "
     "(b. [[d:1958]]), of [[a:5 St Anne's Court]], Rotherham [[p:S65 2NH]]. Viability "
     "assessment to start this week. Nan has a caution from 2004 for shoplifting - to discuss "
     "with manager."),
    ("social_care",
     "[[n:Rocky]] (9) seen at school with Mum [[n:Tanya Birch]]. [[n:Rocky Birch]]'s behaviour "
     "has improved since the last review. Mum says things with Dad are [[x:rocky]] again and he "
     "may be moving back in. Reminded Mum of the written agreement."),
    ("social_care",
     "IRO [[n:Penny Ashworth]] asked for the care plan before the review on the 22nd. Also "
     "raised that [[n:Kayden]]'s pocket money has not been paid - not a [[x:penny]] since March. "
     "Carer Mr [[n:Devlin]] said he had been told to wait for the finance team."),
    ("social_care",
     "Supervised contact at the family centre. Mum [[n:Shabana Iqbal]] arrived 20 mins late. "
     "Children [[n:Zara]], [[n:Hamza]] and baby [[n:Aleena]] pleased to see her. Mum asked for "
     "her new number to be passed on: [[t:07700 900-649]]. Contact worker [[n:Joy Mensah]] noted "
     "Mum was tearful at the end."),
    ("social_care",
     "Anon referral: children at [[a:12a Foxglove Road]], Norwich [[p:NR3 2QZ]] seen out late, "
     "one girl around 13 known locally as [[k:Bubbles]] getting into cars on Magdalen Street. "
     "Checks: household is [[n:Leigh Cartwright]] and children [[n:Summer-Rose]] (13) and "
     "[[n:Jayden Cartwright]] (11)."),
    ("social_care",
     "CLA review - [[n:Tyler-James MORGAN]] ([[d:02/02/2013]]). IRO: [[n:Helen Achebe]]. "
     "Placement: residential. [[n:Tyler-James]] says he likes staff member [[n:Dev]] but hates "
     "the food. Social worker [[n:Oscar Lindqvist]] to arrange contact with brother "
     "[[n:Kaiden]]."),
    ("social_care",
     "[[n:Harriet]] (11) told her foster carer that a man she calls [[k:Uncle Pip]] used to come "
     "round when Mum was out. Mum ([[n:Joanne Kettle]]) has previously said she has no brothers. "
     "[[n:Harriet Kettle]] to have an ABE interview. Police informed: DC [[n:Naylor]]."),
    ("social_care",
     "Family now living at [[a:The Old Forge, Mill Lane]], Kirtlington, rented privately from "
     "Mr [[n:Gerald Ames]]. Mum says the rent is cheap because she cleans for him. Children "
     "registered at the village primary. Landlord's number [[t:01632 960071]]."),
    ("social_care",
     "RHI: [[n:Keeley Hirst]] said she was picked up by [[k:Tash]]'s older brother in an old "
     "BMW, reg she remembers as [[v:B623 TYJ]]. They drove to Skegness and stayed in a "
     "caravan. [[n:Keeley]] would not say who else was there."),
    ("social_care",
     "Neglect visit. Front garden overgrown, [[x:ivy]] across the front window so the house is "
     "dark inside. [[n:Ivy Lamb]] (3) in a heavy nappy. Mum [[n:Kirsty Lamb]] says she has "
     "been unwell. [[n:Ivy]]'s HV [[n:Ann-Marie Doran]] not seen her since January."),
    ("social_care",
     "PA visit to [[n:Mustafa Ahmadi]] (18, care leaver, former UASC) at his flat, "
     "[[a:Flat 5, 220 Stretford Road]], Manchester [[p:M15 5DL]]. He has a new number "
     "[[t:07700 900 990]]. Says men from his old placement keep asking him to hold bags for "
     "them. Advised and passed to the CCE lead."),
    ("social_care",
     "Christmas visit - [[n:Holly]] showed me the decorations she made with [[x:holly]] from "
     "the garden. [[n:Holly Brennan]] is 6 and doing well in year 1. Dad [[n:Connor Brennan]] "
     "managing better with the support from Home-Start."),
    # --- education -----------------------------------------------------------
    ("education",
     "Lunchtime: [[n:Ayaan Chaudhry]] (Y4) said his dad [[n:Imtiaz]] smacked him 'with a "
     "slipper' because he lost his coat. No marks seen. Spoke to DSL Mrs [[n:Hargreaves]] who "
     "phoned MASH - advice to speak to parents. Mum [[n:Rubina Chaudhry]] called on "
     "[[t:0121 496 0219]]."),
    ("education",
     "[[n:Lacey-Jo Hart]] Y10 told form tutor she's 'with' a lad called \"[[k:Smokey]]\" who is "
     "19 and has a car. Tutor Mr [[n:Fielding]] passed this on. [[n:Lacey-Jo]] has had 5 lates "
     "this week and been seen getting into a car on Pellow Road after school."),
    ("education",
     "Dad ([[n:Piotr Zielinski]]) came in angry at pick up and grabbed [[n:Kacper]] by the arm "
     "hard enough to make him cry. Witnessed by Miss [[n:Quinn]] and the caretaker. "
     "[[n:Kacper Zielinski]] DOB [[d:11.06.2015]]. Home: [[a:4 Sefton Terrace]]. DSL to "
     "call MASH for advice."),
    ("education",
     "School nurse drop-in: [[n:Maisie]] (Y9) says she's been self-harming since her older "
     "cousin [[n:Brandon Pike]] aka [[k:Bran]] started 'bothering' her at family parties. "
     "[[n:Maisie]] does not want Mum told. DSL informed, consultation with MASH."),
    ("education",
     "Attendance call log: [[n:Reggie Hollis]] absent. Called [[t:07700900503]] - no answer. "
     "Called second contact Nan ([[n:Pauline Hollis]]) on [[t:01632960771]], who says he is with "
     "Dad in Skegness. Term-time holiday not authorised."),
    ("education",
     "Y6 pupil [[n:Hawa Conteh]] told her teacher she is going 'home' to Sierra Leone in the "
     "summer for a special ceremony 'to become a woman'. Older sister [[n:Isatu]] already went "
     "last year. DSL [[n:Adrian Pole]] rang MASH 11:20 - FGM risk. Family address "
     "[[a:33 Nightingale Walk]], Croydon [[p:CR0 3XW]]."),
    ("education",
     "HSB incident on the field at lunch: [[n:Finley]] (Y5) pulled down "
     "[[n:Olivia-Grace]]'s shorts in front of others. [[n:Olivia-Grace]] very upset. Parents of "
     "both informed. [[n:Finley]]'s mum says his older brother [[n:Kade]] shows him things on "
     "his phone. Brook traffic light tool - amber."),
    ("education",
     "Parent Mrs [[n:Christine Lowe]] has written to say she is deregistering [[n:Jake]] to "
     "home educate. [[n:Jake]] has been on a reduced timetable since February and there are "
     "open concerns about Mr [[n:Lowe]]. Notify the EHE team and the allocated SW."),
    ("education",
     "Concern from PE: [[n:Ruby Akhtar]] refused to change for PE again; bruising seen on her "
     "upper arms when her sleeve rode up. [[n:Ruby]] said she 'fell off the trampoline at her "
     "cousin's'. Third time this half term. Mum's mobile [[t:+44 7700 900 457]]. Referral to "
     "MASH 14:40."),
    ("education",
     "It was [[x:sunny]] so Y8 were out on the field at lunch. [[n:Sunny Kaur]] was seen "
     "crying by the fence. She told Mr [[n:Okafor]] a girl from Y11 had posted her address, "
     "[[a:71 Coppice Road]], in a group chat and said people will 'come for her'."),
    # --- emergency department --------------------------------------------------
    ("health_emergency",
     "Triage 23:40. [[n:Kyra Sutton]], 15, DOB [[d:2009-01-22]]. BIBA from "
     "[[a:Flat 9, 14 Cromwell Road]] ?spiking. Drowsy, GCS 14. States she was at a party with "
     "boys in their 20s. [[n:Kyra]]'s mum ([[n:Tina]]) on [[t:07700 900 136]] informed, on her "
     "way. Paeds liaison form done."),
    ("health_emergency",
     "6 week old [[n:Noah Pritchard]] brought in by parents [[n:Courtney Lyle]] and "
     "[[n:Dean Pritchard]] with a bruise to R cheek. Parents say older sibling ([[n:Archie]], 2) "
     "hit him with a toy. Bruising in a non-mobile infant - safeguarding protocol. Skeletal "
     "survey and CT head requested. MASH and police informed. Family address "
     "[[a:77 Poplar Avenue]], Stoke [[p:ST6 3JN]]."),
    ("health_emergency",
     "17M stab wound R buttock. Calls himself [[k:Ghost]], would not give real name. Later "
     "identified by police as [[n:Marcus Oyelaran]] (DOB [[d:14 Jan 2007]]). Two friends in the "
     "waiting room became aggressive and were removed by security."),
    ("health_emergency",
     "Pt [[n:Elif Yildiz]], 14yo F. OD 12 x 500mg paracetamol ~1900. Lives with parents at "
     "[[a:203 Tollard Parade]], Tottenham. Father's phone [[t:020 7946 0528]]. She says there "
     "are arguments at home about a boyfriend. Psych liaison and CAMHS referral."),
    ("health_emergency",
     "[[n:Shannon Toal]], 15, attends c/o abdominal pain, positive pregnancy test. States the "
     "father is [[n:Kane]], 'about 20'. Lives with Nan at [[a:6 Chestnut Mews]]. Midwife and "
     "safeguarding team informed. Nan's number [[t:0113 496 0712]]."),
    ("health_emergency",
     "Seen by Dr [[n:Olamide Fashola]] (ED reg) 0215. [[n:Theo Marsden]], 3, ingestion of "
     "unknown tablets found in Dad's jacket. Dad [[n:Lewis Marsden]] says they are 'just "
     "vitamins'. Toxbase checked. For obs 6h. Duty SW [[n:Grainne Boyle]] informed via EDT "
     "([[t:0161 496 0955]])."),
    ("health_emergency",
     "Security report: teenage girl brought to the ED doors by a man in a black Mercedes "
     "[[v:KM70 OYT]] who drove off immediately. Girl gave her name as '[[n:Lola Smith]]'; later "
     "found to be [[n:Daniella Kurti]], DOB [[d:30.04.08]], missing from care in Croydon."),
    ("health_emergency",
     "[[n:Jermaine Clarke-Henry]] d.o.b. [[d:07/11/06]] attended with youth worker "
     "[[n:Ali Demir]] after being assaulted in Tottenham; laceration above L eye. Pt reluctant to "
     "engage. Youth worker says he is 'known to people'. Youth worker contact "
     "[[t:020 7946 0144]]."),
    ("health_emergency",
     "Pt [[n:Samira Haddad]] (34) presenting with facial injuries, states she walked into a "
     "door. Children [[n:Yousef]] (6) and [[n:Lina]] (4) with her in the cubicle. On private "
     "questioning disclosed husband [[n:Khalid]] hits her. Safe number [[t:07700 900 058]] - "
     "do not call home phone. IDVA paged."),
    ("health_emergency",
     "ATMIST: 14YR M [[n:CONNOR WALSH]]. FALL FROM HEIGHT APPROX 3M FROM GARAGE ROOF AT "
     "[[a:21 ALDER CLOSE]], HEYWOOD. FRIENDS REPORT SMOKING CANNABIS PRIOR. GCS 15. MUM "
     "[[n:SIOBHAN]] EN ROUTE, [[t:07700 900 771]]."),
    # --- sexual health ---------------------------------------------------------
    ("health_sexual",
     "U16 proforma: [[n:Destiny Okoro]] (DOB [[d:13th August 2009]]) attended with a friend. "
     "Requests the pill. Boyfriend [[n:Tobi]] is 17. No concerns re coercion. [[n:Destiny]] is "
     "Fraser competent. Text results to [[t:07700 900 602]]."),
    ("health_sexual",
     "Pt disclosed she is paid for sex by men who message her on Snapchat, one she calls "
     "[[k:Daddy K]]. She is 16. Name: [[n:Roxanne Gilmour]]. Address given as "
     "[[a:Room 12, 4 Station Approach]], Blackpool [[p:FY1 4QB]]. Referral to MASH and the "
     "exploitation team."),
    ("health_sexual",
     "[[n:Arjun Mehta]] (15) attends for STI screen after sex with a 26yo man he met on an app "
     "and knows only as [[n:Chris]]. Met at the man's car in a car park. Child sexual "
     "exploitation - referral made, [[n:Arjun]] agrees to police being told."),
    ("health_sexual",
     "Outreach nurse saw [[n:Kelsey Hughes]] (14) get into a silver Ford Fiesta [[v:FJ14 ZRL]] "
     "outside clinic; driver adult male, approx 30s. Info passed to police via 101 and to her "
     "SW [[n:Martina Costa]]."),
    ("health_sexual",
     "PN contact slip. Index: [[n:ADEBAYO, Femi]] (b. [[d:1999]]), gonorrhoea. Contacts named: "
     "[[n:Ife]] (girlfriend) and 'a girl from college' - no further details. Tel "
     "[[t:07700 900 019]]."),
    ("health_sexual",
     "Requests covert contraception as partner [[n:Reece Dolan]] 'won't let' her take the pill. "
     "[[n:Gemma Beattie]], 19, has a 1yo, [[n:Lexi]]. DASH completed in clinic: 15 ticks. "
     "MARAC referral. Safe contact via sister [[n:Louise]] on [[t:0114 496 0863]]."),
    ("health_sexual",
     "[[n:Honey Barker]] (16) back for results: chlamydia positive. Partner [[n:Josh]], 18, "
     "treated at the Sunderland clinic. No concerns. Mum aware and supportive."),
    ("health_sexual",
     "Referral to SARC. [[n:Maja Lindgren]] (17), assaulted after a party at "
     "[[a:9 Calder Row]], Huddersfield [[p:hd1 5ny]] on Sat night. Knows the male as "
     "[[k:Fitzy]]. Police not yet informed, pt considering. ISVA [[n:Rachel Ingham]] to call her "
     "on [[t:+44 7700 900 832]]."),
    ("health_sexual",
     "14yo ([[d:03.10.2010]]) requesting condoms. Goes by [[k:Lulu]]; legal name "
     "[[n:Lucia Ferreira]]. Staying at her boyfriend's with his mum. Boyfriend 17. "
     "[[n:Lucia]] says her own mum doesn't know where she is."),
    ("health_sexual",
     "Safeguarding supervision: discussed [[n:Nasima]] (case 3). Older male "
     "[[n:Shahid Mirza]] booked her appointment from his own phone, [[t:0121 496 0433]], and "
     "waited outside in [[v:BV66 HCE]]. [[n:Nasima]] is 15. Agreed to share with police and "
     "MASH today."),
]


# ---------------------------------------------------------------------------
# Notes with nothing to mask (event dates, ages, times, references, places, words
# that are also names, used in their ordinary sense)
# ---------------------------------------------------------------------------

NOTHING = [
    # --- police --------------------------------------------------------------
    ("police",
     "Occ 24*118273. Reports of youths throwing stones at buses on Northgate, Rochdale between "
     "1900 and 2130hrs. Group of approx 6, aged 13-15, one on a black Surron. Area searched by "
     "PC 2291 and PCSO 7718, no trace. NFA. Update to the neighbourhood team."),
    ("police",
     "RTC on the M62 eastbound between J26 and J27 at 0715hrs. Silver Ford Focus vs white "
     "Transit van. Rear seat passenger aged 9 taken to Pinderfields with minor injuries, father "
     "driving. No safeguarding concerns identified. Log 0342 of 14/05/2024."),
    ("police",
     "Crime ref 43240098817 - theft of pedal cycle from outside Greggs, Market Street, Wigan. "
     "Victim is a 14yo boy, told 'get off it, sonny' by the suspect. CCTV requested from the "
     "council. Suspect described as male, teens, black Nike tech fleece, rode off towards the "
     "bus station."),
    ("police",
     "MFH returned. YP walked into Cowley police station at 0215hrs, said she had spent the "
     "night at a friend's on the Rose Hill estate. Would not give the friend's address. Safe "
     "and well done by PS 1409. Tired but uninjured. Return home interview to be offered by "
     "the missing team within 72hrs."),
    ("police",
     "Exhibit MB/4 - red Nokia handset, cracked screen, SIM removed. Found in the footwell of "
     "a blue Vauxhall Astra stopped on the A40 at Headington roundabout. Exhibit MB/5 - 2 x "
     "snap bags of brown powder. Both booked into property at St Aldates under 24-001187."),
    ("police",
     "Dispersal order authorised by Insp 0921 for Bolton town centre, 1800hrs Fri to 0600hrs "
     "Sun, following fights involving school-age youths near Crompton Place and Victoria "
     "Square. Extra patrols from the Farnworth NPT."),
    ("police",
     "CONCERN FOR WELFARE. FEMALE APPROX 16 SEEN GETTING INTO A WHITE BMW 1 SERIES OUTSIDE "
     "MCDONALDS ON WESTGATE, PETERBOROUGH AT 2240. VRM NOT OBTAINED. CALLER WORKS AT THE TAXI "
     "RANK AND DID NOT KNOW HER. UNITS UNABLE TO TRACE. LOG 2211 29/11."),
    ("police",
     "Stop search under s23 MDA at 1530 on Park Lane, Oldbury. Two males aged 16 and 17, "
     "strong smell of cannabis. Nothing found. Both given a copy of the search record. BWV "
     "ref 24-7718-A. No further action."),
    ("police",
     "Neighbour reports a steady stream of cars calling at a flat above the bookies on Bridge "
     "Street from dawn until late. Short visits, 2-3 mins. Several young people in school "
     "uniform seen. Intel only, no flat number confirmed. Passed to the NPT sergeant."),
    ("police",
     "Section 136: adult male detained on the Humber Bridge at 0340hrs. No children resident "
     "at his address per PNC/PND checks. Taken to the place of safety at Hull. Nothing further "
     "for CSC."),
    ("police",
     "Input delivered to Year 9 at Highfield Academy on knife crime and county lines. Three "
     "pupils stayed behind to ask about CCE. No disclosures. The bill for the coach to the "
     "Crown Court visit goes to the Community Safety Partnership."),
    ("police",
     "Pursuit ended on the A6 at Longsight. Stolen black Range Rover, 3 occupants decamped on "
     "Crystal Street, 1 detained (17yo male), 2 outstanding. Helicopter NPAS 41 assisted. "
     "Detained male's mum attended custody at 0400."),
    ("police",
     "Briefing for Operation Holly: hotel checks in Leeds city centre on Fri and Sat nights re "
     "CSE. Staff at 14 hotels to be reminded about the 'say something if you see something' "
     "cards. 2 x PCSOs per shift, report to Elland Road at 1900."),
    # --- social care -----------------------------------------------------------
    ("social_care",
     "Strategy meeting held 10:30 on 12/03/2024 via Teams. Present: SW, police DS from the "
     "CAIT, school DSL, school nurse, paediatrician. Agreed threshold met for s47 joint "
     "investigation. ABE interview to be arranged for Thursday. Next meeting in 10 working "
     "days."),
    ("social_care",
     "Duty note: anonymous call from a neighbour, worried about children left alone in a flat "
     "in the tower block on Hulme High Street. Caller did not know the flat number. Believes "
     "the children are about 4 and 6. Passed to police for a welfare check, log 1123 of "
     "today."),
    ("social_care",
     "Team meeting: all MFH return interviews must be offered within 72 hours. Faith groups "
     "outreach session on Wednesday at the mosque on Stockport Road and St Mark's church hall, "
     "6pm. Honey the therapy dog visits the office on Friday."),
    ("social_care",
     "Placement request: 15yo female, high risk CSE, missing x9 in 6 weeks. Needs a solo "
     "placement outside the city, at least 30 miles from Manchester. Commissioning searching. "
     "Interim: emergency foster placement with the out-of-hours carers."),
    ("social_care",
     "Allocated to the court team. Pre-proceedings letter sent 04/06. PLO meeting booked for "
     "18/06 at the Civic Centre, Oldham. Parents advised to seek legal advice - list of "
     "solicitors given. Next CP conference 2nd July."),
    ("social_care",
     "Family relationships remain rocky. Dad says he hasn't got a penny until payday on the "
     "28th. Food bank referral made to the Trussell Trust site on Church Road. Electric on "
     "emergency credit. Grandparents away until Monday for their ruby wedding. Child seen, "
     "happy and chatty."),
    ("social_care",
     "Chronology: 14/02/24 notification from Thames Valley Police of DA incident, child "
     "present. 20/02/24 school report child tired and hungry. 01/03/24 ED attendance at the "
     "Royal Berkshire, head injury, fall from sofa. 02/03/24 MASH screening, threshold for "
     "assessment met."),
    ("social_care",
     "Young carers assessment completed. YP (13) cares for Mum who has MS. Referred to the "
     "Carers Trust young carers group which meets at the Jasmine Centre on Thursdays. YP "
     "enjoys it and wants to keep going."),
    ("social_care",
     "EDT log 0130: police requested a bed for a 16yo boy who cannot return home tonight after "
     "an argument. No emergency foster carers available; YP placed at the Premier Inn, "
     "Sheffield with two support workers until 0900. Day team to pick up."),
    # --- education -----------------------------------------------------------
    ("education",
     "Y10 boy reported that an older lad in a black Audi has been waiting outside the school "
     "gates on Cedar Road at 3.15pm most days this week. Site team asked to monitor. PCSO "
     "informed. No pupil named at this stage."),
    ("education",
     "Assembly on healthy relationships delivered by Brook to Y9 and Y10. Two pupils asked to "
     "speak to someone afterwards; both referred to the school counsellor, no safeguarding "
     "concerns."),
    ("education",
     "Lockdown drill at 10.20am went well. The bell rang late in the science block, site "
     "manager to check. Gate code changed. Visitors must sign in at main reception and wear a "
     "red lanyard."),
    ("education",
     "Staff training 5th Sept: KCSIE 2024 updates, online safety, harmful sexual behaviour. "
     "Delivered by the DSL and deputy DSL. Sign-in sheet in the safeguarding office. Those "
     "absent to complete the online module by half term."),
    ("education",
     "Y7 pupil upset at lunch, said older students called her names on the bus home (number "
     "43 from Moss Side). Head of year to speak to the bus company and check CCTV. Parents to "
     "be informed by phone this afternoon."),
    # --- emergency department --------------------------------------------------
    ("health_emergency",
     "16yo male BIBA from Meadowhall after collapse. Alcohol ++. Friends say he drank a bottle "
     "of vodka at the bus station. Obs stable. Mum en route. No safeguarding concerns beyond "
     "alcohol; letter to school nurse."),
    ("health_emergency",
     "Paeds ED handover 0800: 3 patients awaiting CAMHS review, cubicles 4, 7 and 12. Bed 7 "
     "(14F) OD 20 x sertraline, medically fit from 1400. Police aware of bed 12 (15M) - stab "
     "wound, officer on scene."),
    ("health_emergency",
     "RTC on the M1 J33: 4 casualties incl. 2 children aged 6 and 9, rear seat, belted. Both "
     "minor injuries, discharged with parents. Sheffield Children's informed as a courtesy."),
    ("health_emergency",
     "Dog bite to R hand, 8yo, family's own dog (Staffie). Dressing applied, tetanus up to "
     "date. Safeguarding checklist completed - no concerns. Advice re supervision given to "
     "dad."),
    ("health_emergency",
     "Adult female attended, ?crystal meth use, paranoid. No children in her care; states they "
     "live with their father in Swindon. Checked - no CP plan. Mental health liaison "
     "referral."),
    # --- sexual health ---------------------------------------------------------
    ("health_sexual",
     "Clinic session Tues pm: 22 attendances, 4 under 16s. All seen with the Spotting the "
     "Signs proforma. One referral to MASH made by the lead nurse. C-card registrations x6."),
    ("health_sexual",
     "15yo attends for chlamydia test, partner the same age, met at school. Fraser competent. "
     "No age gap, no coercion. Encouraged to talk to a parent. Results by text."),
    ("health_sexual",
     "Outreach van at the bus station Friday 8-10pm with the Safer Streets team. Talked with 11 "
     "young people about consent and contraception. Free chlamydia kits handed out. Waiting "
     "room TV stuck on Sky News again - IT ticket raised."),
    ("health_sexual",
     "Pt (17) asking about PrEP, attended alone. Lives in supported accommodation in Reading. "
     "Discussed condoms and PEP. No safeguarding concerns. Follow up 3/12."),
    ("health_sexual",
     "Young person (14) asking for the morning after pill; had sex with boyfriend (15) on "
     "Saturday. No concerns re coercion or exploitation after full assessment. Levonelle given "
     "1400hrs. Advised to test in 3 weeks."),
]


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------


def build() -> list[dict]:
    rng = random.Random(SEED)
    notes: list[tuple[str, str, list[dict]]] = []
    for tpl in TEMPLATES:
        for _ in range(TEMPLATE_USES):
            text, ents = fill_template(tpl, rng)
            notes.append((tpl["src"], text, ents))
    for src, marked in HAND:
        text, ents, exempt = parse(marked)
        problems = check(text, ents, exempt) + shape_problems(ents)
        if problems or not ents:
            raise SystemExit(f"hand-written note needs fixing: {text[:70]!r}: {problems or 'no entities'}")
        notes.append((src, text, ents))
    for src, marked in NOTHING:
        text, ents, exempt = parse(marked)
        if ents:
            raise SystemExit(f"note meant to have nothing to mask has entities: {text[:70]!r}")
        notes.append((src, text, []))
    rng.shuffle(notes)
    out = []
    for i, (src, text, ents) in enumerate(notes, 1):
        ents = sorted(ents, key=lambda e: e["start"])
        out.append({"id": f"b{i:03d}", "source_kind": src, "text": text, "entities": ents})
    validate(out)
    return out


def validate(notes: list[dict]) -> None:
    kinds = set(KINDS.values())
    ids = set()
    for n in notes:
        assert n["id"] not in ids, n["id"]
        ids.add(n["id"])
        assert n["source_kind"] in SOURCE_KINDS, n
        last_end = -1
        for e in n["entities"]:
            assert e["kind"] in kinds, e
            assert n["text"][e["start"]:e["end"]] == e["text"], (n["id"], e)
            assert e["start"] >= last_end, (n["id"], "overlap", e)
            assert e["end"] > e["start"], (n["id"], e)
            last_end = e["end"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the notes")
    args = ap.parse_args(argv)
    notes = build()
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        for n in notes:
            fh.write(json.dumps(n, ensure_ascii=False) + "\n")
    print(f"wrote {len(notes)} notes to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
