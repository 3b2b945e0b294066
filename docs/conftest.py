"""The pages' examples run as doctests; the frames page needs the pandas extra."""

from __future__ import annotations

import importlib

import pytest

_NEEDS_PANDAS = {"frames.md"}


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.path.name not in _NEEDS_PANDAS:
        return
    for module in ("pandas", "pyarrow"):
        try:
            importlib.import_module(module)
        except ImportError:
            pytest.skip(f"docs/frames.md needs {module}: pip install 'budgetperf[pandas]'")
