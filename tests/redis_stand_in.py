"""Redis for the tests: a private redis-server the test starts, or an address where none is."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    """A port nothing listens on (taken and let go at once): Redis down at a known address."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def caches_at(url, backend="cms.cache.FailOpenRedisCache", ignore_exceptions=True):
    """CACHES shaped like production's (cms/settings/production.py) for a Redis at `url`."""
    return {
        alias: {
            "BACKEND": backend,
            "LOCATION": url,
            "KEY_PREFIX": alias,
            "OPTIONS": {"IGNORE_EXCEPTIONS": ignore_exceptions},
        }
        for alias in ("default", "pages")
    }


@contextmanager
def redis_server():
    """A throwaway redis-server on a free port, in memory only; yields its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def production_caches(redis_url):
    """CACHES exactly as cms/settings/production.py builds them for REDIS_URL=`redis_url`."""
    script = "import json; from django.conf import settings; print(json.dumps(settings.CACHES))"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "production-caches-only",
        "REDIS_URL": redis_url,
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])
