"""The benchmark's figures as a table, checked against issue 7's targets, in Markdown."""

import statistics
from dataclasses import dataclass

from .targets import API, CEILING

CACHED_SHARE = 60  # % of the ceiling every cached page and API listing reaches
NEWS_PAGE_SHARE, API_SHARE = 5, 4  # % of the ceiling, uncached
P99_LIMIT_MS, P99_CONNECTIONS = 150, 8
P99_KEYS = ("news", "index_400", "api_news")
RSS_LIMIT_MB = 200
RSS_GROWTH_MB = 10  # after the run vs after warm-up: more than this is growth, not noise
MODES = ("cached", "uncached")


@dataclass
class Row:
    key: str
    name: str
    path: str
    kind: str
    mode: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int
    requests: int
    queries: int | None
    queries_small: int | None
    ceiling_share: float = 0.0
    failure: str = ""  # why the URL was not loaded: it did not answer 200


def rows_from(targets, loads, queries, queries_small):
    """One row per target and mode: medians of the runs, errors summed, % of that mode's ceiling.

    `loads[mode][key]` is the list of LoadResults of the runs, or the reason the URL was not
    loaded; `queries[key]` the SQL count.
    """
    rows = []
    for mode in MODES:
        if mode not in loads:
            continue
        for target in targets:
            runs = loads[mode][target.key]
            if isinstance(runs, str):
                rows.append(Row(target.key, target.name, target.path, target.kind, mode,
                                0.0, 0.0, 0.0, 0, 0, 0, queries.get(target.key),
                                queries_small.get(target.key), failure=runs))  # fmt: skip
                continue
            rows.append(
                Row(
                    key=target.key,
                    name=target.name,
                    path=target.path,
                    kind=target.kind,
                    mode=mode,
                    requests_per_second=statistics.median(r.requests_per_second for r in runs),
                    p50_ms=statistics.median(r.p50_ms for r in runs),
                    p99_ms=statistics.median(r.p99_ms for r in runs),
                    non_2xx=sum(r.non_2xx for r in runs),
                    socket_errors=sum(r.socket_errors for r in runs),
                    requests=sum(r.requests for r in runs),
                    queries=queries.get(target.key),
                    queries_small=queries_small.get(target.key),
                )
            )
        ceiling = next(row for row in rows if row.mode == mode and row.kind == CEILING)
        for row in rows:
            if row.mode == mode and ceiling.requests_per_second:
                row.ceiling_share = 100 * row.requests_per_second / ceiling.requests_per_second
    return rows


@dataclass
class Check:
    target: str
    measured: str
    met: bool | None  # None: not measured in this run


def checks(rows, memory, connections, news_count, small_news_count):
    """Each of issue 7's targets, met or not, with the figure that decides it."""
    by = {(row.mode, row.key): row for row in rows}
    loaded = [row for row in rows if row.kind != CEILING]
    found = []

    cached = [row for row in loaded if row.mode == "cached"]
    if cached:
        worst = min(cached, key=lambda row: row.ceiling_share)
        found.append(Check(
            f"Cached pages and API listings ≥ {CACHED_SHARE} % of the ceiling",
            f"lowest: {worst.name}, {worst.ceiling_share:.1f} %",
            worst.ceiling_share >= CACHED_SHARE,
        ))  # fmt: skip
    news = by.get(("uncached", "news"))
    if news:
        found.append(Check(
            f"Uncached news page with 300 comments ≥ {NEWS_PAGE_SHARE} % of the ceiling",
            f"{news.ceiling_share:.1f} %",
            news.ceiling_share >= NEWS_PAGE_SHARE,
        ))  # fmt: skip
    apis = [row for row in loaded if row.mode == "uncached" and row.kind == API]
    if apis:
        worst = min(apis, key=lambda row: row.ceiling_share)
        found.append(Check(
            f"Uncached API listings ≥ {API_SHARE} % of the ceiling",
            f"lowest: {worst.name}, {worst.ceiling_share:.1f} %",
            worst.ceiling_share >= API_SHARE,
        ))  # fmt: skip
    p99_rows = [by[("uncached", key)] for key in P99_KEYS if ("uncached", key) in by]
    if p99_rows:
        worst = max(p99_rows, key=lambda row: float("inf") if row.failure else row.p99_ms)
        measured = f"highest: {worst.name}, {worst.p99_ms:.0f} ms at {connections} connections"
        at_limit_concurrency = connections == P99_CONNECTIONS
        found.append(Check(
            f"Uncached p99 ≤ {P99_LIMIT_MS} ms at {P99_CONNECTIONS} connections "
            "(news page, news index page 400, API v2 news listing)",
            measured if at_limit_concurrency else measured + " (not the target's concurrency)",
            worst.p99_ms <= P99_LIMIT_MS if at_limit_concurrency else None,
        ))  # fmt: skip
    # Fewer queries on the large set can happen (e.g. search results of one page type only);
    # more is what the target forbids.
    differ = [row for row in loaded if row.mode == MODES[0] and row.queries != row.queries_small]
    found.append(Check(
        f"Queries per request do not grow from {small_news_count:,} to {news_count:,} news",
        "; ".join(f"{row.name}: {row.queries_small} → {row.queries}" for row in differ)
        or "identical for every URL",
        all(row.queries <= row.queries_small for row in differ),
    ))  # fmt: skip
    peak = max(rss for pass_ in memory.values() for rss in pass_["after"] + pass_["warm"])
    found.append(Check(f"Worker memory ≤ {RSS_LIMIT_MB} MB resident", f"peak {peak:.0f} MB",
                       peak <= RSS_LIMIT_MB))  # fmt: skip
    growth = max(
        after - warm
        for pass_ in memory.values()
        for after, warm in zip(pass_["after"], pass_["warm"], strict=True)
    )
    served = min(pass_["requests"] for pass_ in memory.values())
    found.append(Check(
        f"No worker memory growth after warm-up (≤ {RSS_GROWTH_MB} MB after ≥ 10,000 requests)",
        f"largest growth {growth:+.0f} MB after {served:,} requests or more",
        growth <= RSS_GROWTH_MB and served >= 10_000,
    ))  # fmt: skip
    unanswered = [f"{row.name} ({row.mode}): {row.failure}" for row in rows if row.failure]
    found.append(Check("Every URL answers 200 before it is loaded",
                       "; ".join(unanswered) or "all did", not unanswered))  # fmt: skip
    failures = sum(row.non_2xx + row.socket_errors for row in rows)
    found.append(Check("Every request under load answered 2xx, no socket errors",
                       f"{failures} failed", failures == 0))  # fmt: skip
    return found


def mark(met):
    return {True: "met", False: "**not met**", None: "not measured"}[met]


def results_table(rows):
    lines = [
        "| URL | mode | req/s | p50 ms | p99 ms | non-2xx | socket errors | queries/request "
        "| % of ceiling |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        if row.failure:
            lines.append(f"| {row.name} | {row.mode} | not loaded: {row.failure} | | | | "
                         f"| {'' if row.queries is None else row.queries} | 0 |")  # fmt: skip
            continue
        lines.append(
            f"| {row.name} | {row.mode} | {row.requests_per_second:,.1f} "
            f"| {row.p50_ms:.1f} | {row.p99_ms:.1f} | {row.non_2xx} | {row.socket_errors} "
            f"| {'' if row.queries is None else row.queries} | {row.ceiling_share:.1f} |"
        )
    return "\n".join(lines)


def console_table(rows):
    lines = [f"{'URL':<38} {'mode':<8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
             f"{'non-2xx':>7} {'err':>4} {'SQL':>4} {'% ceil':>7}"]  # fmt: skip
    for row in rows:
        if row.failure:
            lines.append(f"{row.name[:38]:<38} {row.mode:<8} not loaded: {row.failure}")
            continue
        lines.append(
            f"{row.name[:38]:<38} {row.mode:<8} {row.requests_per_second:>9,.1f} "
            f"{row.p50_ms:>8.1f} {row.p99_ms:>8.1f} {row.non_2xx:>7} {row.socket_errors:>4} "
            f"{'' if row.queries is None else row.queries:>4} {row.ceiling_share:>7.1f}"
        )
    return "\n".join(lines)


def memory_table(memory):
    lines = ["| pass | worker | after warm-up | after the run | requests served by then |",
             "| --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for mode, pass_ in memory.items():
        for number, (warm, after) in enumerate(zip(pass_["warm"], pass_["after"], strict=True)):
            lines.append(f"| {mode} | {number + 1} | {warm:.1f} MB | {after:.1f} MB "
                         f"| {pass_['requests']:,} |")  # fmt: skip
    return "\n".join(lines)


def data_set_table(full, small):
    """Sizes and build times of both data sets, side by side."""
    lines = ["| | full data set | small data set (query counts) |", "| --- | ---: | ---: |"]
    for name, value in full["sizes"].items():
        if isinstance(value, int):
            lines.append(f"| {name.replace('_', ' ')} | {value:,} | {small['sizes'][name]:,} |")
    lines.append(f"| built on | {full['built_at'][:10]} | {small['built_at'][:10]} |")
    for step, seconds in full["timings"].items():
        label = "**build time, total**" if step == "total" else f"build: {step}"
        lines.append(f"| {label} | {seconds} s | {small['timings'].get(step, '')} s |")
    return "\n".join(lines)


def urls_table(rows):
    seen = {}
    for row in rows:
        seen.setdefault(row.name, row.path)
    return "\n".join(["| URL | path |", "| --- | --- |"]
                     + [f"| {name} | `{path}` |" for name, path in seen.items()])  # fmt: skip


def hostile_upload_table(cost):
    """What a refused post of three 36-megapixel PNGs cost (tooling.bench.uploads)."""
    if not cost:
        return "Not measured in this run."
    return "\n".join([
        "| | |",
        "| --- | ---: |",
        f"| posts, one at a time | {cost['posts']} (answers {sorted(set(cost['statuses']))}) |",
        f"| body of one post | {cost['wire_kb']:,.0f} KB |",
        f"| median time of a post | {cost['median_seconds']:.2f} s |",
        f"| the same refused post without the files | {cost['baseline_seconds']:.2f} s |",
        f"| rise of a worker's peak memory (VmHWM) | {cost['peak_growth_mb']:.0f} MB |",
        f"| files left in the comment files' `staged/` | {cost['staged_files']} |",
    ])  # fmt: skip


NOTES_HEADING = "## Notes"


def kept_notes(previous):
    """The hand-written notes at the end of the previous docs/performance.md: reruns keep them."""
    start = previous.find(f"\n{NOTES_HEADING}\n")
    return previous[start + 1 :] if start >= 0 else f"{NOTES_HEADING}\n\nNone yet.\n"


def performance_md(run, rows, found, previous=""):
    """The whole document; everything above the notes is rewritten by every run."""
    machine, settings = run["machine"], run["settings"]
    checks_table = "\n".join(
        ["| target | measured | |", "| --- | --- | --- |"]
        + [f"| {check.target} | {check.measured} | {mark(check.met)} |" for check in found]
    )
    return f"""# Performance

Measured by `make bench` on {run["date"][:16].replace("T", " ")} UTC. Everything above the
notes at the end is rewritten by every run; the notes (why a target is not met, what changed)
are kept. Absolute numbers vary from machine to machine (and with whatever else the machine is
doing): compare the ratios to the ceiling, measured side by side in the same run.

## Machine and method

| | |
| --- | --- |
| CPU | {machine["cpu"]}, {machine["cores"]} cores |
| Memory | {machine["memory_gib"]} GiB |
| System | Linux {machine["kernel"]}, Python {machine["python"]} |
| Load average when the run started | {machine["load_average"]:.2f} |
| Database | {run["database"]} |
| Server | gunicorn {machine["gunicorn"]}, {settings["workers"]} sync workers, 127.0.0.1, \
`cms.settings.production` (DEBUG off) |
| Load | wrk {run["wrk"]}, {settings["connections"]} connections, {settings["threads"]} threads, \
{settings["runs"]} × {settings["duration"]} s per URL and mode after {settings["warmup"]} s of \
warm-up; medians of the runs |
| Modes | *cached*: the site's defaults; *uncached*: `CMS_CACHE_SECONDS=0` (no full-page or API \
response cache) |
| Page cache | {run.get("page_cache", "not recorded")} |
| Queries/request | counted in-process with Django's test client on the same database and \
settings, cache off, on the second request to each URL |
| Whole run | {run["wall_seconds"] / 60:.1f} min |

## Data set

Built by `manage.py build_bench_data` on top of the demo content (whose 13 news and 2
comments are counted here); the small set is the same site with fewer news and comments, for
the query counts.

{data_set_table(run["dataset"], run["small"])}

## Results

{urls_table(rows)}

{results_table(rows)}

## Worker memory (VmRSS)

{memory_table(run["memory"])}

## Refused hostile upload (issue 13)

A comment post with three PNGs of 6000 × 6000 pixels (36 megapixels each, a few hundred KB on
the wire) and no consent, sent to the news page with 300 comments under the same gunicorn: it
must be refused from the images' headers, decoding and keeping nothing.

{hostile_upload_table(run.get("hostile_upload"))}

## Targets (issue 7)

{checks_table}

## Rerunning

`make bench` installs what it needs (the virtualenv, and wrk from Debian's packages), builds the
data sets into `var/bench-<news>/` (SQLite), or into the PostgreSQL database of `DATABASE_URL`
and a `<name>_small` beside it (the name must contain `bench`: it is flushed when rebuilt),
collects static files, serves the site with gunicorn on 127.0.0.1:8077 (`--port` or
`BENCH_PORT`) and loads each URL above, cached and uncached. Data sets already built with the
same sizes are reused; `--rebuild` builds them again. The full run takes about 20 minutes on the
machine above, two of them to build the data set.

```sh
make bench                                   # the full run, as above
make bench BENCH_ARGS=--quick                # 1,000 news, 1 × 3 s per URL: a smoke test
make bench BENCH_ARGS="--duration 20 --runs 5 --connections 16"
DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms_bench make bench
.venv/bin/python manage.py bench --help      # every option (port, workers, sizes, --rebuild …)
```

{kept_notes(previous)}"""
