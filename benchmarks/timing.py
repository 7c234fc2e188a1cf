"""What every benchmark here shares: interleaved rounds, timed child processes, the machine.

Wall time is perf_counter around the child; CPU time is the child's user + system time, the
delta of ``getrusage(RUSAGE_CHILDREN)`` across it (children are waited for one at a time, so
the delta is that one child's).
"""

from __future__ import annotations

import datetime
import os
import platform
import random
import resource
import statistics
import time
from collections.abc import Callable, Iterable
from typing import NamedTuple, TypeVar

S = TypeVar("S")


class Timing(NamedTuple):
    wall: float
    cpu: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(run: Callable[[], object]) -> Timing:
    """The wall time of ``run()`` and the CPU time of the children it waited for."""
    cpu, start = _children_cpu(), time.perf_counter()
    run()
    wall = time.perf_counter() - start
    return Timing(wall, _children_cpu() - cpu)


def interleaved(
    rounds: int, commands: dict[str, Callable[[int], S]], shuffle: random.Random | None = None
) -> dict[str, list[S]]:
    """Each round runs every command once (in a shuffled order if ``shuffle`` is given), so
    the machine's noise of that moment hits all of them alike; samples by command name."""
    runs: dict[str, list[S]] = {name: [] for name in commands}
    for index in range(rounds):
        order = list(commands)
        if shuffle is not None:
            shuffle.shuffle(order)
        for name in order:
            runs[name].append(commands[name](index))
    return runs


def median_ratio(values: Iterable[float], references: Iterable[float]) -> float:
    """The median of per-round ratios: round i's value over round i's reference."""
    pairs = list(zip(values, references, strict=True))
    return statistics.median(value / reference for value, reference in pairs)


def machine() -> str:
    """One line naming what the figures were measured on, and when."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"machine: {platform.machine()}, nproc {len(os.sched_getaffinity(0))}, load average {load},"
        f" Python {platform.python_version()}, {now}"
    )
