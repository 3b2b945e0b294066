"""The package's own data files (包内数据文件), found where the package is installed.

``importlib.resources`` is imported on first use, not with the library: it brings
``tempfile``, ``shutil`` and the compression modules with it (about 10 ms), which a run that
reads no data file (a batch scored from JSON Lines) never needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def data_file(package: str, *parts: str) -> Traversable:
    """The file (or folder) ``parts`` inside ``package``: ``data_file("budgetperf.io",
    "schema", "outcome-1.schema.json")``."""
    import importlib.resources

    found = importlib.resources.files(package)
    for part in parts:
        found = found / part
    return found
