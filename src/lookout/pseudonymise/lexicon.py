"""Which words are people's names, which are roles and agency jargon, and which are ordinary
English: the word knowledge the name recogniser leans on where capital letters say nothing.

Names come from two hand-compiled lists beside this module (`given_names.csv`,
`surnames.csv`). Ordinary English comes from the WordNet-derived lemma index that ships
inside the spaCy English pipeline's lemmatizer, so no other word list is needed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["NOT_NAMES", "WORD_NAMES", "Lexicon", "load_names"]

# Words written with a capital in agency notes that are roles, relations, agencies, places
# of work, jargon or descriptions, never a person's name (though NER sometimes says so).
NOT_NAMES = frozenset("""
mum mummy mother mam dad daddy father nan nana nanny gran grandma grandmother grandad
granddad grandfather auntie aunt aunty uncle brother sister bro sis cousin stepdad stepmum
step-dad step-mum carer carers foster parent parents family guardian boyfriend girlfriend bf
gf partner ex friend mate peer peers baby son daughter child children kid kids yp cyp cp
young person people subject subj victim suspect offender nominal nominals witness male
males female females boy boys girl girls man men woman women adult adults unknown someone
associate associates driver drivers passenger passengers occupant occupants caller owner
keeper tenant resident landlord pupil pupils student patient pt client customer informant
source complainant defendant accused perpetrator member mr mrs ms miss mx dr prof sir dame
rev revd lady lord master misper mispers ip poi ioi oic vrm voi vrn dob aka nfa nfi crn pnc cad
cris niche storm athena police officer officers constable sergeant inspector pc dc ds di dci
sgt pcso insp supt det cllr nurse doctor gp consultant paediatrician midwife health visitor
hv teacher teachers head headteacher deputy dsl ddsl senco tutor mentor staff manager
keyworker worker workers social sw ssw tm iro lado mash cse cce csa cin lac cla cme camhs
yot yjs marac mappa mace nrm rhi seraf sarc gum ecds cpis cp-is a&e ae ed ep ehcp sen send
dfe ofsted nhs dwp hmrc ukba home office council services service team hub unit ward
clinic hospital school academy college university nursery pru ap hotel hostel care home
placement court crown magistrates prison probation yoi sti stis hiv ec ocp lft pregnancy
mdt strategy section outcome risk high medium low red rag level grade graded
plan review meeting referral assessment contact report incident intelligence intel log
missing episode return interview disclosure concern concerns safeguarding update note
notes summary action actions tbc n/a na ok uk gbr eu
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
fri sat sun january february march september october november december jan feb mar apr
jun jul aug sep sept oct nov dec christmas easter eid ramadan diwali halloween
english british scottish welsh irish european asian african caribbean mixed
arab polish romanian albanian lithuanian latvian czech slovak bulgarian hungarian ukrainian
russian turkish kurdish iranian iraqi syrian afghan pakistani indian bangladeshi sri
lankan chinese vietnamese somali eritrean ethiopian sudanese nigerian ghanaian jamaican
roma traveller gypsy muslim christian sikh hindu jewish
snapchat instagram insta whatsapp facebook fb tiktok youtube twitter telegram discord
uber bolt tesco asda lidl aldi sainsbury sainsburys morrisons coop co-op greggs primark
mcdonalds mcdonald kfc subway nandos costa starbucks iphone samsung android
ford vauxhall bmw audi mercedes merc vw volkswagen toyota nissan peugeot renault citroen honda
kia hyundai fiat seat skoda mini jaguar volvo mazda suzuki lexus tesla golf corsa astra focus
fiesta polo prius qashqai transit clio yaris range rover land
abe vri cps cid cjsm moj ypo dvla anpr cctv bwv nhs111 pncid crimint
didnt dont doesnt wasnt isnt cant wont couldnt wouldnt shouldnt aint im ive hes shes theyre
youre thats whats til gonna wanna innit cos coz tho ur pls yeah nah bruv fam mandem lol
tel tele mob approx aprox gillick op operation
i'm i've i'll i'd i’m i’ve i’ll i’d
""".split())

# Listed given names that are also everyday words ("will", "said", "grace", "nick", "long")
# or places ("Devon"). Alone at the start of a sentence, or in lower case, they are words.
WORD_NAMES = frozenset("""
will may mark said grace hope faith joy rose jack amber summer april june august jan jun
bill bob pat ray frank dawn holly ivy robin ruby poppy lily daisy olive violet willow heather
jasmine rowan precious blessing gift favour destiny earl grant dean miles max hunter kit
wing long hung gang fang min nick rob jean teddy sultana ping sky yen devon cleveland lee
""".split())


def load_names(filename: str) -> frozenset[str]:
    """The lower-cased names in one of the CSV name lists shipped beside this module."""
    text = resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(row["name"].lower() for row in rows)


@dataclass(frozen=True)
class Lexicon:
    """Word lists, all lower case: given names, family names, and ordinary English words."""

    given: frozenset[str]
    surnames: frozenset[str]
    english: frozenset[str]

    @classmethod
    def from_lemma_tables(cls, index: Iterable[Iterable[str]],
                          exceptions: Iterable[Iterable[str]]) -> Lexicon:
        """A lexicon whose English words are a spaCy lemmatizer's lemma index (a word list per
        part of speech) and its irregular forms ("gave", "went"; a mapping per part of speech)."""
        english = frozenset(w.lower() for words in [*index, *exceptions] for w in words
                            if "_" not in w)
        return cls(load_names("given_names.csv"), load_names("surnames.csv"), english)

    def is_english(self, word: str) -> bool:
        """Whether the word, or a regular inflection of it, is an ordinary English word."""
        w = word.lower()
        if w in STOP_WORDS or w in self.english:
            return True
        if not w.endswith(("s", "d", "ing", "ly", "er")):
            return False
        # Regular inflections: walks, walked, walking, stopped, arrived, driving, carries.
        stems = [w[:-1], w[:-2], w[:-3], w[:-3] + "e", w[:-3] + "y"]
        return any(len(stem) > 2 and stem in self.english for stem in stems)

    @staticmethod
    def is_word_name(word: str) -> bool:
        """Whether the word is a given name that is also an everyday word or a place."""
        return word.lower() in WORD_NAMES

    def is_name(self, word: str) -> bool:
        """Whether the word is a listed given or family name."""
        return word.lower() in self.given or word.lower() in self.surnames

    @staticmethod
    def is_not_name(word: str) -> bool:
        """Whether the word is a role, relation, agency, jargon or other word that is never a
        person's name, or a stop word."""
        return word.lower() in NOT_NAMES or word.lower() in STOP_WORDS
