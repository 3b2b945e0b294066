"""``python -m budgetperf`` runs the command line."""

from budgetperf.cli import run

run()
