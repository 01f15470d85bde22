"""The reader never raises: any text gives a TEI tree or diagnostics, and any tree it gives is valid."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from exporter.reader import read_review
from exporter.tei import serialise
from exporter.validate import validate_tree

# Pieces of the conventions, so that generated text reaches deep into the reader.
PIECES = [
    "Review: ", "Serge, Victor 2012a, ", "Sedova and Serge 2016", "(p37)", "(pp229-30)", "(p. 3)",
    "[Bode 2012, 12]", "(Abidor 2019, p. 3)", "[1]", "[2]", "[Risam 2018]", "“", "”", "‘", "’", '"',
    "(ed.) ", "(eds) ", "in ", "ed. by ", ", ", ". ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\ufeff",
    "Title", "Pluto", "2019", "5, 3.", "https://x.org/a", "doi:10.1/x", "## ", "> ", "See ", "van der ",
    "accessed 1 May 2021", "translated by Max Eastman", "PhD thesis", "\x00", "\ud800", "&", "<", "]]>",
]  # fmt: skip
review_like = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join)
WORDS = ["the", "Serge", "wrote", "in", "1947", "and", "Trotsky", "notes", "of", "a", "war", "(p37)", "(pp. 12–4)",
         "“quoted words”", "‘inner’", "Serge 2012a", "Sedova and Serge 2016", "[Serge 2012a, 3]", "(Serge 2016)",
         "(Serge 2012a, p. 9)", "’s", "–", "—", "…", "(to my mind)", "see", "[h]", "1917-1918"]  # fmt: skip
REFERENCES = [
    "Serge, Victor 2012a, Memoirs of a Revolutionary, New York Review Books.",
    "Sedova, Natalia and Victor Serge 2016, Life and Death of Leon Trotsky, Haymarket.",
    "Greeman, Richard 1994, “The Victor Serge Affair”, Revolutionary History, 5, 3.",
    "Doe, Jane 2020, “Post”, Blog, available at: https://example.org/p (accessed 1 May 2021).",
    "Lih, Lars T. 2011, “Chapter”, in Book, edited by Jane Doe, Leiden: Brill, pp. 12–34.",
]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=25).map(" ".join)


@st.composite
def reviews(draw: st.DrawFn) -> str:
    """A well-formed review with random sentences, calls and references, before any mutation."""
    paragraphs = draw(st.lists(sentence, min_size=1, max_size=6))
    calls = draw(st.integers(min_value=0, max_value=min(3, len(paragraphs))))
    paragraphs = [p + (f"[{i + 1}]" if i < calls else "") + "." for i, p in enumerate(paragraphs)]
    references = draw(st.lists(st.sampled_from(REFERENCES), unique=True, max_size=5))
    notes = [f"[{i + 1}] {draw(sentence)}." for i in range(calls)]
    blocks = ["Review: " + draw(sentence), "Victor Serge, Notebooks, New York Review Books, 2019.",
              *paragraphs, *references, *notes]  # fmt: skip
    text = "\n\n".join(blocks) + "\n"
    cut = draw(st.integers(min_value=0, max_value=len(text)))
    return text[:cut] + draw(st.sampled_from(["", *PIECES])) + text[cut:]


def check(data: bytes) -> None:
    root, diagnostics = read_review(Path("fuzz.txt"), data)
    assert all(d.line >= 1 and d.col >= 1 for d in diagnostics)
    if root is not None:
        tree = etree.ElementTree(etree.fromstring(serialise(root)))
        assert validate_tree(tree, "fuzz.txt") == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(review_like)
def test_reader_never_raises_on_review_like_text(text: str) -> None:
    check(text.encode("utf-8", errors="surrogatepass"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reviews())
# an entry whose title is a dash alone: the dash a title loses at its end must not leave it empty
@example("Review: the\n\nVictor Serge, Notebooks, New York Review Books, 2019.\n\nthe.\n\nSerge 2012a –.\n")
def test_reader_gives_valid_tei_or_diagnostics_for_mutated_reviews(text: str) -> None:
    check(text.encode("utf-8", errors="surrogatepass"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_reader_never_raises_on_bytes(data: bytes) -> None:
    check(data)


def test_seed_prefixed_by_any_title_is_read() -> None:
    seed = (Path(__file__).parent.parent / "seeds" / "serge-final-words.txt").read_bytes()
    check(seed.replace(b"Review: ", b"Review: \xe2\x80\x9c", 1))
