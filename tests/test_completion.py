"""Shell completion, as the README gives it: click's own, run by the shell as a user's would be."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXPORTER = Path(sys.executable).parent / "exporter"  # the installed command, as a shell finds it


def _script(shell: str) -> str:
    env = dict(os.environ, _EXPORTER_COMPLETE=f"{shell}_source")
    done = subprocess.run([str(EXPORTER)], env=env, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.mark.parametrize(
    ("shell", "hook"), [("bash", "complete -o nosort -F"), ("zsh", "compdef"), ("fish", "complete")]
)
def test_each_shell_gets_a_script(shell: str, hook: str) -> None:
    script = _script(shell)
    assert hook in script and "_EXPORTER_COMPLETE" in script


def _bash_completes(words: list[str]) -> list[str]:
    """COMPREPLY after bash sources the script and asks it to complete `words` (the last one
    being typed), as the line editor does on Tab."""
    bash = shutil.which("bash")
    assert bash is not None
    line = " ".join(f"'{w}'" for w in words)
    program = (
        f'eval "$(_EXPORTER_COMPLETE=bash_source {EXPORTER})"\n'
        f"COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}\n"
        f"_exporter_completion {EXPORTER}\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run([bash, "-c", program], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_bash_completes_a_command_and_an_option() -> None:
    assert _bash_completes(["exporter", "bu"]) == ["build"]
    assert _bash_completes(["exporter", "build", "--pri"]) == ["--print-config"]
    assert set(_bash_completes(["exporter", "build", "--paper", ""])) == {"book", "a4", "a5", "b5", "letter"}
