"""Nothing of the source's words is lost: TEI words equal source words but for calls and quote marks.

The source is read here without the reader's grammar, as blocks split at blank lines: the first is
the title, the second the reviewed work, every block `[n] …` a note (the corpus and the test
reviews have no numbered reference lists), every other block a paragraph, heading, block
quotation, reference or the list's heading, in order. A note's words belong where its call `[n]`
stands. The TEI's words, in reading order, are the title, the body with each note where it stands,
then the back matter's heading and the raw string of each entry of the list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from exporter.reader import read_review
from tests.conftest import REVIEWS, ROOT, SEED
from tests.tei_helpers import q, raw_reference, spaced

TEI = "http://www.tei-c.org/ns/1.0"
CORPUS = ROOT / "tests" / "corpus"
NOTE = re.compile(r"^\[(\d+)\]\s*(.*)$", re.DOTALL)
CALL = re.compile(r"\[(\d+)\]")
# Quotation marks the TEI turns into <quote>. A ’ before a letter is an apostrophe ("d’un",
# "Serge’s") and stays, as does a straight ' between two ("l'homme"); they are told apart after
# the other marks are gone, so that "d’“informateur”" (an elision before a quotation) reads as
# "d’informateur" on both sides.
QUOTE_MARKS = re.compile(r"[“”‘\"„‚‛«»‹›]")
CLOSING_APOSTROPHE = re.compile(r"’(?![^\W\d_])|(?<![^\W_])'|'(?![^\W_])")
# Markers of block quotations and headings are structure the elements replace.
LINE_MARKER = re.compile(r"^(?:#{1,3}|>)[ \t]+", re.MULTILINE)


def words(text: str) -> list[str]:
    return CLOSING_APOSTROPHE.sub("", QUOTE_MARKS.sub("", text)).split()


def flat(node: etree._Element) -> str:
    """The text of an element as a reader meets it; a note is read where it stands, spaced off."""
    parts = [node.text or ""]
    block_container = node.tag in (f"{{{TEI}}}body", f"{{{TEI}}}div")
    for child in node:
        inner = flat(child)
        parts.append(f" {inner} " if block_container or child.tag == f"{{{TEI}}}note" else inner)
        parts.append(child.tail or "")
    return "".join(parts)


def source_blocks(source: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", source.strip()) if b.strip()]


def source_words(blocks: list[str], heads: list[str]) -> tuple[list[str], list[str]]:
    """The words of the title and text (notes at their calls), and those of the reviewed work. A
    list's heading may close with a colon ("References:") that the TEI's `head` stands for."""
    notes = {int(m.group(1)): m.group(2) for b in blocks if (m := NOTE.match(b))}
    rest = [LINE_MARKER.sub("", b) for b in blocks[2:] if not NOTE.match(b)]
    rest = [b.removesuffix(":") if b.removesuffix(":") in heads else b for b in rest]
    text = " ".join(
        CALL.sub(lambda m: f" {notes[int(m[1])]} " if int(m[1]) in notes else m[0], b) for b in rest
    )
    return words(blocks[0].removeprefix("Review:")) + words(text), words(blocks[1])


def tei_words(root: etree._Element, blocks: list[str]) -> tuple[list[str], list[str]]:
    """The words of the title, body and back matter in reading order, and the reviewed work's raw
    string. An entry made from a note that cites its work in full keeps that note's words as its
    raw string: those words are read in the note, where they stand, and not again in the list."""
    title = " ".join(map(str, q(root, "//tei:titleStmt/tei:title")[0].itertext()))
    body = " ".join(flat(n) for n in q(root, "//tei:text/tei:body/*"))
    in_notes = " ".join(spaced(n) for n in q(root, "//tei:body//tei:note"))
    whole_blocks = {" ".join(b.split()) for b in blocks}
    # the list's heading, its parts' headings and its entries, in the order they stand
    back_nodes = q(root, "//tei:back//tei:head | //tei:back//tei:listBibl/*[not(self::tei:head)]")
    back_texts = [spaced(n) if n.tag == f"{{{TEI}}}head" else raw_reference(n) for n in back_nodes]
    listed = [
        t for n, t in zip(back_nodes, back_texts, strict=True) if _read_in_list(n, t, whole_blocks, in_notes)
    ]
    back = " ".join(listed)
    reviewed = raw_reference(q(root, "//tei:front//tei:listBibl/*")[0])
    return words(title) + words(body) + words(back), words(reviewed)


def _read_in_list(node: etree._Element, text: str, whole_blocks: set[str], in_notes: str) -> bool:
    """A heading, or an entry whose words stand in the list (not only in the note it came from)."""
    return node.tag == f"{{{TEI}}}head" or text in whole_blocks or text not in in_notes


def back_heads(root: etree._Element) -> list[str]:
    return [spaced(h) for h in q(root, "//tei:back//tei:head")]


def check_lossless(path: Path, root: etree._Element | None = None) -> None:
    if root is None:
        root, diagnostics = read_review(path)
        assert root is not None, diagnostics
    blocks = source_blocks(path.read_text(encoding="utf-8"))
    text, reviewed = source_words(blocks, back_heads(root))
    got_text, got_reviewed = tei_words(root, blocks)
    assert got_reviewed == reviewed
    assert got_text == text, first_difference(text, got_text)


def first_difference(expected: list[str], got: list[str]) -> str:
    """Where the TEI's words first part from the source's, with a few words of context."""
    at = next(
        (i for i, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b),
        min(len(expected), len(got)),
    )
    start = max(at - 5, 0)
    return f"source: {' '.join(expected[start : at + 8])!r}\nTEI:    {' '.join(got[start : at + 8])!r}"


def test_seed_is_lossless() -> None:
    check_lossless(SEED)


@pytest.mark.parametrize("path", sorted(REVIEWS.glob("*.txt")), ids=lambda p: p.name)
def test_review_is_lossless(path: Path) -> None:
    check_lossless(path)


@pytest.mark.parametrize("name", sorted(p.stem for p in CORPUS.glob("*.txt")))
def test_corpus_review_is_lossless(name: str) -> None:
    from tests.test_corpus import tei  # read once per session, shared with the corpus tests

    check_lossless(CORPUS / f"{name}.txt", tei(name))


def _drop_a_note_word(root: etree._Element) -> None:
    note = q(root, "//tei:body//tei:note")[0]
    note.text = (note.text or "").replace("complete ", "", 1)


def _drop_an_entry(root: etree._Element) -> None:
    entry = q(root, "//tei:back//tei:listBibl/*")[3]
    entry.getparent().remove(entry)  # type: ignore[union-attr]


@pytest.mark.parametrize("damage", [_drop_a_note_word, _drop_an_entry])
def test_the_check_fails_on_a_lost_word(damage: Callable[[etree._Element], None]) -> None:
    root, _ = read_review(SEED)
    assert root is not None
    damage(root)
    with pytest.raises(AssertionError):
        check_lossless(SEED, root)
