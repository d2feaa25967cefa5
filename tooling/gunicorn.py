"""The site under gunicorn on 127.0.0.1, for the benchmark and the audit: start, wait, stop."""

import http.client
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
SITE_APP = "cms.wsgi"
SITE_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"  # what production runs (kemrsl-web.service)


class Gunicorn:
    """`gunicorn cms.wsgi` (or another WSGI `app`) with sync workers on 127.0.0.1, started and
    stopped by a `with`.

    `env` is the server's environment (see tooling.production), `log_path` receives its
    output, and `ready_path` is a cheap URL: the server is ready once it answers there and
    every worker is up; `drain` asks it again. The site runs with its production gunicorn
    config (SITE_CONFIG); another app, such as the bench's bare ceiling, with none.
    """

    def __init__(self, env, port, workers, log_path, ready_path="/", cwd=ROOT, app=SITE_APP):
        self.env, self.port, self.workers = env, port, workers
        self.log_path, self.ready_path, self.cwd = Path(log_path), ready_path, cwd
        self.app = app
        self.config = SITE_CONFIG if app == SITE_APP else None
        self.process = self.log = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", self.app, "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--worker-class", "sync",
             *(["--config", str(self.config)] if self.config else []),
             # Other gunicorns on the machine share the default control socket's path.
             "--no-control-socket"],
            cwd=self.cwd, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            self.wait_until_ready()
        except BaseException:
            self.__exit__()
            raise
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
        """Return once `ready_path` answers and every worker is forked; raise if it never does."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                raise RuntimeError(f"gunicorn exited with {code}; see {self.log_path}")
            try:
                status_of(self.base_url + self.ready_path)
                if len(self.worker_pids()) == self.workers:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer on {self.base_url}; see {self.log_path}")

    def drain(self, seconds=120):
        """Wait for the requests wrk left queued when it stopped, so runs do not overlap."""
        deadline = time.monotonic() + seconds
        answered = 0
        while answered < self.workers and time.monotonic() < deadline:
            try:
                status_of(self.base_url + self.ready_path, timeout=seconds)
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
    return round(memory_mb(pid, "VmRSS"), 1)


def memory_mb(pid, field):
    """A memory figure of the process's /proc status (VmRSS, VmHWM: the peak …), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no {field} for process {pid}")


def status_of(url, timeout=60, cookie=""):
    """The status of a GET, redirects not followed: a 301, 302 or 404 must not pass as load."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def port_is_taken(port):
    """Whether something holds `port` on 127.0.0.1, so gunicorn could not bind it."""
    with socket.socket() as probe:
        # As gunicorn binds: connections of a previous run waiting in TIME_WAIT do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def free_ports(candidates, count):
    """`count` ports of `candidates` that nothing holds on 127.0.0.1."""
    ports = [port for port in candidates if not port_is_taken(port)][:count]
    if len(ports) < count:
        raise RuntimeError(f"fewer than {count} free ports in {candidates}")
    return ports
