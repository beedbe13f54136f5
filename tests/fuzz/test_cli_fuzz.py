"""A few dozen cases of the CLI fuzzer in the suite; the full run is a script (see
:mod:`tests.fuzz.cli_fuzz`)."""

from __future__ import annotations

from pathlib import Path

from tests.fuzz.cli_fuzz import fuzz

CASES = 40


def test_fuzzed_command_lines_end_cleanly(tmp_path: Path) -> None:
    tally = fuzz(CASES, base=tmp_path)
    assert tally.cases == CASES
    assert set(tally.exits) <= {0, 1, 3}
