"""The pages' examples run as doctests; the frames and polars pages need their extras."""

from __future__ import annotations

import importlib

import pytest

_NEEDS = {
    "frames.md": ("pandas", ("pandas", "pyarrow")),
    "polars.md": ("polars", ("polars", "pyarrow")),
}
"""Page → (the extra, the modules its examples import)."""


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.path.name not in _NEEDS:
        return
    extra, modules = _NEEDS[item.path.name]
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            pytest.skip(f"docs/{item.path.name} needs {module}: pip install 'budgetperf[{extra}]'")
