"""Rendering (呈现): plain text of score sheets; Markdown, HTML and SVG come later."""

from budgetperf.render.text import score_sheet_text

__all__ = ["score_sheet_text"]
