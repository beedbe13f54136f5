"""Shared fixtures: paths of the example scenarios and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "tiny-committee"


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    """A writable copy of the small example scenario."""
    target = tmp_path / "tiny"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture
def cli() -> CliRunner:
    """A runner for the ``politburo`` command."""
    return CliRunner()
