"""Fuzzing the command line with mutated reviews and mutated TEI: never a traceback, exit 0, 1 or 2.

CI runs 2,000 examples of each. By hand, more: EXPORTER_FUZZ_EXAMPLES=20000 make test."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter.cli import main
from exporter.validate import validate_file
from exporter.writers import FORMATS
from tests.conftest import ROOT, outputs_in

EXAMPLES = int(os.environ.get("EXPORTER_FUZZ_EXAMPLES", "2000"))
# The fast writers take every example; the slow ones (epub, pdf) are fuzzed in a smaller run.
FAST = ",".join(f for f in ("tei", "bib", "csl") if f in FORMATS)
SEED_TEXT = (ROOT / "seeds" / "serge-final-words.txt").read_bytes()
SEED_TEI = (ROOT / "dist" / "serge-final-words.xml").read_bytes()
JUNK = [b"", b"[", b"]", b"[7]", b"(", b")", b"(p", b"\xe2\x80\x9c", b"\xe2\x80\x9d", b"\xe2\x80\x98", b"\xff",
        b"\x00", b"\r\n", b"\n\n", b"\t", b"<", b">", b"&", b"&amp;", b"<!DOCTYPE x>", b"]]>", b'"', b"'",
        b"xml:id=\"a\"", b"<note/>", b"</p>", b"<ref target=\"#x\"/>", b"2012a", b"Serge, Victor 2019, X, Y."]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = original
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        start = draw(st.integers(min_value=0, max_value=len(data)))
        end = draw(st.integers(min_value=start, max_value=min(len(data), start + 200)))
        action = draw(st.sampled_from(["delete", "insert", "replace", "duplicate"]))
        piece = draw(st.one_of(st.sampled_from(JUNK), st.binary(max_size=6)))
        if action == "delete":
            data = data[:start] + data[end:]
        elif action == "insert":
            data = data[:start] + piece + data[start:]
        elif action == "replace":
            data = data[:start] + piece + data[end:]
        else:
            data = data[:end] + data[start:end] + data[end:]
    return data


def run_cli(name: str, data: bytes, *args: str, sidecar: bytes | None = None) -> None:
    with tempfile.TemporaryDirectory(prefix="exporter-fuzz-") as scratch:
        _run_in(Path(scratch), name, data, *args, sidecar=sidecar)


def _run_in(tmp: Path, name: str, data: bytes, *args: str, sidecar: bytes | None = None) -> None:
    source = tmp / name
    source.write_bytes(data)
    if sidecar is not None:
        source.with_suffix(".toml").write_bytes(sidecar)
    out = tmp / "out"
    for command in (
        ["build", str(source), "-o", str(out), "-q", "--jobs", "1", *args],
        ["validate", str(source)],
    ):
        if command[0] == "validate" and not name.endswith(".xml"):
            continue
        result = CliRunner().invoke(main, command)
        assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Traceback" not in result.output
        if command[0] == "build":
            _check_outputs(out, source, result.exit_code, args)


def _check_outputs(out: Path, source: Path, code: int, args: tuple[str, ...]) -> None:
    """Nothing half-written ever; nothing at all after an error; after success every format asked
    for, whole, and a TEI that `exporter validate` accepts."""
    written = outputs_in(out)
    assert not [n for n in written if n.endswith(".tmp")], written
    if code != 0:
        assert written == [], written
        return
    chosen = args[args.index("-t") + 1]
    asked = list(FORMATS) if chosen == "all" else chosen.split(",")
    assert written == sorted(source.stem + FORMATS[f].suffix for f in asked)
    tei = out / (source.stem + ".xml")
    if tei.exists():
        assert validate_file(tei) == []
    csl = out / (source.stem + ".json")
    if csl.exists():
        json.loads(csl.read_bytes())


FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(mutated(SEED_TEXT))
def test_mutated_reviews(data: bytes) -> None:
    run_cli("review.txt", data, "-t", FAST)


@FUZZ
@given(mutated(SEED_TEI))
def test_mutated_tei(data: bytes) -> None:
    run_cli("review.xml", data, "-t", FAST)


@settings(max_examples=max(EXAMPLES // 100, 10), deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated(SEED_TEXT))
def test_mutated_reviews_all_formats(data: bytes) -> None:
    run_cli("review.txt", data, "-t", "all")


# Fewer examples for the inputs below: each is a variation on one the tests above take 2,000 of.
FEW = settings(max_examples=max(EXAMPLES // 20, 10), deadline=None, suppress_health_check=list(HealthCheck))
SEED_SIDECAR = (ROOT / "seeds" / "serge-final-words.toml").read_bytes()
WIDE = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"]


@FEW
@given(mutated(SEED_TEI), st.sampled_from(WIDE))
def test_mutated_tei_in_wide_encodings(data: bytes, encoding: str) -> None:
    text = data.decode("utf-8", errors="replace").replace(
        "encoding='UTF-8'", f"encoding='{encoding.upper()}'", 1
    )
    run_cli("review.xml", text.encode(encoding, errors="surrogatepass"), "-t", FAST)


@FEW
@given(mutated(SEED_SIDECAR))
def test_mutated_sidecars(sidecar: bytes) -> None:
    run_cli("review.txt", SEED_TEXT, "-t", FAST, sidecar=sidecar)


# Any bytes a file name may hold (no '/', no NUL), as the command line gets them: os.fsdecode's.
ODD_NAMES = (
    st.binary(min_size=1, max_size=12)
    .filter(lambda b: b"/" not in b and b"\0" not in b and b.strip(b".") != b"")
    .map(os.fsdecode)
)


@FEW
@given(ODD_NAMES, st.sampled_from([".txt", ".xml"]))
def test_odd_file_names(stem: str, suffix: str) -> None:
    run_cli(stem + suffix, SEED_TEXT if suffix == ".txt" else SEED_TEI, "-t", FAST)
