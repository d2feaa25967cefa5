"""The cost of a refused hostile upload: a comment post with three PNGs of 36 megapixels each
(small on the wire) and no consent, sent to a news page under gunicorn; what it costs the worker
(time, peak memory) and what it leaves in the comment files' `staged/` folder."""

import http.client
import re
import secrets
import statistics
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image

from tooling.gunicorn import memory_mb

HOSTILE_SIZE = (6000, 6000)  # 36 megapixels
HOSTILE_FILES = 3
POSTS = 3
HIDDEN_FIELDS = ("content_type", "object_pk", "timestamp", "security_hash", "csrfmiddlewaretoken")


@dataclass
class UploadCost:
    posts: int
    statuses: list
    wire_kb: float  # the body of one post
    median_seconds: float
    baseline_seconds: float  # the same refused post without files: the page's own cost
    peak_growth_mb: float  # the largest rise of a worker's peak resident memory (VmHWM)
    staged_files: int  # left in staged/ after the posts

    def summary(self):
        return (
            f"{self.posts} posts of {HOSTILE_FILES} PNGs of {HOSTILE_SIZE[0]}×{HOSTILE_SIZE[1]} "
            f"({self.wire_kb:,.0f} KB each): answers {sorted(set(self.statuses))}, "
            f"median {self.median_seconds:.2f} s "
            f"(without the files {self.baseline_seconds:.2f} s), "
            f"worker peak memory +{self.peak_growth_mb:.0f} MB, "
            f"{self.staged_files} files left in staged/"
        )


def hostile_png():
    buffer = BytesIO()
    Image.new("RGB", HOSTILE_SIZE, (250, 250, 250)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def form_fields(html):
    """The hidden fields of the page's comment form, as a browser would send them back."""
    fields = {}
    for name in HIDDEN_FIELDS:
        found = re.search(rf'name="{name}" value="([^"]*)"', html) or re.search(
            rf'value="([^"]*)" name="{name}"', html
        )
        if found is None:
            raise ValueError(f"The page has no {name} field: is its comment form open?")
        fields[name] = found.group(1)
    return fields


def multipart(fields, files):
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for number, data in enumerate(files):
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
            f'filename="scan-{number}.png"\r\nContent-Type: image/png\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def request(base_url, method, path, body=None, headers=None):
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Set-Cookie", ""), response.read()
    finally:
        connection.close()


def peak_rss_mb(pid):
    return memory_mb(pid, "VmHWM")


def count_staged(files_root):
    staged = Path(files_root) / "staged"
    return sum(1 for item in staged.iterdir() if item.is_file()) if staged.exists() else 0


def post_refused(base_url, page_path, files):
    """The page's comment form sent back without consent, with `files`: (seconds, status,
    bytes sent). A refusal the reader could fix: files that pass are staged."""
    status, set_cookie, html = request(base_url, "GET", page_path)
    if status != 200:
        raise ValueError(f"{page_path} answered {status}")
    cookie = SimpleCookie(set_cookie)
    token = cookie["csrftoken"].value if "csrftoken" in cookie else ""
    fields = form_fields(html.decode()) | {
        "name": "Бенчмарк",
        "email": "bench@example.org",
        "comment": "Три больших скана",
        "reply_to": "0",
        "honeypot": "",
    }
    body, content_type = multipart(fields, files)
    headers = {"Content-Type": content_type, "Cookie": f"csrftoken={token}"}
    started = time.monotonic()
    status, _, _ = request(base_url, "POST", page_path, body, headers)
    return time.monotonic() - started, status, len(body)


def refused_upload_cost(server, page_path, files_root, posts=POSTS):
    """Post the hostile form `posts` times, one at a time, to the gunicorn `server`."""
    png = hostile_png()
    for _ in range(2 * len(server.worker_pids())):
        request(server.base_url, "GET", page_path)  # rendering the page is not the upload's cost
    before = {pid: peak_rss_mb(pid) for pid in server.worker_pids()}
    staged_before = count_staged(files_root)
    seconds, baseline, statuses, wire = [], [], [], 0
    for _ in range(posts):
        baseline.append(post_refused(server.base_url, page_path, [])[0])
        took, status, wire = post_refused(server.base_url, page_path, [png] * HOSTILE_FILES)
        seconds.append(took)
        statuses.append(status)
    growth = max(peak_rss_mb(pid) - rss for pid, rss in before.items())
    return UploadCost(
        posts=posts,
        statuses=statuses,
        wire_kb=wire / 1024,
        median_seconds=statistics.median(seconds),
        baseline_seconds=statistics.median(baseline),
        peak_growth_mb=growth,
        staged_files=count_staged(files_root) - staged_before,
    )
