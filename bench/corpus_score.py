"""Field accuracy of the reader on the corpus of real reviews (tests/corpus), per review and style.

Not a test: it prints the figures for the closing notes. For every entry of every review's
hand-written `NAME.expected.json`, ten fields (type, authors, editors, year, title, container,
publisher, place, volume, issue) are compared with what the reader wrote into the TEI; a field the
entry lacks counts as right when the reader leaves it empty too. An expected entry the reader did
not find scores nothing. The tune and held-out parts are reported apart (see tests/corpus/README.md).

    python bench/corpus_score.py [--split tune|heldout] [--fields] [--json] [NAME …]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from exporter.reader import read_review  # noqa: E402
from exporter.tei import LIST_ENTRIES, xpath  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
FIELDS = ("type", "authors", "editors", "year", "title", "container", "publisher", "place", "volume", "issue")


@dataclass
class Score:
    right: int = 0
    total: int = 0
    by_field: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add(self, name: str, ok: bool) -> None:
        self.right += ok
        self.total += 1
        self.by_field[name][0] += ok
        self.by_field[name][1] += 1

    def merge(self, other: Score) -> None:
        self.right += other.right
        self.total += other.total
        for name, (right, total) in other.by_field.items():
            self.by_field[name][0] += right
            self.by_field[name][1] += total

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


# --- what the reader wrote -------------------------------------------------------------------------


def entry_facts(bibl: etree._Element) -> dict[str, Any]:
    """The ten fields of one biblStruct, in the expected files' terms."""
    analytic = _first(bibl, "tei:analytic")
    monogr = _first(bibl, "tei:monogr")
    holder = analytic if analytic is not None else monogr
    return {
        "type": bibl.get("type"),
        "authors": _names(holder, "tei:author"),
        "editors": _names(monogr, "tei:editor[not(@role='translator')]")
        + _names(holder, "tei:editor[not(@role='translator')]" if analytic is not None else "tei:nothing"),
        "year": _text(monogr, "tei:imprint/tei:date[not(@type)]"),
        "title": _text(analytic, "tei:title") if analytic is not None else _text(monogr, "tei:title"),
        "container": _text(monogr, "tei:title") if analytic is not None else None,
        "publisher": _text(monogr, "tei:imprint/tei:publisher"),
        "place": _text(monogr, "tei:imprint/tei:pubPlace"),
        "volume": _text(monogr, "tei:imprint/tei:biblScope[@unit='volume']"),
        "issue": _text(monogr, "tei:imprint/tei:biblScope[@unit='issue']"),
        "raw": _text(bibl, "tei:note[@type='raw_reference']"),
    }


def _first(node: etree._Element | None, path: str) -> etree._Element | None:
    if node is None:
        return None
    found = xpath(node, path)
    return found[0] if found else None


def _text(node: etree._Element | None, path: str) -> str | None:
    found = _first(node, path)
    return " ".join("".join(found.itertext()).split()) if found is not None else None


def _names(node: etree._Element | None, path: str) -> list[str]:
    if node is None:
        return []
    names = []
    for person in xpath(node, path):
        org = _first(person, "tei:orgName")
        if org is not None:
            names.append(org.text or "")
            continue
        surname = _text(person, ".//tei:surname") or ""
        given = [f.text or "" for f in xpath(person, ".//tei:forename | .//tei:nameLink")]
        name = f"{surname}, {' '.join(given)}" if given else surname
        suffix = _text(person, ".//tei:genName")
        names.append(f"{name}, {suffix}" if suffix else name)
    return names


# --- comparing -------------------------------------------------------------------------------------


def fold(value: str | None) -> str:
    """Case, diacritics, quotation marks, spacing and final punctuation do not count."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKD", value)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[“”„‟\"«»‘’‚'`]", "", text)
    text = re.sub(r"[–—-]", "-", text)
    return " ".join(text.split()).strip(" .,;:")


def fold_name(name: str) -> str:
    """'Bolter, J.D.' and 'Bolter, J. D.' are one name."""
    return re.sub(r"[\s.]", "", fold(name))


def same(name: str, expected: Any, got: Any) -> bool:
    if name in ("authors", "editors"):
        return [fold_name(n) for n in expected or []] == [fold_name(n) for n in got or []]
    return fold(expected) == fold(got)


def score_entries(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> tuple[Score, list[str]]:
    """Each expected entry against the found entry aligned with it, in list order (an entry the
    reader lost or split scores nothing for the expected entry left without a partner)."""
    score, misses = Score(), []
    partner = _align(expected, got)
    for i, want in enumerate(expected):
        have = got[partner[i]] if i in partner else dict.fromkeys(FIELDS)
        if not all(same(name, want.get(name), have[name]) for name in FIELDS) and have.get("raw"):
            misses.append(f"in {have['raw']}")
        for name in FIELDS:
            ok = i in partner and same(name, want.get(name), have[name])
            score.add(name, ok)
            if not ok:
                misses.append(f"{name}: expected {want.get(name)!r}, got {have[name]!r}")
    return score, misses


def _align(expected: list[dict[str, Any]], got: list[dict[str, Any]]) -> dict[int, int]:
    """An order-keeping alignment (dynamic programming) that maximises how many of the fields the
    expected entries fill agree with their partners'."""

    def agree(a: dict[str, Any], b: dict[str, Any]) -> int:
        return sum(1 for f in FIELDS if a.get(f) not in (None, []) and same(f, a.get(f), b[f]))

    n, m = len(expected), len(got)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            paired = agree(expected[i], got[j]) + best[i + 1][j + 1]
            best[i][j] = max(paired, best[i + 1][j], best[i][j + 1])
    pairs, i, j = {}, 0, 0
    while i < n and j < m:
        if best[i][j] == agree(expected[i], got[j]) + best[i + 1][j + 1] and agree(expected[i], got[j]) > 0:
            pairs[i] = j
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


@dataclass
class ReviewResult:
    name: str
    style: str
    split: str
    language: str
    built: bool
    score: Score
    entries_expected: int
    entries_found: int
    misses: list[str]


def score_review(path: Path) -> ReviewResult:
    expected = json.loads(path.read_text(encoding="utf-8"))
    name = path.name.removesuffix(".expected.json")
    root, _ = read_review(CORPUS / f"{name}.txt")
    listed = [] if root is None else xpath(root, f"//tei:back//{LIST_ENTRIES}")
    found = [entry_facts(b) if b.tag.endswith("biblStruct") else dict.fromkeys(FIELDS) for b in listed]
    score, misses = score_entries(expected["entries"], found)
    return ReviewResult(
        name,
        expected["style"],
        expected["split"],
        expected["language"],
        root is not None,
        score,
        len(expected["entries"]),
        len(found),
        misses,
    )


# --- report ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="reviews to score (default: every one)")
    parser.add_argument("--split", choices=("tune", "heldout"), help="only this part of the corpus")
    parser.add_argument("--misses", action="store_true", help="print every wrong field")
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    args = parser.parse_args(argv)
    paths = sorted(CORPUS.glob("*.expected.json"))
    if args.names:
        paths = [p for p in paths if p.name.removesuffix(".expected.json") in args.names]
    results = [score_review(p) for p in paths]
    results = [r for r in results if args.split in (None, r.split)]
    if args.json:
        print(json.dumps(_figures(results), indent=2, sort_keys=True))
    else:
        _print(results, args.misses)
    return 0


def _groups(results: list[ReviewResult], key: str) -> dict[str, Score]:
    groups: dict[str, Score] = defaultdict(Score)
    for result in results:
        groups[getattr(result, key)].merge(result.score)
    return dict(sorted(groups.items()))


def _figures(results: list[ReviewResult]) -> dict[str, Any]:
    overall = Score()
    for result in results:
        overall.merge(result.score)
    return {
        "overall": round(overall.accuracy, 4),
        "built": sum(r.built for r in results),
        "reviews": len(results),
        "per_review": {r.name: round(r.score.accuracy, 4) for r in results},
        **{
            f"per_{key}": {k: round(s.accuracy, 4) for k, s in _groups(results, key).items()}
            for key in ("style", "split", "language")
        },
        "per_field": {k: round(r / t, 4) for k, (r, t) in sorted(overall.by_field.items())},
    }


def _print(results: list[ReviewResult], misses: bool) -> None:
    print(f"{'review':42} {'style':28} {'split':8} built  entries  accuracy")
    for r in results:
        found = f"{r.entries_found}/{r.entries_expected}"
        print(
            f"{r.name:42} {r.style:28} {r.split:8} {'yes' if r.built else 'NO ':5}  {found:>7}  {r.score.accuracy:.3f}"
        )
        if misses:
            for miss in r.misses:
                print(f"    {miss}")
    figures = _figures(results)
    for key in ("style", "split", "language", "field"):
        print(f"\nper {key}: " + ", ".join(f"{k} {v:.3f}" for k, v in figures[f"per_{key}"].items()))
    print(
        f"\noverall field accuracy {figures['overall']:.3f}; {figures['built']} of {figures['reviews']} reviews build"
    )


if __name__ == "__main__":
    sys.exit(main())
