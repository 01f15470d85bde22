"""The normalisers that turn labelled spans into fields: numbers, pages, titles, names.

Expected values are written by hand from the forms reference lists print.
"""

from __future__ import annotations

import pytest

from exporter.reader.names import parse_names
from exporter.reader.references.normalising import _pages, _quoted_part, _strip_title, _volume_and_issue
from exporter.reader.references.record import Reference


@pytest.mark.parametrize(
    ("written", "volume", "issue"),
    [
        ("5(3),", "5", "3"),
        ("5 (3):", "5", "3"),
        ("5.3", "5", "3"),
        ("5, 3,", "5", "3"),
        ("vol. 5, no. 3,", "5", "3"),
        ("Vol. 12, No. 2", "12", "2"),
        ("Bd. 5", "5", None),
        ("Jg. 12, H. 2,", "12", "2"),
        ("n° 54,", None, "54"),
        ("37 (1):", "37", "1"),
        ("109,", "109", None),
        ("t. 2", "2", None),
    ],
)
def test_volume_and_issue(written: str, volume: str | None, issue: str | None) -> None:
    entry = Reference("", "2019", [])
    _volume_and_issue(entry, written)
    assert (entry.volume, entry.issue) == (volume, issue)


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("pp. 1761–1800).", "1761", "1800"),
        ("45-63.", "45", "63"),
        ("S. 12–34.", "12", "34"),
        ("p. 7", "7", "7"),
        ("477-9", "477", "479"),
        ("pp. xi–xv", "xi", "xv"),
        ("186–89.", "186", "189"),
    ],
)
def test_pages(written: str, first: str, last: str) -> None:
    pages = _pages(written)
    assert pages is not None
    assert (pages.first, pages.last) == (first, last)


@pytest.mark.parametrize(
    ("written", "title"),
    [
        (
            "“The Victor Serge Affair and the French Literary Left,”",
            "The Victor Serge Affair and the French Literary Left",
        ),
        (
            "Macroanalysis: Digital Methods and Literary History.",
            "Macroanalysis: Digital Methods and Literary History",
        ),
        ("« Le poids de notre histoire ».", "Le poids de notre histoire"),
        ("„Wurde der Bibliothek je ein Gedicht gewidmet?“", "Wurde der Bibliothek je ein Gedicht gewidmet?"),
        ("Who Wrote It?", "Who Wrote It?"),
    ],
)
def test_strip_title(written: str, title: str) -> None:
    assert _strip_title(written) == title


def test_a_quoted_title_with_its_container_labelled_as_title_is_split() -> None:
    assert _quoted_part("« Le poids de notre histoire ». L’Humanité, novembre. Paris") == (
        "« Le poids de notre histoire »",
        "L’Humanité, novembre",
    )
    assert _quoted_part("“Sedan Chairmen in eighteenth-century London.”") == (
        "“Sedan Chairmen in eighteenth-century London.”",
        None,
    )


@pytest.mark.parametrize(
    ("written", "quoted", "rest"),
    [
        # an apostrophe between letters does not close a single quotation mark
        ("‘Galileo’s notes on motion’. Nuncius", "‘Galileo’s notes on motion’", "Nuncius"),
        ("‘Baudelaire’s Paris’ Modern Philology", "‘Baudelaire’s Paris’", "Modern Philology"),
        # a quotation inside the title is stepped over
        (
            "« Que vendre aux « riches » ? » Le Monde.fr, juin",
            "« Que vendre aux « riches » ? »",
            "Le Monde.fr, juin",
        ),
        ("“A ‘Lost’ Letter.” Notes and Queries", "“A ‘Lost’ Letter.”", "Notes and Queries"),
    ],
)
def test_the_quoted_title_ends_at_its_own_closing_mark(written: str, quoted: str, rest: str) -> None:
    assert _quoted_part(written) == (quoted, rest)


@pytest.mark.parametrize(
    ("written", "names"),
    [
        (
            "Halter-Pernet, Colette, Teuscher, Simon, Hodel, Tobias, Prada Ziegler, Ismail",
            ["Halter-Pernet, Colette", "Teuscher, Simon", "Hodel, Tobias", "Prada Ziegler, Ismail"],
        ),
        (
            "Barret, Sébastien; Stutzmann, Dominique; Vogeler, Georg",
            ["Barret, Sébastien", "Stutzmann, Dominique", "Vogeler, Georg"],
        ),
        (
            "Cubelic, Simon, Axel Michaels und Astrid Zotter",
            ["Cubelic, Simon", "Michaels, Axel", "Zotter, Astrid"],
        ),
        ("Deleuze, Gilles et Félix Guattari", ["Deleuze, Gilles", "Guattari, Félix"]),
        ("Müller, Hans / Meier, Fritz", ["Müller, Hans", "Meier, Fritz"]),
        ("Romero, C., Paunesku, D., & Dweck, C.", ["Romero, C.", "Paunesku, D.", "Dweck, C."]),
        ("Lee, L. L., W. E. Howard, and R. E. Marsh", ["Lee, L. L.", "Howard, W. E.", "Marsh, R. E."]),
        ("Smith, John, Jane Doe, Bill Roe", ["Smith, John", "Doe, Jane", "Roe, Bill"]),
    ],
)
def test_name_lists_in_every_style(written: str, names: list[str]) -> None:
    assert [n.inverted() for n in parse_names(written)[0]] == names
