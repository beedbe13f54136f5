"""Every bibliography key cited in a docstring or a document is listed in docs/bibliography.md.

Keys are cited in the networkx manner, ``[Granovetter1978]`` in the text and
``.. [Granovetter1978] ...`` in a References section; numbered notes (``[1]_``) are local to
their docstring and not keys.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIBLIOGRAPHY = ROOT / "docs" / "bibliography.md"

KEY = re.compile(r"\[([A-Z][A-Za-z']*[0-9]{4}[a-z]?)\]")
"""A key cited in running text: a name and a year, ``[ONeill2015]``."""
DEFINED = re.compile(r"^\s*\.\. \[([A-Za-z][^\]]*)\]", re.MULTILINE)
"""A key a References section defines, with or without a year (``.. [SimPy]``)."""
LISTED = re.compile(r"^\| ([A-Za-z][^ |]*) \|", re.MULTILINE)


def _cited_in(text: str) -> set[str]:
    return set(KEY.findall(text)) | set(DEFINED.findall(text))


def cited_keys() -> dict[str, set[str]]:
    """Each key cited in the package, the documents and the README, with where."""
    files = [*sorted((ROOT / "src").rglob("*.py")), *sorted((ROOT / "docs").glob("*.md"))]
    files.append(ROOT / "README.md")
    where: dict[str, set[str]] = {}
    for path in files:
        if path == BIBLIOGRAPHY:
            continue
        for key in _cited_in(path.read_text(encoding="utf-8")):
            where.setdefault(key, set()).add(str(path.relative_to(ROOT)))
    return where


def listed_keys() -> set[str]:
    return set(LISTED.findall(BIBLIOGRAPHY.read_text(encoding="utf-8"))) - {"key"}


def test_every_cited_key_is_in_the_bibliography() -> None:
    listed = listed_keys()
    missing = {k: sorted(v) for k, v in cited_keys().items() if k not in listed}
    assert not missing, f"keys missing from docs/bibliography.md: {missing}"


def test_every_listed_key_is_cited() -> None:
    unused = listed_keys() - set(cited_keys())
    assert not unused, f"listed in docs/bibliography.md but cited nowhere: {sorted(unused)}"


def test_the_check_sees_both_forms() -> None:
    text = "as in [ONeill2015], not [1]_\n\n.. [SimPy] The SimPy library.\n.. [1] A note."
    assert _cited_in(text) == {"ONeill2015", "SimPy"}
