"""The few fixed words the outputs print, in the review's language (English when unknown)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "and": "and",
        "review": "Review",
        "review-of": "A review of",
        "references": "References",
        "subject": "Book review",
        "contents": "Contents",
        "landmarks": "Landmarks",
        "cover": "Cover",
        "titlepage": "Title page",
        "pages": "Pages",
        "note": "Note",  # a PDF link's words: "Note 3", "Entry: Serge 2012a"
        "back-to-call": "Back to note call",  # the link from a note's number: "Back to note call 3"
        "entry": "Entry",
        "et-al": "et al.",
    },
    "fr": {
        "and": "et",
        "review": "Compte rendu",
        "review-of": "Compte rendu de",
        "references": "Références",
        "subject": "Compte rendu de lecture",
        "contents": "Table des matières",
        "landmarks": "Repères",
        "cover": "Couverture",
        "titlepage": "Page de titre",
        "pages": "Pages",
        "note": "Note",
        "back-to-call": "Retour à l’appel de note",
        "entry": "Entrée",
        "et-al": "et al.",
    },
    "de": {
        "and": "und",
        "review": "Rezension",
        "review-of": "Eine Rezension von",
        "references": "Literatur",
        "subject": "Rezension",
        "contents": "Inhalt",
        "landmarks": "Orientierungspunkte",
        "cover": "Umschlag",
        "titlepage": "Titelseite",
        "pages": "Seiten",
        "note": "Anmerkung",
        "back-to-call": "Zurück zum Anmerkungszeichen",
        "entry": "Eintrag",
        "et-al": "u. a.",
    },
}


def label(key: str, lang: str) -> str:
    words = LABELS.get(lang.split("-")[0].lower(), LABELS["en"])
    return words.get(key, LABELS["en"][key])
