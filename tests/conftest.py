"""Test-wide settings: any float slipping into Decimal arithmetic fails the test."""

from __future__ import annotations

import decimal
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

# Shared CI machines are noisy: a property is judged by its examples, never by wall time.
settings.register_profile("budgetperf", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("budgetperf")


@pytest.fixture(autouse=True)
def _float_operation_trap() -> Iterator[None]:
    # Decimal(float) and Decimal < float are silent by default; make them raise in tests so a
    # float on the money path cannot hide.
    context = decimal.getcontext()
    before = context.traps[decimal.FloatOperation]
    context.traps[decimal.FloatOperation] = True
    yield
    context.traps[decimal.FloatOperation] = before
