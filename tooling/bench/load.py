"""Driving wrk against one URL and reading its report."""

import http.client
import re
import shutil
import subprocess
import time
from dataclasses import dataclass

from tooling.gunicorn import status_of

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
LATENCY = r"([\d.]+)(us|ms|s|m)\b"


@dataclass(frozen=True)
class LoadResult:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int  # wrk's "Non-2xx or 3xx responses"; each URL is checked for a 200 beforehand
    socket_errors: int


def to_ms(value, unit):
    return float(value) * UNITS_MS[unit]


def parse_wrk(output):
    """The figures of `wrk --latency` output."""
    percentiles = {
        int(percent): to_ms(value, unit)
        for percent, value, unit in re.findall(rf"^\s+(\d+)%\s+{LATENCY}", output, re.M)
    }
    requests = re.search(r"^\s+(\d+) requests in", output, re.M)
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       output)  # fmt: skip
    if not (requests and rate and 50 in percentiles and 99 in percentiles):
        raise ValueError(f"unexpected wrk output:\n{output}")
    return LoadResult(
        requests=int(requests.group(1)),
        requests_per_second=float(rate.group(1)),
        p50_ms=percentiles[50],
        p99_ms=percentiles[99],
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(map(int, errors.groups())) if errors else 0,
    )


def run_wrk(url, seconds, connections, threads, cookie=""):
    """Load the URL for `seconds` at fixed concurrency; slow answers count, not time out.
    Every request sends `cookie` (a `name=value` Cookie header) when given."""
    command = [
        wrk_path(), f"--threads={min(threads, connections)}", f"--connections={connections}",
        f"--duration={seconds}s", "--timeout=10s", "--latency",
        *(["--header", f"Cookie: {cookie}"] if cookie else []), url,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def wrk_path():
    path = shutil.which("wrk")
    if not path:
        raise FileNotFoundError("wrk is missing: `make bench` installs it (apt-get install wrk)")
    return path


def wrk_version():
    result = subprocess.run([wrk_path(), "-v"], capture_output=True, text=True)
    match = re.search(r"wrk (\S+)", result.stdout + result.stderr)
    return match.group(1) if match else "?"


def failure_of(url, cookie=""):
    """Why the URL cannot be loaded ("answers 404", "no answer: …"), or "" when it answers 200."""
    started = time.monotonic()
    try:
        status = status_of(url, cookie=cookie)
    except (OSError, http.client.HTTPException) as error:
        return f"no answer after {time.monotonic() - started:.0f} s ({error})"
    return "" if status == 200 else f"answers {status}"
