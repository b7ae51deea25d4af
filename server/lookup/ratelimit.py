"""Lookups per client in a sliding window, kept in memory with a bounded number of clients.

Each server process keeps its own count (``serve --workers N`` lets a client N times as many);
the clock is the app's, so a test moves time instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict, deque


class RateLimiter:
    def __init__(self, limit: int = 30, window: dt.timedelta = dt.timedelta(minutes=1),
                 max_clients: int = 10_000) -> None:
        self.limit, self.window, self.max_clients = limit, window, max_clients
        self._seen: OrderedDict[str, deque[dt.datetime]] = OrderedDict()
        self._lock = threading.Lock()

    def wait_for(self, client: str, now: dt.datetime) -> int:
        """0 when ``client`` may look up now (and it is counted), else the seconds to wait."""
        with self._lock:
            stamps = self._seen.pop(client, None) or deque()
            while stamps and now - stamps[0] >= self.window:
                stamps.popleft()
            self._seen[client] = stamps  # most recently seen last
            if len(self._seen) > self.max_clients:
                self._seen.popitem(last=False)
            if len(stamps) >= self.limit:
                return max(1, int((stamps[0] + self.window - now).total_seconds() + 0.999))
            stamps.append(now)
            return 0
