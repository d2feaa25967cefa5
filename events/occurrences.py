"""A page's sessions as dated occurrences: one row per date a reader can come, so listings,
filters and the calendar are plain queries, and a past session drops out by its date alone."""

import datetime

from django.utils import timezone

# A weekly series no longer than a year: a typo in «until» must not write thousands of rows.
MAX_WEEKS = 53


def session_starts(session):
    """The start of each occurrence of one session, weekly until its last date if it repeats."""
    start = session.start
    if start is None:
        return []
    if not session.repeat_weekly_until and not session.all_day:
        return [start]
    local_start = timezone.localtime(start)
    if session.all_day:
        local_start = local_start.replace(hour=0, minute=0, second=0, microsecond=0)
    starts = []
    for week in range(MAX_WEEKS):
        day = local_start + datetime.timedelta(weeks=week)
        if week and (not session.repeat_weekly_until or day.date() > session.repeat_weekly_until):
            break
        # The same wall-clock time each week, whatever the UTC offset that day.
        starts.append(
            timezone.make_aware(datetime.datetime.combine(day.date(), local_start.time()))
        )
    return starts


def planned_occurrences(page):
    """{start: (end, all_day, cancelled)} of the page's sessions as they stand in the editor."""
    cancelled_dates = {cancellation.date for cancellation in page.cancelled_dates.all()}
    planned = {}
    for session in page.sessions.all():
        length = session.end - session.start if session.end and session.start else None
        for start in session_starts(session):
            cancelled = session.cancelled or timezone.localdate(start) in cancelled_dates
            planned[start] = (start + length if length else None, session.all_day, cancelled)
    return planned


def sync_occurrences(page):
    """Make the page's occurrence rows match its sessions, keeping the rows (and what refers
    to them, such as sign-ups) of dates that stay. A date that goes away while readers are
    signed up for it stays, marked cancelled, so nobody's sign-up vanishes unannounced."""
    planned = planned_occurrences(page)
    existing = {occurrence.start: occurrence for occurrence in page.occurrences.all()}
    for start, occurrence in existing.items():
        if start in planned:
            end, all_day, cancelled = planned[start]
            if (occurrence.end, occurrence.all_day, occurrence.cancelled) != planned[start]:
                occurrence.end, occurrence.all_day, occurrence.cancelled = end, all_day, cancelled
                occurrence.save(update_fields=["end", "ends_at", "all_day", "cancelled"])
        elif occurrence.has_sign_ups():
            if not occurrence.cancelled:
                occurrence.cancelled = True
                occurrence.save(update_fields=["cancelled"])
        else:
            occurrence.delete()
    new = [
        page.occurrences.model(
            page=page, start=start, end=end, all_day=all_day, cancelled=cancelled
        )
        for start, (end, all_day, cancelled) in planned.items()
        if start not in existing
    ]
    for occurrence in new:
        occurrence.ends_at = occurrence.compute_ends_at()
    page.occurrences.model.objects.bulk_create(new)
