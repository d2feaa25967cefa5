"""deploy/gunicorn.conf.py: the gunicorn settings production, the bench and the tests share."""

import runpy
import subprocess
import sys
from pathlib import Path

from tooling.gunicorn import SITE_CONFIG

ROOT = Path(__file__).resolve().parents[2]


def config():
    return runpy.run_path(str(SITE_CONFIG))


def test_a_worker_trims_its_heap_after_every_hundredth_request():
    calls = []
    trimmer = config()["HeapTrimmer"](calls.append)
    for _ in range(250):
        trimmer.request_served()
    assert calls == [0, 0]  # after the 100th and the 200th


def test_the_hook_gunicorn_calls_after_a_request_counts_it():
    settings = config()
    settings["post_request"](None, None, {}, None)
    assert settings["heap"].served == 1
    assert settings["heap"].trim is not None  # glibc's, on these machines


# Freed blocks of 600 bytes (glibc's, not Python's small-object allocator) with every 64th
# kept: the heap cannot shrink from its top, only malloc_trim gives the pages between back.
FRAGMENTED_HEAP = """
import runpy, sys
def rss():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmRSS")).split()[1])
blocks = [bytes(600) for _ in range(200_000)]
kept = blocks[::64]
del blocks
before = rss()
heap = runpy.run_path(sys.argv[1])["heap"]
for _ in range(100):
    heap.request_served()
print(before - rss())
"""


def test_trimming_gives_a_fragmented_heaps_free_pages_back_to_the_system():
    result = subprocess.run(
        [sys.executable, "-c", FRAGMENTED_HEAP, str(SITE_CONFIG)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    freed_kb = int(result.stdout)
    assert freed_kb > 50_000  # of the ~120 MB allocated, nearly all was free


def test_production_and_the_bench_load_the_same_config():
    unit = (ROOT / "deploy" / "systemd" / "kemrsl-web.service").read_text()
    assert "--config /srv/kemrsl/app/deploy/gunicorn.conf.py" in unit
    assert SITE_CONFIG == ROOT / "deploy" / "gunicorn.conf.py"
