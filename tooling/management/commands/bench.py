"""Benchmark the site as served in production and write docs/performance.md (`make bench`).

Builds (or reuses) the bench data set in its own database, serves it with gunicorn and
production settings on 127.0.0.1, and loads every URL with wrk in three modes (cached,
uncached with CMS_CACHE_SECONDS=0, signed in), each pass next to the ceiling: a bare Django
project (tooling.bench.ceiling_app) under its own gunicorn on another port. Then the page
cache across one news publish, and the cost of a refused hostile upload. SQL queries per
request are counted in-process on the full data set and on a small one, to show they do not
grow with the data.
"""

import json
import os
import secrets
import time
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tooling.bench import machine
from tooling.bench.datasets import DataSet
from tooling.bench.document import after_publish_table, performance_md
from tooling.bench.load import failure_of, run_wrk, wrk_path, wrk_version
from tooling.bench.publish import cache_state, compare, states
from tooling.bench.report import AFTER_PUBLISH, MODES, checks, console_table, mark, rows_from
from tooling.bench.session import shows_the_reader
from tooling.bench.targets import CEILING, CEILING_APP, CEILING_PATH, READY_PATH, Target
from tooling.bench.uploads import refused_upload_cost
from tooling.gunicorn import Gunicorn, free_ports, port_is_taken
from tooling.production import manage, migrate, production_env

ROOT = Path(settings.BASE_DIR)
QUICK = {"news": 1_000, "comments": 10_000, "duration": 3, "runs": 1, "warmup": 2, "images": 6,
         "publish_sample": 100}  # fmt: skip
FULL = {"news": 10_000, "comments": 100_000, "duration": 10, "runs": 3, "warmup": 3, "images": 30,
        "publish_sample": 300}  # fmt: skip
SMALL_COMMENTS = 1_000
ALL_MODES = (*MODES, AFTER_PUBLISH)


class Command(BaseCommand):
    help = (
        "Load the site with wrk under gunicorn (cached, uncached, signed in, after a publish) "
        "against a bare Django ceiling; write docs/performance.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quick",
            action="store_true",
            help="a smoke test: 1,000 news, 10,000 comments, one 3-second run per URL and mode",
        )
        parser.add_argument("--duration", type=int, help="seconds of each wrk run (10)")
        parser.add_argument("--runs", type=int, help="wrk runs per URL and mode; medians (3)")
        parser.add_argument("--warmup", type=int, help="seconds of warm-up per URL (3)")
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--threads", type=int, default=2, help="wrk threads")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
        parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8077)))
        parser.add_argument("--news", type=int, help="news in the data set (10,000)")
        parser.add_argument("--comments", type=int, help="comments in the data set (100,000)")
        parser.add_argument("--small-news", type=int, default=100, help="news of the small set")
        parser.add_argument(
            "--publish-sample", type=int, help="news pages warmed for the after-publish check (300)"
        )
        parser.add_argument(
            "--modes", default=",".join(ALL_MODES), help=f"some of {','.join(ALL_MODES)}"
        )
        parser.add_argument("--rebuild", action="store_true", help="build the data sets again")
        parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
        parser.add_argument(
            "--uploads-only",
            action="store_true",
            help="only the refused hostile upload, on the small data set; prints, writes nothing",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        self.options = options | {
            key: options.get(key) or (QUICK if options["quick"] else FULL)[key] for key in FULL
        }
        modes = options["modes"].split(",")
        if not set(modes) <= set(ALL_MODES):
            raise CommandError(f"--modes takes {', '.join(ALL_MODES)}")
        if not options["uploads_only"]:
            wrk_path()  # fail before a long build if wrk is missing
        if port_is_taken(options["port"]):
            raise CommandError(f"Port {options['port']} is in use: pass --port or BENCH_PORT")
        description = machine.describe()  # the load average before we add ours
        self.secret_key = secrets.token_urlsafe(50)
        try:
            full = DataSet(ROOT, self.options["news"], os.environ.get("DATABASE_URL"))
            small = full.small_companion(options["small_news"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["uploads_only"]:
            self.ensure_built(small, SMALL_COMMENTS, images=3)
            manage(self.env(small), "collectstatic", "--noinput", "-v0")
            targets, _, _ = self.count_queries(small)
            self.stdout.write(self.hostile_upload(small, targets).summary())
            return
        full_manifest = self.ensure_built(full, self.options["comments"], self.options["images"])
        small_manifest = self.ensure_built(small, SMALL_COMMENTS, images=3)
        manage(self.env(full), "collectstatic", "--noinput", "-v0")
        targets, anonymous, database = self.count_queries(full)
        _, queries_small, _ = self.count_queries(small)
        queries = {"cached": anonymous, "uncached": anonymous}
        cookie = ""
        if "signed-in" in modes:
            _, queries["signed-in"], _ = self.count_queries(full, signed_in=True)
            cookie = self.sign_in(full)

        loads, memory = {}, {}
        with self.ceiling() as ceiling:
            for mode in (mode for mode in MODES if mode in modes):
                loads[mode], memory[mode] = self.load(full, mode, targets, ceiling, cookie)
        rows = rows_from(targets, loads, queries, queries_small)
        after = None
        if AFTER_PUBLISH in modes:
            ceiling_rps = next((r.requests_per_second for r in rows if r.kind == CEILING), None)
            after = self.after_publish(full, ceiling_rps)
            self.stdout.write("\n" + after_publish_table(after))
        hostile = self.hostile_upload(full, targets)
        self.stdout.write(f"Refused hostile upload: {hostile.summary()}")
        found = checks(
            rows, memory, options["connections"], self.options["news"], options["small_news"],
            after,
        )  # fmt: skip
        run = {
            "date": timezone.now().isoformat(),
            "engine": "postgresql" if full.is_postgres else "sqlite",
            "quick": options["quick"],
            "machine": description,
            "database": database,
            "wrk": wrk_version(),
            "settings": {key: self.options[key] for key in
                         ("duration", "runs", "warmup", "connections", "threads", "workers")},
            "dataset": full_manifest,
            "small": small_manifest,
            "memory": memory,
            "page_cache": page_cache_description(),
            "after_publish": after,
            "hostile_upload": asdict(hostile),
            "wall_seconds": time.monotonic() - started,
        }  # fmt: skip
        self.report(run, rows, found)

    def report(self, run, rows, found):
        """The table and the targets on the console, the database's section in --out."""
        out = self.options["out"]
        self.stdout.write("\n" + console_table(rows) + "\n")
        for check in found:
            self.stdout.write(f"{mark(check.met):>14}  {check.target}: {check.measured}")
        previous = out.read_text(encoding="utf-8") if out.exists() else ""
        out.write_text(performance_md(run, rows, found, previous), encoding="utf-8")
        minutes = run["wall_seconds"] / 60
        self.stdout.write(self.style.SUCCESS(f"\nWrote {out} ({minutes:.1f} min)"))

    def env(self, data_set, cached=True):
        """Production settings on the data set's own database and folder."""
        static = ROOT / "var" / "bench-static"
        env = production_env(data_set.folder, data_set.url, static, self.secret_key)
        env.pop("CMS_CACHE_SECONDS", None)
        if not cached:
            env["CMS_CACHE_SECONDS"] = "0"
        return env

    def ensure_built(self, data_set, comments, images):
        """Reuse the data set if a complete build of these sizes is there, else build it."""
        wanted = {"news": data_set.news, "comments": comments}
        manifest = data_set.manifest()
        if manifest and manifest.get("wanted") == wanted and not self.options["rebuild"]:
            self.stdout.write(f"Reusing the data set in {data_set.folder} ({manifest['built_at']})")
            # Migrations added since the build (an index, say) must be measured too.
            manage(self.env(data_set), "migrate", "--noinput", "-v0")
            return manifest
        self.stdout.write(f"Building the data set in {data_set.folder}: {wanted}")
        data_set.clear_files()
        # No page cache while building: nothing to warm after each change (cms.warming).
        env = self.env(data_set, cached=False)
        migrate(env)
        report = data_set.folder / "build.json"
        manage(
            env, "build_bench_data", f"--news={data_set.news}", f"--comments={comments}",
            f"--images={images}", f"--port={self.options['port']}", f"--report={report}",
            *(["--reset"] if data_set.is_postgres else []),
        )  # fmt: skip
        manifest = json.loads(report.read_text()) | {"wanted": wanted}
        data_set.manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
        return manifest

    def count_queries(self, data_set, signed_in=False):
        out = data_set.folder / ("queries-signed-in.json" if signed_in else "queries.json")
        manage(
            self.env(data_set, cached=False), "count_queries", f"--out={out}",
            *(["--signed-in"] if signed_in else []),
        )  # fmt: skip
        counted = json.loads(out.read_text())
        fields = Target.__dataclass_fields__
        targets = [
            Target(**{name: value for name, value in target.items() if name in fields})
            for target in counted["targets"]
        ]
        queries = {target["key"]: target["queries"] for target in counted["targets"]}
        return targets, queries, counted["database"]

    def sign_in(self, data_set):
        """The Cookie header of a session of the bench reader, stored in the bench database."""
        out = data_set.folder / "session.json"
        manage(self.env(data_set), "bench_session", f"--out={out}")
        return json.loads(out.read_text())["cookie"]

    def ceiling(self):
        """The bare Django project under gunicorn on a free port next to the site's."""
        o = self.options
        (port,) = free_ports(range(o["port"] + 1, o["port"] + 50), 1)
        env = os.environ | {"DJANGO_SETTINGS_MODULE": CEILING_APP, "SECRET_KEY": self.secret_key}
        log = ROOT / "var" / "bench-ceiling.log"
        return Gunicorn(env, port, o["workers"], log, ready_path=CEILING_PATH, app=CEILING_APP)

    def load(self, data_set, mode, targets, ceiling, cookie=""):
        """wrk against every target: warm-up, then the runs; worker memory before and after."""
        o = self.options
        log = data_set.folder / f"gunicorn-{mode}.log"
        env = self.env(data_set, cached=mode != "uncached")
        cookie = cookie if mode == "signed-in" else ""
        # Bulk-built rows sent no signals: pages cached by an earlier run must not be served.
        clear_page_cache(env)
        with Gunicorn(env, o["port"], o["workers"], log, ready_path=READY_PATH) as site:
            ceilings = {target.key for target in targets if target.kind == CEILING}
            servers = {
                target.key: ceiling if target.key in ceilings else site for target in targets
            }
            sent = {target.key: "" if target.key in ceilings else cookie for target in targets}

            def url(target):
                return servers[target.key].base_url + target.path

            results = {target.key: failure_of(url(target), sent[target.key]) for target in targets}
            loaded = [target for target in targets if not results[target.key]]
            for target in targets:
                if results[target.key]:
                    self.stderr.write(f"{mode}: not loading {target.path}: {results[target.key]}")
                    servers[target.key].drain()  # a timed-out request may still occupy a worker
            if not any(target.kind == CEILING for target in loaded):
                raise CommandError("The ceiling does not answer 200; see var/bench-ceiling.log")
            home = next(target.path for target in targets if target.key == "home")
            if cookie and not shows_the_reader(site.base_url, home, cookie):
                raise CommandError(f"The bench reader's session is not signed in: {cookie}")
            served = 0
            for target in loaded:
                warm_up = run_wrk(url(target), o["warmup"], o["connections"], o["threads"],
                                  sent[target.key])  # fmt: skip
                served += warm_up.requests if target.kind != CEILING else 0
                servers[target.key].drain()
            warm = site.worker_rss_mb()
            results |= {target.key: [] for target in loaded}
            for number in range(o["runs"]):
                for target in loaded:
                    result = run_wrk(url(target), o["duration"], o["connections"], o["threads"],
                                     sent[target.key])  # fmt: skip
                    servers[target.key].drain()
                    results[target.key].append(result)
                    served += result.requests if target.kind != CEILING else 0
                    self.stdout.write(
                        f"{mode} run {number + 1}/{o['runs']} {target.name}: "
                        f"{result.requests_per_second:,.1f} req/s, p99 {result.p99_ms:.0f} ms, "
                        f"{result.non_2xx} non-2xx, {result.socket_errors} socket errors"
                    )
            after = site.worker_rss_mb()
        return results, {"warm": warm, "after": after, "requests": served}

    def after_publish(self, data_set, ceiling_rps):
        """Warm a broad sample of URLs, publish one news item from another process, count the
        other URLs still hits; then publish the newest and load home and the index, cold."""
        o = self.options
        env = self.env(data_set)
        sample_path = data_set.folder / "publish-sample.json"
        manage(env, "bench_publish", f"--sample={o['publish_sample']}", f"--out={sample_path}")
        sample = json.loads(sample_path.read_text())
        paths = [item["path"] for item in sample["paths"]]
        clear_page_cache(env)
        log = data_set.folder / f"gunicorn-{AFTER_PUBLISH}.log"
        with Gunicorn(env, o["port"], o["workers"], log, ready_path=READY_PATH) as site:
            self.stdout.write(f"{AFTER_PUBLISH}: warming {len(paths)} URLs")
            workers = o["workers"]
            states(site.base_url, paths, workers)  # fills the cache
            before = states(site.base_url, paths, workers)
            manage(env, "bench_publish", f"--publish={sample['publish']['id']}")
            after = compare(sample, before, states(site.base_url, paths, workers))
            manage(env, "bench_publish", f"--publish={sample['newest']['id']}")
            cold = {}
            for name, path in (("Home", sample["home"]), ("News index, page 1", sample["index"])):
                _, header, seconds = cache_state(site.base_url, path)
                result = run_wrk(site.base_url + path, o["duration"], o["connections"],
                                 o["threads"])  # fmt: skip
                site.drain()
                cold[name] = {"path": path, "first_ms": 1000 * seconds, "first_header": header,
                              **asdict(result)}  # fmt: skip
        return asdict(after) | {
            "share": after.share,
            "cold": cold,
            "newest": sample["newest"]["path"],
            "ceiling_rps": ceiling_rps,
        }

    def hostile_upload(self, data_set, targets):
        """What a refused post of three 36-megapixel PNGs costs a worker (tooling.bench.uploads)."""
        news = next(target for target in targets if target.key == "news")
        log = data_set.folder / "gunicorn-uploads.log"
        env = self.env(data_set)
        with Gunicorn(env, self.options["port"], self.options["workers"], log, READY_PATH) as site:
            return refused_upload_cost(site, news.path, env["COMMENTS_FILES_ROOT"])


def clear_page_cache(env):
    manage(env, "shell", "--no-imports", "-c",
           "from django.core.cache import caches; caches['pages'].clear()")  # fmt: skip


def page_cache_description():
    if os.environ.get("REDIS_URL"):
        return "Redis (`REDIS_URL`)"
    return "files in the data set's folder (no `REDIS_URL`)"
