"""Optional dependencies of the readers (可选依赖): imported on use, with the extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from budgetperf.errors import ParseError

__all__ = ["require"]


def require(module: str, extra: str, *, file: str | None = None) -> ModuleType:
    """Import ``module``, or raise an error naming ``pip install 'budgetperf[extra]'``."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ParseError(
            f"读取该格式需要可选依赖 {module}：请安装 pip install 'budgetperf[{extra}]'",
            f"reading this format needs the optional dependency {module}: "
            f"pip install 'budgetperf[{extra}]'",
            file=file,
            expected=f"budgetperf installed with the {extra} extra",
        ) from None
