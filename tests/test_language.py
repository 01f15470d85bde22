"""The review's language: the sidecar's, else told from the body's prose; and the writers follow it.

The short reviews in tests/languages/ were written for these tests and have no sidecar. Every
expected mark, tag and hyphenation point below was read by hand off the text and the pyphen
dictionaries, not off exporter's output."""

from __future__ import annotations

import re
import subprocess
import tomllib
import zipfile
from pathlib import Path

import pikepdf
import pyphen
import pytest
from lxml import etree

from exporter import api
from exporter.reader import read_review, told_language
from exporter.reader.blocks import lay_out
from exporter.reader.source import blocks, decode
from exporter.tei import XML_LANG, xpath
from tests.conftest import require_tool

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SHORT = {"fr": HERE / "languages" / "fr-short.txt", "de": HERE / "languages" / "de-short.txt"}
NARROW = "\u202f"
XHTML = "{http://www.w3.org/1999/xhtml}"


def pdftotext(*argv: str) -> str:
    return subprocess.run(
        [require_tool("pdftotext"), *argv], capture_output=True, text=True, check=True
    ).stdout


def sidecar_language(review: Path) -> str:
    language: str = tomllib.loads(review.with_suffix(".toml").read_text(encoding="utf-8"))["review"][
        "language"
    ]
    return language


def test_every_corpus_review_is_told_its_sidecar_language() -> None:
    """The corpus's sidecars name each review's language; told from the text alone, each agrees."""
    reviews = sorted(CORPUS.glob("*.txt"))
    assert len(reviews) == len(list(CORPUS.glob("*.expected.json"))) >= 47  # every text, none lost
    missed = []
    for review in reviews:
        source = decode(str(review), review.read_bytes())
        told = told_language(review, source, lay_out(source, blocks(source.text)))
        if told != sidecar_language(review):
            missed.append(f"{review.name}: {told}, sidecar {sidecar_language(review)}")
    assert missed == [], f"{len(reviews) - len(missed)} of {len(reviews)} told right"


@pytest.mark.parametrize("language", ["fr", "de"])
def test_a_review_without_a_sidecar_is_told_its_language(language: str) -> None:
    root, diagnostics = read_review(SHORT[language])
    assert diagnostics == []
    assert root is not None
    assert root.get(XML_LANG) == language
    assert [x.get("ident") for x in xpath(root, "//tei:langUsage/tei:language")] == [language]


def test_the_sidecar_wins_over_the_text(tmp_path: Path) -> None:
    review = tmp_path / "review.txt"
    review.write_bytes(SHORT["fr"].read_bytes())
    review.with_suffix(".toml").write_text('[review]\nlanguage = "en"\n', encoding="utf-8")
    root, _ = read_review(review)
    assert root is not None and root.get(XML_LANG) == "en"


def test_prose_that_tells_no_language_is_english_with_a_warning(tmp_path: Path) -> None:
    review = tmp_path / "review.txt"
    # long enough to judge (over 200 letters), but names and numbers in no language
    body = " ".join(f"Xq{n} Zvk{n} Wrt{n}." for n in range(40))
    review.write_text(f"Review: T\n\nJane Doe, A Book, Verso, 2020.\n\n{body}\n", encoding="utf-8")
    root, diagnostics = read_review(review)
    assert root is not None and root.get(XML_LANG) == "en"
    assert [f"{d.line}:{d.col}: {d.severity}" for d in diagnostics] == ["1:1: warning"]
    assert 'name it in the sidecar review.toml: [review] language = "fr"' in diagnostics[0].message


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """The French and German short reviews' EPUB and PDF, each written once."""
    folder = tmp_path_factory.mktemp("languages")
    outputs: dict[str, dict[str, Path]] = {}
    for language, review in SHORT.items():
        root, _ = api.read(review)
        assert root is not None
        outputs[language] = {}
        for format in ("epub", "pdf"):
            data, _ = api.write(root, format, name=review.stem)
            path = folder / f"{review.stem}.{format}"
            path.write_bytes(data)
            outputs[language][format] = path
    return outputs


# What each language's quotations look like in the writers' text (the French source types «…»
# without spaces; the writer sets the narrow no-break space inside).
MARKS = {
    "fr": f"«{NARROW}une maison où chacun verrait les livres depuis la rue{NARROW}»",
    "de": "„ein Haus, in dem jeder die Bücher von der Straße aus sieht“",
}


def review_page(epub: Path) -> etree._Element:
    with zipfile.ZipFile(epub) as archive:
        return etree.fromstring(archive.read("EPUB/review.xhtml"))


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_epub_is_in_the_review_language(built: dict[str, dict[str, Path]], language: str) -> None:
    page = review_page(built[language]["epub"])
    assert (page.get("lang"), page.get(XML_LANG)) == (language, language)
    with zipfile.ZipFile(built[language]["epub"]) as archive:
        opf = archive.read("EPUB/content.opf").decode()
        css = archive.read("EPUB/epub.css").decode()
    assert f"<dc:language>{language}</dc:language>" in opf
    # the reading system hyphenates by that lang: the paragraphs ask it to
    assert re.search(r"(^|,)\s*p,?[^{]*\{[^}]*\bhyphens: auto", css, re.MULTILINE)


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_epub_draws_the_language_marks(built: dict[str, dict[str, Path]], language: str) -> None:
    text = "".join(review_page(built[language]["epub"]).itertext())
    assert MARKS[language] in re.sub(r"[ \t\n]+", " ", text)  # (str.split would take U+202F too)


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_pdf_is_in_the_review_language_and_draws_its_marks(
    built: dict[str, dict[str, Path]], language: str
) -> None:
    pdf = built[language]["pdf"]
    with pikepdf.open(pdf) as document:
        assert str(document.Root.Lang) == language
    text = " ".join(pdftotext(str(pdf), "-").split())
    # pdftotext gives the narrow no-break space as a space
    assert MARKS[language].replace(NARROW, " ") in text


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_pdf_hyphenates_by_the_review_language(built: dict[str, dict[str, Path]], language: str) -> None:
    """Each word broken at a line end is broken where the language's dictionary allows. The German
    review breaks 'Kultur-einrichtungen', which English rules (Kul-ture-in-…) would not."""
    lines = pdftotext("-raw", str(built[language]["pdf"]), "-")
    broken = re.findall(r"(\w+)-\n(\w+)", lines)
    assert broken, "no word was hyphenated"
    dictionary = pyphen.Pyphen(lang=language)
    wrong = [f"{a}-{b}" for a, b in broken if len(a) not in dictionary.positions(a + b)]
    assert wrong == []
