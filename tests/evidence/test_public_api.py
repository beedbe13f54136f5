"""The names ``politburo.evidence`` exports, loaded from their modules on first use."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import politburo.evidence as evidence


def test_every_public_name_is_its_module_own() -> None:
    for name in evidence.__all__:
        module = importlib.import_module(f"politburo.evidence.{evidence._MODULE_OF[name]}")
        assert name in module.__all__
        assert getattr(evidence, name) is getattr(module, name)
    assert set(evidence._MODULE_OF) == set(evidence.__all__)
    assert set(evidence.__all__) <= set(dir(evidence))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        evidence.Nothing  # noqa: B018
    with pytest.raises(ImportError):
        exec("from politburo.evidence import Nothing")


def test_submodules_are_not_shadowed() -> None:
    for name in ("ocr_distance", "lexicon"):
        module = importlib.import_module(f"politburo.evidence.{name}")
        assert getattr(evidence, name) is module


def test_the_package_loads_nothing_until_asked() -> None:
    code = (
        "import sys, politburo.evidence.text\n"
        "print(sorted(m for m in sys.modules if m.startswith('politburo.evidence')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['politburo.evidence', 'politburo.evidence.text']"
