"""The site under gunicorn for the benchmark, and the resident memory of its workers."""

import signal
import subprocess
import sys
import time
from pathlib import Path

from .load import status_of


class Gunicorn:
    """`gunicorn cms.wsgi` with sync workers on 127.0.0.1, started and stopped by a `with`."""

    def __init__(self, env, port, workers, cwd, log_path):
        self.env, self.port, self.workers = env, port, workers
        self.cwd, self.log_path = cwd, log_path
        self.process = self.log = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--worker-class", "sync",
             # Other gunicorns on the machine share the default control socket's path.
             "--no-control-socket"],
            cwd=self.cwd, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.wait_until_ready()
        return self

    def __exit__(self, *exc_info):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def wait_until_ready(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                raise RuntimeError(f"gunicorn exited with {code}; see {self.log_path}")
            try:
                status_of(self.base_url + "/bench/ceiling/")
                if len(self.worker_pids()) == self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer on {self.base_url}; see {self.log_path}")

    def drain(self, seconds=120):
        """Wait for the requests wrk left queued when it stopped, so runs do not overlap."""
        deadline = time.monotonic() + seconds
        answered = 0
        while answered < self.workers and time.monotonic() < deadline:
            try:
                status_of(self.base_url + "/bench/ceiling/", timeout=seconds)
                answered += 1
            except OSError:
                time.sleep(1)

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return sorted(int(pid) for pid in children.read_text().split())

    def worker_rss_mb(self):
        """Resident memory (VmRSS) of each worker, in MB."""
        return [rss_mb(pid) for pid in self.worker_pids()]


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise ValueError(f"no VmRSS for process {pid}")
