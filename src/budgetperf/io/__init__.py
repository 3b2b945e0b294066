"""Readers and writers (输入输出), kept apart from the model."""

from budgetperf.io.tables import load_classification

__all__ = ["load_classification"]
