"""Property test: whatever is done to a scenario file, only PolitburoError comes out."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from politburo.errors import PolitburoError
from politburo.scenario import load_scenario
from tests.conftest import EXAMPLE

ORIGINAL = (EXAMPLE / "scenario.yaml").read_bytes()

mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, len(ORIGINAL)), st.integers(1, 200)),
    st.tuples(st.just("insert"), st.integers(0, len(ORIGINAL)), st.binary(min_size=1, max_size=40)),
    st.tuples(
        st.just("text"),
        st.integers(0, len(ORIGINAL)),
        st.text(alphabet=":-[]{}&*!|>'\"#%@`,? \n\t0123456789abcXYZ", min_size=1, max_size=20),
    ),
    st.tuples(st.just("swap_lines"), st.integers(0, 400), st.integers(0, 400)),
)


def mangle(data: bytes, steps: list[tuple[str, int, object]]) -> bytes:
    for kind, where, what in steps:
        if kind == "delete":
            data = data[:where] + data[where + int(what) :]  # type: ignore[call-overload]
        elif kind == "insert":
            data = data[:where] + what + data[where:]  # type: ignore[operator]
        elif kind == "text":
            data = data[:where] + str(what).encode() + data[where:]
        else:
            lines = data.split(b"\n")
            i, j = where % len(lines), int(what) % len(lines)  # type: ignore[call-overload]
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=4))
def test_only_project_errors_escape(steps: list[tuple[str, int, object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "s"
        shutil.copytree(EXAMPLE, folder)
        (folder / "scenario.yaml").write_bytes(mangle(ORIGINAL, steps))
        try:
            load_scenario(folder)
        except PolitburoError as error:
            assert error.problems
            assert all(p.file for p in error.problems)
