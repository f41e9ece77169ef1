//! The words attribution reads: verbs of speech, titles and roles that come
//! before a name, capitalised words that are not names, pronouns.

/// Verbs (and verb phrases' heads) that attribute speech.
#[rustfmt::skip]
pub const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "asked", "asks", "explained", "explains",
    "stated", "states", "noted", "notes", "continued", "continues", "replied", "replies", "wrote",
    "writes", "insisted", "insists", "warned", "warns", "argued", "argues", "recalled", "recalls",
    "admitted", "admits", "acknowledged", "declared", "announced", "commented", "remarked", "conceded",
    "concedes", "laughed", "joked", "cautioned", "confirmed", "claimed", "claims", "suggested",
    "suggests", "shouted", "whispered", "concluded", "emphasised", "emphasized", "stressed", "observed",
    "agreed", "predicted", "tweeted", "posted", "responded", "recounted", "pleaded", "urged", "urges",
    "vowed", "vows", "complained", "lamented", "quipped", "demanded", "promised", "reiterated",
    "countered", "retorted", "mused", "sighed", "boasted", "cried", "yelled", "screamed", "muttered",
    "murmured", "wondered", "maintained", "assured", "estimated", "testified", "alleged", "reported",
    "begged", "exclaimed", "pointed", "answered",
];

/// Words that name a role rather than a person, stripped from the front of
/// a name ("Harbourmaster Petra Lindqvist", "Dr. Anders Vik"). Mid-sentence
/// they are lowercase and break the name anyway; these matter at the start
/// of a sentence and as titles.
#[rustfmt::skip]
pub const ROLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev",
    "father", "president", "vice", "prime", "minister", "chancellor", "mayor", "councillor",
    "councilor", "senator", "governor", "general", "colonel", "captain", "capt", "sergeant", "officer",
    "inspector", "chief", "judge", "coach", "harbourmaster", "harbormaster", "spokesman", "spokeswoman",
    "spokesperson", "secretary", "director", "chairman", "chairwoman", "chair", "ambassador",
    "photographer", "fisherman", "nurse", "doctor", "engineer", "teacher", "biologist", "scientist",
    "economist", "analyst", "lawyer", "farmer", "resident", "owner", "founder", "manager", "leader",
    "artist", "writer", "author", "editor", "reporter", "researcher", "student", "worker", "driver",
    "pilot", "priest", "bishop", "chef", "designer", "architect", "historian", "curator", "activist",
    "campaigner", "volunteer", "expert", "official", "stroke", "commander", "detective", "sen", "rep",
    "gov", "senator", "representative", "secretary", "premier", "king", "queen", "prince", "princess",
    "pope", "cardinal", "rabbi", "imam",
];

/// Capitalised words that start sentences or phrases but are not names.
#[rustfmt::skip]
pub const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "his", "her", "their", "our", "my",
    "we", "i", "but", "and", "so", "yet", "then", "when", "asked", "in", "one", "some", "many",
    "although", "though", "while", "after", "before", "as", "if", "since", "because", "despite", "with",
    "for", "on", "at", "by", "from", "of", "to", "say", "police", "officials", "authorities",
    "residents", "witnesses", "experts", "critics", "analysts", "doctors", "scientists", "prosecutors",
    "investigators", "researchers", "lawmakers", "officers", "activists", "protesters", "organisers",
    "organizers", "sources", "reports", "others", "both", "everyone", "nobody", "supporters",
    "opponents", "economists", "observers", "parents", "teachers",
];

/// Quotation marks, which never belong to a name.
pub const QUOTE_EDGES: [char; 10] = ['“', '”', '„', '"', '«', '»', '‘', '’', '‹', '›'];

pub const PRONOUNS: &[&str] = &["he", "she", "they", "i"];

/// A word list as a set, built on first use, for lookups per word.
struct Lookup {
    words: &'static [&'static str],
    set: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>>,
}

impl Lookup {
    const fn new(words: &'static [&'static str]) -> Self {
        Self { words, set: std::sync::OnceLock::new() }
    }

    fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| self.words.iter().copied().collect()).contains(word)
    }
}

static VERBS: Lookup = Lookup::new(SPEECH_VERBS);
static ROLE_WORDS: Lookup = Lookup::new(ROLES);
static NON_NAMES: Lookup = Lookup::new(NOT_NAMES);

/// Whether a lowercase word attributes speech ("said").
pub fn is_speech_verb(word: &str) -> bool {
    VERBS.contains(word)
}

/// Whether a lowercase word is a title or role ("mayor", "dr").
pub fn is_role(word: &str) -> bool {
    ROLE_WORDS.contains(word)
}

/// Whether a lowercase word, capitalised, is still not a name ("the").
pub fn is_not_name(word: &str) -> bool {
    NON_NAMES.contains(word)
}
