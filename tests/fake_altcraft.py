"""The project's tests use the library's own fake platform (altcraft_schedule.testing)."""

from altcraft_schedule.testing import *  # noqa: F403
