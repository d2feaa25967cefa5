"""A stand-in for a service that receives the site's webhooks: a real HTTP server on
127.0.0.1, in a thread, that keeps every POST and answers with the statuses it is given in
turn (200 once they are used up); "hang" holds the request unanswered until the server stops."""

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    headers: dict
    body: bytes

    @property
    def payload(self):
        return json.loads(self.body)

    def signed_with(self, secret):
        """The check docs/api.md tells receivers to make: HMAC-SHA256 of "<timestamp>.<body>"."""
        signed = self.headers["X-Webhook-Timestamp"].encode() + b"." + self.body
        expected = "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, self.headers["X-Webhook-Signature"])


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        receiver = self.server.receiver
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with receiver.lock:
            receiver.received.append(Received(dict(self.headers), body))
            answer = receiver.answers.pop(0) if receiver.answers else 200
        if answer == "hang":
            receiver.stopping.wait(60)
            answer = 200
        self.send_response(answer)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


class WebhookReceiver:
    def __init__(self, answers=()):
        self.answers = list(answers)
        self.received = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def __enter__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.receiver = self
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}/hooks/library"
