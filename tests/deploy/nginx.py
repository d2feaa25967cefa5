"""Debian's nginx running deploy/nginx/kemrsl.conf for a test: the shipped file with only its
paths and ports swapped, under a main configuration of the test's own (pid, logs, temp files
in a folder, no daemon), started and stopped by a `with`."""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from tooling import gunicorn

ROOT = Path(__file__).resolve().parents[2]
SITE_CONF = ROOT / "deploy" / "nginx" / "kemrsl.conf"
HOST = "kemrsl.ru"

# The parts of Debian's /etc/nginx/nginx.conf the site's file relies on (modules, MIME types),
# with every file nginx writes in `folder`; the access log names the upstream each request
# went to ("-": served by nginx itself).
MAIN_CONF = """\
{user}worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
include /etc/nginx/modules-enabled/*.conf;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    log_format upstream '$remote_addr "$request" $status upstream=$upstream_addr';
    access_log {folder}/access.log upstream;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/kemrsl.conf;
}}
"""


def free_ports(count):
    """`count` ports of this module's range, for nginx and gunicorn."""
    return gunicorn.free_ports(range(8250, 8300), count)


def nginx_binary():
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise RuntimeError("nginx is not installed (make nginx, or apt-get install nginx)")
    return binary


def render_site_conf(text, *, site_root, acme_root, cert_folder, app_port, http_port, https_port):
    """The shipped site file on loopback ports and the test's folders. Each swap must find
    its text: a changed file fails here instead of being tested half-swapped."""
    swaps = [
        (r"\n *listen \[::\]:\d+[^;]*;", ""),  # IPv4 loopback only
        (r"listen 80;", f"listen 127.0.0.1:{http_port};"),
        (r"listen 443 ", f"listen 127.0.0.1:{https_port} "),
        (r"server 127\.0\.0\.1:8000;", f"server 127.0.0.1:{app_port};"),
        (r"/etc/letsencrypt/live/kemrsl\.ru", str(cert_folder)),
        (r"/var/www/html", str(acme_root)),
        (r"/srv/kemrsl", str(site_root)),
    ]
    for pattern, replacement in swaps:
        text, count = re.subn(pattern, replacement, text)
        assert count, f"{pattern!r} is no longer in {SITE_CONF.name}: update the test's swaps"
    return text


def self_signed_certificate(folder):
    """fullchain.pem and privkey.pem, as Let's Encrypt names them, for kemrsl.ru and 127.0.0.1."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", f"/CN={HOST}",
         "-addext", f"subjectAltName=DNS:{HOST},DNS:www.{HOST},IP:127.0.0.1",
         "-keyout", str(folder / "privkey.pem"), "-out", str(folder / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    return folder / "fullchain.pem"


class Nginx:
    """nginx with `site_conf` (a rendered deploy/nginx/kemrsl.conf) in `folder`."""

    def __init__(self, folder, site_conf, ready_port):
        self.folder, self.ready_port = Path(folder), ready_port
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "kemrsl.conf").write_text(site_conf)
        # As root nginx's workers would drop to nobody, who cannot read the test's folders.
        user = "user root;\n" if os.geteuid() == 0 else ""
        (self.folder / "nginx.conf").write_text(MAIN_CONF.format(user=user, folder=self.folder))
        self.process = None

    @property
    def access_log(self):
        return (self.folder / "access.log").read_text()

    def __enter__(self):
        self.process = subprocess.Popen(
            # Debian's own prefix, against which modules-enabled/ loads the brotli module.
            [nginx_binary(), "-c", self.folder / "nginx.conf", "-e", self.folder / "error.log"],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            self.wait_until_listening()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc_info):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def wait_until_listening(self, seconds=10):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.folder / "error.log").read_text()
                raise RuntimeError(f"nginx exited with {self.process.returncode}:\n{log}")
            try:
                socket.create_connection(("127.0.0.1", self.ready_port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"nginx did not listen on {self.ready_port}")
