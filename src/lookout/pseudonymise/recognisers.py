"""Finding identifiers that have a fixed shape: postcodes, phone numbers, vehicle
registration marks, e-mail addresses, street addresses and dates of birth.

Each recogniser takes a note's text and returns the `Span`s it found. The shapes follow
published formats, and each one is guarded against the ordinary codes and numbers that fill
agency notes (officers' collar numbers, DfE attendance codes, crime outcome numbers, times,
NHS numbers, event dates): where a shape alone is not enough, a nearby word must say what the
thing is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from lookout.pseudonymise.spans import Span

__all__ = ["DATE", "addresses", "dates_of_birth", "emails", "phones", "postcodes", "vehicles"]


# Royal Mail's postcode format (Royal Mail, "Programmers' Guide to the Postcode Address
# File", and its letter rules as written in Presidio's UkPostcodeRecognizer): an outward
# code A9, A99, A9A, AA9, AA99 or AA9A, then an inward code 9AA. Letters that never appear
# in a position are left out, which keeps most words and codes from matching.
_POSTCODE = re.compile(
    r"\b(?:GIR[ \t]?0AA"
    r"|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)"
    r"[ \t]{0,2}[0-9][ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)
_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)$")


def postcodes(text: str) -> list[Span]:
    """Full UK postcodes in any case, with or without the space ("OX4 1AB", "ox41ab").
    An outward code alone ("OX4") is an area, not an address, and is left visible."""
    found = []
    for m in _POSTCODE.finditer(text):
        # "y10 2nd" (year 10, second term) has a postcode's shape; real ones are not written
        # as lower-case ordinals.
        if not m.group().isupper() and _ORDINAL.search(m.group()):
            continue
        found.append(Span(m.start(), m.end(), "postcode", m.group(), "postcode-pattern"))
    return found


# Ofcom's National Telephone Numbering Plan: a UK number is 0 followed by a 9- or
# 10-digit national significant number whose first digit says the service (1, 2 and 3
# geographic or national, 5 corporate, 7 mobile and personal, 8 freephone, 9 premium), or
# +44 / 0044 and the same number without its 0, sometimes written +44 (0).
_PHONE = re.compile(
    r"(?<![\w+/.-])(?P<prefix>(?:\+|00)[ \t]?44[ \t.-]?(?:\(0\)[ \t.-]?)?|\(?0)"
    r"[1235789][\d \t().-]{7,16}\d(?![\w/])")
_PHONE_SEPARATORS = " \t().-"


def _phone_end(text: str, match: re.Match[str]) -> int | None:
    """Where the phone number matched ends: after the first 10 digits that follow the 44 or
    the 0 (9 if only 9 are there); None if its digits run on with no break."""
    digits, cut = 0, None
    for at in range(match.end("prefix"), match.end()):
        if text[at].isdigit():
            digits += 1
            if digits in (9, 10):
                cut = at + 1
            elif digits == 11:
                # An 11th digit right after the 10th belongs to a longer number: not a phone.
                return None if text[at - 1].isdigit() else cut
    return cut


def phones(text: str) -> list[Span]:
    """UK mobile and landline numbers: 07700 900123, (01632) 960001, 020 7946 0000,
    +44 7700 900123, 0044 (0)7700-900-123. Dates, times, crime numbers and NHS numbers do
    not start with 0 or +44 followed by a service digit, or have too few digits."""
    found = []
    for m in _PHONE.finditer(text):
        end = _phone_end(text, m)
        if end is None:
            continue
        end = len(text[m.start():end].rstrip(_PHONE_SEPARATORS)) + m.start()
        found.append(Span(m.start(), end, "phone", text[m.start():end], "phone-pattern"))
    return found


# DVLA registration number formats (DVLA, "INF104: Vehicle registration numbers and number
# plates"): current since 2001 "AB12 CDE" (two memory-tag letters, an age identifier 02-29
# for March or 51-79 for September, three random letters); prefix 1983-2001 "A123 BCD";
# suffix 1963-1983 "ABC 123D". I, Q and Z are left out where the DVLA does not issue them.
_VRM_CURRENT = re.compile(
    r"\b[A-HJ-PR-Y]{2}(?:0[2-9]|[12][0-9]|5[1-9]|[67][0-9])[ \t-]?[A-HJ-PR-Z]{3}\b",
    re.IGNORECASE)
_VRM_OLDER = re.compile(
    r"\b(?:[A-HJ-NPR-TV-Y][0-9]{1,3}[ \t-]?[A-HJ-PR-Y][A-HJ-PR-Z]{2}"
    r"|[A-HJ-PR-Z]{3}[ \t-]?[0-9]{1,3}[ \t-]?[A-HJ-NPR-TV-Y])\b", re.IGNORECASE)
# Words that say a nearby code is a vehicle: registration words, vehicle types and the
# makes and models most often named in police intelligence.
_VEHICLE_CUE = re.compile(
    r"\b(?:reg(?:istration|istered|\.)?|vrm|vrn|index|plates?|number ?plate|vehicle|car|cars"
    r"|van|taxi|cab|minicab|uber|motorbike|moped|scooter|4x4|suv|jeep|hatchback|saloon|pick-?up"
    r"|ford|vauxhall|bmw|audi|mercedes|merc|vw|volkswagen|toyota|nissan|peugeot|renault|citroen"
    r"|honda|kia|hyundai|fiat|seat|skoda|mini|land ?rover|range ?rover|jaguar|volvo|mazda"
    r"|suzuki|lexus|tesla|golf|corsa|astra|focus|fiesta|polo|prius|qashqai|transit|clio|yaris"
    r"|veh|keeper|pnc|driv(?:e|es|er|ers|en|ing)|drove|parked|anpr)\b", re.IGNORECASE)


def _vehicle_cue_near(text: str, start: int, end: int) -> bool:
    """Whether a vehicle word is within 60 characters before or 40 after, on the same line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, start - 60):start]
    after = text[end:min(line_end, end + 40)]
    return bool(_VEHICLE_CUE.search(before) or _VEHICLE_CUE.search(after))


def _mostly_capitals(text: str) -> bool:
    """Whether the note is written in capitals, where a capitalised code says nothing."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def vehicles(text: str) -> list[Span]:
    """UK vehicle registration marks. A current-format mark in capitals ("AB12 CDE",
    "AB12CDE") is taken on its shape. The older prefix and suffix formats ("P734 GHN",
    "ABC 123D"), which codes and words also fit ("CIN 11A", "A34 and"), are taken in capitals
    in a note not written in capitals, if their letters are not an agency acronym; otherwise
    they, and a current mark in lower case, need a vehicle word nearby and letters that are
    not an ordinary short word."""
    from lookout.pseudonymise.lexicon import NOT_NAMES

    found = []
    for m in _VRM_CURRENT.finditer(text):
        if m.group().isupper() or _vehicle_cue_near(text, m.start(), m.end()):
            found.append(Span(m.start(), m.end(), "vehicle", m.group(), "vrm-current"))
    capitals = _mostly_capitals(text)
    for m in _VRM_OLDER.finditer(text):
        letters = [w.lower() for w in re.findall(r"[A-Za-z]{2,}", m.group())]
        acronym = any(word in NOT_NAMES for word in letters)
        if m.group().isupper() and not capitals and not acronym:
            found.append(Span(m.start(), m.end(), "vehicle", m.group(), "vrm-older"))
        elif (_vehicle_cue_near(text, m.start(), m.end()) and not acronym
              and (m.group().isupper() or not any(word in STOP_WORDS for word in letters))):
            found.append(Span(m.start(), m.end(), "vehicle", m.group(), "vrm-older-with-cue"))
    return found


_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")


def emails(text: str) -> list[Span]:
    """E-mail addresses (a plain pattern: no look-up of the domain)."""
    return [Span(m.start(), m.end(), "email", m.group(), "email-pattern")
            for m in _EMAIL.finditer(text)]


# Thoroughfare types, as in the thoroughfare descriptors of Royal Mail's Postcode Address
# File, with the abbreviations notes use for them. The weak ones are also ordinary words
# ("a 5 minute walk"), so they count only after capitalised street words.
_STRONG_STREET_TYPES = (
    "road rd street st avenue ave av lane ln close cl court ct crt drive dr gardens gdns "
    "terrace terr ter crescent cres place pl square sq grove gr mews parade pde boulevard blvd "
    "highway hwy").split()
_WEAK_STREET_TYPES = (
    "way walk park hill view green rise row gate mount vale fields meadows meadow house "
    "tower towers lodge estate wharf quay yard passage hollow end croft chase heights approach "
    "villas cottages mansions buildings circus parkway broadway paddocks orchard maltings "
    "spinney point").split()
_STREET_TYPE = "|".join(sorted(_STRONG_STREET_TYPES + _WEAK_STREET_TYPES, key=len, reverse=True))
_ADDRESS = re.compile(
    r"\b(?P<unit>(?:flat|apartment|apt\.?|room|unit|bedsit|studio|maisonette|plot|pitch)[ \t]+"
    r"(?:no\.?[ \t]*)?(?:\d{1,4}[A-Za-z]?|[A-Za-z])\b,?[ \t]+"
    # a block named between the flat and the house number: "Flat 43, Wexcombe Point, 139 ..."
    r"(?:(?P<block>(?:[A-Za-z][A-Za-z'’.-]*[ \t]+){0,2}[A-Za-z][A-Za-z'’.-]*),[ \t]+(?=\d))?)?"
    r"(?P<number>\d{1,4}[A-Za-z]?(?:-\d{1,4}[A-Za-z]?)?,?[ \t]+)?"
    r"(?P<words>(?:[A-Za-z][A-Za-z'’.-]*[ \t]+){1,4}?)"
    rf"(?P<type>{_STREET_TYPE})\b"
    # a site on the street: "Plot 6, Hollow Lane Caravan Park"
    r"(?:[ \t]+(?:caravan|mobile[ \t]+home|residential|industrial|trading|business)"
    r"[ \t]+(?:park|estate|site))?", re.IGNORECASE)
# A house known by its name, then its street: "Rose Cottage, Mill Lane", "The Old Forge,
# Church Lane". The name ends in a word for a house, or follows a word that introduces an
# address ("lives at", "of", "address"), and is written with capitals, as the street is.
_HOUSE_WORDS = ("Cottage|Cottages|Farm|Farmhouse|House|Lodge|Barn|Forge|Granary|Mill|Manor|Hall"
                "|Villa|Bungalow|Grange|Rectory|Vicarage|Orchard|Stables|View|Nook|Oast|Croft")
_HOUSE_NAMED = re.compile(
    r"(?P<house>(?:The[ \t]+)?(?:[A-Z][A-Za-z'’-]*[ \t]+){0,2}[A-Z][A-Za-z'’-]*),[ \t]+"
    r"(?P<words>(?:[A-Z][A-Za-z'’.-]*[ \t]+){1,3})"
    rf"(?P<type>{_STREET_TYPE})\b".replace("(?P<type>", "(?P<type>(?i:") + ")")
_HOUSE_ENDS = re.compile(rf"(?:{_HOUSE_WORDS})$")
_ADDRESS_CUE = re.compile(
    r"(?:\b(?:at|of|address(?:[ \t]+given)?(?:[ \t]+as)?|lives[ \t]+at|moved[ \t]+to|c/o)"
    r"|(?<![\w/])c/o)[ \t:]*$", re.IGNORECASE)


def _is_street(words: list[str], street_type: str) -> bool:
    """Whether words + type read as a street name rather than ordinary prose."""
    for i, word in enumerate(words):
        if word.lower() in STOP_WORDS and not (i == 0 and word == "The"):
            return False
    if street_type.lower() in _STRONG_STREET_TYPES:
        return True
    return street_type[0].isupper() and all(word[0].isupper() for word in words)


def addresses(text: str) -> list[Span]:
    """Street addresses with a house, flat, room or plot number ("22 Park St", "45a Church
    Lane", "Flat 3, 22 Park Street", "Plot 6, Hollow Lane Caravan Park"), or a house's name
    ("Rose Cottage, Mill Lane"). A street named without a number or house ("seen on Cowley
    Road") is a place, not someone's address, and stays visible."""
    found = []
    for m in _ADDRESS.finditer(text):
        if not (m.group("unit") or m.group("number")):
            continue
        if _is_street(m.group("words").split(), m.group("type")):
            found.append(Span(m.start(), m.end(), "address", m.group(), "street-address"))
    if not _mostly_capitals(text):
        for m in _HOUSE_NAMED.finditer(text):
            house = m.group("house")
            named = _HOUSE_ENDS.search(house) or _ADDRESS_CUE.search(text, max(0, m.start() - 25),
                                                                     m.start())
            if named and _is_street(m.group("words").split(), m.group("type")):
                found.append(Span(m.start(), m.end(), "address", m.group(), "house-name"))
    return found


# Dates as UK notes write them: 03/04/1988, 3.4.88, 1988-04-03, 3rd April 1988,
# 3 Apr 88, April 3rd, 1988.
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?"
_DATE = (r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
         rf"|\d{{1,2}}{_MONTH}(?:\d{{4}}|\d{{2}})"
         rf"|{_DAY}(?:[ \t]+of)?[ \t-]+{_MONTH}[ \t,-]+(?:\d{{4}}|\d{{2}})"
         rf"|{_MONTH}[ \t]+{_DAY},?[ \t]+\d{{4}})(?![\d/])")
# A date is a date of birth when a cue comes just before it: DOB, D.O.B., date of birth,
# born (on), b.
_DOB_AFTER_CUE = re.compile(
    r"(?:\bd\.?[ \t]?o\.?[ \t]?b\b\.?|\bdate[ \t]+of[ \t]+birth\b|\bborn\b|(?<![\w.])b\.)"
    r"[ \t:;=,(-]*(?:(?:given|recorded|stated|confirmed|shown|listed)[ \t]+)?(?:(?:as|is|was|on)[ \t]+)?"
    rf"(?:the[ \t]+)?(?P<date>{_DATE})", re.IGNORECASE)
# A year of birth alone: "(b. 1988)", "born in 2006".
_YEAR_OF_BIRTH = re.compile(
    r"(?:\bborn[ \t]+in|(?<![\w.])b\.)[ \t]*(?P<date>(?:19|20)\d{2})\b(?![/.-]\d)", re.IGNORECASE)
_DATE_ALONE = re.compile(rf"\b{_DATE}", re.IGNORECASE)
DATE = _DATE
# Police and social care write a person's date of birth in brackets straight after the name:
# "Jade SMITH (03/04/2008)".
_AFTER_NAME = re.compile(r"[ \t]*[(,]?[ \t]*$")


def dates_of_birth(text: str, names: Iterable[Span]) -> list[Span]:
    """Dates of birth: a date right after a cue (DOB, born, b.) or in brackets right after a
    name. Other dates are events (a missing episode, an attendance) and stay visible."""
    found = [Span(m.start("date"), m.end("date"), "date_of_birth", m.group("date"), "dob-cue")
             for pattern in (_DOB_AFTER_CUE, _YEAR_OF_BIRTH) for m in pattern.finditer(text)]
    name_ends = {name.end for name in names}
    for m in _DATE_ALONE.finditer(text):
        gap = _AFTER_NAME.search(text, max(0, m.start() - 8), m.start())
        if gap and gap.start() in name_ends:
            found.append(Span(m.start(), m.end(), "date_of_birth", m.group(), "date-after-name"))
    return found
