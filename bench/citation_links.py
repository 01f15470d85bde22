"""How many in-text citations of the corpus (tests/corpus) are linked to their entries.

Not a test: it prints the figures for the closing notes. It counts citations without the reader's
grammar. For every entry of a review's hand-written `NAME.expected.json` it takes the first
author's surname (or the first editor's; an organisation's whole name) and the year as printed
(`2012a`), and counts, in the source text less the reference list, each place where that surname
(case-insensitively, as a whole word, and not right after the first author of an entry it is the
second author of, and `and`, `und`, `et` or `&`) is followed within a short stretch of text holding no
bracket, semicolon or full stop but that of `et al.` (`, `, ` and Smith `, ` et al. `, ` (`, ` [`) by that year as a
whole word: `Jockers 2013`, `Jockers (2013`, `Varela, 1989`, `Berger and Ghernaouti-Hélié 2010`.
The reference list is the blocks the TEI keeps as raw references, and an entry's
key that of the TEI entry whose raw string begins with its surname and holds its year. Entries dated `n.d.` are left
out; entries with the same surname and year are counted as one. A citation found so is linked when the TEI's body (notes included) has a `ref` pointing at
that entry (or a `bibl` pointing at it that holds no `ref`); an entry's links are counted up to
the citations found for it, so that a link the pattern does not see cannot hide one it misses.

    python bench/citation_links.py [--misses] [NAME …]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from exporter.reader import read_review  # noqa: E402
from exporter.tei import LIST_ENTRIES, XML_ID, xpath  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
# The longest stretch between a surname and its year: "de Graaf, Ben Allouch & van Dijk, " fits.
GAP = 60
AND_WORDS = r"(?:,?\s+(?:and|und|et)\s+|\s*&\s*)"


@dataclass
class Count:
    name: str
    found: int
    linked: int
    misses: list[str]


def surname(entry: dict[str, object]) -> str | None:
    names = entry.get("authors") or entry.get("editors") or []
    assert isinstance(names, list)
    return str(names[0]).split(",")[0].strip() if names else None


def _raw(entry: etree._Element) -> str:
    return (
        "".join(map(str, entry.itertext())).strip()
        if entry.tag.endswith("}bibl")
        else " ".join(
            "".join(map(str, n.itertext())) for n in xpath(entry, "tei:note[@type='raw_reference']")
        )
    )


def occurrences(text: str, name: str, year: str, first_authors: list[str]) -> list[str]:
    """Where `name` and `year` cite the entry, less where `name` is the second author of another
    entry, after its first: 'Wien Museum und Wienbibliothek im Rathaus 2025' cites the two's work."""
    pattern = re.compile(
        rf"(?<!\w){re.escape(name)}(?!\w)(?:et al\.|[^()\[\];.]){{0,{GAP}}}?[(\[]?(?<!\w){re.escape(year)}(?!\w)",
        re.IGNORECASE,
    )
    before = [re.compile(rf"(?<!\w){re.escape(first)}{AND_WORDS}$", re.IGNORECASE) for first in first_authors]
    return [
        m.group()
        for m in pattern.finditer(text)
        if not any(b.search(text, max(0, m.start() - 80), m.start()) for b in before)
    ]


def second_authors(facts: dict[str, list[dict[str, object]]]) -> dict[str, list[str]]:
    """Each second author's surname -> the surnames of the first authors they follow."""
    found: dict[str, list[str]] = {}
    for entry in facts["entries"]:
        names = entry.get("authors") or entry.get("editors") or []
        assert isinstance(names, list)
        if len(names) >= 2:
            first, second = (str(n).split(",")[0].strip() for n in names[:2])
            found.setdefault(second, []).append(first)
    return found


def count(name: str) -> Count:
    path = CORPUS / f"{name}.txt"
    facts = json.loads((CORPUS / f"{name}.expected.json").read_text(encoding="utf-8"))
    root, _ = read_review(path)
    assert root is not None, name
    raws = {
        " ".join("".join(map(str, n.itertext())).split())
        for n in xpath(root, "//tei:note[@type='raw_reference']")
    }
    blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
    body = "\n".join(b for b in blocks[2:] if " ".join(b.split()) not in raws)
    entries = [(e.get(XML_ID) or "", _raw(e)) for e in xpath(root, f"//tei:back//{LIST_ENTRIES}")]
    # An entry's key is that of the TEI entries whose raw string begins with its surname and holds
    # its year (by place in the list if none does); entries with the same surname and year are one
    # label, and a citation of it may mean any of them.
    labels: dict[tuple[str, str], list[str]] = {}
    for index, entry in enumerate(facts["entries"]):
        who, year = surname(entry), entry["year"]
        if who is None or year in (None, "n.d.") or index >= len(entries):
            continue
        keys = [k for k, raw in entries if raw.casefold().startswith(who.casefold()) and year in raw]
        labels.setdefault((who, year), []).extend(keys or [entries[index][0]])
    seconds = second_authors(facts)
    found = linked = 0
    misses: list[str] = []
    for (who, year), keys in labels.items():
        seen = occurrences(body, who, year, seconds.get(who, []))
        links = sum(
            len(xpath(root, f"//tei:body//tei:ref[@target='#{key}']"))
            + len(xpath(root, f"//tei:body//tei:bibl[@corresp='#{key}'][not(.//tei:ref)]"))
            for key in keys
        )
        found += len(seen)
        linked += min(links, len(seen))
        if links < len(seen):
            misses.append(f"{who} {year}: {links} of {len(seen)} linked, e.g. {seen[0]!r}")
    return Count(name, found, linked, misses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--misses", action="store_true", help="print each entry with citations left unlinked")
    args = parser.parse_args()
    names = args.names or sorted(
        p.name.removesuffix(".expected.json") for p in CORPUS.glob("*.expected.json")
    )
    total_found = total_linked = 0
    for name in names:
        result = count(name)
        total_found += result.found
        total_linked += result.linked
        share = f"{result.linked / result.found:6.1%}" if result.found else "     -"
        print(f"{result.linked:4d} / {result.found:4d}  {share}  {name}")
        if args.misses:
            for miss in result.misses:
                print(f"      {miss}")
    print(f"{total_linked:4d} / {total_found:4d}  {total_linked / max(total_found, 1):6.1%}  overall")


if __name__ == "__main__":
    main()
