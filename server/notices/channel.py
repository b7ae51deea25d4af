"""What every channel offers the sender: send one delivery, or say why it cannot."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from server.notices.outbox import Delivery


class ChannelError(Exception):
    """A send that did not happen: ``reason`` in Vietnamese for the dashboard; ``permanent``
    when trying again cannot help (the address itself was refused)."""

    def __init__(self, reason: str, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


class Channel(Protocol):
    name: str  # server.notices.kinds.EMAIL or SMS

    def problem(self) -> str:
        """Why nothing can be sent at all (not configured), or ""."""
        ...

    def send(self, delivery: Delivery, *, now: dt.datetime) -> None:
        """Hand the message over; raise ChannelError when it was not taken."""
        ...
