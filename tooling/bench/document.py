"""docs/performance.md from a run's figures: one section per database, the rest kept."""

import re

from .report import mark
from .targets import CEILING

ENGINES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}  # the document's sections


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
        where = " on the ceiling's own port" if row.kind == CEILING else ""
        seen.setdefault(row.name, f"`{row.path}`{where}")
    return "\n".join(["| URL | path |", "| --- | --- |"]
                     + [f"| {name} | {path} |" for name, path in seen.items()])  # fmt: skip


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


def after_publish_table(after):
    """The page cache across one news publish (tooling.bench.publish)."""
    if not after:
        return "Not measured in this run."
    missed = ", ".join(f"{group} {count}" for group, count in after["missed_by_group"].items())
    never = after["not_cached"]
    lines = [
        "| | |",
        "| --- | --- |",
        f"| URLs warmed | {after['warmed']:,} (hits on the request after: {after['cached']:,}) |",
        f"| news item published (a new revision, in another process) | `{after['published']}` |",
        f"| other cached URLs still hits after the publish | {after['still_hits']:,} of "
        f"{after['others']:,}: **{after['share']:.1f} %** |",
        f"| no longer hits, by kind | {missed or 'none'} |",
        f"| never a hit when warmed | {len(never)}{': ' + '; '.join(never[:5]) if never else ''}"
        f"{' …' if len(never) > 5 else ''} |",
    ]
    if after.get("cold"):
        lines += [
            "",
            f"Right after publishing the newest news item (`{after['newest']}`, on both pages), "
            "each page's first request, then one wrk run of it (no warm-up):",
            "",
            "| URL | first request | its X-Page-Cache | req/s | p50 ms | p99 ms | non-2xx "
            "| % of ceiling |",
            "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        ceiling = after["ceiling_rps"]  # None when no wrk mode ran
        for name, cold in after["cold"].items():
            share = f"{100 * cold['requests_per_second'] / ceiling:.1f}" if ceiling else "–"
            lines.append(
                f"| {name} | {cold['first_ms']:.0f} ms | {cold['first_header'] or 'none'} "
                f"| {cold['requests_per_second']:,.1f} | {cold['p50_ms']:.1f} "
                f"| {cold['p99_ms']:.1f} | {cold['non_2xx'] + cold['socket_errors']} "
                f"| {share} |"
            )
    return "\n".join(lines)


NOTES_HEADING = "## Notes"


def kept_notes(previous):
    """The hand-written notes at the end of the previous docs/performance.md: reruns keep them."""
    start = previous.find(f"\n{NOTES_HEADING}\n")
    return previous[start + 1 :] if start >= 0 else f"{NOTES_HEADING}\n\nNone yet.\n"


def section_marks(engine):
    return f"<!-- bench:{engine}:start -->", f"<!-- bench:{engine}:end -->"


def kept_section(previous, engine):
    """The previous document's section of one database, marks included, or a placeholder."""
    start, end = section_marks(engine)
    found = re.search(f"{re.escape(start)}.*?{re.escape(end)}", previous, re.S)
    if found:
        return found.group(0)
    return (
        f"{start}\n## {ENGINES[engine]}\n\nNot measured yet with this benchmark "
        f"(see Rerunning).\n{end}"
    )


def engine_section(run, rows, found):
    """This run's section: everything it measured, on its database."""
    machine, settings = run["machine"], run["settings"]
    engine = run["engine"]
    start, end = section_marks(engine)
    checks_table = "\n".join(
        ["| target | measured | |", "| --- | --- | --- |"]
        + [f"| {check.target} | {check.measured} | {mark(check.met)} |" for check in found]
    )
    quick = ""
    if run.get("quick"):
        quick = (
            f"\n> **Quick smoke run** (`--quick`: {run['dataset']['sizes']['news']:,} news, "
            f"{settings['runs']} × {settings['duration']} s per URL): it shows the benchmark "
            "works, not where the site stands. The targets are issue 17's for the full run's "
            "10,000 news; judged here on the quick data set, they are indicative only.\n"
        )
    return f"""{start}
## {ENGINES[engine]}
{quick}
Measured by `make bench` on {run["date"][:16].replace("T", " ")} UTC.

### Machine and run

| | |
| --- | --- |
| CPU | {machine["cpu"]}, {machine["cores"]} cores |
| Memory | {machine["memory_gib"]} GiB |
| System | Linux {machine["kernel"]}, Python {machine["python"]} |
| Load average when the run started | {machine["load_average"]:.2f} |
| Database | {run["database"]} |
| Server | gunicorn {machine["gunicorn"]}, {settings["workers"]} sync workers, 127.0.0.1, \
`cms.settings.production` (DEBUG off) |
| Ceiling | `tooling/bench/ceiling_app.py` under its own gunicorn, {settings["workers"]} sync \
workers, on another port |
| Load | wrk {run["wrk"]}, {settings["connections"]} connections, {settings["threads"]} threads, \
{settings["runs"]} × {settings["duration"]} s per URL and mode after {settings["warmup"]} s of \
warm-up; medians of the runs |
| Page cache | {run.get("page_cache", "not recorded")} |
| Whole run | {run["wall_seconds"] / 60:.1f} min |

### Data set

{data_set_table(run["dataset"], run["small"])}

### Results

{urls_table(rows)}

{results_table(rows)}

### After a publish

{after_publish_table(run.get("after_publish"))}

### Worker memory (VmRSS)

{memory_table(run["memory"])}

### Refused hostile upload (issue 13)

{hostile_upload_table(run.get("hostile_upload"))}

### Targets (issue 17)

{checks_table}
{end}"""


def performance_md(run, rows, found, previous=""):
    """The whole document: this run's database section rewritten, the other database's section
    and the hand-written notes kept from `previous`."""
    sections = {
        engine: engine_section(run, rows, found)
        if engine == run["engine"]
        else kept_section(previous, engine)
        for engine in ENGINES
    }
    return f"""# Performance

Measured by `make bench`, on SQLite and on PostgreSQL: a run rewrites its own database's
section and keeps the other's and the notes at the end (why a target is not met, what
changed). Absolute numbers vary from machine to machine and with whatever else the machine is
doing: compare the shares of the ceiling, measured side by side in the same run.

## Method

- **Ceiling**: a bare Django project in one module (`tooling/bench/ceiling_app.py`: the
  middleware of `django-admin startproject`, no database, DEBUG off, one view answering
  "ok"), served by its own gunicorn with the site's worker count and class on another port,
  and loaded with wrk in the same run and pass as the site's URLs. Every "% of ceiling" is
  a share of that pass's ceiling.
- **Modes**, each URL loaded in each: *cached*, the site's defaults (page cache on);
  *uncached*, `CMS_CACHE_SECONDS=0` (no full-page or API response cache); *signed-in*, the
  site's defaults with a reader's session cookie on every request (a real session of the
  bench reader account in the bench database), which the page cache never serves.
- **After a publish**: with the page cache on, a broad sample of URLs (home, the news index,
  hundreds of news pages spread over the archive, partner pages, the Афиша and its events, API
  answers) is requested twice (the second should be a hit), one news item is published in
  another process (`page.save_revision().publish()`, `manage.py bench_publish`), and every
  URL is requested once more: the share of the other cached URLs still answering
  `X-Page-Cache: hit`. URLs that were not hits before the publish (a clock edge of
  `cms.pagecache`, local midnight or an event's start, cuts entries short) are listed and left
  out of the share. Then the newest news item is published and the home page and the news
  index are loaded with wrk at once, their cache cold.
- **Data set**: built by `manage.py build_bench_data` on top of the demo content (whose 13
  news and 2 comments are counted in it); the small set is the same site with fewer news and
  comments, for the query counts.
- **Queries/request**: counted in-process with Django's test client on the same database and
  settings, cache off, on the second request to each URL; signed in for the signed-in mode.
  The small data set's counts (anonymous) show whether they grow with the data.
- **Refused hostile upload**: a comment post with three PNGs of 6000 × 6000 pixels (36
  megapixels each, a few hundred KB on the wire) and no consent, sent to the news page with
  300 comments under the same gunicorn: it must be refused from the images' headers,
  decoding and keeping nothing.

{sections["sqlite"]}

{sections["postgresql"]}

## Rerunning

`make bench` installs what it needs (the virtualenv, and wrk from Debian's packages), builds the
data sets into `var/bench-<news>/` (SQLite), or into the PostgreSQL database of `DATABASE_URL`
and a `<name>_small` beside it (the name must contain `bench`: it is flushed when rebuilt),
collects static files, serves the site with gunicorn on 127.0.0.1:8077 (`--port` or
`BENCH_PORT`; the ceiling on the next free port) and runs everything above. Data sets already
built with the same sizes are reused; `--rebuild` builds them again. The full run takes about
35 minutes on a 2-core machine (three modes of 16 URLs, 33 s of wrk each), two of them to build
the data set; `--modes` runs some of cached, uncached, signed-in and after-publish.

```sh
make bench                                   # the full run, SQLite
DATABASE_URL=postgres://postgres@127.0.0.1:5432/cms_bench make bench   # the PostgreSQL section
make bench BENCH_ARGS=--quick                # 1,000 news, 1 × 3 s per URL: a smoke test
make bench BENCH_ARGS="--duration 20 --runs 5 --connections 16"
.venv/bin/python manage.py bench --help      # every option (port, workers, sizes, modes …)
```

{kept_notes(previous)}"""
