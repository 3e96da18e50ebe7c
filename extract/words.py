"""Rules as data: word lists and matcher patterns, each with the text that motivated it."""

from __future__ import annotations

# Word lists stay compact, several words a line: the formatter would put each on its own line.
# fmt: off

HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "prof", "professor",
    "rev", "mx", "madam", "mme", "herr", "sen", "rep", "gen", "col", "capt", "sgt", "baroness",
})

# Head words that make a name an organisation: "People's Mojahedin Organization of Iran",
# "Islamic Revolutionary Guard Corps", "MEK Resistance Units", "Intelligence Ministry".
ORG_WORDS = frozenset({
    "securities", "holdings", "partners", "airways", "motors",
    "organization", "organisation", "council", "committee", "ministry", "party", "corps",
    "guard", "guards", "unit", "units", "resistance", "agency", "university", "college",
    "company", "corporation", "association", "union", "front", "movement", "army", "court",
    "parliament", "government", "foundation", "institute", "institution", "bank", "news",
    "daily", "times", "post", "network", "group", "commission", "department", "office",
    "federation", "league", "club", "society", "alliance", "coalition", "service", "services",
    "forces", "force", "police", "navy", "senate", "congress", "assembly", "board", "bureau",
    "fund", "trust", "inc", "ltd", "plc", "llc", "co", "school", "hospital", "chamber",
    "chambers", "cabinet", "mujahedin", "mojahedin", "tribunal", "authority", "campaign",
    "centre", "center", "industries", "airlines", "press", "broadcasting", "television",
    "radio", "magazine", "newspaper", "journal", "gazette", "tribune", "herald", "telegraph",
    "academy", "conservatory", "conservatoire", "orchestra", "choir", "brotherhood",
})
# The last word of a name that is a unit of the organisation named before it: "the Harbour
# Union Finance Committee", "the Harbour University Divinity School". Not a word of an
# institution named after someone or something ("the Reed Foundation", "Eastfield University",
# "Harbour Motors Inc"): those are organisations of their own.
UNIT_WORDS = frozenset({
    "committee", "subcommittee", "council", "branch", "wing", "division", "unit", "units", "board",
    "department", "office", "section", "school", "college", "faculty", "caucus", "chapter",
    "executive", "secretariat", "directorate", "panel", "bureau", "cabinet",
})
# Organisation words written in lower case after a name that are still part of it: "the
# Public and Commercial Services union". ("the KERAN party": the party is "KERAN".)
ORG_TAIL_WORDS = frozenset({"union", "council", "committee", "association", "federation", "league"})
# Common nouns of a kind of organisation that may stand right before its name: "the club Eastfield
# United", "the pop group Velvet Owls", "the record label Harbour Sound".
ORG_KIND_NOUNS = frozenset({
    "club", "band", "group", "duo", "trio", "quartet", "outfit", "orchestra", "ensemble", "choir",
    "label", "company", "firm", "party", "team", "side", "franchise", "newspaper", "magazine",
    "broadcaster", "charity", "union", "organisation", "organization", "airline", "bank",
    "university", "college", "school", "regiment", "unit", "militia", "society", "association",
    "movement", "faction",
})
# Common nouns that name a kind of person: "led by a woman, Maryam Rajavi".
PERSON_NOUNS = frozenset({
    "woman", "man", "girl", "boy", "mother", "father", "wife", "husband", "son", "daughter",
    "official", "activist", "journalist", "lawyer", "politician", "student", "teacher",
    "doctor", "cleric", "dissident", "prisoner", "author", "writer", "singer", "actor",
    "actress", "player", "coach", "manager", "analyst", "expert", "economist", "scientist",
    "candidate", "businessman", "businesswoman", "campaigner",
})

# Reporting verbs (lemmas) that introduce a quote or reported speech.
CUE_VERBS = frozenset({
    "say", "tell", "add", "write", "tweet", "state", "claim", "warn", "insist", "acknowledge",
    "explain", "note", "declare", "announce", "argue", "ask", "reply", "respond", "continue",
    "conclude", "admit", "urge", "stress", "emphasize", "emphasise", "suggest", "comment",
    "remark", "report", "confirm", "deny", "assert", "predict", "recall", "describe", "call",
    "charge", "complain", "concede", "contend", "observe", "point", "maintain",
    "mention", "reiterate", "repeat", "retort", "shout", "speak", "testify", "vow", "promise",
    "boast", "joke", "quip", "laugh", "caution", "blast", "slam", "accuse", "praise", "post",
    "order", "demand", "pledge", "proclaim", "counter", "agree", "believe", "think", "hope",
    "fear", "worry", "plead", "cry", "yell", "whisper", "scream", "mutter", "recount",
    "interject", "dismiss", "label", "brand", "dub", "term", "criticise", "criticize",
    "chant", "read", "put", "attack", "characterize", "characterise", "condemn", "denounce",
    "decry", "deride", "mock", "ridicule", "hail", "lambast", "castigate", "lament", "wonder",
    "assure", "reassure",
})
# Nouns of saying whose possessor is the speaker: "Ada Kell's claim that there were “thousands”".
SPEECH_NOUNS = frozenset({
    "claim", "statement", "remark", "remarks", "comment", "comments", "assertion", "warning",
    "pledge", "promise", "words", "tweet", "accusation", "insistence", "admission", "plea",
    "argument", "suggestion", "vow", "boast", "quip", "description", "characterization",
    "characterisation", "criticism", "complaint", "prediction", "declaration", "announcement",
})
# Verbs whose object, followed by a participle of saying, is the one who speaks: "the film
# showed Ann Hale telling the crowd", "reporters heard her saying".
SHOWING_VERBS = frozenset({"show", "hear", "see", "film", "record", "catch", "overhear", "watch", "feature"})
# Verbs whose object, a noun of saying, is what their subject says: "issued a statement that".
MAKING_VERBS = frozenset({"issue", "release", "make", "give", "publish", "send", "deliver", "put", "post"})
# Cues that introduce reported speech with "that" or an implicit clause: "X said that ...".
CLAIM_VERBS = frozenset({
    "say", "tell", "claim", "warn", "insist", "acknowledge", "explain", "note", "declare",
    "announce", "argue", "admit", "stress", "emphasize", "emphasise", "suggest", "report",
    "confirm", "deny", "assert", "predict", "maintain", "reiterate", "vow", "promise",
    "believe", "think", "fear", "add", "write", "state", "allege", "estimate",
})
# Nouns whose "words" nobody speaks: slogans on walls and chants of crowds are not quotes.
SLOGAN_NOUNS = frozenset({
    "slogan", "slogans", "chant", "chants", "graffiti", "banner", "banners", "poster",
    "posters", "sign", "signs", "placard", "placards", "leaflet", "leaflets", "headline",
    "headlines", "hashtag", "wall", "walls", "title", "motto", "sticker",
})

# Titles (head words) a person can hold: "Tory leader Michael Howard", "Chancellor Gordon
# Brown", "Alireza Jafarzadeh, member of the ... Committee".
TITLE_WORDS = frozenset({
    # occupations a news report names its sources by ("currency strategist with Harbour Bank")
    "strategist", "trader", "dealer", "broker", "reporter", "columnist", "solicitor", "barrister",
    "consultant", "researcher", "lecturer",
    "president", "leader", "minister", "secretary", "chancellor", "spokesman", "spokeswoman",
    "spokesperson", "chairman", "chairwoman", "chair", "chairperson", "director", "chief",
    "head", "founder", "co-founder", "member", "official", "candidate", "mp", "mep", "senator",
    "governor", "mayor", "ambassador", "commander", "ceo", "editor", "correspondent",
    "professor", "judge", "king", "queen", "prince", "princess", "general", "premier",
    "prime", "deputy", "vice-president", "president-elect", "representative", "envoy",
    "adviser", "advisor", "aide", "coordinator", "executive", "manager", "coach", "captain",
    "prosecutor", "attorney", "lawyer", "analyst", "economist", "officer", "cleric",
    "ayatollah", "imam", "pope", "bishop", "archbishop", "sheikh", "emir", "sultan",
    "lawmaker", "legislator", "congressman", "congresswoman", "diplomat", "councillor",
    "councilor", "speaker", "treasurer", "vice-chairman", "boss", "presenter",
    "chairman-elect", "leader-elect", "shadow", "commissioner", "inspector", "superintendent",
    "sergeant", "colonel", "lieutenant", "major", "admiral", "marshal", "activist",
    "cardinal", "rabbi", "pastor", "priest", "vicar", "chaplain", "constable", "detective",
    "sheriff", "coroner", "magistrate", "headteacher", "headmaster", "headmistress", "principal",
    "dean", "provost", "rector", "curator", "msp", "mla", "journalist", "host", "frontbencher",
    "backbencher", "peer", "hopeful",
})
# Titles written after a name: "Ruth Kelly MP".
POST_NOMINAL_TITLES = frozenset({"mp", "msp", "mep", "mla"})
# Titles that mean leading the organisation they name: "X, the leader of Y" -> Y ledBy X.
LEADER_WORDS = frozenset({
    "leader", "head", "chair", "chairman", "chairwoman", "chairperson", "president",
    "founder", "co-founder", "chief", "ceo", "boss", "director", "secretary-general",
    "director-general", "commander", "premier",
})
# Words that modify a title and are titles only alone: "shadow home secretary", "Deputy
# Prime Minister", "acting chief executive", "Vice President".
TITLE_MODIFIERS = frozenset({
    "shadow", "deputy", "acting", "interim", "vice", "assistant", "joint", "former", "ex",
    "chief", "senior", "co", "associate",
})
# Modifiers written before the organisation that still modify the title: "Former Harbour Trust
# chairman", "Shadow Tory spokesman" hold "Former chairman", "Shadow spokesman".
OWNER_MODIFIERS = frozenset({"former", "ex", "shadow", "deputy", "acting", "interim", "joint"})
# Titles a company gives, which make the name before them a company: "Brightwater chief executive".
CORPORATE_TITLES = frozenset({
    "chief executive", "chief financial", "chief operating", "chairman", "chairwoman", "chairperson", "boss",
    "ceo", "managing director", "finance director", "executive", "vice-president",
})
# Titles a company or a body gives, which take the organisation of their sentence when the
# text names no other: "Brightwater posted a profit. Chief executive Ann Hale said ...".
BRIDGING_TITLES = frozenset({
    "executive", "chairman", "chairwoman", "chair", "co-chairman", "director", "head", "co-head",
    "officer", "spokesman", "spokeswoman", "spokesperson", "analyst", "editor", "manager",
    "vice-president", "boss", "ceo", "founder", "treasurer", "economist",
})
# How many sentences back bridging looks for the organisation a paragraph is about: a quoted
# paragraph of three or four sentences may stand between the company and "said chief
# financial officer X".
BRIDGING_REACH = 5
# Nouns that describe an organisation before a title: "company president X", "Committee chairman X".
BRIDGING_NOUNS = frozenset({"company", "firm", "group", "committee", "union", "party", "bank", "council"})
# Party words that name no party on their own: "Party leader X" is the leader of the party
# the text is about.
GENERIC_PARTY_WORDS = frozenset({"party", "union", "parliament", "senate", "congress", "cabinet"})
# Groups with followers rather than members: their leader is not counted as a member.
MOVEMENT_WORDS = frozenset({"movement", "resistance", "opposition", "uprising", "revolution"})
# Titles of several words that lead: "chief executive", "executive chairman".
LEADER_PHRASES = frozenset({
    "chief executive", "chief executive officer", "executive chairman", "executive chairwoman",
    "general secretary", "secretary general", "director general",
})
# Words before a title that stop it meaning what it says now: "former leader",
# "President-elect", "deputy leader", "presidential candidate".
NOT_LEADER_MODIFIERS = frozenset({
    "former", "ex", "deputy", "vice", "elect", "acting", "candidate", "late", "shadow",
    "assistant", "associate", "future", "would-be", "presidential", "interim",
    "knight", "dame",  # "Knight Commander of the Order of Y": an honour, not a command
})
# "the Iranian opposition movement is led by ...": the subject becomes an organisation.
GROUP_NOUNS = frozenset({
    "movement", "party", "group", "coalition", "opposition", "government", "organisation",
    "organization", "campaign", "alliance", "front", "council", "committee", "union",
    "network", "resistance", "team", "company", "firm", "regime",
})
# Verbs of leading: "X heads Y" (a matcher rule) and "Y is headed by X" (relations/positions.py).
LEAD_VERBS = frozenset({
    "lead", "head", "chair", "run", "found", "co-found", "establish", "direct", "command", "manage",
})
# Verbs of forming a group, which make its members, not its leaders: "the band was formed by X".
FORMING_VERBS = frozenset({"form", "co-form"})
# Organisations whose leaders are members by definition: "a party's leader is its member".
PARTY_WORDS = frozenset({
    "party", "labour", "labor", "tories", "tory", "conservatives", "conservative", "democrats",
    "republicans", "liberal", "greens", "union", "parliament", "senate", "congress", "cabinet",
})

# -- mentions (mentions/entities.py) ----------------------------------------------------------------
# spaCy NER labels -> our entity types ("Iranian" NORP modifiers are dropped by the reader).
LABEL_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
    "NORP": "Organization",
}
# Last words of the names of places and buildings: "Downing Street" is no person.
PLACE_WORDS = frozenset({
    "street", "road", "avenue", "lane", "square", "park", "bridge", "hall", "house", "palace",
    "castle", "tower", "station", "airport", "cathedral", "abbey", "stadium", "arena", "harbour",
    "harbor", "river", "valley", "island", "islands", "mountain", "mountains", "county", "city",
})
# Last words of the names of roads and natural features, which no surname is: "Harbour Drive",
# "Eastfield Glacier" name places whatever the NER said (a name that ends in "Street", "Hall" or
# "Lane" may be a person's). The first word "Mount" does the same: "Mount Eastwick".
PLACE_HEADS = frozenset({
    "drive", "boulevard", "highway", "freeway", "motorway", "expressway", "parkway", "trail",
    "glacier", "peninsula", "canal", "archipelago", "volcano", "fjord", "oblast", "prefecture",
})
PLACE_OPENERS = frozenset({"mount", "mt"})
# Lower-case words a name may hold: "National Council of Resistance of Iran", "Mujahedin-e Khalq".
NAME_CONNECTORS = frozenset({
    "of", "for", "and", "&", "de", "e", "al", "la", "du", "von", "van", "der", "bin", "-", "den",
    "da", "das", "dos", "del", "della", "di", "le", "ter", "ten", "ibn", "bint", "abu", "el",
})
# Words of party names the NER takes for a person: "Lib Dem", "Tory" (with PARTY_WORDS).
PARTY_NAME_WORDS = frozenset({"lib", "dem", "dems", "libdem", "libdems", "ukip", "snp", "gop"})
# Words that join the parts of a long organisation name before "(ACRONYM)".
LONG_NAME_JOINERS = frozenset({"of", "and", "for", "’s", "'s"})
ARTICLES = frozenset({"the", "a", "an"})
# A cue word the NER ran into a name at a sentence start: "Said Ellis".
LEADING_CUES = frozenset({"said", "says", "asked", "added"})
POSSESSIVE_ENDINGS = frozenset({"'s", "’s", "'", "’"})
QUOTE_CHARS = "\"'“”‘’«»"

# -- quotes and speakers (quotes/) ------------------------------------
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "it", "we"})
# Gender as the text states it (mentions/coref.py): pronouns, and honorifics before a name.
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
MALE_HONORIFICS = frozenset({
    "mr", "sir", "lord", "baron", "king", "prince", "duke", "earl", "father", "brother", "monsignor",
})
FEMALE_HONORIFICS = frozenset({
    "mrs", "ms", "miss", "lady", "dame", "baroness", "queen", "princess", "duchess", "sister",
    "madam", "mme", "mother",
})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# Reporting words that are cues whatever their tag ("Said Ellis:" is tagged a proper noun).
ALWAYS_CUES = frozenset({"said", "says", "told", "tells", "added", "asked", "wrote", "tweeted"})
# Descriptions that stand for an organisation named earlier: "the newspaper wrote".
ORG_DESCRIPTIONS = frozenset({
    "newspaper", "paper", "daily", "ministry", "agency", "website", "group", "party",
    "organisation", "organization", "company", "firm", "government", "regime", "council",
    "committee", "broadcaster", "network", "station", "magazine", "outlet", "movement", "campaign",
    "union", "court", "office", "department", "police", "army", "report", "statement",
})
# Descriptions that stand for a person named earlier: "the spokesman said".
PERSON_DESCRIPTIONS = TITLE_WORDS | {"official", "spokesman", "spokeswoman"}
# Descriptions of people who speak for someone and are rarely named: "the spokesman said" is
# not the person the article is about.
SPOKESPEOPLE = frozenset({"official", "spokesman", "spokeswoman", "spokesperson", "source", "aide"})
# Small words a Title Case name of a work may hold: 'the "Free Iran Global Summit"'.
TITLE_CASE_SMALL_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "a", "to", "at"})
# Prepositions that keep a speaker's noun phrase going: "a spokesman for the ministry".
NP_PREPOSITIONS = frozenset({"of", "for", "at", "to", "from"})
DASHES = frozenset({"―", "—", "–", "-"})

# -- positions (relations/titles.py, relations/positions.py) -------------------------------------------------------
# Modifiers a title is written without: "the current chairman" holds "chairman".
DROPPED_TITLE_MODIFIERS = frozenset({
    "current", "then", "now", "incumbent", "longtime", "long-time", "new", "veteran", "powerful",
    "newly", "recently", "appointed", "elected",  # "its newly-appointed chief executive"
})
# Verbs that hold an office "as" a title: "X serves as the trust's chairwoman".
SERVE_VERBS = frozenset({"serve", "act", "work"})
COPULAS = frozenset({"is", "was", "became", "becomes", "remains", "remained", "be", "been"})
# Participles of taking an office, between a copula and the title: "X was appointed treasurer of
# Y", "she has been elected leader of Y", "X was made chairman of Y".
APPOINTED = frozenset({"appointed", "named", "elected", "re-elected", "made", "promoted", "installed", "confirmed"})
# Honorifics that may stand between a title and a name: "the leader, Mr Hale", "Lord
# Chancellor Lord Hale".
SHORT_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "lord", "lady", "baroness", "sir", "dame"})
# Adjectives of party names, besides PARTY_WORDS: "Democrat senator", "Republican leader".
PARTY_ADJECTIVES = frozenset({"democrat", "republican", "democratic"})
# Prepositions between a title and its organisation: "chief executive of", "spokesman for".
TITLE_PREPOSITIONS = frozenset({"of", "for", "at", "to"})
# Title conjunctions that never open a title: "Italian Prime Minister and German Chancellor X".
TITLE_JOINERS = frozenset({"and", "&", "-", "or"})
# Words that may open a title before a name: "one of the regime's officials, X", "Its president, X".
TITLE_OPENERS = frozenset({"one", "its"})
# A title word written after its head: "President-elect" split by the tokenizer as "President - elect".
TITLE_SUFFIXES = frozenset({"elect"})
# Words inside the run of words before a title: "Trade and Industry Secretary", "the union's leader".
TITLE_RUN_JOINERS = frozenset({"and", "-", "'s", "’s"})
# Words inside a title phrase: "Trade and Industry Secretary", "Culture & Media Secretary".
TITLE_CONJUNCTIONS = frozenset({"and", "&"})
# Where the search for a possessor ("the union's") stops: "leader of", "spokesman for".
POSSESSOR_STOPS = frozenset({"of", "for", ","})
# Words inside a description after "of" that names no entity: "head of the regional health board".
DESCRIPTION_JOINERS = frozenset({"of", "and", "for"})
# Capitalised words of a title's portfolio, never an organisation's name before it: "Home
# Secretary", "Europe minister", "Work and Pensions Secretary", "Finance Minister".
TITLE_DOMAINS = frozenset({
    "home", "foreign", "finance", "health", "education", "trade", "industry", "transport",
    "justice", "defence", "defense", "environment", "culture", "media", "sport", "europe",
    "treasury", "interior", "energy", "work", "pensions", "affairs", "state", "economic",
    "chief", "prime", "general", "cabinet", "commonwealth", "development", "employment",
    "agriculture", "fisheries", "housing", "communities", "security", "international",
    "constitutional", "northern", "scotland", "scottish", "wales", "welsh", "ireland", "irish",
    "attorney", "solicitor", "lord", "lords", "commons", "government", "local", "social",
    "family", "women", "equality", "equalities", "science", "technology", "business",
    "enterprise", "immigration", "police", "policing", "legal", "communications", "public",
    "services", "urban", "rural", "regional", "budget", "economy", "labor", "commerce",
    "veterans", "homeland", "intelligence", "national", "senior", "junior", "joint", "first",
    "second", "third", "executive", "financial", "operating", "managing", "medical", "european",
})
# Offices of a state, which make the country before them the organisation of the title:
# "French finance minister", "the US ambassador", "Irish prime minister".
STATE_OFFICES = frozenset({
    "president", "president-elect", "premier", "minister", "chancellor", "ambassador", "envoy",
    "king", "queen", "monarch", "emperor", "secretary",
})
# Offices of state named by a portfolio before them, capitalised: "Armed Forces Minister",
# "Home Secretary" (no organisation employs them by those words).
PORTFOLIO_OFFICES = frozenset({"minister", "secretary"})
# Offices of a town, city or region: "the Eastfield mayor", "Harbour County governor".
LOCAL_OFFICES = frozenset({"mayor", "mayor-elect", "governor", "governor-elect"})
# Directors that lead: "managing director", "executive director", "director general".
LEADING_DIRECTORS = frozenset({"managing", "executive", "general"})
# fmt: on

# -- relations stated by verbs and role nouns (relations/membership_rules.py) -------------------
# The words of the matcher rules' patterns; every rule has its invented sentence in rules.py.
# fmt: off
MEMBER_VERBS_OBJECT = ["join", "rejoin", "captain", "represent", "form", "co-form", "enter"]
MEMBER_VERBS_PREP = ["work", "serve", "fight", "enlist", "teach", "lecture", "compete"]
# Verbs of teams: what one plays or signs for is a team, whatever the NER called it ("Harbour City").
TEAM_VERBS = ["play", "sign", "transfer", "loan", "trade", "draft"]
# Nations that field national sides without being states of the demonym table: "played for
# Harbour City and Wales" names no club in "Wales".
HOME_NATIONS = frozenset({"england", "scotland", "wales", "northern ireland"})
# Role nouns of players, which make what they play for a team: "a rugby player for Harbour Tigers".
TEAM_ROLES = frozenset({
    "player", "footballer", "cricketer", "striker", "midfielder", "defender", "goalkeeper",
    "forward", "pitcher", "quarterback", "winger",
})
# Roles a band's or a team's name stands before, the member's name after: "Harbour Lights
# bassist Tom Reed", "former Eastfield Rovers striker Kim Moss".
BAND_ROLES = frozenset({
    "member", "singer", "guitarist", "drummer", "bassist", "vocalist", "keyboardist", "frontman", "frontwoman",
})
GROUP_ROLES = TEAM_ROLES | BAND_ROLES
# The nouns a band is introduced by: "the rock group Blue Owls", "Blue Owls are a folk band".
BAND_WORDS = frozenset({"band", "group"})
# Verbs that move a player or an employee to a team or a firm: "loaned him to Y", "sold her to Y".
TRANSFER_VERBS = ["loan", "sell", "transfer", "trade", "send", "release"]
TEAM_PREPOSITIONS = ["for", "with", "to"]
# What a player signs or plays for a team: "signed a two-year deal with Y", "played two seasons for Y".
TEAM_DEALS = ["deal", "contract", "season", "part", "game", "match", "year"]
# Nouns of a stretch of work: "began his career with Harbour City", "a spell at Eastfield".
CAREER_NOUNS = ["career", "spell", "stint", "tenure", "season", "year", "job", "position", "post"]
MEMBER_PREPOSITIONS = ["for", "with", "at", "in", "on"]
MEMBER_VERBS_PASSIVE = ["sign", "draft", "recruit", "employ", "hire", "elect", "appoint", "loan", "trade"]
MEMBER_PASSIVE_PREPOSITIONS = ["to", "by"]
# Role nouns that belong to an organisation named after a preposition: "a politician for the
# Labour Party", "an officer in the Navy", "a professor at the University", "a member of Y".
# A movement's leader is no member of it (relations/positions.py says why).
ROLE_NOUNS = [
    "member", "politician", "player", "footballer", "officer", "professor", "lecturer",
    "academician", "researcher", "employee", "singer", "guitarist", "drummer", "bassist",
    "vocalist", "keyboardist", "musician", "captain", "coach", "manager", "analyst",
    "economist", "fellow", "trustee", "soldier", "pilot", "agent", "engineer", "scientist",
    "official", "striker", "midfielder", "defender", "goalkeeper", "forward", "pitcher",
    "quarterback", "colonel", "lieutenant", "major", "sergeant", "corporal", "private",
    "composer", "songwriter", "frontman", "producer", "presenter", "host", "reporter",
    "journalist", "staff", "leader", "founder", "co-founder", "chairman", "chairwoman",
    "president", "vice-president", "director", "executive", "commander", "general", "admiral",
    "minister", "secretary", "deputy", "senator", "representative", "candidate", "editor",
    "correspondent", "spokesman", "spokeswoman", "part",
]
ROLE_PREPOSITIONS = ["for", "at", "in", "of", "with"]
# Groups inside an organisation, which stand for it after "of": "joined the faculty of Y",
# "served on the management team of Y", "a member of the board of Y".
UNIT_NOUNS = frozenset({
    "faculty", "staff", "board", "team", "ranks", "cast", "crew", "squad", "roster", "leadership",
    "management", "executive", "payroll", "workforce", "academy",
})
# Verbs by which an organisation takes a person in: "the band later recruited X".
RECRUIT_VERBS = ["recruit", "hire", "employ", "enlist", "sign", "draft"]
# Last words of named places and things that often start with a first name: "Christ Church",
# "Betty Hale Gallery", "Elektra Records", "Adler Arena".
NAMED_THING_WORDS = frozenset({
    "church", "gallery", "records", "orchestra", "arena", "stadium", "hall", "museum", "theatre",
    "theater", "cup", "award", "awards", "prize", "festival", "bridge", "street", "road", "avenue",
    "park", "square", "island", "county", "city", "hotel", "house", "centre", "center", "airport",
})
# Common nouns of places, which make the names listed with them places: "at Eastwick prison,
# Lisbon, and Westmoor".
PLACE_NOUNS = frozenset({"prison", "airport", "town", "city", "village", "port", "estate", "county", "district"})
# Words a report runs into a name before a party or a title: "Fellow Tory Tom Reed".
NAME_OPENERS = frozenset({"fellow"})
# Descriptions that stand for any organisation named before, whatever its name: "the
# organisation's president, X" (a committee is "the committee" only if its name says so).
GENERIC_DESCRIPTIONS = frozenset({"organisation", "organization", "company", "firm", "group", "body"})
# Nouns of laws, capitalised in a law's name: "the Finance Bill", "No Bill goes through".
LEGISLATION_WORDS = frozenset({"bill", "act", "treaty", "amendment"})
# Ranks a person is styled by with a place, which make the whole a name: "the Prince of Wales",
# "the Duke of Eastwick" (the NER names only the rank).
STYLED_RANKS = frozenset({
    "prince", "princess", "duke", "duchess", "earl", "countess", "king", "queen", "archbishop", "bishop",
})
# Endings of nouns of a person's role, which a capitalised word before a name may be
# ("Guitarist X", "Emperor X", "Father X"), never a first name the NER cut off.
ROLE_NOUN_ENDINGS = ("ist", "er", "or", "ian", "ant", "ent", "ess", "man", "woman")
# First names that are also months or seasons: "June List" names no person.
CALENDAR_NAMES = frozenset({"january", "april", "may", "june", "july", "august", "summer", "autumn"})
# Lower-case particles inside personal names, never their last word: "Carl von der Esch".
NAME_PARTICLES = frozenset({
    "von", "van", "der", "den", "de", "da", "di", "del", "della", "du", "le", "la", "bin", "ibn",
})
# Adjectives of peoples and regions the demonym table leaves out (their offices belong to a
# state: "Welsh Secretary"); with the table's words, never an organisation before a role noun.
REGIONAL_ADJECTIVES = frozenset({
    "welsh", "scottish", "english", "european", "african", "asian", "latin", "arab", "kurdish",
    "catalan", "basque", "flemish", "bavarian", "quebecois", "texan", "californian",
})
# A party's member named by the party's noun or adjective: "elected as a Whig", "a Republican
# member", "the Democratic candidate" (capitalised: "a liberal member" names no party).
PARTY_MEMBER_NOUNS = [
    "democrat", "democratic", "republican", "whig", "tory", "conservative", "liberal", "socialist",
    "communist", "federalist", "independent", "unionist", "nationalist", "labour", "labor",
    "green", "progressive", "populist",
]
# Role nouns a party's noun or adjective makes a party member: "a Republican senator".
PARTY_ROLE_NOUNS = [
    "member", "candidate", "nominee", "senator", "congressman", "congresswoman", "representative",
    "politician", "councillor", "councilor", "legislator", "lawmaker", "delegate", "deputy",
    "rival", "frontbencher", "backbencher", "peer",
]
# Role nouns of members that are no office, written after their organisation: "Harbour Echo
# bassist X", "a Green Alliance politician", "the first Eastfield Rovers player". (Offices
# there, "Harbour Trust chairman X", are titles: relations/titles.py reads them.)
MEMBER_NOUNS = [
    "member", "politician", "player", "footballer", "cricketer", "singer", "guitarist", "drummer",
    "bassist", "vocalist", "keyboardist", "musician", "frontman", "frontwoman", "songwriter",
    "columnist", "reporter", "journalist", "correspondent", "scientist", "engineer", "soldier",
    "pilot", "striker", "midfielder", "defender", "goalkeeper", "pitcher", "quarterback",
    "employee", "staffer", "activist", "lawmaker", "legislator", "councillor", "councilor",
    "officer",
]

# fmt: on
