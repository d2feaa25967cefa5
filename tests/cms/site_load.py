"""Readers and posters hitting a running site from threads, every request recorded with its
time, so a fault test can tell when errors happened and which posts were acknowledged."""

import re
import threading
import time
import uuid
from dataclasses import dataclass

import requests

from tests.feedback.helpers import TOPICS

TIMEOUT = 15


@dataclass
class Record:
    kind: str
    started: float  # time.monotonic()
    ended: float
    status: int | None  # None: no HTTP answer (refused, reset, timed out)
    marker: str = ""  # the unique text of a post
    acknowledged: bool = False  # the site told the reader the post was taken
    body: str = ""  # the start of a 5xx answer, to see what the reader was shown
    content_type: str = ""
    location: str = ""
    retry_after: str = ""

    @property
    def failed(self):
        return self.status is None or self.status >= 500


@dataclass(frozen=True)
class SitePages:
    """The pages the load reads and posts to, found through the API."""

    base_url: str
    news_id: int
    news_path: str
    feedback_id: int
    feedback_path: str

    @classmethod
    def discover(cls, base_url):
        def first(page_type):
            answer = requests.get(
                f"{base_url}/api/v2/pages/", params={"type": page_type}, timeout=TIMEOUT
            ).json()["items"][0]
            return answer["id"], re.sub(r"^https?://[^/]+", "", answer["meta"]["html_url"])

        news_id, news_path = first("news.NewsPage")
        feedback_id, feedback_path = first("feedback.FeedbackFormPage")
        return cls(base_url, news_id, news_path, feedback_id, feedback_path)

    def reader_paths(self):
        return [
            "/",
            self.news_path,
            self.feedback_path,
            "/api/v2/pages/?type=news.NewsPage&fields=date",
            f"/api/v2/comments/?page={self.news_id}",
        ]


class Load:
    """Threads that read and post until stopped; `records` holds every request they made."""

    def __init__(self, site, run_id, readers=2):
        self.site, self.run_id = site, run_id
        self.records, self.lock = [], threading.Lock()
        self.stopping = threading.Event()
        self.numbers = iter(range(1, 1_000_000))
        self.threads = [
            *(threading.Thread(target=self.read, args=(n,)) for n in range(readers)),
            threading.Thread(target=self.keep_posting, args=(self.comment_form_post,)),
            threading.Thread(target=self.keep_posting, args=(self.comment_api_post,)),
            threading.Thread(target=self.keep_posting, args=(self.feedback_form_post,)),
            threading.Thread(target=self.keep_posting, args=(self.feedback_api_post,)),
        ]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def marker(self, kind):
        with self.lock:
            return f"{self.run_id}-{kind}-{next(self.numbers)}"

    def read(self, offset):
        paths = self.site.reader_paths()
        number = offset
        while not self.stopping.is_set():
            path = paths[number % len(paths)]
            self.request("GET", path, kind=f"GET {path}")
            number += 1

    def keep_posting(self, post):
        while not self.stopping.is_set():
            post()

    def comment_form_post(self):
        self.form_post(self.site.news_path, "comment form", comment_fields, "#comment")

    def comment_api_post(self):
        marker = self.marker("comment-api")
        payload = comment_fields(marker) | {"page": self.site.news_id, "consent": True}
        record = self.request(
            "POST", "/api/v2/comments/", kind="comment API", marker=marker, json=payload
        )
        record.acknowledged = record.status == 201

    def feedback_form_post(self):
        self.form_post(self.site.feedback_path, "feedback form", feedback_fields, "?sent=")

    def form_post(self, path, kind, fields, success_in_location):
        """A reader's post of the page's form: acknowledged by a redirect to the success."""
        form = self.load_form(path)
        if form is None:
            return
        marker = self.marker(kind.replace(" ", "-"))
        record = self.request(
            "POST", path, kind=kind, marker=marker,
            data=form.data | fields(marker), cookies=form.cookies,
        )  # fmt: skip
        record.acknowledged = record.status == 302 and success_in_location in record.location

    def load_form(self, path):
        """The page's form as a reader gets it before posting; None if the page failed."""
        record, response = self.request("GET", path, kind=f"GET {path}", answer=True)
        return Form.of(response) if record.status == 200 else None

    def feedback_api_post(self):
        marker = self.marker("feedback-api")
        path = f"/api/v2/feedback/{self.site.feedback_id}/"
        payload = feedback_fields(marker) | {"consent": True, "token": str(uuid.uuid4())}
        record = self.request("POST", path, kind="feedback API", marker=marker, json=payload)
        record.acknowledged = record.status == 201

    def request(self, method, path, kind, marker="", answer=False, **options):
        started = time.monotonic()
        try:
            response = requests.request(
                method, self.site.base_url + path, timeout=TIMEOUT, allow_redirects=False,
                **options,
            )  # fmt: skip
        except requests.RequestException:
            response = None
            record = Record(kind, started, time.monotonic(), None, marker)
        else:
            record = Record(kind, started, time.monotonic(), response.status_code, marker)
            record.location = response.headers.get("Location", "")
            if response.status_code >= 500:
                record.body = response.text[:2000]
                record.content_type = response.headers.get("Content-Type", "")
                record.retry_after = response.headers.get("Retry-After", "")
        with self.lock:
            self.records.append(record)
        return (record, response) if answer else record


@dataclass
class Form:
    """What a browser posts back of a page's form: its hidden fields and the CSRF cookie."""

    data: dict
    cookies: dict

    @classmethod
    def of(cls, response, cookies=None):
        """The form of `response`; `cookies` are the reader's own when the response set none
        (a form shown again after a refused post)."""
        # The cookie is marked Secure (production settings): sent back by hand over HTTP.
        form = re.search(r'<form [^>]*method="post".*?</form>', response.text, re.S).group(0)
        hidden = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
        return cls(dict(hidden), cookies or {"csrftoken": response.cookies["csrftoken"]})


def comment_fields(marker):
    return {
        "name": "Читатель под нагрузкой",
        "email": "reader@example.org",
        "comment": f"Проверка перезапуска базы: {marker}",
        "consent": "on",
        "honeypot": "",
        "reply_to": 0,
    }


def feedback_fields(marker):
    return {
        "imya": "Читатель под нагрузкой",
        "elektronnaya_pochta": "reader@example.org",
        "telefon": "",
        "tema": TOPICS.splitlines()[0],
        "soobshhenie": f"Проверка перезапуска базы: {marker}",
        "consent": "on",
        "website": "",
    }
