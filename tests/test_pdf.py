"""The PDF of the seed, read back with Poppler and qpdf; the rendering sandbox against hostile input.

The seed's PDF is built once per session by the real command (`exporter build -t pdf`); expected
values are read by hand from seeds/serge-final-words.txt.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import unicodedata
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from exporter.tei import TEI_NS, parse_xml, serialise, xpath
from exporter.writers import Options
from exporter.writers.pdf.engine.fetcher import Refused, SandboxedFetcher
from exporter.writers.pdf.writer import typeset, write
from tests.conftest import ROOT, SEED, require_tool
from tests.pdf_helpers import write_without

TITLE = "Victor Serge’s final words"
BOOK_PAGE = "442.205 x 663.307 pts"  # 156 x 234 mm
A4_PAGE = "595.276 x 841.89 pts"
# The seed's notes: the word that carries each call, and the note's text.
NOTES = [
    ("Revolutionary", "For the first complete English translation see Serge 2012a."),
    ("French", "Serge 2012b."),
    ("war).", "Serge 2010."),
    ("Trotsky.", "Sedova and Serge 2016."),
    ("this.", "See Cotterill 1994."),
]
# Passages of the body in the order of the text, then the references.
IN_ORDER = [
    "Victor Serge was one of the great witnesses to the revolutionary history",
    "many will know his remarkable Memoirs of a Revolutionary",
    "and novels such as The Case of Comrade Tulayev.",
    "From 1936 till his death Serge also wrote regularly in his private notebooks.",
    "As he noted grimly: “Dead men on top of dead men” (p. 37).",
    "In the 1920s Jacques Doriot had been one of the rising stars of the French Communist Party.",
    "Trotsky Serge sees as one of the great Marxists",
    "But an encounter with the critical thought and experience of a revolutionary like Serge "
    "cannot fail to be rewarding.",
    "References",
    "Abidor, Mitchell 2019, “Victor Serge: Indispensable Critic of Leftist Illusion”",
    "Serge, Victor 2012b, Carnets 1936–1947, Agone.",
]
# Every work the review cites: each citation is a live link to its entry.
CITED = {"serge2019", "serge2012a", "serge2012b", "serge2010", "sedova2016", "cotterill1994"}


def run(*argv: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(argv, capture_output=True, text=True, check=True, env=env).stdout


def squeeze(text: str) -> str:
    """Text compared across line breaks: ligatures unfolded, no hyphens, no white space."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-‐]+", "", text)


def without_source_date() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"PYTHONPATH": str(ROOT)}


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed built from its text by the command a user runs, no SOURCE_DATE_EPOCH."""
    out = tmp_path_factory.mktemp("pdf")
    argv = [sys.executable, "-m", "exporter", "build", str(SEED), "-o", str(out), "-t", "pdf"]
    subprocess.run(argv, cwd=ROOT, env=without_source_date(), check=True, capture_output=True)
    return out / "serge-final-words.pdf"


@pytest.fixture(scope="session")
def info(seed_pdf: Path) -> str:
    return run(require_tool("pdfinfo"), "-isodates", str(seed_pdf))


@pytest.fixture(scope="session")
def page_texts(seed_pdf: Path) -> list[str]:
    return texts_by_page(seed_pdf)


def texts_by_page(pdf: Path) -> list[str]:
    """pdftotext page by page: what each page holds."""
    info = run(require_tool("pdfinfo"), str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]
    tool = require_tool("pdftotext")
    return [run(tool, "-f", str(n), "-l", str(n), str(pdf), "-") for n in range(1, pages + 1)]


@pytest.fixture(scope="session")
def qdf(seed_pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The PDF's objects uncompressed and one per line group, to read links and destinations."""
    out = tmp_path_factory.mktemp("qdf") / "seed.qdf"
    run(require_tool("qpdf"), "--qdf", "--object-streams=disable", str(seed_pdf), str(out))
    return out.read_bytes().decode("latin-1")


# ---------- Poppler and qpdf on the seed ---------------------------------------------------


def test_every_font_is_embedded_and_is_the_book_face(seed_pdf: Path) -> None:
    rows = run(require_tool("pdffonts"), str(seed_pdf)).splitlines()[2:]
    assert rows, "no fonts at all"
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        # The seed's characters (é à ’ “ ” – …) all come from EB Garamond: no fallback face.
        assert "EB-Garamond" in name, row


def test_info_has_title_subject_keywords_and_tags(info: str) -> None:
    assert re.search(rf"^Title:\s+{TITLE}$", info, re.MULTILINE)
    assert re.search(r"^Subject:\s+A review of Victor Serge, Notebooks 1936–1947,", info, re.MULTILINE)
    assert re.search(r"^Keywords:\s+\S", info, re.MULTILINE)
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
    assert re.search(rf"^Page size:\s+{BOOK_PAGE}", info, re.MULTILINE)
    # The seed's TEI has no date and SOURCE_DATE_EPOCH was unset: no date rather than the clock.
    assert "CreationDate" not in info and "ModDate" not in info


def test_structure_tree_has_headings_paragraphs_and_the_reference_list(seed_pdf: Path) -> None:
    tags = [line.split()[0] for line in run(require_tool("pdfinfo"), "-struct", str(seed_pdf)).splitlines()]
    assert tags[0] == "Document"
    assert tags.count("H1") == 1
    assert tags.count("LI") == 9  # the seed's nine references
    assert tags.count("P") >= 28  # the seed's 28 paragraphs, plus the title block's


def test_qpdf_check_is_clean(seed_pdf: Path) -> None:
    result = subprocess.run([require_tool("qpdf"), "--check", str(seed_pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_text_comes_in_reading_order_with_the_notes(page_texts: list[str]) -> None:
    text = squeeze("".join(page_texts))
    position = 0
    for passage in IN_ORDER:
        found = text.find(squeeze(passage), position)
        assert found >= 0, f"missing or out of order: {passage!r}"
        position = found
    for _, note in NOTES:
        assert text.count(squeeze(note)) >= 1, note


def test_every_note_is_on_the_page_of_its_call(page_texts: list[str]) -> None:
    assert_notes_on_their_pages(page_texts)


@pytest.mark.parametrize("paper", ["a4", "a5", "b5", "letter"])
def test_every_note_is_on_the_page_of_its_call_on_other_papers(
    seed_tei: etree._Element, paper: str, tmp_path: Path
) -> None:
    options = Options(name="x", source_path="x", paper=paper)
    (tmp_path / "paper.pdf").write_bytes(write(seed_tei, options))
    assert options.diagnostics == []
    assert_notes_on_their_pages(texts_by_page(tmp_path / "paper.pdf"))


def padded(tei: etree._Element, words: int) -> etree._Element:
    """The seed with `words` more words at the start: the lines fall elsewhere on every page."""
    tei = copy.deepcopy(tei)
    first = xpath(tei, "//tei:body/tei:p")[0]
    first.text = "word " * words + (first.text or "")
    return tei


# Paddings after which WeasyPrint 70 as released sends a note overleaf (note 3, then note 2).
SQUEEZED = [15, 54]
# WeasyPrint as released: the engine's footnote mend left out.
UNMENDED = ("footnote_policy",)


@pytest.mark.parametrize("words", SQUEEZED)
def test_a_note_weasyprint_would_send_overleaf_stays_with_its_call(
    seed_tei: etree._Element, words: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tei = padded(seed_tei, words)
    # The case is real: WeasyPrint as released, laid out once, sets a note on the wrong page.
    once = write_without(tei, tmp_path / "once.pdf", UNMENDED, layouts=1)
    assert any("its call on page" in m for m in once), once
    # Mended (engine.footnote_policy), one layout keeps every note with its call.
    monkeypatch.setattr("exporter.writers.pdf.writer.MAX_LAYOUTS", 1)
    options = Options(name="x", source_path="x")
    (tmp_path / "padded.pdf").write_bytes(write(tei, options))
    assert options.diagnostics == []
    assert_notes_on_their_pages(texts_by_page(tmp_path / "padded.pdf"))


def test_without_the_mend_a_second_layout_puts_the_note_back(
    seed_tei: etree._Element, tmp_path: Path
) -> None:
    # engine.notepages, for a WeasyPrint the mend cannot be applied to.
    assert write_without(padded(seed_tei, SQUEEZED[0]), tmp_path / "twice.pdf", UNMENDED) == []
    assert_notes_on_their_pages(texts_by_page(tmp_path / "twice.pdf"))


def assert_notes_on_their_pages(page_texts: list[str]) -> None:
    pages = [squeeze(t) for t in page_texts]
    for number, (word, note) in enumerate(NOTES, start=1):
        calls = [i for i, page in enumerate(pages) if squeeze(word) + str(number) in page]
        assert len(calls) == 1, f"call {number} after {word!r} found on pages {[c + 1 for c in calls]}"
        # The foot of the page: the marker, then the note's text.
        assert f"{number}{squeeze(note)}" in pages[calls[0]], f"note {number} is not on page {calls[0] + 1}"


def test_words_are_hyphenated_at_line_ends(seed_pdf: Path) -> None:
    source = SEED.read_text(encoding="utf-8")
    # -raw keeps the lines as set (the default mode joins hyphenated words back).
    lines = run(require_tool("pdftotext"), "-raw", str(seed_pdf), "-")
    broken = re.findall(r"(\w+)-\n(\w+)", lines)
    hyphenated = [a + b for a, b in broken if f"{a}-{b}" not in source and a + b in source]
    assert hyphenated, "no word was hyphenated at the end of a line"


def test_citations_are_live_links_to_their_entries(qdf: str) -> None:
    dests = set(re.findall(r"/Dest \((\w+)\)", qdf))
    # Besides the citations, each note call links to its note (tests/test_pdfua.py).
    assert dests == CITED | {f"note{n}" for n in range(1, len(NOTES) + 1)}
    named = re.search(r"/Dests <<\s*/Names \[(.*?)\]\s*>>", qdf, re.DOTALL)
    assert named is not None
    assert set(re.findall(r"\((\w+)\)", named.group(1))) >= CITED


def test_bookmarks_follow_the_headings(seed_pdf: Path) -> None:
    import json

    outlines = json.loads(run(require_tool("qpdf"), "--json", "--json-key=outlines", str(seed_pdf)))[
        "outlines"
    ]
    assert [o["title"] for o in outlines] == [TITLE]
    assert [k["title"] for k in outlines[0]["kids"]] == ["Review", "References"]


def test_language_is_declared(qdf: str) -> None:
    assert re.search(r"/Lang \(en\)", qdf)


def test_the_tei_and_the_bibliographies_are_embedded(
    seed_pdf: Path, seed_tei: etree._Element, tmp_path: Path
) -> None:
    from exporter.writers.bib import bibtex, csl

    tool = require_tool("pdfdetach")
    listing = run(tool, "-list", str(seed_pdf)).splitlines()
    assert listing == [
        "3 embedded files",
        "1: serge-final-words.bib",
        "2: serge-final-words.json",
        "3: serge-final-words.xml",
    ]
    options = Options(name="serge-final-words", source_path=str(SEED))
    for number, expected in [(1, bibtex.write(seed_tei, options)), (2, csl.write(seed_tei, options))]:
        run(tool, "-save", str(number), "-o", str(tmp_path / f"embedded{number}"), str(seed_pdf))
        assert (tmp_path / f"embedded{number}").read_bytes() == expected
    run(tool, "-save", "3", "-o", str(tmp_path / "embedded.xml"), str(seed_pdf))
    embedded = (tmp_path / "embedded.xml").read_bytes()
    assert embedded == serialise(seed_tei)
    assert (
        xpath(parse_xml(embedded).getroot(), "//tei:title[@type='main']")[0].text
        == "Victor Serge's final words"
    )


def test_each_embedded_file_says_what_it_is_to_the_pdf(seed_pdf: Path) -> None:
    import pikepdf

    with pikepdf.open(seed_pdf) as pdf:
        associated = {str(spec.UF): str(spec.AFRelationship) for spec in pdf.Root.AF}
    assert associated == {
        "serge-final-words.xml": "/Source",
        "serge-final-words.bib": "/Supplement",
        "serge-final-words.json": "/Supplement",
    }


# ---------- determinism, dates, paper --------------------------------------------------------


def test_two_builds_are_byte_identical(
    seed_pdf: Path, seed_tei: etree._Element, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    options = Options(name="serge-final-words", source_path=str(SEED))
    again = write(seed_tei, options)
    assert again == seed_pdf.read_bytes()
    assert options.diagnostics == []


def test_pdf_variant_a_3u_says_pdfa_3u_in_its_xmp_and_builds_byte_identical(
    seed_tei: etree._Element, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pikepdf

    argv = [sys.executable, "-m", "exporter", "build", str(SEED), "-o", str(tmp_path), "-t", "pdf"]
    argv += ["--pdf-variant", "pdf/a-3u"]
    subprocess.run(argv, cwd=ROOT, env=without_source_date(), check=True, capture_output=True)
    built = (tmp_path / "serge-final-words.pdf").read_bytes()
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    options = Options(name="serge-final-words", source_path=str(SEED), pdf_variant="pdf/a-3u")
    assert write(seed_tei, options) == built
    assert options.diagnostics == []
    with pikepdf.open(tmp_path / "serge-final-words.pdf") as pdf:
        xmp = pdf.open_metadata()
        assert (xmp.get("pdfaid:part"), xmp.get("pdfaid:conformance")) == ("3", "U")
        assert xmp.get("pdfuaid:part") is None  # it claims what it is, one standard
        assert xmp.get("dc:title") == TITLE
        assert pdf.pdf_version == "1.7"
        assert "/OutputIntents" in pdf.Root  # sRGB, which PDF/A needs for colour
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked  # still tagged
        relationships = sorted(str(spec.AFRelationship) for spec in pdf.Root.AF)
        assert relationships == ["/Source", "/Supplement", "/Supplement"]


def test_an_unknown_pdf_variant_is_refused(seed_tei: etree._Element) -> None:
    options = Options(name="serge-final-words", source_path=str(SEED), pdf_variant="pdf/x-4")
    with pytest.raises(ValueError, match="unknown PDF variant 'pdf/x-4'"):
        write(seed_tei, options)


@pytest.mark.parametrize("owns_process", [True, False])
def test_the_layouts_garbage_is_collected_before_the_pdf_is_written(
    seed_tei: etree._Element, monkeypatch: pytest.MonkeyPatch, owns_process: bool
) -> None:
    # In a process the caller owns, automatic full collections are off while WeasyPrint renders
    # (engine/collection.py says why), so the writer must collect the layout context itself, and
    # put the thresholds back. In a process it does not own, the collector is left as it is.
    from weasyprint import Document
    from weasyprint.layout import LayoutContext

    seen = []
    write_pdf = Document.write_pdf

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        contexts = sum(isinstance(o, LayoutContext) for o in gc.get_objects())
        seen.append((gc.get_threshold()[2], contexts))
        return write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(Document, "write_pdf", counting)
    thresholds = gc.get_threshold()
    write(seed_tei, Options(name="x", source_path="x", owns_process=owns_process))
    assert gc.get_threshold() == thresholds
    [(full_threshold, contexts)] = seen
    if owns_process:
        assert full_threshold > 1000 * thresholds[2]
        assert contexts == 0
    else:
        assert full_threshold == thresholds[2]


def test_the_pdf_does_not_depend_on_where_exporter_is(seed_pdf: Path, tmp_path: Path) -> None:
    # CI checks dist/ in a clone at another path. WeasyPrint names an image in the PDF by the
    # hash of its URL, so a picture in styles/ once made the PDF depend on the checkout's path.
    elsewhere = tmp_path / "another checkout, at a longer path"
    for part in ("exporter", "styles"):
        shutil.copytree(ROOT / part, elsewhere / part)
    env = without_source_date() | {"PYTHONPATH": str(elsewhere)}
    argv = [sys.executable, "-m", "exporter", "build", str(SEED), "-o", str(tmp_path / "out"), "-t", "pdf"]
    subprocess.run(argv, cwd=elsewhere, env=env, check=True, capture_output=True)
    built = hashlib.sha256((tmp_path / "out" / seed_pdf.name).read_bytes()).hexdigest()
    assert built == hashlib.sha256(seed_pdf.read_bytes()).hexdigest()


def test_dates_come_from_source_date_epoch(
    seed_tei: etree._Element, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "dated.pdf").write_bytes(write(seed_tei, Options(name="x", source_path="x")))
    info = run(require_tool("pdfinfo"), "-isodates", str(tmp_path / "dated.pdf"))
    assert re.search(r"^CreationDate:\s+2023-11-14T22:13:20", info, re.MULTILINE)
    assert re.search(r"^ModDate:\s+2023-11-14T22:13:20", info, re.MULTILINE)


def test_paper_a4_and_an_unknown_paper(seed_tei: etree._Element, tmp_path: Path) -> None:
    options = Options(name="x", source_path="x", paper="A4")
    (tmp_path / "a4.pdf").write_bytes(write(seed_tei, options))
    assert A4_PAGE in run(require_tool("pdfinfo"), str(tmp_path / "a4.pdf"))
    assert options.diagnostics == []
    from exporter.writers.pdf.writer import paper

    unknown = Options(name="x", source_path="x", paper="folio")
    assert paper(unknown) == "book"
    assert "unknown paper 'folio'" in unknown.diagnostics[0].message


# ---------- the sandbox ---------------------------------------------------------------------

PASSWD = Path("/etc/passwd")


@pytest.fixture()
def secret() -> str:
    """A line of /etc/passwd: it must not reach any PDF."""
    if not PASSWD.is_file():
        pytest.skip("no /etc/passwd to steal here")
    return PASSWD.read_text().splitlines()[0]


def decompressed(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "in.pdf").write_bytes(pdf)
    run(
        require_tool("qpdf"),
        "--qdf",
        "--object-streams=disable",
        str(tmp_path / "in.pdf"),
        str(tmp_path / "out.pdf"),
    )
    text = run(require_tool("pdftotext"), str(tmp_path / "in.pdf"), "-")
    return (tmp_path / "out.pdf").read_bytes().decode("latin-1") + text


def red_png() -> bytes:
    """A 1 x 1 red PNG: an image that would show up in the PDF if it were fetched."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1 x 1, 8 bits, RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0"))
        + chunk(b"IEND", b"")
    )


HOSTILE_PAGE = """<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>Hostile</title>
<link rel="stylesheet" href="http://127.0.0.1:9/evil.css"/>
<link rel="attachment" href="file:///etc/passwd"/>
<style>@import url("file:///etc/passwd"); p {{ background: url(/dev/urandom) }}</style></head>
<body><p>Before the images.</p>
<img src="file:///etc/passwd" alt="one"/><img src="../../../../../../../../etc/passwd" alt="two"/>
<img src="https://example.invalid/pixel.png" alt="three"/><object data="file:///etc/hostname"></object>
<img src="{picture}" alt="a picture outside the styles"/>
<p><a rel="attachment" href="file:///etc/passwd">attached?</a> After the images.</p></body></html>"""


def test_hostile_xhtml_fetches_nothing_outside_the_styles(
    seed_tei: etree._Element, secret: str, tmp_path: Path
) -> None:
    # What a TEI could become if a future transform let URLs through: the renderer itself must hold.
    picture = tmp_path / "picture.png"
    picture.write_bytes(red_png())
    page = etree.fromstring(HOSTILE_PAGE.format(picture=picture.as_uri()))
    options = Options(name="hostile", source_path="hostile.xml")
    pdf = typeset(page, seed_tei, options)
    content = decompressed(pdf, tmp_path)
    assert "After the images." in content  # the document itself was set
    assert secret not in content
    images = run(require_tool("pdfimages"), "-list", str(tmp_path / "in.pdf")).splitlines()[2:]
    assert images == [], images
    messages = "\n".join(d.message for d in options.diagnostics)
    refused = [
        "http://127.0.0.1:9/evil.css",
        "file:///etc/passwd",
        "file:///dev/urandom",
        "file:///etc/hostname",
    ]
    for url in refused:
        assert f"refused to fetch '{url}'" in messages, messages
    # A URL over 80 characters is shown cut (pytest's temporary folders grow with each run).
    assert f"refused to fetch '{picture.as_uri()[:77]}" in messages, messages
    assert "https://example.invalid/pixel.png" in messages
    assert all(d.severity == "warning" for d in options.diagnostics)
    assert "3 embedded files\n1: hostile.bib\n2: hostile.json\n3: hostile.xml\n" in run(
        require_tool("pdfdetach"), "-list", str(tmp_path / "in.pdf")
    )


def test_hostile_tei_builds_without_the_content_and_warns(
    seed_tei: etree._Element, secret: str, tmp_path: Path
) -> None:
    tei = copy.deepcopy(seed_tei)
    paragraph = xpath(tei, "//tei:body/tei:p")[0]
    link = etree.SubElement(paragraph, f"{{{TEI_NS}}}ref", target="file:///etc/passwd")
    link.text = "a link home"
    figure = etree.SubElement(paragraph, f"{{{TEI_NS}}}figure")
    etree.SubElement(figure, f"{{{TEI_NS}}}graphic", url="file:///etc/passwd")
    etree.SubElement(figure, f"{{{TEI_NS}}}graphic", url="http://127.0.0.1:9/pixel.png")
    options = Options(name="hostile", source_path="hostile.xml")
    content = decompressed(write(tei, options), tmp_path)
    assert secret not in content
    assert "/URI (file:" not in content
    messages = [d.message for d in options.diagnostics]
    assert any("link to 'file:///etc/passwd' left out" in m for m in messages), messages
    assert any("graphic 'file:///etc/passwd' not included" in m for m in messages), messages
    assert any("graphic 'http://127.0.0.1:9/pixel.png' not included" in m for m in messages), messages


@pytest.fixture()
def listener() -> Iterator[socket.socket]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    yield server
    server.close()


def test_fetcher_never_opens_a_connection(listener: socket.socket, tmp_path: Path) -> None:
    port = listener.getsockname()[1]
    warnings: list[str] = []
    fetcher = SandboxedFetcher(tmp_path, warnings.append)
    for url in (
        f"http://127.0.0.1:{port}/x.css",
        f"https://127.0.0.1:{port}/x.css",
        f"ftp://127.0.0.1:{port}/x",
    ):
        with pytest.raises(Refused):
            fetcher.fetch(url)
    with pytest.raises(TimeoutError):
        listener.accept()
    assert len(warnings) == 3


def test_fetcher_reports_each_refused_url_once(tmp_path: Path) -> None:
    warnings: list[str] = []
    fetcher = SandboxedFetcher(tmp_path, warnings.append)
    # Two URLs that differ only after the 80 characters a warning shows, and one of them twice.
    long = "https://example.invalid/" + "a" * 80
    for url in (long + "/one.css", long + "/two.css", long + "/one.css"):
        with pytest.raises(Refused):
            fetcher.fetch(url)
    assert len(warnings) == 2
    assert warnings[0] == warnings[1]  # shown alike, cut at 77 characters


def test_fetcher_serves_regular_files_inside_its_root_only(tmp_path: Path) -> None:
    root = tmp_path / "styles"
    (root / "fonts").mkdir(parents=True)
    (root / "print.css").write_text("p {}")
    (root / "fonts" / "face.woff2").write_bytes(b"wOF2")
    (tmp_path / "secret.txt").write_text("secret")
    (root / "link.css").symlink_to(tmp_path / "secret.txt")
    warnings: list[str] = []
    fetcher = SandboxedFetcher(root, warnings.append)
    assert fetcher.fetch((root / "print.css").as_uri()).read() == b"p {}"
    assert fetcher.fetch((root / "fonts" / "face.woff2").as_uri()).read() == b"wOF2"
    for outside in (
        (tmp_path / "secret.txt").as_uri(),
        (root / "link.css").as_uri(),  # a link out of the folder
        (root / "fonts").as_uri(),  # a folder
        root.as_uri() + "/../secret.txt",
        "file://elsewhere" + str(root / "print.css"),
        "data:text/css,p{}",
    ):
        with pytest.raises(Refused):
            fetcher.fetch(outside)
    assert len(warnings) == 6


# ---------- running heads ----------------------------------------------------------------------


def test_a_running_head_is_cut_at_a_word_and_ends_with_an_ellipsis() -> None:
    from exporter.writers.pdf.writer import running_head

    assert running_head("Victor Serge’s final words") == "Victor Serge’s final words"
    assert running_head("  Notebooks\n 1936–1947 ") == "Notebooks 1936–1947"
    long = "A very long title of a review that goes on and on about many things, " * 3
    assert running_head(long) == "A very long title of a review that goes on and on about many…"
    assert running_head("one two, three four", limit=12) == "one two…"
    assert running_head("Unbreakablewordofmanyletters", limit=10) == "Unbreakab…"


def test_a_long_title_keeps_its_running_head_to_one_line(tmp_path: Path) -> None:
    from exporter.reader import read_review

    title = "A very long title of a review that goes on and on about many things, " * 3
    work = "Jane Doe, " + "A Book Whose Title Will Not Fit In A Running Head, " * 3 + "Verso, 2020."
    body = "A paragraph that cites Smith 2001 and quotes a phrase (p. 3). " * 40
    text = f"Review: {title}\n\n{work}\n\n" + f"{body}\n\n" * 4 + "Smith, John 2001, Some Title, Pluto.\n"
    source = tmp_path / "long.txt"
    source.write_text(text, encoding="utf-8")
    tei, diagnostics = read_review(source)
    assert tei is not None, diagnostics
    (tmp_path / "long.pdf").write_bytes(write(tei, Options(name="long", source_path=str(source))))
    verso, recto = (
        [line for line in page.splitlines() if line] for page in texts_by_page(tmp_path / "long.pdf")[1:3]
    )
    # Folio and head, each on one line, then the body: nothing of a title spills onto a second line.
    assert set(verso[:2]) == {"2", "A very long title of a review that goes on and on about many…"}
    assert set(recto[:2]) == {"3", "A Book Whose Title Will Not Fit In A Running Head, A Book…"}
    for page in (verso, recto):
        assert any(word in page[2] for word in ("paragraph", "cites", "quotes", "phrase")), page[2]


# ---------- the tree WeasyPrint is given --------------------------------------------------------


def _shape(node: Any) -> tuple[Any, ...]:
    attributes = sorted((k, v) for k, v in node.attrib.items() if not k.startswith("xmlns"))
    return (node.tag, attributes, node.text or "", node.tail or "", [_shape(child) for child in node])


def test_the_tree_given_to_weasyprint_is_the_one_its_parser_makes(seed_tei: etree._Element) -> None:
    # The oracle is WeasyPrint's own HTML5 parser (tinyhtml5) on the text as_html writes. The only
    # difference allowed: the parser keeps lxml's namespace declaration (xmlns:epub) as an attribute.
    import tinyhtml5

    from exporter.writers.html.transform import to_xhtml
    from exporter.writers.pdf.docinfo import document_dates
    from exporter.writers.pdf.engine.tree import as_element_tree, as_html
    from exporter.writers.pdf.writer import prepare

    page = prepare(
        to_xhtml(seed_tei, "print"), seed_tei, Options(name="x", source_path="x"), document_dates(seed_tei)
    )
    parsed = tinyhtml5.parse(as_html(page), namespace_html_elements=False)
    made = as_element_tree(page)
    assert _shape(made) == _shape(parsed)
    assert made.find(".//section[@id='review']").get("epub:type") == "bodymatter chapter"  # a name, not a URI


def test_text_after_a_comment_in_the_xhtml_is_kept() -> None:
    from exporter.writers.pdf.engine.tree import as_element_tree

    page = etree.fromstring(
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr"><body>'
        "<p>one<!-- a comment -->two<b>three</b><?pi x?>four</p></body></html>"
    )
    paragraph = as_element_tree(page).find("body/p")
    assert as_element_tree(page).get("xml:lang") == "fr"
    assert (paragraph.text, paragraph.find("b").text, paragraph.find("b").tail) == ("onetwo", "three", "four")
