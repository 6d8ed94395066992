"""Running ``wrk`` (Debian's package ``wrk``) for one measurement and reading its report."""
from __future__ import annotations

import re
import resource
import shutil
import subprocess
import time
from dataclasses import dataclass, field

_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


@dataclass
class Measurement:
    """One measurement of one request kind: how many answers in how long, and their latency."""

    requests: int
    wall: float
    p50: float  # seconds
    p99: float
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    client_cpu: float = 0.0  # CPU seconds the client used per second of wall time

    @property
    def rps(self) -> float:
        return self.requests / self.wall if self.wall else 0.0

    @property
    def non_2xx(self) -> int:
        return sum(n for status, n in self.statuses.items() if not 200 <= status < 300)


def available() -> bool:
    return shutil.which("wrk") is not None


def _seconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def measure(url: str, headers: dict[str, str], *, connections: int, seconds: int) -> Measurement:
    """``wrk -c connections -d seconds --latency`` on one URL; non-2xx answers and socket errors count as failures."""
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{max(1, round(seconds))}s", "--latency", "--timeout", "30s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 60)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = done.stdout
    total = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", report)
    if done.returncode != 0 or total is None:
        raise RuntimeError(f"wrk failed ({done.returncode}):\n{report}{done.stderr}")
    latency = {q: _seconds(v) for q, v in re.findall(r"^\s+(50|99)%\s+(\S+)$", report, re.M)}
    requests, elapsed = int(total.group(1)), _seconds(total.group(2) + total.group(3))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report)
    statuses = {200: requests - (int(bad.group(1)) if bad else 0)}
    failures = []
    if bad:
        statuses[400] = int(bad.group(1))  # wrk does not say which status; any non-2xx is a failure here
        failures.append(f"{bad.group(1)} non-2xx answers")
    if errors and int(errors.group(1)) + int(errors.group(4)):
        statuses[0] = int(errors.group(1)) + int(errors.group(4))
        failures.append(errors.group(0))
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Measurement(requests, elapsed, latency.get("50", 0.0), latency.get("99", 0.0), statuses, failures,
                       client_cpu=cpu / wall)
