"""What the benchmarks share: a command run in a fresh process, with its wall time and peak memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MB) of the command and its processes, in a fresh wrapper."""
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, "
               "stderr=subprocess.DEVNULL); print(time.perf_counter() - t, "
               "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", wrapper, *command], check=True, capture_output=True,
                         text=True, cwd=ROOT).stdout.split()
    return float(out[0]), float(out[1])
