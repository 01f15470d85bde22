"""The corpus of real reviews (tests/corpus): each builds, its TEI is valid, its layout is read as
the hand-written facts say, and the reader's field accuracy on it does not fall.

The facts in NAME.expected.json were written by hand from the published texts (see
tests/corpus/README.md); bench/corpus_score.py prints the accuracy per review, style and split.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree

from exporter.cli import main
from exporter.diagnostics import has_errors
from exporter.reader import read_review
from exporter.validate import validate_tree
from tests.conftest import ROOT, jing_on_tei_all, require_tool
from tests.tei_helpers import XML_ID, q, raw_reference

CORPUS = ROOT / "tests" / "corpus"
TEXTS = sorted(CORPUS.glob("*.txt"))
NAMES = [p.stem for p in TEXTS]
# Field accuracy measured on the committed model when these floors were set (bench/corpus_score.py):
# the floors sit a little below, so that a change that makes the reader worse on real reviews fails
# here. Issue #11's target is 0.97 overall.
# Both floors lowered when the seventh batch (notes-only Scholarly Editing essays, issue #12) came
# in: tune from 0.94, measured 0.9267, as se-gordon-editing-death scores 0.322 and
# se-deboer-langworthy-iceman 0.333; held-out from 0.83, measured 0.8157, as se-chase-editing-life
# scores 0.000 (and se-emerson-poems 0.140, since the sixth batch: measured 0.8393 then).
# Raised again in stop 14, after the reader's rules for titles, imprints, names and the notes'
# article, thesis and chapter forms: tune measured 0.9624, held-out 0.8457.
# In stop 15 three held-out texts moved to tune and ten texts came in (tests/corpus/SOURCES.md,
# "Split changes", eighth and ninth batches); after that stop's rules: tune measured 0.9653 on 37
# texts, held-out 0.8836 on 27.
# Tune lowered in stop 24, when seven held-out texts moved to tune in two steps ("Split changes"):
# three measured 0.9548 on 40 texts, four more 0.956 on 41 (each step on its own branch).
TUNE_FLOOR = 0.945
HELDOUT_FLOOR = 0.87
# Layout facts the reader still gets wrong, each checked by hand against the text (held-out texts
# are recorded, not investigated): (name, fact).
KNOWN_LAYOUT_FAULTS = {
    ("dhq-digital-codicology", "paragraphs"): "a short paragraph is read as a heading",
    (
        "dhq-little-database",
        "paragraphs",
    ): "9 body blocks, all read as paragraphs, where the facts count 10: the"
    " conversion or the count is to be checked against the source",
    ("epoiesen-path-of-honors-mol", "paragraphs"): "a table's rows are one block, read as a paragraph",
}


@cache
def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
    return data


@cache
def tei(name: str) -> etree._Element:
    root, diagnostics = read_review(CORPUS / f"{name}.txt")
    assert root is not None and not has_errors(diagnostics), [
        str(d) for d in diagnostics if d.severity == "error"
    ]
    return root


def test_the_corpus_is_real_varied_and_sourced() -> None:
    facts = [expected(n) for n in NAMES]
    assert len(NAMES) >= 20
    assert len({f["journal"].split(",")[0].split(" (")[0] for f in facts}) >= 4
    assert len({f["style"] for f in facts}) >= 5
    assert len({f["language"] for f in facts}) >= 2
    assert {f["split"] for f in facts} == {"tune", "heldout"}
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert [n for n in NAMES if f"| {n} |" not in sources] == []


@pytest.mark.parametrize("name", NAMES)
def test_corpus_tei_is_valid_against_the_project_schema(name: str) -> None:
    root = tei(name)
    assert validate_tree(etree.ElementTree(root), name) == []


def test_corpus_tei_is_valid_against_tei_all(tmp_path: Path) -> None:
    done = jing_on_tei_all({name: tei(name) for name in NAMES}, tmp_path)
    assert done.returncode == 0, done.stdout[:2000]


# Held-out texts are not read to mend the reader: a fault found there is recorded, not debugged.
KNOWN_LIST_FAULTS = {
    "se-chase-editing-life": "no reference list, works cited only in notes: 6 of 7 found; the National"
    " Enquirer issue, a newspaper by its title and date alone, is not (the reference parser reads no"
    " entry without a title or names)",
}


def names_with_known_faults(faults: dict[str, str], names: list[str] | None = None) -> list[Any]:
    """Every corpus name (or those of `names`), those in `faults` marked as expected failures with
    their reason."""
    return [
        pytest.param(n, marks=[pytest.mark.xfail(strict=True, reason=faults[n])]) if n in faults else n
        for n in (NAMES if names is None else names)
    ]


@pytest.mark.parametrize("name", names_with_known_faults(KNOWN_LIST_FAULTS))
def test_the_whole_reference_list_is_found(name: str) -> None:
    found = q(tei(name), "//tei:back//tei:listBibl/*")
    assert len(found) >= len(expected(name)["entries"])


@pytest.mark.parametrize(
    ("name", "fact"),
    [
        pytest.param(
            name,
            fact,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_LAYOUT_FAULTS[(name, fact)])]
            if (name, fact) in KNOWN_LAYOUT_FAULTS
            else [],
        )
        for name in NAMES
        for fact in ("paragraphs", "notes")
    ],
)
def test_the_layout_is_read_as_the_facts_say(name: str, fact: str) -> None:
    path = "//tei:body//tei:p" if fact == "paragraphs" else "//tei:note[@place='foot']"
    assert len(q(tei(name), path)) == expected(name)[fact]


def test_field_accuracy_on_the_corpus_does_not_fall() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus_score  # type: ignore[import-not-found]

    results = [corpus_score.score_review(CORPUS / f"{n}.expected.json") for n in NAMES]
    figures = corpus_score._figures(results)
    assert figures["per_split"]["tune"] >= TUNE_FLOOR, figures["per_split"]
    assert figures["per_split"]["heldout"] >= HELDOUT_FLOOR, figures["per_split"]


@pytest.mark.slow
def test_every_corpus_review_builds_in_all_formats(tmp_path: Path) -> None:
    require_tool("pdfinfo")
    result = CliRunner().invoke(main, ["build", *map(str, TEXTS), "-o", str(tmp_path), "-j", "2", "-q"])
    assert result.exit_code == 0, result.output[-3000:]
    for name in NAMES:
        for suffix in ("xml", "epub", "pdf", "bib", "json"):
            assert (tmp_path / f"{name}.{suffix}").stat().st_size > 0, (name, suffix)


def reviewed_keys(name: str, root: etree._Element) -> set[str]:
    """The reviewed work's key, and that of its copy in the list if the list holds it too (DHQ's
    "[Whearty 2022, 162]" cites the copy). The copy is the entry of the facts whose first name and
    title the reviewed-work line holds, found in the TEI as the entry whose raw string begins with
    that name and holds that title whole."""
    line = (CORPUS / f"{name}.txt").read_text(encoding="utf-8").split("\n\n")[1].casefold()
    copies = [
        (who.casefold(), e["title"].casefold())
        for e in expected(name)["entries"]
        if (who := _first_name(e)) and who.casefold() in line and e["title"] and e["title"].casefold() in line
    ]
    keys = {q(root, "//tei:front//tei:listBibl/*")[0].get(XML_ID) or ""}
    for entry in q(root, "//tei:back//tei:listBibl/*"):
        raw = raw_reference(entry).casefold()
        if any(
            raw.startswith(who) and re.search(rf"{re.escape(title)}(?:[.,:;”\"?!]|$)", raw)
            for who, title in copies
        ):
            keys.add(entry.get(XML_ID) or "")
    return keys


def _first_name(entry: dict[str, Any]) -> str:
    names = entry["authors"] or entry["editors"]
    return str(names[0]).split(",")[0] if names else ""


KNOWN_PAGE_CITATION_FAULTS = {
    "de-libreas-schuldt-jacquesson": "3 of 6 found: the other three cite 'Jacquesson & von Roten 2018'"
    " (lines 13, 48, note 5), a year no entry has, for the reviewed book of 2019; by the README's rule"
    " another year is another work, kept as text and reported by `exporter check`",
    "epoiesen-york-minster-papercraft-marsillo": "1 found where the facts count 0: the page that cites"
    " Perry's article, named in its sentence, is read as the reviewed work's (held out: not investigated)",
}


@pytest.mark.parametrize("name", names_with_known_faults(KNOWN_PAGE_CITATION_FAULTS))
def test_page_citations_of_the_reviewed_work_equal_the_hand_count(name: str) -> None:
    """`page_citations` was counted by hand from each text: citations of the reviewed work with
    a page, in whatever brackets."""
    root = tei(name)
    keys = reviewed_keys(name, root)
    cited = [b for b in q(root, "//tei:body//tei:bibl[tei:citedRange]") if b.get("corresp", "")[1:] in keys]
    assert len(cited) == expected(name)["page_citations"]
