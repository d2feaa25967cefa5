"""Background work: what the tasks of the site share (django-tasks, see settings TASKS).

A task that fails for a passing reason (a mail server down, a webhook receiver timing out)
calls `retry_later`, which enqueues it again after the next of TASK_RETRY_DELAYS and gives up,
with an error in the log, once they are used up. Tasks take JSON arguments only: the queue
is a database table (django-tasks-db) or Redis (django-tasks-rq).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


def retry_later(task, attempt, about, reason, *args, **kwargs):
    """Enqueue `task(*args, attempt=attempt + 1, **kwargs)` after the delay for `attempt`.

    Returns whether a retry was queued. `about` names the work in the log.
    """
    delays = settings.TASK_RETRY_DELAYS
    if attempt > len(delays):
        logger.error("%s: given up after %d attempts (%s)", about, attempt, reason)
        return False
    if not task.get_backend().supports_defer:
        logger.error("%s failed (%s); the task backend cannot retry it later", about, reason)
        return False
    delay = delays[attempt - 1]
    run_after = timezone.now() + timedelta(seconds=delay)
    task.using(run_after=run_after).enqueue(*args, attempt=attempt + 1, **kwargs)
    logger.warning("%s failed (attempt %d: %s); next in %d s", about, attempt, reason, delay)
    return True
