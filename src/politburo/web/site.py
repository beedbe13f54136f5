"""The static explorer: a folder that opens from ``file://`` with no server and no network.

``index.html`` holds the data inlined as JSON; ``static/`` the script and stylesheet shipped
in this package; ``reports/`` one annotated page per bundled source text. A scenario that
fails its checks gives a folder whose page lists its problems.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from politburo.errors import PolitburoError, Problem
from politburo.web.data import SourceEvidence, error_data, explorer_data, load, source_evidence
from politburo.web.report import render_report
from politburo.web.templating import render

__all__ = [
    "ASSETS",
    "ExploreResult",
    "asset_bytes",
    "explorer_page",
    "report_pages",
    "write_explorer",
]

ASSETS = ("explorer.js", "explorer.css")
"""Files of ``static/`` that a page loads (the vendored test scripts are not copied)."""

_OURS = {"index.html", "static", "reports"}


def asset_bytes(name: str) -> bytes:
    """The bytes of one shipped static file."""
    return resources.files("politburo.web").joinpath(f"static/{name}").read_bytes()


def explorer_page(data: dict[str, Any], *, mode: str, static: str = "static/") -> str:
    """The explorer's page for ``data`` (static or served mode)."""
    return render("explorer.html", data=data, mode=mode, static=static)


def report_pages(evidence: list[SourceEvidence], back: str) -> dict[str, str]:
    """The annotated report page of each source, by source id."""
    return {
        e.source: render_report(
            e.title,
            e.text,
            e.mentions,
            e.gaps,
            e.claims,
            corrections=e.corrections,
            passages=e.passages,
            back=back,
        )
        for e in evidence
    }


class ExploreResult:
    """What :func:`write_explorer` wrote: the folder, its size and the problems shown."""

    def __init__(self, folder: Path, problems: list[Problem]) -> None:
        self.folder = folder
        self.problems = problems

    @property
    def size(self) -> int:
        """Bytes of every file in the folder."""
        return sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file())


def write_explorer(
    scenario: str | Path, out: str | Path, *, seed: int = 0, store: Path | None = None
) -> ExploreResult:
    """Write the static explorer of ``scenario`` to the folder ``out``.

    ``store`` is an evidence store whose stand-off corrections of the scenario's sources
    are shown (see :func:`~politburo.web.data.source_evidence`).

    The files are written to a temporary folder beside ``out`` and moved in place once all
    are written. ``out`` may be missing, empty, or an explorer folder written before.

    Raises
    ------
    PolitburoError
        When ``out`` holds other files, or cannot be written.
    """
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise PolitburoError(Problem("not a folder", file=str(target)))
    if target.is_dir():
        foreign = sorted(p.name for p in target.iterdir() if p.name not in _OURS)
        if foreign:
            raise PolitburoError(
                Problem(
                    f"holds other files ({', '.join(foreign[:3])}); give an empty or new folder",
                    file=str(target),
                )
            )
    loaded, problems = load(scenario)
    pages: dict[str, str] = {}
    if loaded is None:
        data = error_data(str(scenario), problems)
    else:
        evidence = source_evidence(loaded, store)
        data = explorer_data(loaded, seed=seed, evidence=evidence)
        pages = report_pages(evidence, back="../index.html")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as error:
        raise PolitburoError(
            Problem(f"cannot write: {error.strerror or error}", file=str(target))
        ) from None
    try:
        (work / "static").mkdir()
        (work / "reports").mkdir()
        (work / "index.html").write_text(explorer_page(data, mode="static"), encoding="utf-8")
        for name in ASSETS:
            (work / "static" / name).write_bytes(asset_bytes(name))
        for source, page in pages.items():
            (work / "reports" / f"{source}.html").write_text(page, encoding="utf-8")
        target.mkdir(exist_ok=True)
        for name in sorted(_OURS):
            old = target / name
            if old.is_dir():
                shutil.rmtree(old)
            os.replace(work / name, old)
    except OSError as error:
        raise PolitburoError(
            Problem(f"cannot write: {error.strerror or error}", file=str(target))
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ExploreResult(target, problems)
