"""gunicorn's settings for the site: `gunicorn --config deploy/gunicorn.conf.py cms.wsgi`.

The systemd unit (deploy/systemd/kemrsl-web.service), `make bench` and the tests that serve
the site under gunicorn all load this file, so what is measured is what runs.

A worker gives the memory it freed back to the system every TRIM_EVERY requests. A render
of a big page (the 300-comment news page, an API listing, the partner directory) frees
nearly all it allocated, but glibc keeps the freed pages of its heap, and a sync worker sat
20-25 MB above what it held live (make bench, issue 17: 188-192 MB after one round of every
URL, 180 with trimming). `malloc_trim(0)` hands them back in 0.15-0.4 ms, a few microseconds
a request at this rate. Where the C library has no malloc_trim (musl), nothing is trimmed.
"""

import ctypes
import ctypes.util

TRIM_EVERY = 100


def malloc_trim():
    """glibc's malloc_trim, or None where the C library has none."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


class HeapTrimmer:
    """Calls `trim(0)` after every `every`-th request a worker serves."""

    def __init__(self, trim, every=TRIM_EVERY):
        self.trim, self.every, self.served = trim, every, 0

    def request_served(self):
        self.served += 1
        if self.trim is not None and self.served % self.every == 0:
            self.trim(0)


heap = HeapTrimmer(malloc_trim())


def post_request(worker, req, environ, resp):
    heap.request_served()
