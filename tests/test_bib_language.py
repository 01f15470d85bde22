"""The language of a cited work, from its title's function words when the TEI states none."""

from __future__ import annotations

import pytest

from exporter.writers.bib.language import detect


@pytest.mark.parametrize(
    ("title", "review", "expected"),
    [
        # French words ('Le', 'et', 'à', the elided 'l’') in an English review.
        ("Le diable et le bon Dieu", "en", "fr"),
        ("Retour à l’Ouest: Chroniques (juin 1936-mai 1940)", "en", "fr"),
        ("Le problème de l'incroyance au XVIe siècle", "en", "fr"),
        # German in a French review.
        ("Die Geschichte der Russischen Revolution und ihre Folgen", "fr", "de"),
        # English words outvote one French-looking name.
        ("Le Monde and the Left in the Cold War", "en", "en"),
        # No telling word: the review's language, or none.
        ("Carnets 1936-1947", "en", "en"),
        ("Carnets 1936-1947", None, None),
        ("Memoirs of a Revolutionary", "fr", "en"),
        # A regional tag is kept when the title agrees with it.
        ("The Age of Extremes", "en-GB", "en-GB"),
    ],
)
def test_detect(title: str, review: str | None, expected: str | None) -> None:
    assert detect(title, review) == expected


def test_no_title_keeps_the_review_language() -> None:
    assert detect(None, "de") == "de"
    assert detect("", "de") == "de"
