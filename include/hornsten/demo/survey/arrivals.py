"""When responses arrive: hourly buckets over the survey window.

A spike at launch that decays, smaller ones after the two reminders and on the last
days, fewer answers at weekends, most in the evening; in the process's local time,
so nobody answers at an hour that daylight saving time skips.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
from zoneinfo import ZoneInfo

from hornsten.config import ProcessConfig
from hornsten.demo.survey.sampling import cumulative

WEEKDAY_FACTOR = (1.1, 1.05, 1.0, 0.95, 0.8, 0.6, 0.85)
# Relative activity per local hour, 00 to 23.
WEEKDAY_HOURS = (
    *(0.3, 0.15, 0.08, 0.06, 0.08, 0.3, 1.0, 2.2, 2.6, 2.3, 2.0, 2.2),
    *(2.8, 2.4, 2.0, 2.0, 2.2, 2.4, 2.8, 3.6, 4.0, 3.6, 2.4, 1.0),
)
WEEKEND_HOURS = (
    *(0.6, 0.35, 0.2, 0.1, 0.06, 0.08, 0.3, 0.8, 1.6, 2.4, 2.8, 2.9),
    *(2.8, 2.6, 2.5, 2.4, 2.4, 2.5, 2.8, 3.3, 3.6, 3.2, 2.2, 1.1),
)


class Arrivals:
    def __init__(self, config: ProcessConfig, rng: random.Random):
        self.rng = rng
        self.tz = ZoneInfo(config.timezone)
        self.window = config.survey_window
        start, end = self.window
        start_utc, end_utc = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
        hours = int((end_utc - start_utc).total_seconds() // 3600)
        days = max((end.date() - start.date()).days, 1)
        reminders = [days // 3, (2 * days) // 3]
        day_jitter = [math.exp(rng.gauss(0.0, 0.12)) for _ in range(days + 2)]
        self.bucket_local: list[dt.datetime] = []
        weights: list[float] = []
        for hour in range(hours):
            local = (start_utc + dt.timedelta(hours=hour)).astimezone(self.tz)
            day = (local.date() - start.date()).days
            level = 1.0 + 4.5 * math.exp(-day / 2.5)
            for reminder in reminders:
                if day >= reminder:
                    level += 2.2 * math.exp(-(day - reminder) / 1.6)
            level += 1.2 * math.exp(-(days - 1 - day) / 1.2)  # "last chance"
            weekday = local.weekday()
            profile = WEEKEND_HOURS if weekday >= 5 else WEEKDAY_HOURS
            weight = level * WEEKDAY_FACTOR[weekday] * profile[local.hour] * day_jitter[day]
            weight *= math.exp(rng.gauss(0.0, 0.1))
            self.bucket_local.append(local.replace(tzinfo=None))
            weights.append(weight)
        self.bucket_cum = cumulative(weights)

    def counts(self, n: int) -> list[tuple[int, int]]:
        """(bucket, responses) for n responses: systematic sampling, sums to n exactly."""
        offset = self.rng.random()
        counts = []
        previous = math.floor(offset)
        for index, cum in enumerate(self.bucket_cum):
            current = math.floor(n * cum + offset)
            if current > previous:
                counts.append((index, current - previous))
            previous = current
        return counts

    def timestamps(self, n: int):
        """n local submission times in order, spread like real arrivals."""
        random_ = self.rng.random
        for bucket, count in self.counts(n):
            base = self.bucket_local[bucket]
            for second in sorted(int(random_() * 3600) for _ in range(count)):
                yield base + dt.timedelta(seconds=second)

    def late(self) -> dt.datetime:
        """A submission time in the last quarter of the window (for new re-delivered rows)."""
        cum = self.bucket_cum
        first = bisect.bisect_left(cum, 0.75)
        low = cum[first - 1] if first else 0.0
        index = min(bisect.bisect_left(cum, low + (1.0 - low) * self.rng.random()), len(cum) - 1)
        return self.bucket_local[index] + dt.timedelta(seconds=int(self.rng.random() * 3600))

    def later(self, local: dt.datetime) -> dt.datetime | None:
        """An edit's submission time: later than ``local``, still inside the window."""
        aware = local.replace(tzinfo=self.tz)
        end_utc = self.window[1].astimezone(dt.UTC)
        room = (end_utc - aware.astimezone(dt.UTC)).total_seconds() - 1
        if room < 120:
            return None
        delay = min(60 + self.rng.random() * 7 * 86400 * self.rng.random(), room)
        moved = aware.astimezone(dt.UTC) + dt.timedelta(seconds=int(max(delay, 60)))
        return moved.astimezone(self.tz).replace(tzinfo=None)
