"""Reading the data: find the file, a parse-cache hit or YAML read, validated and built into
the model (:mod:`budgetcli.model`); the same checks for a workbook being imported.

Imports go one way: this package builds on the model, the errors, the control-character
policy and the folds, and never on what answers or presents a question (results, reports,
formats, the CLI). ``loader.load`` is the way in.
"""
