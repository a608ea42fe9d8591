"""Finding people's names in a note, including people in no structured record.

Five kinds of evidence, each named in the span's `found_by`:
- "ner": the spaCy model's PERSON entities, with titles, roles ("Mum", "YP") and
  possessives trimmed off;
- "title": a word after a title or rank (Mr Khan, Mrs Pauline Hewitt, PC 1234 Jones);
- "nickname-cue", "relation-cue", "possessive-cue": a word or quoted phrase after words that
  introduce a name ("known as Smudge", "a male called tariq", "her boyfriend Jay",
  "Kez's flat"), in any case;
- "gazetteer": a listed given name, or a listed family name written in capitals;
- "capitalised-unknown": a capitalised word mid-sentence that is not English and not a place
  or organisation the model recognised.
Every name found is then extended over the name parts next to it (Tariq -> Tariq Hussain).

Notes written all in capitals (police style) or all in lower case carry no case signal; there
the word lists decide, and a given name takes the unknown or listed family name after it.
Words that are also names (Rose, Will, May, Amber) count as names when capitalised
mid-sentence, after a cue, or next to another name part, and not in a date or rating.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from lookout.pseudonymise.lexicon import Lexicon
from lookout.pseudonymise.recognisers import DATE
from lookout.pseudonymise.spans import Span

__all__ = ["find_names"]

# A word of letters (with inner apostrophes or hyphens: O'Brien, Smith-Jones), not part of a
# code such as "LK63".
_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w'’-])")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_NAME_GAP = re.compile(r"[ \t]*-?[ \t]*")


def _phrases(*phrases: str) -> str:
    """A regex alternation of phrases whose spaces match any run of spaces or tabs."""
    return "|".join(phrase.replace(" ", r"[ \t]+") for phrase in phrases)


_TITLE = re.compile(
    r"\b(?P<title>mr|mrs|ms|miss|mx|dr|prof|sir|dame|cllr|pc|dc|ds|di|dci|sgt|pcso|insp|supt"
    r"|rev|revd)\b\.?[ \t]+(?:\d{2,5}[ \t]+)?", re.IGNORECASE)
# Words that introduce a nickname or name: whatever word or quoted phrase follows is a name.
_NAMING_CUE = re.compile(r"\b(?:" + _phrases(
    r"(?:goes|going|went) by the name(?: of)?", "by the name(?: of)?", "goes by", "going by",
    r"know(?:s|n)?(?: [\w']+){0,3}? as", "aka", r"a\.k\.a\.?",
    r"call(?:s|ed|ing)? (?:him|her|them)(?:sel(?:f|ves))?", "nick-?named",
    r"nick-?name(?: is| was|:)?",
    r"(?:street|real|first|fore|sur|full|user|profile|online|snapchat|insta(?:gram)?) ?name"
    r" ?(?:is|was|:|=)",
    r"introduced (?:him|her|them)sel(?:f|ves) as", "referred to as",
    r"gave (?:his|her|their|a|the) (?:name|details) as", r"gave (?:name|details) as",
    r"name given as", r"in the name(?: of)?", r"registered (?:keeper )?(?:to|is|as)",
    r"(?:registered )?keeper(?: is| as|:)",
    r"(?:street|real|first|fore|sur|full|user|profile|online) ?name(?=\s*[\"'‘“])",
    r"(?:male|man|men|female|woman|boy|girl|lad|guy|bloke|person|someone|somebody|adult|youth"
    r"|teenager|friend|mate|associate|cousin|brother|sister|uncle) (?:called|named|nicknamed)",
) + r")[ \t,:]*", re.IGNORECASE)
# Words after which a name often follows, but so do ordinary words ("her boyfriend drove",
# "seen with friends"): the word must read as a name. Only the nouns may introduce a quoted
# name; after a verb, quotation marks are more often speech.
_RELATION_CUE = re.compile(r"\b(?:(?P<noun>" + _phrases(
    "boyfriend", "girlfriend", "bf", "gf", "partner", "ex-partner", "ex", "best mate", "mate",
    "best friend", "friend", "bestie", "cousin", "brother", "sister", "half-brother",
    "half-sister", "step-?brother", "step-?sister", "uncle", "auntie", "aunt", "nan", "step-?dad",
    "step-?father", "step-?mum", "step-?mother", "dealer", "associate", "peer", "neighbour",
    "carer", "son", "daughter", "mum", "dad", "mother", "father", "male", "man", "female",
    "woman", "boy", "girl", "lad", "called", "named",
) + r")['’\"”]?|with|and|by|through|told|saw|met|visited|asked)[ \t]*,?[ \t]+", re.IGNORECASE)
# A name in the possessive before a place or belonging: "Kez's flat", "tariq's car".
_POSSESSIVE_CUE = re.compile(
    r"(?P<apostrophe>['’])?s[ \t]+(?:flat|house|home|car|address|place|room|bedroom|van|phone"
    r"|mum|dad|nan|nans|nana|gran|grans|nanny|brother|sister|cousin|friend|mate|boyfriend"
    r"|girlfriend|party|shop)\b", re.IGNORECASE)
# Names joined by "and": "Ayesha and Patience", "Eszter and Bence".
_AND = re.compile(r"[ \t]+(?:and|&)[ \t]+")
# An online name such as "jaybaby07" or "kk_princess.09".
_HANDLE = re.compile(r"@?(?=[\w.]*[^\W\d_])\w(?:[\w.-]*\w)?")
_QUOTED = re.compile(r"(?<![\w'’])[\"'‘“](?P<inner>[^\"'’”\n]{1,30}?)[\"'’”](?![\w'’])")

# Given names that are also calendar or rating words: not names in a date or a RAG rating.
_CALENDAR_NAMES = frozenset("jan april may jun june july august summer autumn".split())
_CALENDAR_BEFORE = re.compile(
    r"(?:\d(?:st|nd|rd|th)?|\b(?:of|in|on|since|until|till|by|during|early|late|mid|last"
    r"|next|this|from|to|before|after|end|start|beginning|over|the))[ \t,]*$", re.IGNORECASE)
_CALENDAR_AFTER = re.compile(r"[ \t,]*(?:\d|holidays?|hols|term|half|break)", re.IGNORECASE)
_RATING_NAMES = frozenset({"amber"})
_COLOURS = frozenset("red amber green black white grey blue brown".split())
_RATING_BEFORE = re.compile(
    r"\b(?:rated|graded|rag|as|at|to|from|is|was|remains|level|status)[ \t:]*$", re.IGNORECASE)
_RATING_AFTER = re.compile(r"[ \t]*(?:risk|rating|rated|flag|status|level|alert|category)\b",
                           re.IGNORECASE)
# A name before these words names a place ("Victoria Road", "John Radcliffe Hospital",
# "St George's School").
_PLACE_WORDS = frozenset("""
road rd street st lane ln avenue ave close court ct park house school academy hospital centre
center station square way college primary infants junior unit gardens terrace crescent drive
place estate tower towers church mosque temple gurdwara surgery practice clinic library
bridge shopping retail a&e project trust society service services team charity foundation
group partnership association associates council police
""".split())
_PLACE_AFTER = re.compile(r"[ \t]+(?P<place>A&E|[^\W\d_]+)", re.IGNORECASE)
# A lone unlisted word after these is more often a place: "seen in Kidlington".
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|on|near|around|outside|towards|via|into)[ \t]+$", re.IGNORECASE)
# Words that open street names for people ("Big Dave", "Lil Jay", "Auntie Pat").
_NICKNAME_PREFIXES = frozenset("big little lil young yung baby uncle auntie aunty".split())
# Courtesy titles: the word after one is a name in any case ("Mr o'sullivan", "Mrs tran").
_COURTESY_TITLES = frozenset("mr mrs ms miss mx".split())
# What follows a name in a record of who someone is: a date of birth or an age, in brackets
# or after a comma ("Gurpreet Sealy (30.12.2007)", "Linh Mistry, 15,", "hunter bello (14)").
_PARTICULARS_AFTER = re.compile(
    r"[ \t]*(?:\([ \t]*(?:(?:dob|d\.o\.b\.?|born|b\.)[ \t:]*)?(?:" + DATE + r"|\d{1,2}[ \t]*[),])"
    r"|,[ \t]*(?:aged[ \t]+)?\d{1,2}\b(?![/.:]\d)|[ \t]+aged[ \t]+\d{1,2}\b"
    r"|,?[ \t]+(?:dob|d\.o\.b)\b)", re.IGNORECASE)
# Police style, surname first: "FIELD, Alfie", "kelly, gift", "THOMAS, JOY".
_SURNAME_FIRST_GAP = re.compile(r",[ \t]+")
# A word opening a sentence is a name if a verb a person does follows it ("Grace said",
# "Precious was settled"), not if a modal does ("Will be reviewed", "May need").
_PERSON_VERB_AFTER = re.compile(
    r"[ \t]+(?:was|is|has|had|said|says|told|tells|went|goes|did|does|stated|states|reported"
    r"|reports|disclosed|discloses|called|came|comes|left|leaves|returned|returns|refused"
    r"|refuses|agreed|agrees|asked|asks|wants|wanted|became|appeared|attended|arrived|explained"
    r"|denied|denies|admitted|admits|lives|lived|stayed|stays|ran|runs|texted|messaged|rang|met"
    r"|got|gets|arrested|seen|found)\b", re.IGNORECASE)
_SAINT_BEFORE = re.compile(r"\b(?:st|saint)\.?[ \t]+$", re.IGNORECASE)
# An operation's name ("Op Kestrel") and Fraser competence (the guidelines on contraceptive
# advice to under-16s, from Gillick v West Norfolk and Wisbech AHA [1985]) are not people.
_OPERATION_BEFORE = re.compile(r"\b(?:op|operation)\.?[ \t]+$", re.IGNORECASE)
_FRASER = re.compile(r"fraser[ \t]+(?:compet|guideline|criteria|assess|ruling|not[ \t]+needed)",
                     re.IGNORECASE)
_NON_PERSON_ENTITIES = {"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART",
                        "LAW", "LANGUAGE"}


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str
    low: str


class _Note:
    """A note's words and what the name rules ask about them."""

    def __init__(self, text: str, lexicon: Lexicon):
        self.text = text
        self.lexicon = lexicon
        self.words = []
        for m in _WORD.finditer(text):
            word = _POSSESSIVE.sub("", m.group())
            self.words.append(_Word(m.start(), m.start() + len(word), word, word.lower()))
        self.index = {w.start: i for i, w in enumerate(self.words)}
        self.ending_at = {w.end: w for w in self.words}
        longer = [w.text for w in self.words if len(w.text) > 1]
        capitals = sum(w[0].isupper() for w in longer)
        shouting = sum(w.isupper() for w in longer)
        # All capitals or no capitals: case says nothing about which words are names.
        self.caseless = bool(longer) and (capitals == 0 or shouting / len(longer) > 0.6)

    def word_at(self, position: int) -> _Word | None:
        i = self.index.get(position)
        return None if i is None else self.words[i]

    def next_word(self, word: _Word) -> _Word | None:
        i = self.index[word.start] + 1
        if i < len(self.words) and _NAME_GAP.fullmatch(self.text, word.end, self.words[i].start):
            return self.words[i]
        return None

    def previous_word(self, word: _Word) -> _Word | None:
        i = self.index[word.start] - 1
        if i >= 0 and _NAME_GAP.fullmatch(self.text, self.words[i].end, word.start):
            return self.words[i]
        return None

    def sentence_initial(self, word: _Word) -> bool:
        i = self.index[word.start]
        before = self.text[self.words[i - 1].end if i else 0:word.start]
        return i == 0 or bool(_SENTENCE_BREAK.search(before))

    def before_person_verb(self, word: _Word) -> bool:
        return bool(_PERSON_VERB_AFTER.match(self.text, word.end))

    def capitalised(self, word: _Word) -> bool:
        return not self.caseless and word.text[0].isupper()

    def is_name_word(self, text: str) -> bool:
        """Whether the text is a listed name that is also an everyday word ("Rose")."""
        return self.lexicon.is_word_name(text)

    def is_name(self, word: _Word) -> bool:
        return any(self.lexicon.is_name(part) for part in word.text.split("-"))

    def unknown(self, word: _Word) -> bool:
        """Not English, not a role or jargon word: likely a name or a place."""
        return (len(word.text) > 2 and not self.lexicon.is_english(word.text)
                and not self.lexicon.is_not_name(word.text))

    def names_a_place(self, end: int) -> bool:
        """Whether the words ending at `end` are followed by a place word ("... Road")."""
        after = _PLACE_AFTER.match(self.text, end)
        return bool(after) and after.group("place").lower() in _PLACE_WORDS

    def name_part(self, word: _Word, lower: bool = False) -> bool:
        """Whether the word can continue a name it stands next to (`lower`: a name written in
        lower case, where, as in a note without capitals, the word lists decide)."""
        if word.low in _PLACE_WORDS:
            return False
        if self.caseless or (lower and word.text.islower()):
            return (self.is_name(word) and not self.lexicon.is_word_name(word.text)
                    and not self.lexicon.is_not_name(word.text)) or self.unknown(word)
        if not self.capitalised(word):
            return False
        if self.is_name(word) or word.low in _NICKNAME_PREFIXES:
            return True
        return not self.lexicon.is_not_name(word.text) and (
            word.text.isupper() or not self.lexicon.is_english(word.text))

    def surname_after_given(self, given: _Word, word: _Word) -> bool:
        """Whether a capitalised word that is also an ordinary word ("Field", "Forbes") is the
        surname of the listed given name just before it ("Lukas Field")."""
        return (not self.caseless and given.low in self.lexicon.given and self.capitalised(given)
                and self.capitalised(word) and not word.text.isupper() and len(word.text) > 2
                and not self.lexicon.is_not_name(word.text) and word.low not in _PLACE_WORDS
                and self.text[given.end:word.start] == " " and not self.names_a_place(word.end))

    def lone_capitalised(self, word: _Word) -> bool:
        """A capitalised word mid-sentence with no capitalised word on either side."""
        if not self.capitalised(word) or word.text.isupper() or self.sentence_initial(word):
            return False
        following, preceding = self.next_word(word), self.previous_word(word)
        return not any(w is not None and w.text[0].isupper() for w in (following, preceding))

    def name_like(self, word: _Word) -> bool:
        """Whether a word after a relation cue reads as a name rather than an ordinary word."""
        if word.low in _PLACE_WORDS or (self.lexicon.is_not_name(word.text)
                                         and word.low not in self.lexicon.given):
            return False
        if self.capitalised(word):
            return not (self.sentence_initial(word) and self.lexicon.is_english(word.text)
                        and (not self.is_name(word) or self.lexicon.is_word_name(word.text)))
        listed = (word.low in self.lexicon.given and not self.lexicon.is_word_name(word.text)
                  or word.low in self.lexicon.surnames and not self.lexicon.is_english(word.text))
        return listed or self.unknown(word)

    def not_a_name_here(self, word: _Word) -> bool:
        """A listed given name used as a date, rating or place ("in May", "Amber risk",
        "Victoria Road", "St George's")."""
        before = self.text[max(0, word.start - 20):word.start]
        if word.low in _CALENDAR_NAMES and (_CALENDAR_BEFORE.search(before)
                                            or _CALENDAR_AFTER.match(self.text, word.end)):
            return True
        if word.low in _RATING_NAMES and (_RATING_BEFORE.search(before)
                                          or _RATING_AFTER.match(self.text, word.end)):
            return True
        return (self.names_a_place(word.end) or bool(_SAINT_BEFORE.search(before))
                or bool(_OPERATION_BEFORE.search(before))
                or bool(_FRASER.match(self.text, word.start)))

    def names_no_one(self, span: Span) -> bool:
        """Whether the span is an operation's name ("Op Kestrel") or Fraser competence."""
        before = self.text[max(0, span.start - 12):span.start]
        return bool(_OPERATION_BEFORE.search(before) or _FRASER.match(self.text, span.start))

    def lone_word_after_locative(self, span: Span) -> bool:
        """Whether the span is one unlisted word after "in", "at", "near"...: a place."""
        word = self.word_at(span.start)
        return (word is not None and word.end == span.end and word.low not in self.lexicon.given
                and bool(_LOCATIVE_BEFORE.search(self.text, max(0, span.start - 10), span.start)))

    def span(self, first: _Word, last: _Word, found_by: str) -> Span:
        return Span(first.start, last.end, "name", self.text[first.start:last.end], found_by)


def _from_ner(note: _Note, entities: Sequence[tuple[int, int, str]]) -> Iterator[Span]:
    """The model's PERSON entities, trimmed to their name words."""

    def part(word: _Word) -> bool:
        if (len(word.text) < 2 or word.low in _PLACE_WORDS
                or note.lexicon.is_not_name(word.text)):
            return False
        if note.caseless:
            return note.name_part(word)
        # NER often takes in the capitalised word that opens a sentence ("Driver Waqas Butt").
        return note.capitalised(word) and not (
            note.sentence_initial(word) and note.lexicon.is_english(word.text)
            and not note.is_name(word))

    for start, end, label in entities:
        if label != "PERSON":
            continue
        parts = [w for w in note.words if start <= w.start and w.end <= end]
        while parts and not part(parts[0]):
            parts.pop(0)
        while parts and not part(parts[-1]):
            parts.pop()
        # A lone English word that is not a listed name ("Signs") is more often a mistake.
        if not parts or (len(parts) == 1 and note.lexicon.is_english(parts[0].text)
                         and not note.is_name(parts[0])):
            continue
        yield note.span(parts[0], parts[-1], "ner")


def _after_titles(note: _Note) -> Iterator[Span]:
    """The word after a title or rank (the title itself stays visible)."""
    for m in _TITLE.finditer(note.text):
        title, word = note.word_at(m.start("title")), note.word_at(m.end())
        if title is None or word is None:
            continue
        courtesy = title.low in _COURTESY_TITLES and title.text[0].isupper()
        if courtesy and word.low not in _COURTESY_TITLES and word.low not in STOP_WORDS:
            # "Mr Young", "Mrs tran": after Mr or Mrs, any word is a name.
            yield note.span(word, word, "title")
            continue
        if note.lexicon.is_not_name(word.text):
            continue
        if not note.caseless:
            # "22 Park Dr Oxford": after a capitalised street word, Dr is Drive.
            i = note.index[title.start]
            before = note.words[i - 1] if i else None
            after_street = (title.low == "dr" and not note.sentence_initial(title)
                            and before is not None and note.capitalised(before)
                            and not note.lexicon.is_not_name(before.text))
            if not (title.text[0].isupper() and note.capitalised(word)) or after_street:
                continue
        yield note.span(word, word, "title")


def _quoted_or_word(note: _Note, position: int) -> tuple[Span | None, _Word | None]:
    """A quoted name (of up to four words) at position, or else the word there."""
    quoted = _QUOTED.match(note.text, position)
    if quoted and len(quoted.group("inner").split()) <= 4 and quoted.group("inner").strip():
        return Span(quoted.start("inner"), quoted.end("inner"), "name", quoted.group("inner"),
                    "nickname-cue"), None
    return None, note.word_at(position)


def _after_cues(note: _Note) -> Iterator[Span]:
    """Names introduced by naming, relation and possessive cues."""
    for m in _NAMING_CUE.finditer(note.text):
        quoted, word = _quoted_or_word(note, m.end())
        if quoted:
            yield quoted
        elif word:
            first = word
            if (word.low in _NICKNAME_PREFIXES or word.low in _COURTESY_TITLES) and (
                    following := note.next_word(word)):
                word = following   # "goes by Auntie Bev", "known as big kev", "Mr Kebab"
            if not note.lexicon.is_not_name(word.text):
                last = word
                # An alias of several capitalised words: "a.k.a. Paddy Mac".
                while (note.capitalised(last) and (following := note.next_word(last))
                       and note.text[last.end:following.start] == " "
                       and note.capitalised(following)
                       and (not note.lexicon.is_not_name(following.text)
                            or (len(following.text) == 1 and following.text.isupper()))
                       and following.low not in _PLACE_WORDS):
                    last = following
                yield note.span(first, last, "nickname-cue")
        elif handle := _HANDLE.match(note.text, m.end()):
            yield Span(handle.start(), handle.end(), "name", handle.group(), "nickname-cue")
    for m in _RELATION_CUE.finditer(note.text):
        quoted, word = _quoted_or_word(note, m.end())
        if quoted and m.group("noun"):
            yield Span(quoted.start, quoted.end, "name", quoted.text, "relation-cue")
        # After a verb or preposition ("with", "told") the cue helps a word in lower case, or
        # one capitalised word standing alone mid-sentence ("with Tiny last night"); a run of
        # capitalised words is judged on its own ("with Youth Justice").
        elif (word and (m.group("noun") or word.text.islower()
                        or (note.lone_capitalised(word) and not m.group().lower().startswith("and")))
              and note.name_like(word) and not note.not_a_name_here(word)):
            yield note.span(word, word, "relation-cue")
    for m in _POSSESSIVE_CUE.finditer(note.text):
        if m.group("apostrophe"):
            word = note.ending_at.get(m.start())
            if word and note.name_like(word):
                yield note.span(word, word, "possessive-cue")
        elif (word := note.ending_at.get(m.start() + 1)) and len(word.text) > 3:
            # Written without the apostrophe: "rizwans house", "Shannons grans".
            stem = word.text[:-1]
            if stem.lower() in note.lexicon.given and not note.lexicon.is_english(word.text):
                yield note.span(word, word, "possessive-cue")


def _quoted_names(note: _Note) -> Iterator[Span]:
    """A short quoted phrase written as a name ("Red", "Uncle Sonny", "K-Money", "LIL J"):
    each word capitalised, no sentence punctuation, not only role words ("Mum")."""
    if note.caseless:
        return
    for m in _QUOTED.finditer(note.text):
        inner = m.group("inner").strip()
        words = inner.split()
        if not 1 <= len(words) <= 3 or any(ch in inner for ch in ",.!?;:"):
            continue
        if not all(w[0].isupper() or w[0].isdigit() for w in words):
            continue
        colour = len(words) == 1 and inner.lower() in _COLOURS
        if colour and _RATING_BEFORE.search(note.text[max(0, m.start() - 20):m.start()]):
            continue   # a rating: rated "Red"
        if not colour and all(note.lexicon.is_not_name(w) for w in words):
            continue
        start = m.start("inner") + m.group("inner").index(inner)
        yield Span(start, start + len(inner), "name", inner, "quoted-name")


def _surname_first(note: _Note) -> Iterator[Span]:
    """Names written surname first, as police and health records do: "FIELD, Alfie",
    "DUMITRU, Ionuț", "kelly, gift", and in a note in capitals "THOMAS, JOY"."""
    lexicon = note.lexicon
    for surname, given in zip(note.words, note.words[1:]):
        if (not _SURNAME_FIRST_GAP.fullmatch(note.text, surname.end, given.start)
                or len(surname.text) < 2 or lexicon.is_not_name(surname.text)
                or lexicon.is_not_name(given.text) or given.low in _PLACE_WORDS
                or note.names_a_place(given.end)):
            continue
        listed_given = given.low in lexicon.given
        if note.caseless:
            found = listed_given
        elif surname.text.isupper():
            found = note.capitalised(given) and (listed_given or note.unknown(given))
        elif surname.text.islower() and given.text.islower():
            found = listed_given and (surname.low in lexicon.surnames or note.unknown(surname))
        else:
            found = False
        if found:
            yield note.span(surname, given, "surname-first")


def _before_particulars(note: _Note) -> Iterator[Span]:
    """The words of a name just before a date of birth or an age: "Gurpreet Sealy
    (30.12.2007)", "Tomás (3rd April 2013)", "Linh Mistry, 15", "hunter bello (14)"."""
    lexicon = note.lexicon
    for word in note.words:
        if not _PARTICULARS_AFTER.match(note.text, word.end):
            continue
        parts: list[_Word] = []
        current: _Word | None = word
        while current is not None and len(parts) < 3:
            if (lexicon.is_not_name(current.text) or current.low in _PLACE_WORDS
                    or len(current.text) < 2
                    or not (note.caseless or note.capitalised(current) or current.text.islower())):
                break
            parts.insert(0, current)
            current = note.previous_word(current)
        if not parts:
            continue
        if note.caseless or parts[-1].text.islower():
            # Without capitals the word lists decide: keep the name-like words at the end.
            while parts and not (parts[0].low in lexicon.given or note.name_part(parts[0], lower=True)):
                parts.pop(0)
        else:
            while parts and not note.capitalised(parts[0]):
                parts.pop(0)
        if not parts:
            continue
        first = parts[0]
        if (len(parts) == 1 and not note.caseless and note.sentence_initial(first)
                and lexicon.is_english(first.text) and not note.is_name(first)):
            continue
        yield note.span(first, parts[-1], "before-particulars")


def _from_word_lists(note: _Note, entities: Sequence[tuple[int, int, str]]) -> Iterator[Span]:
    """Listed given and family names, and unknown capitalised words, where they read as names."""
    other_entities = [(s, e) for s, e, label in entities if label in _NON_PERSON_ENTITIES]
    lexicon = note.lexicon
    for word in note.words:
        english = lexicon.is_english(word.text)
        word_name = lexicon.is_word_name(word.text)
        following = note.next_word(word)
        before_surname = following is not None and note.name_part(following)
        if word.low in lexicon.given:
            if note.not_a_name_here(word):
                continue
            if note.caseless:
                listed = (not word_name or note.before_person_verb(word) or (
                    before_surname and (following.low in lexicon.surnames or note.unknown(following))))
            elif note.capitalised(word):
                listed = (not (note.sentence_initial(word) and word_name) or before_surname
                          or note.before_person_verb(word))
            else:
                # "dawn pryce", "ivy tran": a lower-case given name before a surname.
                listed = (not word_name and not lexicon.is_not_name(word.text)) or (
                    following is not None and following.text.islower()
                    and (following.low in lexicon.surnames and not lexicon.is_english(following.text)
                         or note.unknown(following)))
            if listed:
                yield note.span(word, word, "gazetteer")
        elif word.low in lexicon.surnames and len(word.text) > 2 and not note.not_a_name_here(word):
            if note.caseless:
                listed = not english
            else:
                listed = (word.text.isupper() and not lexicon.is_not_name(word.text)) or (
                    note.capitalised(word) and not english and not note.sentence_initial(word))
            if listed:
                yield note.span(word, word, "gazetteer")
        elif (note.capitalised(word) and not word.text.isupper() and note.unknown(word)
              and not note.not_a_name_here(word)
              and (note.before_person_verb(word) or not (
                  note.sentence_initial(word)
                  or any(s <= word.start < e for s, e in other_entities)))):
            yield note.span(word, word, "capitalised-unknown")


def _extended(note: _Note, span: Span) -> Span:
    """The span grown over up to three adjacent name parts on each side."""
    first, last = note.word_at(span.start), note.ending_at.get(span.end)
    if first is None or last is None:
        return span
    lower = span.text.islower()   # "rohan sharma" in a note that otherwise has capitals
    for _ in range(3):
        following = note.next_word(last)
        if following is None or not (note.name_part(following, lower)
                                     or note.surname_after_given(last, following)):
            break
        last = following
    for _ in range(3):
        preceding = note.previous_word(first)
        if (preceding is None or not note.name_part(preceding, lower)
                or (note.sentence_initial(preceding) and not note.is_name(preceding))):
            break
        first = preceding
    preceding = note.previous_word(first)
    if (preceding is not None and preceding.low in _NICKNAME_PREFIXES
            and preceding.text[0].isupper() == first.text[0].isupper()):
        first = preceding   # "Big Dave", "big kev", "Auntie Pat"
    return note.span(first, last, span.found_by)


def _repeated(note: _Note, names: Sequence[Span]) -> Iterator[Span]:
    """Every other occurrence, as a whole word, of a name found in the note, and of each part
    of it: once "Dolly" or "Tariq Hussain" is known to be a name there, so is a later
    "Dolly" or "Hussain". A part that is also an ordinary word ("Rose", "Brook") counts only
    where it is written as the name was."""
    lexicon = note.lexicon
    known: dict[str, set[str]] = {}
    for span in names:
        pieces = [span.text] + [w.text for w in note.words if span.start <= w.start < span.end]
        for piece in pieces:
            if len(piece) < 2 or lexicon.is_not_name(piece) or piece.lower() in _NICKNAME_PREFIXES:
                continue
            known.setdefault(piece.lower(), set()).add(piece)
    if not known:
        return
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(
        re.escape(k) for k in sorted(known, key=len, reverse=True)) + r")(?![\w-])", re.IGNORECASE)
    for m in pattern.finditer(note.text):
        written = known[m.group().lower()]
        ordinary = lexicon.is_english(m.group()) or note.is_name_word(m.group())
        if not ordinary or (m.group() in written and not note.caseless
                            and m.group()[0].isupper()):
            yield Span(m.start(), m.end(), "name", m.group(), "repeated")


def _joined_by_and(note: _Note, names: Sequence[Span]) -> Iterator[Span]:
    """A capitalised word joined by "and" to a name: "Ayesha and Patience"."""
    if note.caseless:
        return
    for span in names:
        joint = _AND.match(note.text, span.end)
        word = note.word_at(joint.end()) if joint else None
        if (word is not None and note.capitalised(word) and not word.text.isupper()
                and not note.lexicon.is_not_name(word.text) and word.low not in _PLACE_WORDS
                and not note.not_a_name_here(word)):
            yield _extended(note, note.span(word, word, "joined-by-and"))


def find_names(text: str, entities: Sequence[tuple[int, int, str]],
               lexicon: Lexicon) -> list[Span]:
    """Name spans in text (overlapping; `merge` resolves them). `entities` are the NER
    model's (start, end, label) character spans for the text."""
    note = _Note(text, lexicon)
    seeds = [*_from_ner(note, entities), *_after_titles(note), *_after_cues(note),
             *_quoted_names(note), *_surname_first(note), *_before_particulars(note),
             *_from_word_lists(note, entities)]
    names = []
    for span in (_extended(note, span) for span in seeds):
        if span.found_by in ("ner", "gazetteer", "capitalised-unknown") and (
                note.names_a_place(span.end) or note.lone_word_after_locative(span)):
            continue
        if note.names_no_one(span):
            continue
        names.append(span)
    names += _joined_by_and(note, names)
    return names + list(_repeated(note, names))
