"""budgetcli: ask questions of Copenhagen's integration-activity budget 2018-2022."""

# The single source of the version: hatchling reads it for the package metadata, and the
# parse cache keys on it without paying for importlib.metadata at start-up.
__version__ = "0.2.0"
