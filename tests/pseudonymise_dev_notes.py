"""Development notes for the pseudonymiser: invented agency free text with what must be masked.

Every person, address, number and vehicle here is invented. Phone numbers are from Ofcom's
ranges reserved for drama (07700 900xxx, 01632 960xxx, 0113 496 0xxx, 020 7946 0xxx).
Entities are marked inline as {kind:text}, where kind is name, dob, address, postcode,
phone, vehicle or email; `parse` returns the plain text and the labelled character spans.
Titles, ranks and a possessive 's are not part of a name.
"""

from __future__ import annotations

import re

KINDS = {"name": "name", "dob": "date_of_birth", "address": "address", "postcode": "postcode",
         "phone": "phone", "vehicle": "vehicle", "email": "email"}
_MARK = re.compile(r"\{(\w+):([^{}]+)\}")


def parse(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The note's plain text and its labelled (start, end, kind) spans."""
    text, spans, at = [], [], 0
    length = 0
    for m in _MARK.finditer(marked):
        before = marked[at:m.start()]
        text.append(before)
        length += len(before)
        spans.append((length, length + len(m.group(2)), KINDS[m.group(1)]))
        text.append(m.group(2))
        length += len(m.group(2))
        at = m.end()
    text.append(marked[at:])
    return "".join(text), spans


NOTES = [
    # Police intelligence, mixed case
    "Intel received that {name:Kayleigh} has been seen getting into a silver Vauxhall Corsa "
    "{vehicle:LK63 XRT} outside Cherwell school on three occasions. Driver described as an Asian "
    "male in his 20s known as {name:Bash}.",
    "{name:Tariq Hussain} ({dob:14/02/1996}) is believed to be supplying cannabis and alcohol to "
    "local girls from {address:Flat 3, 22 Rosemary Street}, {postcode:OX4 2JD}. Grading 3B2.",
    "Source reports that a male called {name:Dritan} is running a line from the city. He uses "
    "{phone:07700 900417} and drives a black Audi {vehicle:YR19 KMZ}.",
    "{name:Jade SMITH} DOB {dob:03/04/2008} reported missing from her placement at 22:40. "
    "Last seen with her boyfriend {name:Reece} near the bus station.",
    "Officers attended {address:45a Church Lane} following reports of a party. {name:Chloe} and "
    "{name:Mia} (both 14) were found in a bedroom with two older males. Males gave names as "
    "{name:Sajid Mahmood} and {name:Imran Akhtar}.",
    "Vehicle of interest: white Ford Transit reg {vehicle:P734 GHN} seen at the takeaway on "
    "Cowley Road most evenings. Registered keeper {name:Arben Krasniqi}.",
    "PC 4471 {name:Hollins} spoke to {name:Megan} at the station. She would not say where she had "
    "been. Outcome 16 recorded as she does not support police action.",
    "Crime ref 43/18822/23. Victim {name:Aisha Begum} disclosed that {name:Kamran} took her to a "
    "hotel in Reading where she met other men. Suspect phone {phone:+44 7700 900932}.",
    "{name:Kowalczyk} arrested at {address:17 Blackbird Leys Road} on suspicion of supplying "
    "class A. Two phones seized.",
    "Intel suggests {name:Ellie-Mae} is being groomed by an older man who calls himself "
    "{name:Smudge}. He picks her up in a red Peugeot 208.",
    # Police, all capitals
    "SUBJ SEEN WITH {name:JOHN MCKENZIE} AND {name:DANIEL OKAFOR} IN SILVER BMW {vehicle:KP67 TWA} "
    "AT PETROL STATION 23:15. BOTH MALES KNOWN TO POLICE.",
    "MISPER {name:LEAH COLLINS} LOCATED AT {address:9 HALIFAX ROAD} {postcode:OX3 7RS} WITH "
    "UNKNOWN MALE. MALE GAVE NAME AS {name:DEAN WRIGHT} DOB {dob:12/11/1990}.",
    "INTEL: {name:MOHAMMED IQBAL} AKA {name:MO} USING {phone:07700900118} TO ARRANGE PICK UPS. "
    "GRADED 2B2.",
    "ANPR HIT ON {vehicle:AB12 CDE} ON A34 SOUTHBOUND 02:10. VEHICLE LINKED TO {name:SHANE DOYLE}.",
    "{name:NOWAK} STOPPED AND SEARCHED. FOUND WITH £400 CASH AND 3 PHONES. NFA.",
    # Children's social care case notes
    "Home visit. {name:Jade} was in her room and did not want to speak to me. Mum {name:Sharon} "
    "says {name:Jade} has a new boyfriend, {name:Tyler}, who is 19 and has a car.",
    "Strategy meeting held. Present: DS {name:Karen Whitfield}, SW {name:Priya Chauhan}, school "
    "nurse {name:Helen Osei}. Agreed CSE risk is significant.",
    "{name:Kayleigh} told me she goes to {name:Tariq}'s flat after school because he gives her "
    "vodka and lets her use his phone.",
    "I spoke to Nan on the phone. She is worried about the men who wait outside the house "
    "in cars.",
    "YP disclosed that her mate {name:Shannon} introduced her to a man named {name:Bilal} who "
    "bought her a new iPhone.",
    "Return home interview completed within 72 hours. {name:Amelia} said she stayed with a "
    "friend called {name:Roxy} in Banbury but would not give an address.",
    "Foster carer Mrs {name:Pauline Hewitt} reports {name:Ruby} came home at 3am smelling of "
    "cannabis. {name:Ruby} said she had been with {name:Will} and {name:Grace}.",
    "Child in care review. {name:Courtney} is now placed at "
    "{address:flat 12b Blackbird Leys Court}. IRO {name:Martin Fairbrother} chaired.",
    "Mr {name:Khan} (stepdad) refused entry. Mrs {name:Khan} said {name:Zainab} had gone to her "
    "auntie's in Luton.",
    "{name:Chantelle} says her ex {name:Kyle} keeps messaging her on Snapchat from a new account.",
    "Referral received from school. {name:Lily-Rose Tamsett} aged 13 (dob {dob:3rd April 2011}) "
    "has been missing from lessons and was seen in a taxi with adult men.",
    "Assessment factors recorded: 10A, 11A and 24A. Case allocated to the exploitation team.",
    "Mum reports that {name:Kai} has been staying out late and has new trainers and a phone she "
    "did not buy him. He says a lad called {name:Dex} gave them to him.",
    "Social worker {name:Ngozi Adeyemi} visited. {name:Precious} was settled and engaging.",
    "email from {name:Jo Pennington} ({email:jo.pennington@example.org.uk}) confirming the "
    "child protection conference date.",
    # A&E and sexual health
    "14 y/o female attended ED with her friend {name:Summer}. Intoxicated. States she was given "
    "drinks by a man she knows as {name:Big Dave}. Safeguarding referral made.",
    "Patient {name:Hannah Price} (DOB {dob:1988-04-03}) attended with her daughter {name:Isla}, "
    "aged 15, who requested emergency contraception.",
    "Spotting the Signs completed. Partner is {name:Jamal}, age 24, met on Instagram. YP says he "
    "buys her clothes. Contact number given as {phone:07700 900 552}.",
    "Attended A&E at 02:30 with head injury. Says she fell. Brought in by an older male who gave "
    "his name as {name:Marcus} and left before triage.",
    "Repeat attendance for STI screening. Third in six months. Declined to name partner.",
    "Seen in clinic. Lives at {address:88 Hollow Way}, {postcode:OX4 2NL}. "
    "Mobile {phone:07700 900 230}. Consent to share discussed.",
    "Patient was accompanied by her 'uncle' {name:Aziz} who answered all questions for her.",
    # School DSL logs
    "{name:Bethany} in Y9 told her form tutor Mr {name:Okonkwo} that an older boy called "
    "{name:Kian} has been sharing pictures of her.",
    "Attendance now 61%. Marks: N N G U / L. Parent Mrs {name:Doreen Walsh} not answering calls "
    "to {phone:01632 960441}.",
    "{name:Poppy} was collected from the school gate by a man in a grey Mercedes, reg "
    "{vehicle:ML15 YDH}. She said it was her cousin {name:Ash}.",
    "DSL note: {name:Theo} and {name:Alfie} were excluded for 2 days after the fight on Tuesday.",
    "{name:Zara} said 'I love {name:Jay}, he looks after me'. Referral to MASH.",
    # Lower case and informal
    "yp says she is seeing a male called {name:tariq} who is 22. she met him through {name:kez} "
    "at the park.",
    "mum said {name:jade} went out with her mate {name:shannon} and didnt come back til 4am",
    "known as '{name:Tiny}' on the estate. real name {name:Connor Mulholland}.",
    "{name:Amber} went missing again last night. Rated amber by the MASH.",
    # Dates that are events, not dates of birth
    "Missing episode from 12/05/2024 to 14/05/2024. Returned by police on 14th May 2024.",
    "Strategy meeting held on 3 June 2024. Next review in September.",
    "Attended ED on 2024-03-18 at 23:10. Discharged 19/03/24.",
    # Nothing to mask
    "No further concerns raised this week. Placement stable.",
    "Attendance improved to 92% this half term. No missing episodes since Easter.",
    "Case closed to children's social care. Step down to early help.",
    "Risk assessment reviewed. SERAF score 14, moderate. Review in 3 months.",
    "Outcome 15 recorded. Evidential difficulties. Victim supports action.",
    "Referral source code 1C (police). Decision within one working day.",
    "CSE screening tool completed by school nurse. No disclosure made.",
    "Child seen alone. Bedroom clean and tidy. Food in the fridge.",
    "PC 2214 and PC 1877 attended at 21:30. Child was safe and well.",
    "Staying out late, petty offending and alcohol misuse noted. May need a referral to CAMHS.",
    "Will be reviewed at the next panel in May.",
    "Referred to Barnardo's and the Hope Project. Sessions with Youth Justice to follow.",
    "Met at McDonald's on Cornmarket Street, then stayed at the Travelodge near Thornhill Park "
    "and Ride.",
    "Went to Reading, Slough and Birmingham by train. Found in Luton by Thames Valley Police.",
    "She uses Snapchat, Instagram and TikTok. Deleted WhatsApp after the interview.",
    # Mixed kinds and harder cases
    "{name:Sophie} (born {dob:17.09.2009}) was found at {address:Room 14, 3 Station Approach} with "
    "{name:Darius} and {name:Mantas}, both adults.",
    "Concerns about {name:Olena Shevchenko} and her brother {name:Taras}. Family moved from "
    "{address:5 Elm Close} to an unknown address.",
    "Taxi driver {name:Naveed} drove {name:Kayleigh} to {address:110 Iffley Road} several times. "
    "Taxi plate {vehicle:WX68 FNE}.",
    "{name:Demi} said that {name:Ryan}'s car is a blue Golf {vehicle:L512 KTP}.",
    "Phone contact: {phone:0113 496 0871}. Alternative {phone:020 7946 0325}.",
    "Intel re {name:Yusuf Abdi}: frequents {address:27 Cricket Road} and is associated with "
    "{name:Liban Warsame}, {name:Abdirahman Farah} and a female known as {name:Hodan}.",
    "Girl aged 15 (d.o.b. {dob:22nd December 2008}) reported being assaulted by {name:Ionut} at "
    "a party.",
    "Mother {name:Paulette Grant} wants {name:Tianna} moved from the school because of "
    "{name:Jermaine}'s friends.",
    "Seen by Dr {name:Adewale} in paediatrics. Injuries consistent with assault. Police informed.",
    "{name:Harvey} keeps going to {address:16 Wood Farm Road} where {name:Lee} lives.",
    "Case note: {name:Bogdan Popescu} rang the office from {phone:07700 900 876} asking where "
    "{name:Ioana} was placed. Not disclosed.",
    "{name:Kezia} goes by '{name:KK}' online and uses the email {email:kk.princess09@example.com}.",
    "OIC DC {name:Wojcik}. Victim {name:Evie} ({dob:29/01/2010}) interviewed by ABE trained "
    "officer.",
    # Second batch, written after the rules above were tuned and measured before changing them
    "Information from {name:Siobhan O'Reilly}'s mother that {name:Siobhan} has been seen with "
    "{name:Liam McGrath} and a man called \"{name:Pretty Boy}\".",
    "{name:Zhang Wei} and {name:Li Na} run the nail bar on the High Street. Two girls aged 15 "
    "seen working there late at night.",
    "Victim {name:Anna-Marie Fitzpatrick-Jones} (DOB: {dob:05 Mar 2009}) says she was taken to "
    "{address:Flat 7, 41 Marston Road} by {name:Abu Bakr Siddique}.",
    "Male known on the street as {name:Chopper} drives a grey Seat Leon, reg {vehicle:gf14 bnx}.",
    "YP's phone number is {phone:07700.900.761} and her snapchat name is {name:jaybaby07}.",
    "she said {name:ahmed} picks her up from {postcode:ox42jd} most nights",
    "Mrs {name:Nkechi Okafor} rang to say her daughter {name:Chidinma} has not been home since "
    "Friday.",
    "{name:CONNOR O'NEILL} DOB {dob:14/07/2007} ARRESTED FOR POSSESSION WITH INTENT. FOUND WITH"
    " {name:TYRESE CAMPBELL}.",
    "Concern raised by Ms {name:Fiona Bell}, head of year, that {name:Maisie} has lots of new "
    "clothes.",
    "{name:Bradley} was born on {dob:7th June 2008} and has been known to CSC since 2015.",
    "Home address {address:14 Lime Walk}, {postcode:OX3 7AF}. Mother works nights.",
    "Police Intel: {name:Mehmet Yilmaz} owns the kebab shop where {name:Courtney} and "
    "{name:Nevaeh} hang out. Shop phone {phone:01632 960 117}.",
    "Meeting with {name:Joanne} from the YOT. She is concerned about {name:Kian}'s association "
    "with {name:Jayden Lewis}.",
    "The older boy {name:Rhys} told staff that {name:Tia} was \"his girl\" and nobody else "
    "could talk to her.",
    "{name:Hamid} is an unaccompanied asylum seeking child placed at the hotel. Missing twice "
    "this month.",
    "Anonymous call: girls going in and out of {address:3 Beech Croft} at all hours. Caller "
    "gave number {phone:0113 496 0552}.",
    "RHI completed by {name:Sam} from Barnardo's. {name:Lacey} would not say where she had been.",
    "grandad {name:Terry} says {name:ellie} comes home with cash and wont say where from",
    "Pupil {name:Daniyal} (Y10) disclosed that his cousin {name:Faisal} asks him to carry "
    "packages to Slough.",
    "VRM {vehicle:W462 LDF} registered to {name:Gheorghe Popa} of {address:22 Ridgeway Avenue},"
    " Luton.",
    "Missing from care 8 times since January. Police APP risk grading medium.",
    "Spoke to {name:Aoife} at school. She seemed withdrawn and tired. Teacher Mrs {name:Patel} "
    "will monitor.",
    "Male, aged about 30, calling himself {name:Romeo}, was seen giving {name:Skye} a lift in a"
    " black Range Rover.",
    "{name:Jordan}'s mum {name:Lisa Hamblin} says he has been going to London on the train with"
    " older boys.",
    "{name:Tomasz} ({dob:12/12/1985}) of {address:9 Windmill Close} was identified on CCTV with"
    " {name:Oliwia}.",
    # Third batch, also written before being run; one miss kept (a nickname after "saved as")
    "Duty log 14:05 - {name:Kerry-Ann Blake} phoned re daughter {name:Shanice} (15). Says "
    "{name:Shanice} has been staying at a man's flat in Headington. Man is called {name:Omari} "
    "or {name:Marley}, she isn't sure.",
    "{name:Leah} disclosed to school nurse {name:Bridget Moran} that she had sex with "
    "{name:Callum}'s older brother when she was 13.",
    "Police stop check on {vehicle:BD18 UJW} (black Mercedes A class). Driver {name:Waqas Butt}"
    " ({dob:03.09.1994}), passengers {name:Kelsey Fuller} and an unknown female.",
    "Strategy discussion: {name:Grace}'s social worker {name:Anita} will complete a SERAF by "
    "Friday.",
    "MISPER REPORT: {name:TEGAN HOLLOWAY}, 14, LAST SEEN 19:00 WEARING BLACK NORTH FACE JACKET."
    " BELIEVED TO BE WITH {name:KYLE} AT {address:21 NORMAN AVENUE}.",
    "Information received that the house at {address:6 Sandy Lane} is being used as a trap "
    "house. Occupant {name:Dwayne Reid} has mobile {phone:07700 900 084}.",
    "Nurse notes: pt states partner {name:\"Jay\"} is 17 but she thinks he is older. Met via "
    "TikTok.",
    "{name:Oliwia} and {name:Natalia} from year 8 reported that a man in a van offered them £50"
    " each.",
    "Concerns for {name:Millie} as her nan {name:Brenda} has died and she is now living with "
    "her dad's friend {name:Gaz}.",
    "Email received from {email:d.mensah@example.net} (father, {name:Daniel Mensah}) asking for"
    " a meeting.",
    "CCE concerns. {name:Ibrahim} found in Reading with £600 and 2 phones. Says a guy named "
    "{name:Shaq} sent him.",
    "The young person's address is {address:Flat 2, 117 London Road}, {postcode:OX3 9ED}.",
    "{name:Kacey} told her teacher that Uncle {name:Tony} touches her.",
    "sexual health: 15 yo, partner 23 named {name:ricky}, lives with him at weekends. referred "
    "to MASH.",
    "Intel: {name:Armend} and {name:Besnik} (Albanian nationals) are believed to control the "
    "cannabis grow at {address:44 Rose Hill}.",
    "Staff at the hotel said {name:Courtney} booked room 12 under the name {name:Sarah Jones}.",
    "{name:Maya} was missing for 3 days. On return she had a new phone with the number "
    "{phone:07700 900 663} saved as '{name:Bae}'.",
    "No concerns reported by school this term. Attendance 97%.",
    "Multi-agency meeting 12/09/2023. Agreed to refer to NRM.",
    "{name:Ashleigh} (DOB {dob:01/06/2009}) and {name:Jodie} (DOB {dob:18/10/2008}) were found "
    "in a car with three adult males in Cowley.",
    "Caller Mr {name:Devlin} says kids are going in and out of number 8 all night.",
    "{name:Joshua} says his friend {name:Deji} gets paid to take bags to Birmingham.",
    "he said someone called {name:Fitz} owes him money",
    "Mum {name:Gemma} reports that {name:Isla-Rose} has been using a second phone, "
    "{phone:07700900299}.",
    "School: {name:Harley} in Y11 seen getting into a car reg {vehicle:FD09 MNO} after school "
    "on Monday.",
]
