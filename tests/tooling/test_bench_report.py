"""Reading wrk's report and judging issue 7's targets (`make bench`), on figures made up here."""

import pytest

from tooling.bench.load import LoadResult, parse_wrk
from tooling.bench.report import checks, performance_md, rows_from
from tooling.bench.targets import API, CEILING, PAGE, Target

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8077/novosti/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    52.10ms   10.20ms 310.00ms   90.00%
    Req/Sec    76.50     10.00   100.00     70.00%
  Latency Distribution
     50%  850.00us
     75%   55.00ms
     90%   70.00ms
     99%    1.20s
  1530 requests in 10.01s, 60.00MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:    152.85
Transfer/sec:      6.00MB
"""

TARGETS = [
    Target("ceiling", "Ceiling", "/bench/ceiling/", CEILING),
    Target("news", "News page with 300 comments", "/novosti/n/", PAGE),
    Target("index_400", "News index, page 400", "/novosti/?page=400", PAGE),
    Target("api_news", "API v2 news listing", "/api/v2/pages/", API),
]


def test_wrk_figures_are_read_in_milliseconds():
    result = parse_wrk(WRK_OUTPUT)
    assert result == LoadResult(
        requests=1530,
        requests_per_second=152.85,
        p50_ms=0.85,
        p99_ms=1200.0,
        non_2xx=4,
        socket_errors=3,
    )


def test_unexpected_wrk_output_is_an_error_not_a_zero():
    with pytest.raises(ValueError, match="unexpected wrk output"):
        parse_wrk("unable to connect to 127.0.0.1:8077 Connection refused")


def load(rps, p99=50.0):
    return LoadResult(requests=int(rps * 10), requests_per_second=rps, p50_ms=10.0, p99_ms=p99,
                      non_2xx=0, socket_errors=0)  # fmt: skip


def judge(uncached_news_rps=60.0, news_p99=120.0, small_queries=None):
    loads = {
        "cached": {"ceiling": [load(1000.0)] * 3, "news": [load(700.0), load(650.0), load(5.0)],
                   "index_400": [load(800.0)] * 3, "api_news": [load(900.0)] * 3},
        "uncached": {"ceiling": [load(1000.0)] * 3, "news": [load(uncached_news_rps, news_p99)] * 3,
                     "index_400": [load(90.0)] * 3, "api_news": [load(50.0)] * 3},
    }  # fmt: skip
    queries = {"ceiling": 0, "news": 30, "index_400": 20, "api_news": 16}
    rows = rows_from(TARGETS, loads, queries, small_queries or queries)
    memory = {mode: {"warm": [120.0, 121.0], "after": [122.0, 121.0], "requests": 30_000}
              for mode in loads}  # fmt: skip
    return rows, memory, {check.target: check for check in checks(rows, memory, 8, 10_000, 100)}


def test_medians_and_shares_of_the_ceiling():
    rows, _, _ = judge()
    cached_news = next(row for row in rows if row.mode == "cached" and row.key == "news")
    assert cached_news.requests_per_second == 650.0  # the median, not the mean
    assert cached_news.ceiling_share == pytest.approx(65.0)


def test_targets_met_when_the_figures_are_within_them():
    _, _, found = judge()
    assert all(check.met for check in found.values()), found


def test_fewer_queries_on_the_large_data_set_are_shown_but_not_a_miss():
    _, _, found = judge(small_queries={"ceiling": 0, "news": 31, "index_400": 20, "api_news": 16})
    check = next(check for target, check in found.items() if "grow" in target)
    assert check.met and check.measured == "News page with 300 comments: 31 → 30"


def test_each_missed_target_is_named_with_its_figure():
    _, _, found = judge(
        uncached_news_rps=30.0, news_p99=400.0, small_queries={"ceiling": 0, "news": 30,
                                                               "index_400": 19, "api_news": 16}
    )  # fmt: skip
    missed = {target: check.measured for target, check in found.items() if check.met is False}
    assert any("≥ 5 %" in target and "3.0 %" in measured for target, measured in missed.items())
    assert any("p99" in target and "400 ms" in measured for target, measured in missed.items())
    assert any("News index, page 400: 19 → 20" in measured for measured in missed.values())


def test_the_report_lists_every_url_mode_and_target():
    rows, memory, found = judge()
    manifest = {"sizes": {"database": "sqlite", "news": 10_013}, "built_at": "2026-11-26T00:00",
                "timings": {"comments": 30.0, "total": 100.0}}  # fmt: skip
    run = {
        "date": "2026-11-26T10:00:00", "database": "SQLite 3.40.1", "wrk": "4.1.0",
        "machine": {"cpu": "AMD EPYC", "cores": 2, "memory_gib": 23.5, "kernel": "6.1",
                    "python": "3.11.7", "gunicorn": "27.0.1", "load_average": 0.1},
        "settings": {"duration": 10, "runs": 3, "warmup": 3, "connections": 8, "threads": 2,
                     "workers": 2},
        "dataset": manifest, "small": manifest, "memory": memory, "wall_seconds": 600,
        "hostile_upload": {"posts": 3, "statuses": [400, 400, 400], "wire_kb": 352.4,
                           "median_seconds": 0.37, "baseline_seconds": 0.38,
                           "peak_growth_mb": 14.2, "staged_files": 0},
    }  # fmt: skip
    previous = "# Performance\n\nold figures\n\n## Notes\n\nSearch is slow because …\n"
    markdown = performance_md(run, rows, list(found.values()), previous)
    for mode in ("cached", "uncached"):
        assert f"| News page with 300 comments | {mode} | " in markdown
    assert "| News page with 300 comments | `/novosti/n/` |" in markdown
    assert "| news | 10,013 | 10,013 |" in markdown
    assert "| median time of a post | 0.37 s |" in markdown
    assert "| files left in the comment files' `staged/` | 0 |" in markdown
    assert markdown.count("| met |") == len(found)
    assert markdown.endswith("\n## Notes\n\nSearch is slow because …\n")
    assert "old figures" not in markdown
