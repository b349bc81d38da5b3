"""``describe``: English and Russian sentences, written by hand, and its properties."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from altcraft_schedule._cron import schedules_from_cron
from altcraft_schedule._describe import LANGUAGES, Language, _ru_plural, describe
from altcraft_schedule._errors import InvalidArgumentError
from altcraft_schedule._schedule import FIELD_RANGES, StartSchedule
from altcraft_schedule.strategies import start_schedules

WEEKDAYS = [1, 2, 3, 4, 5]
ALL_BUT_JULY = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]

# (fields, English, Russian)
CASES: list[tuple[dict[str, Any], str, str]] = [
    # -- times of day --------------------------------------------------------------
    ({}, "Every minute.", "Каждую минуту."),
    ({"mins": [0], "hours": [9]}, "At 09:00 every day.", "В 09:00 каждый день."),
    (
        {"mins": [0], "hours": [9], "profile": True, "losers": False},
        "At 09:00 every day.",
        "В 09:00 каждый день.",
    ),
    (
        {"mins": [0, 30], "hours": [9]},
        "At 09:00 and 09:30 every day.",
        "В 09:00 и 09:30 каждый день.",
    ),
    (
        {"mins": [0, 30], "hours": [9, 12, 18]},
        "At 09:00, 09:30, 12:00, 12:30, 18:00 and 18:30 every day.",
        "В 09:00, 09:30, 12:00, 12:30, 18:00 и 18:30 каждый день.",
    ),
    (
        {"mins": [0], "hours": [0, 6, 12, 18]},
        "At 00:00, 06:00, 12:00 and 18:00 every day.",
        "В 00:00, 06:00, 12:00 и 18:00 каждый день.",
    ),
    ({"mins": list(range(0, 60, 5))}, "Every 5 minutes.", "Каждые 5 минут."),
    ({"mins": list(range(0, 60, 2))}, "Every 2 minutes.", "Каждые 2 минуты."),
    ({"mins": [0, 30]}, "Every 30 minutes.", "Каждые 30 минут."),
    (
        {"mins": [0, 15, 30, 45], "hours": list(range(9, 18))},
        "Every 15 minutes from 09:00 through 17:45.",
        "Каждые 15 минут с 09:00 до 17:45.",
    ),
    (
        {"mins": [0, 20, 40], "hours": [9, 10, 11]},
        "Every 20 minutes from 09:00 through 11:40.",
        "Каждые 20 минут с 09:00 до 11:40.",
    ),
    ({"mins": [0]}, "Every hour.", "Каждый час."),
    ({"mins": [0], "hours": list(range(0, 24, 3))}, "Every 3 hours.", "Каждые 3 часа."),
    (
        {"mins": [0], "hours": list(range(1, 24, 2))},
        "Every 2 hours from 01:00 through 23:00.",
        "Каждые 2 часа с 01:00 до 23:00.",
    ),
    (
        {"mins": [30], "hours": list(range(9, 18))},
        "Every hour from 09:30 through 17:30.",
        "Каждый час с 09:30 до 17:30.",
    ),
    ({"mins": [15]}, "At minute 15 of every hour.", "В 15 минут каждого часа."),
    ({"mins": [1]}, "At minute 1 of every hour.", "В 1 минуту каждого часа."),
    ({"mins": [22]}, "At minute 22 of every hour.", "В 22 минуты каждого часа."),
    ({"mins": [0, 21]}, "At minutes 0 and 21 of every hour.", "В 0 и 21 минуту каждого часа."),
    (
        {"mins": [5, 20, 35, 50]},
        "At minutes 5, 20, 35 and 50 of every hour.",
        "В 5, 20, 35 и 50 минут каждого часа.",
    ),
    (
        {"mins": list(range(1, 60, 2))},
        "At minutes 1, 3, 5, …, 59 of every hour.",
        "В 1, 3, 5, …, 59 минут каждого часа.",
    ),
    (
        {"mins": list(range(11))},
        "At minutes 0–10 of every hour.",
        "С 0-й по 10-ю минуту каждого часа.",
    ),
    (
        {"hours": [9]},
        "Every minute from 09:00 through 09:59.",
        "Каждую минуту с 09:00 до 09:59.",
    ),
    (
        {"hours": [9, 10, 14]},
        "Every minute from 09:00 through 10:59 and from 14:00 through 14:59.",
        "Каждую минуту с 09:00 до 10:59 и с 14:00 до 14:59.",
    ),
    (
        {"mins": [0, 45], "hours": list(range(9, 18))},
        "At minutes 0 and 45 of every hour from 09:00 through 17:45.",
        "В 0 и 45 минут каждого часа с 09:00 до 17:45.",
    ),
    (
        {"mins": [0, 1, 2], "hours": [9, 10, 11]},
        "At minutes 0–2 of every hour from 09:00 through 11:02.",
        "В 0, 1 и 2 минуты каждого часа с 09:00 до 11:02.",
    ),
    (
        {"mins": [5, 20, 35, 50], "hours": [9, 10, 11, 14]},
        "Every 15 minutes from 09:05 through 11:50 and from 14:05 through 14:50.",
        "Каждые 15 минут с 09:05 до 11:50 и с 14:05 до 14:50.",
    ),
    (
        {"mins": [15], "hours": [9, 10, 11, 12, 13, 14, 20]},
        "Every hour from 09:15 through 14:15 and at 20:15.",
        "Каждый час с 09:15 до 14:15 и в 20:15.",
    ),
    (
        {"mins": [0, 45], "hours": list(range(0, 24, 2))},
        "At minutes 0 and 45 of hours 00, 02, 04, …, 22.",
        "В 0 и 45 минут каждого чётного часа.",
    ),
    (
        {"mins": list(range(0, 60, 10)), "hours": [1, 5, 9, 13, 17]},
        "Every 10 minutes during hours 01, 05, 09, 13 and 17.",
        "Каждые 10 минут в часы 01, 05, 09, 13 и 17.",
    ),
    (
        {"mins": [0, 30], "hours": [9, 10, 11, 14, 15, 18, 19, 22]},
        "Every 30 minutes during hours 09–11, 14, 15, 18, 19 and 22.",
        "Каждые 30 минут в часы 09–11, 14, 15, 18, 19 и 22.",
    ),
    # -- weekdays ------------------------------------------------------------------
    (
        {"mins": [0], "hours": [9, 18], "wdays": WEEKDAYS, "months": [12], "years": [2026]},
        "At 09:00 and 18:00, Monday through Friday, in December 2026.",
        "В 09:00 и 18:00 с понедельника по пятницу в декабре 2026 года.",
    ),
    (
        {"mins": [0], "hours": [9], "wdays": [1]},
        "At 09:00, on Mondays.",
        "В 09:00 по понедельникам.",
    ),
    ({"mins": [0], "hours": [9], "wdays": [2]}, "At 09:00, on Tuesdays.", "В 09:00 по вторникам."),
    (
        {"mins": [0], "hours": [10], "wdays": [6, 7]},
        "At 10:00, on Saturdays and Sundays.",
        "В 10:00 по субботам и воскресеньям.",
    ),
    (
        {"mins": [0], "hours": [9], "wdays": [1, 3, 5]},
        "At 09:00, on Mondays, Wednesdays and Fridays.",
        "В 09:00 по понедельникам, средам и пятницам.",
    ),
    (
        {"mins": [0], "hours": [9], "wdays": [2, 3, 4]},
        "At 09:00, Tuesday through Thursday.",
        "В 09:00 со вторника по четверг.",
    ),
    (
        {"mins": [0], "hours": [9], "wdays": [3, 4, 5, 6]},
        "At 09:00, Wednesday through Saturday.",
        "В 09:00 со среды по субботу.",
    ),
    (
        {"mins": [0], "hours": [9], "wdays": [5, 6, 0]},
        "At 09:00, Friday through Sunday.",
        "В 09:00 с пятницы по воскресенье.",
    ),
    (
        {"mins": [0], "hours": [9], "wdays": [6, 0, 1]},
        "At 09:00, Saturday through Monday.",
        "В 09:00 с субботы по понедельник.",
    ),
    (
        {"mins": [0], "hours": [9], "wdays": [1, 3, 4, 5, 0]},
        "At 09:00, on Mondays, Wednesday through Friday and on Sundays.",
        "В 09:00 по понедельникам, со среды по пятницу и по воскресеньям.",
    ),
    (
        {"mins": [0], "hours": [9], "wdays": [1, 2, 3, 4, 5, 6]},
        "At 09:00, every day except Sundays.",
        "В 09:00 каждый день, кроме воскресений.",
    ),
    (
        {"mins": [0, 30], "hours": list(range(9, 18)), "wdays": WEEKDAYS},
        "Every 30 minutes from 09:00 through 17:30, Monday through Friday.",
        "Каждые 30 минут с 09:00 до 17:30 с понедельника по пятницу.",
    ),
    (
        {"mins": [0], "hours": [8], "wdays": [0], "tz": "America/New_York"},
        "At 08:00, on Sundays (time zone America/New_York).",
        "В 08:00 по воскресеньям (часовой пояс America/New_York).",
    ),
    # -- days of the month ---------------------------------------------------------
    (
        {"mins": [0], "hours": [9], "mdays": [1]},
        "At 09:00, on day 1 of every month.",
        "В 09:00 1-го числа каждого месяца.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": [1, 15]},
        "At 09:00, on days 1 and 15 of every month.",
        "В 09:00 1-го и 15-го числа каждого месяца.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": list(range(1, 8))},
        "At 09:00, on days 1–7 of every month.",
        "В 09:00 с 1-го по 7-е число каждого месяца.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": [1, 2, 3, 4, 5, 6, 7, 15]},
        "At 09:00, on days 1–7 and 15 of every month.",
        "В 09:00 1–7-го и 15-го числа каждого месяца.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": list(range(1, 32, 2))},
        "At 09:00, on days 1, 3, 5, …, 31 of every month.",
        "В 09:00 по нечётным числам.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": [1], "years": [2026]},
        "At 09:00, on day 1 of every month in 2026.",
        "В 09:00 1-го числа каждого месяца 2026 года.",
    ),
    (
        {"mins": [30], "hours": [9], "mdays": list(range(1, 8)), "wdays": [1]},
        "At 09:30, on the first Monday of every month.",
        "В 09:30 в первый понедельник каждого месяца.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": [13], "wdays": [5], "tz": "Europe/Moscow"},
        "At 09:00, on day 13 of every month, but only on Fridays (time zone Europe/Moscow).",
        "В 09:00 13-го числа каждого месяца, но только по пятницам (часовой пояс Europe/Moscow).",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": list(range(1, 11)), "wdays": WEEKDAYS},
        "At 09:00, on days 1–10 of every month, but only Monday through Friday.",
        "В 09:00 с 1-го по 10-е число каждого месяца, но только с понедельника по пятницу.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": list(range(1, 8)), "wdays": [1, 2, 3, 4, 5, 6]},
        "At 09:00, on days 1–7 of every month, except on Sundays.",
        "В 09:00 с 1-го по 7-е число каждого месяца, но не по воскресеньям.",
    ),
    # -- months and years ----------------------------------------------------------
    (
        {"mins": [0], "hours": [10], "mdays": [25], "months": [12]},
        "At 10:00, on 25 December.",
        "В 10:00 25 декабря.",
    ),
    (
        {"mins": [0], "hours": [10], "mdays": [25], "months": [12], "years": [2026]},
        "At 10:00, on 25 December 2026.",
        "В 10:00 25 декабря 2026 года.",
    ),
    (
        {
            "mins": [0],
            "hours": [10],
            "mdays": list(range(1, 8)),
            "months": [3],
            "years": [2026, 2027],
        },
        "At 10:00, on 1–7 March in 2026 and 2027.",
        "В 10:00 с 1 по 7 марта 2026 и 2027 годов.",
    ),
    (
        {"mins": [0], "hours": [12], "mdays": [29], "months": [2], "years": [2026, 2028]},
        "At 12:00, on 29 February in 2026 and 2028.",
        "В 12:00 29 февраля 2026 и 2028 годов.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": [1, 15], "months": [1, 7]},
        "At 09:00, on days 1 and 15 of January and July.",
        "В 09:00 1-го и 15-го числа в январе и июле.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": [1], "months": [3, 4, 5], "years": [2026]},
        "At 09:00, on day 1 of March through May 2026.",
        "В 09:00 1-го числа с марта по май 2026 года.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": [1], "months": ALL_BUT_JULY},
        "At 09:00, on day 1 of every month except July.",
        "В 09:00 1-го числа каждого месяца, кроме июля.",
    ),
    (
        {"mins": [0], "hours": [10], "months": [12]},
        "At 10:00 every day, in December.",
        "В 10:00 каждый день в декабре.",
    ),
    (
        {"mins": [0], "hours": [10], "months": [12, 1, 2]},
        "At 10:00 every day, from December through February.",
        "В 10:00 каждый день с декабря по февраль.",
    ),
    (
        # With a year, the months of that year: no range across the new year.
        {"mins": [0], "hours": [10], "months": [12, 1, 2], "years": [2026]},
        "At 10:00 every day, in January, February and December 2026.",
        "В 10:00 каждый день в январе, феврале и декабре 2026 года.",
    ),
    (
        {"mins": [0], "hours": [10], "months": [6, 12, 1, 2]},
        "At 10:00 every day, in June and from December through February.",
        "В 10:00 каждый день в июне и с декабря по февраль.",
    ),
    (
        {"mins": [0], "hours": [10], "months": [3, 4, 5, 10], "years": [2026]},
        "At 10:00 every day, from March through May and in October 2026.",
        "В 10:00 каждый день с марта по май и в октябре 2026 года.",
    ),
    (
        {"mins": [0], "hours": [10], "months": ALL_BUT_JULY},
        "At 10:00 every day, except in July.",
        "В 10:00 каждый день, кроме июля.",
    ),
    (
        {"mins": [0], "hours": [10], "wdays": [1], "months": ALL_BUT_JULY, "years": [2026]},
        "At 10:00, on Mondays, except in July, in 2026.",
        "В 10:00 по понедельникам в 2026 году, кроме июля.",
    ),
    (
        {"mins": [0], "hours": [9], "years": [2026]},
        "At 09:00 every day, in 2026.",
        "В 09:00 каждый день в 2026 году.",
    ),
    (
        {"mins": [0], "hours": [9], "years": [2026, 2027, 2028]},
        "At 09:00 every day, in 2026–2028.",
        "В 09:00 каждый день в 2026–2028 годах.",
    ),
    (
        {"mins": [0, 30], "months": [7], "years": [2026, 2027]},
        "Every 30 minutes, in July of 2026 and 2027.",
        "Каждые 30 минут в июле 2026 и 2027 годов.",
    ),
    # -- the n-th weekday of the month (days 7n-6..7n and one weekday) ------------
    (
        {"mins": [0], "hours": [9], "mdays": list(range(8, 15)), "wdays": [5]},
        "At 09:00, on the second Friday of every month.",
        "В 09:00 во вторую пятницу каждого месяца.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": list(range(1, 8)), "wdays": [2], "months": [11]},
        "At 09:00, on the first Tuesday of November.",
        "В 09:00 в первый вторник ноября.",
    ),
    (
        {
            "mins": [0],
            "hours": [9],
            "mdays": list(range(15, 22)),
            "wdays": [3],
            "months": [1, 7],
            "years": [2026],
        },
        "At 09:00, on the third Wednesday of January and July 2026.",
        "В 09:00 в третью среду в январе и июле 2026 года.",
    ),
    (
        {
            "mins": [0],
            "hours": [9],
            "mdays": list(range(22, 29)),
            "wdays": [0],
            "months": ALL_BUT_JULY,
        },
        "At 09:00, on the fourth Sunday of every month except July.",
        "В 09:00 в четвёртое воскресенье каждого месяца, кроме июля.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": list(range(8, 15)), "wdays": [6], "years": [2026]},
        "At 09:00, on the second Saturday of every month in 2026.",
        "В 09:00 во вторую субботу каждого месяца 2026 года.",
    ),
    (
        # Not a week of the month: days 2-8.
        {"mins": [0], "hours": [9], "mdays": list(range(2, 9)), "wdays": [5]},
        "At 09:00, on days 2–8 of every month, but only on Fridays.",
        "В 09:00 с 2-го по 8-е число каждого месяца, но только по пятницам.",
    ),
    (
        # Days 25-31 are not always the last week: no "last Friday".
        {"mins": [0], "hours": [9], "mdays": list(range(25, 32)), "wdays": [5]},
        "At 09:00, on days 25–31 of every month, but only on Fridays.",
        "В 09:00 с 25-го по 31-е число каждого месяца, но только по пятницам.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": list(range(8, 15)), "wdays": [1, 5]},
        "At 09:00, on days 8–14 of every month, but only on Mondays and Fridays.",
        "В 09:00 с 8-го по 14-е число каждого месяца, но только по понедельникам и пятницам.",
    ),
    # -- whole-hour windows and consecutive minutes --------------------------------
    (
        {"mins": [0], "hours": [*range(7), *range(14, 24)]},
        "Every hour from 00:00 through 06:00 and from 14:00 through 23:00.",
        "Каждый час с 00:00 до 06:00 и с 14:00 до 23:00.",
    ),
    (
        {"mins": list(range(6)), "hours": [14]},
        "Every minute from 14:00 through 14:05.",
        "Каждую минуту с 14:00 до 14:05.",
    ),
    (
        {"mins": [2, 3, 4], "hours": [9]},
        "Every minute from 09:02 through 09:04.",
        "Каждую минуту с 09:02 до 09:04.",
    ),
    (
        {"mins": list(range(50, 60)), "hours": [23], "wdays": [5]},
        "Every minute from 23:50 through 23:59, on Fridays.",
        "Каждую минуту с 23:50 до 23:59 по пятницам.",
    ),
    (
        # Two consecutive minutes stay a list.
        {"mins": [0, 1], "hours": [9]},
        "At 09:00 and 09:01 every day.",
        "В 09:00 и 09:01 каждый день.",
    ),
    # -- Russian forms ---------------------------------------------------------------
    (
        {"mins": [30], "hours": [0], "wdays": [0]},
        "At 00:30, on Sundays.",
        "В 00:30 по воскресеньям.",
    ),
    ({"mins": [2, 3, 4]}, "At minutes 2–4 of every hour.", "В 2, 3 и 4 минуты каждого часа."),
    ({"mins": [2, 3, 4, 5]}, "At minutes 2–5 of every hour.", "С 2-й по 5-ю минуту каждого часа."),
    (
        {"mins": [0], "hours": [9], "mdays": list(range(2, 32, 2))},
        "At 09:00, on days 2, 4, 6, …, 30 of every month.",
        "В 09:00 по чётным числам.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": list(range(2, 32, 2)), "months": [5]},
        "At 09:00, on 2, 4, 6, …, 30 May.",
        "В 09:00 по чётным числам мая.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": list(range(2, 32, 2)), "years": [2026]},
        "At 09:00, on days 2, 4, 6, …, 30 of every month in 2026.",
        "В 09:00 по чётным числам в 2026 году.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": list(range(2, 32, 2)), "months": [3, 4, 5]},
        "At 09:00, on days 2, 4, 6, …, 30 of March through May.",
        "В 09:00 по чётным числам с марта по май.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": list(range(1, 32, 2)), "months": ALL_BUT_JULY},
        "At 09:00, on days 1, 3, 5, …, 31 of every month except July.",
        "В 09:00 по нечётным числам каждого месяца, кроме июля.",
    ),
    (
        # Not all the even days: listed.
        {"mins": [0], "hours": [9], "mdays": list(range(2, 30, 2))},
        "At 09:00, on days 2, 4, 6, …, 28 of every month.",
        "В 09:00 2-го, 4-го, 6-го, …, 28-го числа каждого месяца.",
    ),
    (
        {"mins": [0, 45], "hours": list(range(1, 24, 2))},
        "At minutes 0 and 45 of hours 01, 03, 05, …, 23.",
        "В 0 и 45 минут каждого нечётного часа.",
    ),
    (
        {"mins": list(range(0, 60, 10)), "hours": list(range(0, 24, 2))},
        "Every 10 minutes during hours 00, 02, 04, …, 22.",
        "Каждые 10 минут в чётные часы.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": [2, 3]},
        "At 09:00, on days 2 and 3 of every month.",
        "В 09:00 2-го и 3-го числа каждого месяца.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": [1, 4, 7, 10, 13, 16, 19]},
        "At 09:00, on days 1, 4, 7, …, 19 of every month.",
        "В 09:00 1-го, 4-го, 7-го, …, 19-го числа каждого месяца.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": [1], "tz": "Europe/Moscow"},
        "At 09:00, on day 1 of every month (time zone Europe/Moscow).",
        "В 09:00 1-го числа каждого месяца (часовой пояс Europe/Moscow).",
    ),
    # -- English dates -------------------------------------------------------------
    (
        {"mins": [0], "hours": [9], "mdays": [1], "months": [11]},
        "At 09:00, on 1 November.",
        "В 09:00 1 ноября.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": [1, 15], "months": [11]},
        "At 09:00, on 1 and 15 November.",
        "В 09:00 1 и 15 ноября.",
    ),
    (
        {"mins": [0], "hours": [9], "mdays": [1], "months": ALL_BUT_JULY, "years": [2026]},
        "At 09:00, on day 1 of every month in 2026 except July.",
        "В 09:00 1-го числа каждого месяца 2026 года, кроме июля.",
    ),
    (
        {"mins": [0, 15, 30, 45], "hours": [9], "wdays": [1, 2, 3, 4, 5, 6]},
        "At 09:00, 09:15, 09:30 and 09:45, every day except Sundays.",
        "В 09:00, 09:15, 09:30 и 09:45 каждый день, кроме воскресений.",
    ),
    # -- fields that list every value mean "every value" ---------------------------
    (
        {
            "mins": list(range(60)),
            "hours": list(range(24)),
            "mdays": list(range(1, 32)),
            "wdays": list(range(7)),
            "months": list(range(1, 13)),
        },
        "Every minute.",
        "Каждую минуту.",
    ),
    (
        {"mins": [0, 45], "hours": list(range(24)), "wdays": [1, 2, 3, 4, 5, 6, 7]},
        "At minutes 0 and 45 of every hour.",
        "В 0 и 45 минут каждого часа.",
    ),
]


@pytest.mark.parametrize(("fields", "english", "russian"), CASES)
def test_sentences(fields: dict[str, Any], english: str, russian: str) -> None:
    schedule = StartSchedule(**fields)
    assert describe(schedule) == english
    assert describe(schedule, lang="en") == english
    assert describe(schedule, lang="ru") == russian
    # The model's method delegates here.
    assert schedule.describe("ru") == russian


def test_table_is_large_and_distinct() -> None:
    assert len(CASES) >= 40
    assert len({english for _, english, _ in CASES}) >= 40
    assert len({russian for _, _, russian in CASES}) >= 40


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "минута"),
        (2, "минуты"),
        (4, "минуты"),
        (5, "минут"),
        (11, "минут"),
        (12, "минут"),
        (14, "минут"),
        (21, "минута"),
        (22, "минуты"),
        (25, "минут"),
        (101, "минута"),
        (111, "минут"),
        (112, "минут"),
        (0, "минут"),
    ],
)
def test_russian_plural(number: int, expected: str) -> None:
    assert _ru_plural(number, "минута", "минуты", "минут") == expected


@pytest.mark.parametrize("lang", ["de", "EN", "", "english", None, 1])
def test_unknown_language_is_refused(lang: object) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        describe(StartSchedule(), lang=lang)  # type: ignore[arg-type]
    message = str(info.value)
    assert "lang" in message
    assert repr(lang) in message
    assert "'en'" in message and "'ru'" in message
    assert isinstance(info.value, ValueError)


def test_non_schedule_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="schedule"):
        describe({"start_mins": [0]})  # type: ignore[arg-type]


def _values(low: int, high: int) -> st.SearchStrategy[list[int]]:
    # Mostly short lists, sometimes long ones (ranges, ellipses, "every ... except").
    return st.one_of(
        st.lists(st.integers(low, high), max_size=4),
        st.lists(st.integers(low, high), max_size=high - low + 1),
    )


# The shared strategy (ranges, steps, full lists, zones), and plain random lists.
schedules = st.one_of(
    start_schedules(),
    st.builds(
        StartSchedule,
        mins=_values(0, 59),
        hours=_values(0, 23),
        mdays=_values(1, 31),
        wdays=_values(0, 6),
        months=_values(1, 12),
        years=st.lists(st.integers(1970, 9999), max_size=5),
        tz=st.sampled_from([None, "Europe/Moscow", "America/New_York"]),
    ),
)


@given(schedules, st.sampled_from(LANGUAGES))
def test_describe_never_raises_and_is_deterministic(
    schedule: StartSchedule, lang: Language
) -> None:
    text = describe(schedule, lang)
    assert text == describe(schedule, lang)
    assert text == describe(StartSchedule.from_dict(schedule.to_dict()), lang)
    assert text.endswith(".") and text[0].isupper()
    assert "  " not in text and ",," not in text and " ," not in text


def _years_shown(text: str) -> set[int]:
    """The years a sentence names: listed, inside a range ``a–b``, or in ``a, b, c, …, z``."""
    shown = {int(year) for year in re.findall(r"\b\d{4}\b", text)}
    for first, last in re.findall(r"(\d{4})–(\d{4})", text):
        shown.update(range(int(first), int(last) + 1))
    for first, second, last in re.findall(r"(\d{4}), (\d{4}), \d{4}, …, (\d{4})", text):
        shown.update(range(int(first), int(last) + 1, int(second) - int(first)))
    return shown


@given(schedules)
def test_every_listed_year_and_the_zone_are_named(schedule: StartSchedule) -> None:
    for lang in LANGUAGES:
        text = describe(schedule, lang)
        if schedule.tz:
            assert schedule.tz in text
        else:
            assert "/" not in text
        assert _years_shown(text) == set(schedule.years)


@given(
    st.lists(st.integers(0, 59), min_size=1, max_size=6),
    st.lists(st.integers(0, 23), min_size=1, max_size=6),
)
def test_few_fixed_times_are_all_listed(mins: list[int], hours: list[int]) -> None:
    schedule = StartSchedule(mins=mins, hours=hours)
    minutes = [hour * 60 + minute for hour in schedule.hours for minute in schedule.mins]
    times = [f"{minute // 60:02d}:{minute % 60:02d}" for minute in minutes]
    # Three or more consecutive minutes are a window: its first and last time are named.
    window = len(minutes) >= 3 and minutes == list(range(minutes[0], minutes[-1] + 1))
    if len(times) <= 6:
        for lang in LANGUAGES:
            text = describe(schedule, lang)
            for time in [times[0], times[-1]] if window else times:
                assert time in text
            if window:
                assert times[1] not in text


# -- a union of schedules (cron's OR) -------------------------------------------------


@pytest.mark.parametrize(
    ("cron", "english", "russian"),
    [
        (
            "0 9 1 * 1",
            "At 09:00, on day 1 of every month, or at 09:00, on Mondays.",
            "В 09:00 1-го числа каждого месяца или в 09:00 по понедельникам.",
        ),
        (
            "CRON_TZ=Europe/Moscow 30 0 1,15 * 0",
            "At 00:30, on days 1 and 15 of every month, or at 00:30, on Sundays "
            "(time zone Europe/Moscow).",
            "В 00:30 1-го и 15-го числа каждого месяца или в 00:30 по воскресеньям "
            "(часовой пояс Europe/Moscow).",
        ),
    ],
)
def test_a_union_reads_as_one_sentence(cron: str, english: str, russian: str) -> None:
    union = schedules_from_cron(cron)
    assert len(union) == 2
    assert describe(union) == describe(list(union), "en") == english
    assert describe(union, "ru") == russian


def test_a_union_of_one_is_the_schedule_itself() -> None:
    schedule = StartSchedule(mins=[0], hours=[9], tz="Europe/Moscow")
    assert describe([schedule], "ru") == describe(schedule, "ru")


def test_a_union_names_each_zone_when_they_differ() -> None:
    union = [
        StartSchedule(mins=[0], hours=[9], tz="Europe/Moscow"),
        StartSchedule(mins=[0], hours=[18]),
    ]
    assert describe(union) == "At 09:00 every day (time zone Europe/Moscow), or at 18:00 every day."
    assert describe(union, "ru") == (
        "В 09:00 каждый день (часовой пояс Europe/Moscow) или в 18:00 каждый день."
    )


@pytest.mark.parametrize("value", [[], (), [StartSchedule(), "0 9 * * *"]])
def test_a_bad_union_is_refused(value: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="schedule") as info:
        describe(value)
    assert info.value.field in ("schedule", "schedule[1]")


# -- exact: a sentence names one set of fields -----------------------------------------

# Small field domains, so that Hypothesis draws near-misses (one value apart) often.
_near_schedules = st.builds(
    StartSchedule,
    mins=st.lists(st.sampled_from([0, 1, 2, 3, 30, 59]), max_size=4),
    hours=st.lists(st.sampled_from([0, 1, 2, 9, 14, 23]), max_size=4),
    mdays=st.one_of(
        st.lists(st.sampled_from([1, 2, 3, 7, 8, 14, 15, 31]), max_size=3),
        st.sampled_from([list(range(8, 15)), list(range(2, 32, 2)), list(range(1, 32, 2))]),
    ),
    wdays=st.lists(st.integers(0, 6), max_size=2),
    months=st.lists(st.sampled_from([1, 2, 7, 11, 12]), max_size=2),
    years=st.lists(st.sampled_from([2026, 2027]), max_size=1),
)


def _normal(schedule: StartSchedule) -> StartSchedule:
    """Fields that list every value mean every value: the empty form."""
    return StartSchedule.from_dict(
        {
            key: [] if len(values) == high - low + 1 else values
            for (key, values), (low, high) in zip(
                schedule.to_dict().items(), FIELD_RANGES.values(), strict=True
            )
        }
    )


@given(st.lists(_near_schedules, min_size=2, max_size=12), st.sampled_from(LANGUAGES))
def test_different_schedules_read_differently(
    schedules: list[StartSchedule], lang: Language
) -> None:
    seen: dict[str, StartSchedule] = {}
    for schedule in schedules:
        text = describe(schedule, lang)
        assert text == describe(schedule, lang)
        earlier = seen.setdefault(text, _normal(schedule))
        assert earlier == _normal(schedule), text
