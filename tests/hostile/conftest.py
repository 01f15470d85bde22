"""What the hostile suite shares: a small good review, the seed's TEI, and the command line run
in-process with the promise every case checks first: no traceback, an exit code of 0, 1 or 2."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from exporter.cli import main
from tests.conftest import ROOT, outputs_in

HERE = Path(__file__).resolve().parent
SEED_TEI = (ROOT / "dist" / "serge-final-words.xml").read_bytes()
GOOD = (
    "Review: A title\n\nJane Doe, A Book, Verso, 2020.\n\n"
    "A paragraph that cites Smith 2001 and quotes “a phrase” (p. 3).[1]\n\n"
    "Smith, John 2001, Some Title, Pluto.\n\n[1] See Smith 2001.\n"
)


def run(*args: str | Path) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `exporter ARGS`."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2)
    return result.exit_code, result.stdout, result.stderr


def files_in(folder: Path) -> list[str]:
    return outputs_in(folder)
