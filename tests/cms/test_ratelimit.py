"""cms.ratelimit: one atomic count-and-check; a cache outage lets posts through, loudly."""

import logging
import threading

import pytest

from django.core.cache import cache

from cms import ratelimit
from cms.cache import FailOpenRedisCache
from cms.settings.caches import redis_caches
from tests.redis_stand_in import free_port, redis_server

KEY = "test:rate:203.0.113.7"


@pytest.fixture(scope="module")
def redis_url():
    with redis_server() as url:
        yield url


def test_each_hit_gets_its_own_count_and_the_one_over_the_limit_is_refused():
    assert [ratelimit.count_hit(KEY, 60) for _ in range(3)] == [1, 2, 3]
    cache.delete(KEY)
    assert [ratelimit.over_limit(KEY, 2, 60) for _ in range(4)] == [False, False, True, True]
    assert ratelimit.limit_reached(KEY, 2)
    assert not ratelimit.limit_reached("test:rate:other", 2)


def run_at_once(count, action):
    start = threading.Barrier(count)
    results = []

    def one():
        start.wait()
        results.append(action())

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_thirty_simultaneous_hits_let_exactly_the_limit_through_in_local_memory():
    results = run_at_once(30, lambda: ratelimit.over_limit(KEY, 5, 60))
    assert results.count(False) == 5


def test_thirty_simultaneous_hits_let_exactly_the_limit_through_in_redis(settings, redis_url):
    settings.CACHES = redis_caches(redis_url)
    cache.clear()
    results = run_at_once(30, lambda: ratelimit.over_limit(KEY, 5, 60))
    assert results.count(False) == 5
    assert cache.get(KEY) == 30


@pytest.mark.parametrize("ignore_exceptions", [True, False], ids=["ignored", "raised"])
def test_with_redis_unreachable_a_hit_goes_through_with_one_warning(
    settings, caplog, ignore_exceptions
):
    settings.CACHES = redis_caches(
        f"redis://127.0.0.1:{free_port()}/0", ignore_exceptions=ignore_exceptions
    )
    assert ratelimit.count_hit(KEY, 60) is None
    with caplog.at_level(logging.WARNING, logger="cms.ratelimit"):
        assert [ratelimit.over_limit(KEY, 1, 60) for _ in range(3)] == [False] * 3
    assert [record.getMessage() for record in caplog.records] == [
        "A rate limit was not counted: the cache is unavailable"
    ] * 3
    assert not ratelimit.limit_reached(KEY, 1)


def test_the_production_cache_reports_add_as_done_during_an_outage_and_only_then(
    settings, caplog, redis_url
):
    # allauth takes its rate-limit locks with add(): a lock nobody can hold must not refuse.
    settings.CACHES = redis_caches(redis_url)
    cache.clear()
    assert cache.add("test:lock", 1) is True
    assert cache.add("test:lock", 1) is False
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{free_port()}/0")
    FailOpenRedisCache.last_warning = 0.0
    with caplog.at_level(logging.WARNING, logger="cms.cache"):
        assert [cache.add("test:lock", 1) for _ in range(3)] == [True] * 3
    # One line a minute: the page cache takes a lock on every page view.
    assert [record.getMessage() for record in caplog.records] == [
        "Redis unavailable: add() answered as done, locks and limits let through"
    ]
