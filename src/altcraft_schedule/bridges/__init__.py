"""Bridges: this library's exact run times inside other schedulers.

``altcraft_schedule.bridges.celery`` (needs the ``celery`` extra) and
``altcraft_schedule.bridges.apscheduler`` (the ``apscheduler`` extra, APScheduler 3).
Importing this package imports neither scheduler.
"""

from __future__ import annotations

__all__: list[str] = []
