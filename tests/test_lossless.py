"""Nothing of the source's words is lost: TEI words equal source words but for calls and quote marks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from exporter.reader import read_review
from tests.conftest import REVIEWS, SEED
from tests.tei_helpers import q

TEI = "http://www.tei-c.org/ns/1.0"
NOTE = re.compile(r"^\[(\d+)\]\s*(.*)$", re.DOTALL)
# Quotation marks the TEI turns into <quote>; an apostrophe between letters stays a character.
QUOTE_MARKS = re.compile(r"[“”‘\"„‚‛«»‹›]|’(?![^\W\d_])")
# Markers of block quotations and headings are structure the elements replace.
MARKERS = {">", "#", "##", "###"}
# Headings of the back matter are structure, not text of the body.
HEADINGS = re.compile(r"^(References|Bibliography|Works cited|Notes)$")


def words(text: str) -> list[str]:
    return [w for w in QUOTE_MARKS.sub("", text).split() if w not in MARKERS]


def flat(node: etree._Element) -> str:
    """The text of an element as a reader meets it; a note is read where it stands, spaced off."""
    parts = [node.text or ""]
    block_container = node.tag in (f"{{{TEI}}}body", f"{{{TEI}}}div")
    for child in node:
        inner = flat(child)
        parts.append(f" {inner} " if block_container or child.tag == f"{{{TEI}}}note" else inner)
        parts.append(child.tail or "")
    return "".join(parts)


def check_lossless(path: Path) -> None:
    root, diagnostics = read_review(path)
    assert root is not None, diagnostics
    source = path.read_text(encoding="utf-8")
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", source.strip()) if b.strip()]
    title = " ".join(q(root, "//tei:titleStmt/tei:title")[0].itertext())
    assert words(title) == words(blocks[0].removeprefix("Review:"))
    reviewed = " ".join(q(root, "//tei:front//tei:biblStruct")[0].itertext())
    assert set(words(blocks[1].replace(",", " ").rstrip("."))) <= set(words(reviewed))
    # Each reference string is kept whole, and is one block of the source, or the words of a
    # note that cites its work in full (the note keeps them too, and is checked below).
    raws = [" ".join(" ".join(n.itertext()).split()) for n in q(root, "//tei:note[@type='raw_reference']")]
    note_blocks = [b for b in blocks if NOTE.match(b)]
    assert all(raw in blocks or any(raw in b for b in note_blocks) for raw in raws)
    notes = {int(m.group(1)): m.group(2) for b in blocks if (m := NOTE.match(b))}
    body = " ".join(b for b in blocks[2:] if b not in raws and not NOTE.match(b) and not HEADINGS.match(b))
    expected = words(re.sub(r"\[(\d+)\]", lambda m: " " + notes[int(m.group(1))] + " ", body))
    got = words(" ".join(flat(n) for n in q(root, "//tei:text/tei:body/*")))
    assert got == expected


def test_seed_is_lossless() -> None:
    check_lossless(SEED)


@pytest.mark.parametrize("path", sorted(REVIEWS.glob("*.txt")), ids=lambda p: p.name)
def test_review_is_lossless(path: Path) -> None:
    check_lossless(path)
