"""The console script proper: signals set up once, then the one command asked for, by the
fast path when it can (:mod:`budgetcli.cli.fast`), else by typer."""

import sys


def main() -> None:
    """The console script: quiet on a closed pipe, on Ctrl-C and SIGTERM; never a traceback."""
    import signal

    from budgetcli.cli.guard import on_signal

    # `budgetcli list | head -1` ends quietly when head closes the pipe, with status 0 in
    # every format (the error boundary answers the BrokenPipeError): dying of SIGPIPE as cat
    # does would give 141 or 0 by how much of the answer fitted in the pipe's buffer, which
    # fails `set -o pipefail` scripts at random. Python ignores SIGPIPE already.
    signal.signal(signal.SIGTERM, on_signal)
    # A closed terminal (SIGHUP) cleans up too, unless started under nohup, which ignores it.
    if hasattr(signal, "SIGHUP") and signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:
        signal.signal(signal.SIGHUP, on_signal)
    argv = sys.argv[1:]
    from budgetcli.cli.fast import answer

    code = answer(argv)
    if code is not None:
        sys.exit(code)
    from budgetcli.cli.commands import app_for

    app_for(argv)(prog_name="budgetcli")
