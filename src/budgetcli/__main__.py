"""``python -m budgetcli``."""

from budgetcli.launch import main

main()
