"""The words the reader recognises, in every language it reads, defined once.

Name particles, organisation words, the connectors inside organisations' names, editor and
translator words, months and seasons, and the headings of reference lists and notes. The
reference parser, the name reader, the block layout and the citation grammar all take their words
from here, so that a particle one of them knows ('della') is known to all of them.
"""

from __future__ import annotations

import re

# Lower-case name particles; they belong to the surname when they precede it ("van der Linden",
# "della Porta", "ibn Khaldun").
PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "del", "della", "delle", "dei", "degli", "di", "da", "du"}
    | {"des", "dos", "das", "la", "le", "ten", "ter", "zu", "zur", "vom"}
    | {"al", "el", "bin", "ibn", "bint", "d'", "d’"}
)
# Particles that Italian, Spanish, Portuguese and American names write with a capital: in a
# given-name-first name they still open the surname ('Alessio Lo Manto', 'Gina Di Stefano').
CAPITALISED_PARTICLES = frozenset(
    {"De", "Di", "Da", "Del", "Della", "Dalla", "Lo", "La", "Li", "Le", "Van", "Von", "Du", "Dos"}
)
# Particles that may be glued to the surname they precede: "al-Farabi", "d'Alembert", "O'Brien".
GLUED_PARTICLES = ("al-", "el-", "d'", "d’", "l'", "l’", "O'", "O’")

# Words that name institutions and seldom a person: a name holding one is an organisation's. Not
# 'Bank', 'Court' or 'Press', which are surnames too ('World Bank' has 'World').
ORGANISATION_WORDS = frozenset(
    {"Academy", "Agency", "Alliance", "Archive", "Archives", "Assembly", "Association", "Authority"}
    | {"Board", "Bureau", "Center", "Centre", "Coalition", "Collective", "Commission", "Committee"}
    | {"Company", "Conference", "Congress", "Corporation", "Council", "Department", "European"}
    | {"Federal", "Federation", "Forum", "Foundation", "Fund", "Government", "Group", "Institute"}
    | {"Institution", "International", "League", "Library", "Ministry", "Movement", "Museum"}
    | {"National", "Nations", "Network", "Office", "Organisation", "Organization", "Parliament"}
    | {"Party", "Program", "Programme", "Project", "Secretariat", "Service", "Society", "Trust"}
    | {"Union", "United", "University", "Watch", "World", "Inc.", "Ltd", "Ltd.", "Consortium"}
    | {"Comité", "Conseil", "Gesellschaft", "Institut", "Ministère", "Parti", "Société", "Stiftung"}
    | {"Université", "Universität", "Bibliothèque", "Bibliothek", "Akademie", "Verein", "Verband"}
    | {"Bundesamt", "Landesamt", "Archiv", "Musée", "Museo", "Deutsche", "Nationale", "Initiative"}
    | {"Team", "Équipe", "Redaktion", "Arbeitsgruppe"}
)
# German writes an institution as one compound ('Universitätsbibliothek', 'Rationalisierungskomitee'):
# a word ending so names an organisation, never a person.
ORGANISATION_ENDINGS = (
    "bibliothek", "institut", "archiv", "gesellschaft", "verband", "verein", "akademie",
    "ministerium", "stiftung", "universität", "kommission", "komitee", "komitees", "ausschuss",
    "zentrum", "arbeitsstelle",
)  # fmt: skip
# Lower-case words inside an organisation's name ('Bank of England', 'Council on Foreign Relations',
# 'Arbeitsstelle für Bibliothekstechnik'); a reference's names may hold them too.
CONNECTORS = frozenset({"of", "for", "on", "für", "pour"})

# Between the names of a list: "and", "&" and their French, German, Italian and Spanish words.
NAME_AND = frozenset({"and", "&", "et", "und", "e", "y", "u."})

# Editors' and translators' words, as reference lists write them (matched case-insensitively,
# with or without their full stop).
EDITOR_WORDS = frozenset(
    {"ed", "eds", "ed.", "eds.", "editor", "editors", "edited", "éd", "éds", "éd.", "éds."}
    | {"dir", "dir.", "dirs", "dirs.", "hg", "hg.", "hgg", "hgg.", "hrsg", "hrsg.", "herausgegeben"}
    | {"cura", "a cura di", "coord", "coord.", "sous la direction de"}
)
# Phrases that bring in a book's editors inside an entry ("…, edited by Willard McCarty, …").
EDITED_BY = (
    "edited by", "ed. by", "eds. by", "herausgegeben von", "hg. von", "hrsg. von", "hg. v.",
    "éd. par", "édité par", "sous la direction de", "a cura di",
)  # fmt: skip
TRANSLATOR_WORDS = frozenset(
    {"trans", "trans.", "translated", "translator", "translators", "tr", "tr.", "trad", "trad."}
    | {"traduit", "traduction", "übers", "übers.", "übersetzt", "übersetzung", "transl", "transl."}
)

# Months in English, French and German, and their usual abbreviations -> month number.
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "janv": 1, "févr": 2, "avr": 4, "juil": 7, "déc": 12,
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12, "okt": 10, "dez": 12,
}  # fmt: skip
SEASONS = frozenset(
    {"spring", "summer", "autumn", "fall", "winter", "printemps", "été", "automne", "hiver"}
    | {"frühling", "frühjahr", "sommer", "herbst"}
)

# Words that stand for "no date" in a reference: 'n.d.', 'o. J.', 's.d.'.
NO_DATE = ("n.d.", "n. d.", "o. J.", "o.J.", "s.d.", "s. d.", "sans date", "ohne Jahr")

# Headings of a reference list and of the notes, as reviews in English, French and German set
# them (compared case-insensitively, without a trailing colon).
REFERENCE_HEADINGS = frozenset(
    {"references", "reference list", "bibliography", "select bibliography", "works cited"}
    | {"works consulted", "sources", "sources cited", "literature", "literature cited", "cited works"}
    | {"further reading", "bibliographie", "références", "références bibliographiques"}
    | {"bibliographie sélective", "sources et bibliographie", "ouvrages cités", "literatur"}
    | {"literaturverzeichnis", "quellen", "quellen und literatur", "quellenverzeichnis"}
    | {"zitierte literatur", "verwendete literatur", "bibliografie", "bibliografia", "riferimenti"}
)
NOTES_HEADINGS = frozenset({"notes", "endnotes", "footnotes", "anmerkungen", "fußnoten", "notes de fin"})

# Capitalised words that open a phrase with a year but are not authors ("Since 1990", "May 2019").
NOT_AUTHORS = frozenset(
    {"The", "In", "From", "By", "Since", "Until", "Till", "Before", "After", "During", "Of", "And"}
    | {"A", "An", "Christmas", "Easter", "See", "Cf", "Ibid", "Ebd", "Vgl", "Im", "Seit", "Bis"}
    | {"Dans", "Depuis", "En", "Le", "La", "Les", "Der", "Die", "Das"}
    | {word.capitalize() for word in MONTHS}
    | {word.capitalize() for word in SEASONS}
)


# Capitalised words that may open a bracketed citation before the names: "(See Moretti 2005)",
# "(Vgl. Nutt-Kofoth 2019)" (lower-case words may open one too: "see also", "cf.", "voir").
CITATION_LEADS = frozenset({"See", "Cf.", "Compare", "Vgl.", "Siehe", "Voir", "E.g.", "Qtd.", "Zit."})
# Capitalised words that name a part of a work beside its pages, in a citation of that work's
# pages: "(Kap. 1/2, bis S. 37)", "(S. 41 und siehe Table III. auf S. 42)", "(see Figure 3, p. 12)".
PART_WORDS = frozenset(
    {"Kap.", "Kapitel", "Abschn.", "Abschnitt", "Abb.", "Abbildung", "Tab.", "Tabelle", "Anm.", "Teil"}
    | {"Chapter", "Chap.", "Ch.", "Section", "Sect.", "Part", "Table", "Figure", "Fig.", "Note", "Appendix"}
    | {"Chapitre", "Tableau", "Partie", "Annexe"}
)
# The divisions a play, poem or classic work is cited by instead of its pages ('Act 1, sc. 3',
# 'book 2, line 40', 'canto 5'), compared case-insensitively.
WORK_DIVISIONS = frozenset(
    {"act", "scene", "sc.", "book", "canto", "stanza", "line", "lines", "l.", "ll.", "verse"}
    | {"akt", "aufzug", "szene", "auftritt", "vers", "acte", "chant"}
)
# The work cited just before: "(ibid., 45)", "(Ebd., S. 12)".
IBID = frozenset({"ibid", "Ibid", "ibidem", "Ibidem", "ebd", "Ebd", "ebenda", "Ebenda", "ib", "Ib"})


def words_pattern(words: frozenset[str] | tuple[str, ...]) -> str:
    """A regex alternation of the words, longest first, escaped."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def is_heading(text: str, headings: frozenset[str]) -> bool:
    """'## References', 'Works Cited:', 'LITERATUR' against one of the heading sets above."""
    return text.strip().lstrip("#").strip().rstrip(":").strip().casefold() in headings
