"""Test-wide settings: any float slipping into Decimal arithmetic fails the test."""

from __future__ import annotations

import decimal
import os
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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz",
        action="store_true",
        default=False,
        help="run the long fuzz profile (tests/test_fuzz.py); same as BUDGETPERF_FUZZ=long",
    )


def pytest_configure(config: pytest.Config) -> None:
    # Set before the test modules are imported: their hypothesis settings read it.
    if config.getoption("--fuzz"):
        os.environ["BUDGETPERF_FUZZ"] = "long"
