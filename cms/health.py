"""Health and readiness for load balancers, systemd and monitoring (README, Health checks).

`/healthz/` says the process answers and touches nothing else. `/readyz/` runs every
registered check with django-health-check (each in its own time budget, concurrently) and
answers one JSON shape: each check's state, a Russian message for each one that failed, and
503 when any did. The messages are ours, never an exception's text, which could carry a host,
a path or a password; the library logs the real error for the operator.

Domain apps add their own checks from `AppConfig.ready()` with `register_readiness_check`
(news: the comment attachments' storage).
"""

import asyncio
import dataclasses
import datetime
import uuid
from collections.abc import Callable

from django_redis.cache import RedisCache
from health_check import Cache, Database, HealthCheck, Storage
from health_check.exceptions import HealthCheckException, ServiceUnavailable
from health_check.views import HealthCheckView
from redis.exceptions import RedisError

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.db.models import Count, Max, Q
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cms.models import WorkerHeartbeat


class Unready(ServiceUnavailable):
    """A failure whose message is fit for the answer: Russian, naming no host or secret."""


@dataclasses.dataclass
class DatabaseCheck(Database):
    """A `SELECT 1` on a connection of its own, opened and closed for the check."""

    failure = "База данных не отвечает."


@dataclasses.dataclass
class CacheCheck(Cache):
    """Sets, gets and deletes a key. Production's Redis cache hides Redis errors
    (IGNORE_EXCEPTIONS: pages are served while Redis is down), so Redis itself is asked
    first, with a PING.

    Synchronous on purpose, unlike the library's: django-health-check runs it in a thread of
    its own, so a Redis that hangs holds up only this check. The library's async version
    goes through Django's thread-sensitive adapter, in the request's thread, where the
    worker check's query would wait behind it and fail too.
    """

    failure = "Кэш не вернул записанное в него значение."

    def run(self):
        cache = caches[self.alias]
        if isinstance(cache, RedisCache):
            try:
                cache.client.get_client(write=True).ping()
            except RedisError as error:
                raise Unready("Redis не отвечает.") from error
        key, value = f"{self.key_prefix}:{uuid.uuid4().hex}", uuid.uuid4().hex
        cache.set(key, value, timeout=self.timeout.total_seconds())
        if cache.get(key) != value:
            raise Unready(self.failure)
        cache.delete(key)


@dataclasses.dataclass
class StorageCheck(Storage):
    """Writes, reads back and deletes a small probe file, through the Storage API only."""

    failure = "Не удалось записать, прочитать или удалить пробный файл."
    source: Callable | None = dataclasses.field(default=None, repr=False)

    @property
    def storage(self):
        return self.source() if self.source else super().storage

    def get_file_name(self):
        return f"readyz-probe-{uuid.uuid4().hex}.txt"  # no folder left behind

    def run(self):
        # Whatever a storage raises (OSError, botocore's errors) means it cannot be used now:
        # a failed check, not an unexpected error with a traceback in the log.
        try:
            super().run()
        except HealthCheckException:
            raise
        except Exception as error:
            raise Unready(self.failure) from error


@dataclasses.dataclass
class WorkerCheck(HealthCheck):
    """The newest heartbeat of `manage.py worker` (cms.schedule writes one every few
    seconds) is younger than WORKER_HEARTBEAT_MAX_AGE."""

    failure = "Не удалось узнать, работает ли фоновый обработчик."
    details: dict = dataclasses.field(default_factory=dict, repr=False)

    async def run(self):
        max_age = settings.WORKER_HEARTBEAT_MAX_AGE
        now = timezone.now()
        self.details = {"alive": None, "age_seconds": None, "max_age_seconds": max_age}
        try:
            found = await WorkerHeartbeat.objects.aaggregate(
                newest=Max("seen_at"),
                alive=Count("pk", filter=Q(seen_at__gte=now - datetime.timedelta(seconds=max_age))),
            )
        except DatabaseError as error:
            raise Unready("Отметки фонового обработчика не прочитать: база недоступна.") from error
        age = None if found["newest"] is None else (now - found["newest"]).total_seconds()
        self.details["alive"] = found["alive"]
        self.details["age_seconds"] = None if age is None else round(max(age, 0), 1)
        if age is None:
            raise Unready("Фоновый обработчик ни разу не отметился: запущен ли manage.py worker?")
        if not found["alive"]:
            raise Unready(f"Фоновый обработчик не отмечался {age:.0f} с (допустимо {max_age} с).")


# name → a function making a fresh check for one request: database, caches, storages, worker.
READINESS_CHECKS = {
    "database": DatabaseCheck,
    "cache:default": lambda: CacheCheck(alias="default"),
    "cache:pages": lambda: CacheCheck(alias="pages"),
    "storage:default": lambda: StorageCheck(alias="default"),
    "worker": WorkerCheck,
}


def register_readiness_check(name, make_check):
    """`/readyz/` runs `make_check()` too, reported under `name` ("storage:comment_files")."""
    READINESS_CHECKS[name] = make_check


def storage_check(storage):
    """A readiness check of `storage`, a Storage instance outside STORAGES."""
    return lambda: StorageCheck(source=lambda: storage)


@never_cache
@require_safe
def healthz(request):
    """The process is up and answers: no database, no cache, no file."""
    return JsonResponse({"status": "ok"})


class ReadinessView(HealthCheckView):
    """django-health-check's view (checks run concurrently, each in its budget; no caching,
    no transaction), answering the site's JSON whatever the Accept header asks."""

    def get_checks(self):
        return [make_check() for _, make_check in sorted_checks()]

    async def get(self, request, *args, **kwargs):
        names = [name for name, _ in sorted_checks()]
        with self.get_executor() as executor:
            results = await asyncio.gather(*(c.get_result(executor) for c in self.get_checks()))
        report = {name: outcome(result) for name, result in zip(names, results, strict=True)}
        failed = [name for name, state in report.items() if state["status"] != "ok"]
        body = {"status": "fail" if failed else "ok", "checks": report}
        if failed:
            body["message"] = "Не готов: " + ", ".join(failed) + "."
        return JsonResponse(
            body, status=503 if failed else 200, json_dumps_params={"ensure_ascii": False}
        )


def sorted_checks():
    """Grouped in this order; in a group, as registered."""
    groups = ["database", "cache", "storage", "worker"]

    def position(item):
        group = item[0].split(":")[0]
        return groups.index(group) if group in groups else len(groups)

    return sorted(READINESS_CHECKS.items(), key=position)


def outcome(result):
    """One check's entry of the answer."""
    state = {"status": "fail" if result.error else "ok", "ms": round(result.time_taken * 1000, 1)}
    if result.error:
        state["message"] = message(result)
    return state | getattr(result.check, "details", {})


def message(result):
    """Ours when we raised it; else the check's own, or how long it was given."""
    if isinstance(result.error, Unready):
        return result.error.message
    budget = result.check.timeout.total_seconds()
    if result.time_taken >= budget:
        return f"Нет ответа за {budget:g} с."
    return result.check.failure


readyz = ReadinessView.as_view()
