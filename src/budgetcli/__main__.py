"""``python -m budgetcli``."""

from budgetcli.cli import main

main()
