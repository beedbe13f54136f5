"""Scenarios shipped with the package, each a folder beside this file."""

from __future__ import annotations

from pathlib import Path

from politburo.errors import PolitburoError, Problem

__all__ = ["BUNDLED_DIR", "DEFAULT_SCENARIO", "bundled_names", "resolve_scenario_folder"]

BUNDLED_DIR = Path(__file__).resolve().parent
DEFAULT_SCENARIO = "june-1957"


def bundled_names() -> list[str]:
    """Names of the bundled scenarios."""
    return sorted(p.name for p in BUNDLED_DIR.iterdir() if (p / "scenario.yaml").is_file())


def resolve_scenario_folder(name_or_path: str | Path) -> Path:
    """The folder of a bundled scenario named ``name_or_path``, or that path if it is a folder."""
    candidate = Path(name_or_path)
    if candidate.is_dir():
        return candidate.resolve()
    if isinstance(name_or_path, str) and name_or_path in bundled_names():
        return BUNDLED_DIR / name_or_path
    if candidate.exists():
        raise PolitburoError(
            Problem(
                f"a scenario is a folder, not a file: give {candidate.parent}",
                file=str(candidate),
            )
        )
    names = ", ".join(bundled_names()) or "none"
    raise PolitburoError(
        Problem(
            f"no scenario folder or bundled scenario of this name; bundled: {names}",
            file=str(name_or_path),
        )
    )
