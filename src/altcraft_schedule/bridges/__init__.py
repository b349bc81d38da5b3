"""Bridges: this library's exact run times inside other schedulers.

``altcraft_schedule.bridges.celery`` (needs the ``celery`` extra).  Importing this
package does not import Celery.
"""

from __future__ import annotations

__all__: list[str] = []
