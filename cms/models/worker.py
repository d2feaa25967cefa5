"""What the background worker leaves in the database for other processes to see: which
scheduled runs were claimed (so a job runs once however many workers there are) and when each
worker was last alive (for /readyz/)."""

from django.db import models


class ScheduledRun(models.Model):
    """One run of a scheduled job, claimed by the first worker that inserts its row."""

    job = models.CharField(max_length=100)
    slot = models.CharField(max_length=40)  # the minute or the day the run is for
    claimed_at = models.DateTimeField(auto_now_add=True)
    worker_id = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_slot")]
        indexes = [models.Index(fields=["claimed_at"])]

    def __str__(self):
        return f"{self.job} @ {self.slot}"


class WorkerHeartbeat(models.Model):
    """The last sign of life of one worker process."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} ({self.host}:{self.pid})"
