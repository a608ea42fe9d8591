"""Standardising identity fields before they are compared.

Agencies write the same person differently: case, accents, apostrophes, hyphens, nicknames,
postcodes with or without a space, phone numbers in three styles, registrations with spaces.
Comparing raw values would turn every one of those into a disagreement, so each field is put
into one canonical form first (Christen, *Data Matching*, 2012, ch. 3: cleaning and
standardisation come before comparison).

Everything here is SQL macros run by the warehouse engine, so 12 million records cost one
set-based pass, not a Python loop; `apply` runs a macro on one value for tests and tools.
Macros are single expressions in functions both engines have (accents are folded by one
`translate` table rather than DuckDB's `strip_accents`), so Spark runs them unchanged.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import duckdb
import pyarrow as pa

from lookout.reference import load_name_variants, load_nicknames

__all__ = ["LINK_RECORDS_COLUMNS", "apply", "build_link_records", "install_macros",
           "nickname_groups"]

def _accent_table() -> tuple[str, str]:
    """Lower-case Latin letters with diacritics (Latin-1 Supplement and Latin Extended-A) and
    the plain letter each folds to: one `translate` that every engine runs alike."""
    accented, plain = [], []
    for code in range(0x00C0, 0x0180):
        letter = chr(code)
        base = unicodedata.normalize("NFKD", letter)[0]
        if letter.islower() and base.isascii() and base.isalpha() and base != letter:
            accented.append(letter)
            plain.append(base)
    return "".join(accented), "".join(plain)


_ACCENTED, _PLAIN = _accent_table()

# Letters of a name only: accents folded, apostrophes and full stops dropped (O'Neill ->
# oneill), every other separator (hyphen, comma, double space) made one space.
_NAME = f"""
    CREATE OR REPLACE TEMP MACRO lk_name(x) AS nullif(trim(regexp_replace(
        regexp_replace(translate(lower(CAST(x AS VARCHAR)), '{_ACCENTED}', '{_PLAIN}'), '[''’.`]', '', 'g'),
        '[^a-z]+', ' ', 'g')), '')"""

# The first given name: middle names are recorded by some agencies and not others.
_FORENAME = """
    CREATE OR REPLACE TEMP MACRO lk_forename(x) AS nullif(split_part(lk_name(x), ' ', 1), '')"""

# A surname as one token (hyphenated and double-barrelled names joined), and its parts, so
# "Smith-Jones" can agree with "Smith" at a level of its own.
_SURNAME = """
    CREATE OR REPLACE TEMP MACRO lk_surname(x) AS nullif(replace(lk_name(x), ' ', ''), '')"""
_SURNAME_PARTS = """
    CREATE OR REPLACE TEMP MACRO lk_surname_parts(x) AS
        CASE WHEN lk_name(x) IS NULL THEN NULL ELSE list_sort(list_distinct(string_split(lk_name(x), ' '))) END"""

# UK postcode in its published form: outward code, one space, inward code (ONS Postcode
# Directory). A value of another shape is kept as text (a neighbouring country's postcode, an
# Australian four-digit one), upper case without spaces, when it holds a digit; words such as
# "N/A" or "unknown" and the NHS's pseudo-postcodes for no fixed abode (ZZ99) are not places.
_POSTCODE_CLEAN = """
    CREATE OR REPLACE TEMP MACRO lk_postcode_clean(x) AS
        regexp_replace(upper(CAST(x AS VARCHAR)), '[^A-Z0-9]', '', 'g')"""
_POSTCODE = """
    CREATE OR REPLACE TEMP MACRO lk_postcode(x) AS
        CASE WHEN starts_with(lk_postcode_clean(x), 'ZZ99') THEN NULL
             WHEN regexp_full_match(lk_postcode_clean(x), '[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}')
             THEN left(lk_postcode_clean(x), length(lk_postcode_clean(x)) - 3) || ' '
                  || right(lk_postcode_clean(x), 3)
             WHEN regexp_full_match(lk_postcode_clean(x), '[A-Z]{1,2}[0-9][A-Z0-9]?') THEN NULL
             WHEN regexp_full_match(lk_postcode_clean(x), '[A-Z0-9]{3,10}')
                  AND regexp_matches(lk_postcode_clean(x), '[0-9]')
             THEN lk_postcode_clean(x) END"""
# A UK outward code recorded alone ("OX4", as clinics often record them) is no postcode, but
# it is a district.
_POSTCODE_OUTWARD = """
    CREATE OR REPLACE TEMP MACRO lk_postcode_outward(x) AS
        CASE WHEN regexp_full_match(lk_postcode_clean(x), '[A-Z]{1,2}[0-9][A-Z0-9]?')
                  AND NOT starts_with(lk_postcode_clean(x), 'ZZ99') THEN lk_postcode_clean(x) END"""
# Sector and district of a UK postcode; a postcode of another shape has no sector, and its
# district is the whole value, so it agrees with another only when the two are the same.
_POSTCODE_SECTOR = """
    CREATE OR REPLACE TEMP MACRO lk_postcode_sector(pc) AS
        CASE WHEN contains(pc, ' ') THEN left(pc, length(pc) - 2) END"""
_POSTCODE_DISTRICT = """
    CREATE OR REPLACE TEMP MACRO lk_postcode_district(pc) AS split_part(pc, ' ', 1)"""

# An address as words: letters folded as names are, punctuation made space, the common
# abbreviations of Royal Mail's addressing guide written out (St -> street, Rd -> road), so
# "12, High St." and "12 High Street" agree. "No fixed abode" and "unknown" are not addresses.
# Its first number (a house or flat number) and the rest (the street and town) are compared
# apart, so neighbours on one street do not look like one household.
_ADDRESS_WORDS = (("rd", "road"), ("st", "street"), ("ave", "avenue"), ("ln", "lane"),
                  ("cl", "close"), ("dr", "drive"), ("ct", "court"), ("cres", "crescent"),
                  ("gdns", "gardens"), ("pl", "place"), ("sq", "square"), ("tce", "terrace"),
                  ("gr", "grove"), ("pk", "park"), ("hse", "house"))
_ADDRESS_TEXT = """
    CREATE OR REPLACE TEMP MACRO lk_address_text(x) AS nullif(trim(regexp_replace(
        regexp_replace(translate(lower(CAST(x AS VARCHAR)), '{accented}', '{plain}'), '[''’.`]', '', 'g'),
        '[^a-z0-9]+', ' ', 'g')), '')"""
_ADDRESS = """
    CREATE OR REPLACE TEMP MACRO lk_address(x) AS
        CASE WHEN lk_address_text(x) IN ('nfa', 'no fixed abode', 'unknown', 'not known', 'none',
                                          'n a', 'na', 'tbc', 'no address')
             THEN NULL ELSE {expanded} END"""
_ADDRESS_NUMBER = """
    CREATE OR REPLACE TEMP MACRO lk_address_number(a) AS
        nullif(regexp_extract(a, '(^| )([0-9]+[a-z]?)( |$)', 2), '')"""
# The words of an address other than numbers and the words for a kind of road, so two ways of
# writing one address ("lakes retirement estate, hurley street" and "hurley street, lakes
# retirement estate") share most of them and neighbours in another street share few.
_ADDRESS_WORDS_MACRO = """
    CREATE OR REPLACE TEMP MACRO lk_address_words(a) AS
        nullif(list_distinct(list_filter(string_split(a, ' '), lambda w:
            length(w) > 1 AND NOT regexp_full_match(w, '[0-9]+[a-z]?')
            AND w NOT IN ({road_words}))), [])"""
_ADDRESS_STREET = """
    CREATE OR REPLACE TEMP MACRO lk_address_street(a) AS
        nullif(trim(regexp_replace(regexp_replace(a, '\\b[0-9]+[a-z]?\\b', '', 'g'), ' +', ' ', 'g')), '')"""


def _address_macros() -> tuple[str, ...]:
    expanded = "lk_address_text(x)"
    for short, long in _ADDRESS_WORDS:
        expanded = f"regexp_replace({expanded}, '\\b{short}\\b', '{long}', 'g')"
    road_words = ", ".join(f"'{word}'" for word in (*(long for _, long in _ADDRESS_WORDS),
                                                     "flat", "apartment", "unit", "floor"))
    return (_ADDRESS_TEXT.format(accented=_ACCENTED, plain=_PLAIN),
            _ADDRESS.format(expanded=expanded), _ADDRESS_NUMBER, _ADDRESS_STREET,
            _ADDRESS_WORDS_MACRO.format(road_words=road_words))


# UK numbers to E.164 (ITU-T E.164; Ofcom numbering plan: national numbers are 0 + 10 digits).
_PHONE_DIGITS = """
    CREATE OR REPLACE TEMP MACRO lk_phone_digits(x) AS regexp_replace(CAST(x AS VARCHAR), '[^0-9+]', '', 'g')"""
_PHONE = """
    CREATE OR REPLACE TEMP MACRO lk_phone(x) AS CASE
        WHEN regexp_full_match(lk_phone_digits(x), '\\+44[1-9][0-9]{9}') THEN lk_phone_digits(x)
        WHEN regexp_full_match(lk_phone_digits(x), '0044[1-9][0-9]{9}') THEN '+' || substr(lk_phone_digits(x), 3)
        WHEN regexp_full_match(lk_phone_digits(x), '44[1-9][0-9]{9}') THEN '+' || lk_phone_digits(x)
        WHEN regexp_full_match(lk_phone_digits(x), '0[1-9][0-9]{9}') THEN '+44' || substr(lk_phone_digits(x), 2)
    END"""

# Vehicle registration marks as the DVLA holds them: capitals and digits, no spaces.
_VRM = """
    CREATE OR REPLACE TEMP MACRO lk_vrm(x) AS
        nullif(regexp_replace(upper(CAST(x AS VARCHAR)), '[^A-Z0-9]', '', 'g'), '')"""

# NHS number: ten digits whose last is the modulus 11 check digit (NHS Data Dictionary).
# A number failing its check was mistyped and says nothing reliable, so it becomes NULL.
_NHS_DIGITS = """
    CREATE OR REPLACE TEMP MACRO lk_nhs_digits(x) AS regexp_replace(CAST(x AS VARCHAR), '[^0-9]', '', 'g')"""
_NHS = """
    CREATE OR REPLACE TEMP MACRO lk_nhs_number(x) AS
        CASE WHEN length(lk_nhs_digits(x)) = 10 AND (
            (11 - list_sum(list_transform(range(9),
                 lambda i: CAST(substr(lk_nhs_digits(x), i + 1, 1) AS INTEGER) * (10 - i))) % 11) % 11
            ) = CAST(substr(lk_nhs_digits(x), 10, 1) AS INTEGER) THEN lk_nhs_digits(x) END"""

# Unique Pupil Number: 13 characters, a check letter then 12 digits (DfE UPN guidance).
_UPN = """
    CREATE OR REPLACE TEMP MACRO lk_upn(x) AS
        CASE WHEN regexp_full_match(lk_postcode_clean(x), '[A-Z][0-9]{11}[0-9A-Z]') THEN lk_postcode_clean(x) END"""

# Dates of birth as ISO text, so edit distance can see a single wrong digit, and the same date
# with day and month exchanged (a common transcription error) when that is a real date.
_DOB = """
    CREATE OR REPLACE TEMP MACRO lk_dob(d) AS strftime(CAST(d AS DATE), '%Y-%m-%d')"""
_DOB_SWAPPED = """
    CREATE OR REPLACE TEMP MACRO lk_dob_swapped(d) AS CASE
        WHEN day(CAST(d AS DATE)) <= 12 AND day(CAST(d AS DATE)) <> month(CAST(d AS DATE))
        THEN strftime(make_date(year(CAST(d AS DATE)), day(CAST(d AS DATE)),
                                month(CAST(d AS DATE))), '%Y-%m-%d') END"""

_SEX = """
    CREATE OR REPLACE TEMP MACRO lk_sex(x) AS CASE upper(trim(CAST(x AS VARCHAR)))
        WHEN 'M' THEN 'M' WHEN '1' THEN 'M' WHEN 'MALE' THEN 'M'
        WHEN 'F' THEN 'F' WHEN '2' THEN 'F' WHEN 'FEMALE' THEN 'F' END"""

_GIVEN_NAMES = """
    CREATE OR REPLACE TEMP MACRO lk_given_names(x) AS
        CASE WHEN lk_name(x) IS NULL THEN NULL ELSE list_distinct(string_split(lk_name(x), ' ')) END"""

_MACROS = (_NAME, _FORENAME, _GIVEN_NAMES, _SURNAME, _SURNAME_PARTS, _POSTCODE_CLEAN, _POSTCODE,
           _POSTCODE_OUTWARD, _POSTCODE_SECTOR, _POSTCODE_DISTRICT, *_address_macros(), _PHONE_DIGITS, _PHONE, _VRM,
           _NHS_DIGITS, _NHS, _UPN, _DOB, _DOB_SWAPPED, _SEX)

LINK_RECORDS_COLUMNS = (
    "unique_id", "source", "record_id", "kind", "area", "forename", "forename_group", "given_names",
    "forename_start", "surname", "surname_parts", "surname_start", "dob", "dob_swapped", "birth_year", "sex", "postcode",
    "postcode_sector", "postcode_district", "address", "address_number", "address_street",
    "address_words", "phone",
    "upn", "nhs_number")


@lru_cache(maxsize=1)
def nickname_groups() -> dict[str, str]:
    """Every name in the nickname and name-variant tables -> one name standing for its group.

    Formal names, nicknames and spellings are joined into groups (Alexander, Alexandra, Alex,
    Sandy, Lexi) and each group is named by its alphabetically first member. A shared group is
    evidence of the same given name, weaker than the same spelling, and the model learns how
    much weaker; sex is compared separately, so Alexander and Alexandra are not confused.
    """
    parent: dict[str, str] = {}

    def find(name: str) -> str:
        while parent.setdefault(name, name) != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    def clean(name: str) -> str:
        return "".join(ch for ch in name.lower() if ch.isalpha())

    pairs = [(formal, nick) for formal, nicks in load_nicknames().items() for nick in nicks]
    pairs += [(first, other) for group in load_name_variants()
              for first in [min(group)] for other in group]
    for one, other in pairs:
        a, b = find(clean(one)), find(clean(other))
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {name: find(name) for name in sorted(parent)}


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Define the standardisation macros and the nickname groups on a DuckDB connection."""
    for statement in _MACROS:
        con.execute(statement)
    groups = nickname_groups()
    table = pa.table({"name": list(groups), "name_group": list(groups.values())})
    con.register("lk_nickname_groups_in", table)
    con.execute("CREATE OR REPLACE TEMP TABLE lk_nickname_groups AS SELECT * FROM lk_nickname_groups_in")
    con.unregister("lk_nickname_groups_in")


@lru_cache(maxsize=1)
def _scratch() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    install_macros(con)
    return con


def apply(function: str, value: object) -> object:
    """Run one standardisation macro (`name`, `postcode`, `phone`, ...) on one value."""
    return _scratch().execute(f"SELECT lk_{function}(?)", [value]).fetchall()[0][0]


def build_link_records(con: duckdb.DuckDBPyConnection) -> int:
    """Rebuild table `link_records`: every person-record with standardised identity fields.

    `unique_id` is `source|record_id`, unique because record ids are unique within a source.
    Only identity fields are carried: nothing about ethnicity, religion or nationality is a
    linkage input (SSDA903 ETHNIC is never read here).
    """
    install_macros(con)
    con.execute("""
        CREATE OR REPLACE TABLE link_records AS
        WITH s AS (
            SELECT source || '|' || record_id AS unique_id, source, record_id, kind, area,
                   lk_forename(forenames) AS forename, lk_given_names(forenames) AS given_names,
                   lk_surname(surname) AS surname,
                   lk_surname_parts(surname) AS surname_parts, lk_dob(dob) AS dob,
                   lk_dob_swapped(dob) AS dob_swapped, lk_sex(sex) AS sex,
                   lk_postcode(postcode) AS postcode,
                   coalesce(lk_postcode_district(lk_postcode(postcode)),
                            lk_postcode_outward(postcode)) AS postcode_district,
                   lk_address(address) AS address,
                   lk_phone(phone) AS phone,
                   lk_upn(upn) AS upn, lk_nhs_number(nhs_number) AS nhs_number
            FROM person_records)
        SELECT s.unique_id, s.source, s.record_id, s.kind, s.area, s.forename,
               coalesce(g.name_group, s.forename) AS forename_group, s.given_names,
               left(s.forename, 2) AS forename_start, s.surname, s.surname_parts,
               left(s.surname, 2) AS surname_start, s.dob, s.dob_swapped, left(s.dob, 4) AS birth_year, s.sex,
               s.postcode, lk_postcode_sector(s.postcode) AS postcode_sector,
               s.postcode_district, s.address,
               lk_address_number(s.address) AS address_number,
               lk_address_street(s.address) AS address_street,
               lk_address_words(s.address) AS address_words, s.phone, s.upn, s.nhs_number
        FROM s LEFT JOIN lk_nickname_groups g ON g.name = s.forename
        ORDER BY s.unique_id""")
    return con.execute("SELECT count(*) FROM link_records").fetchall()[0][0]
