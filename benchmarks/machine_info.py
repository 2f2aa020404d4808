"""What a benchmark ran on, for the figures in docs/performance.md (shared by the benchmarks)."""

from __future__ import annotations

import os
import platform


def machine() -> dict[str, str]:
    """CPU model, cores, RAM, load average and the versions that shape the figures."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import numpy
    import pandas
    import pyarrow

    return {
        "cpu": cpu, "cores": str(os.cpu_count()), "ram": f"{memory:.1f} GiB",
        "load average": f"{os.getloadavg()[0]:.1f}", "platform": platform.platform(),
        "python": platform.python_version(), "pandas": pandas.__version__,
        "pyarrow": pyarrow.__version__, "numpy": numpy.__version__,
    }


def describe(info: dict[str, str]) -> str:
    """One line: '2 CPUs (AMD EPYC), 23.5 GiB RAM, Python 3.11.7, ...'."""
    return (f"{info['cores']} CPUs ({info['cpu']}), {info['ram']} RAM, Python {info['python']}, "
            f"pandas {info['pandas']}, pyarrow {info['pyarrow']}; load average "
            f"{info['load average']}")
