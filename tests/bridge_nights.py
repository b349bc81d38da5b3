"""DST nights, schedules and offsets shared by the bridge tests (Celery, APScheduler)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from altcraft_schedule import StartSchedule

# (zone, a UTC instant a few days before a DST change there)
DST_NIGHTS = [
    ("America/New_York", datetime(2026, 3, 6, tzinfo=UTC)),
    ("America/New_York", datetime(2026, 10, 30, tzinfo=UTC)),
    ("Europe/London", datetime(2026, 3, 27, tzinfo=UTC)),
    ("Europe/London", datetime(2026, 10, 23, tzinfo=UTC)),
    ("Australia/Lord_Howe", datetime(2026, 4, 3, tzinfo=UTC)),
    ("Australia/Lord_Howe", datetime(2026, 10, 2, tzinfo=UTC)),
    ("America/Santiago", datetime(2026, 4, 3, tzinfo=UTC)),
    ("America/Santiago", datetime(2026, 9, 4, tzinfo=UTC)),
]
SCHEDULES = [
    StartSchedule(mins=[30], hours=[1, 2]),  # fixed times inside gaps and overlaps
    StartSchedule(mins=[0, 15, 30, 45], hours=[0, 1, 2, 3]),
    StartSchedule(mins=[10]),  # every hour: runs twice in a repeated hour
]
OFFSETS = [timedelta(0), timedelta(minutes=-30), timedelta(hours=1, minutes=5)]
