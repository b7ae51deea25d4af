"""The background sender: one thread per channel in the server process, so a mail server
that hangs never delays a text message, and neither ever delays a request.

Each round reads what is due, claims one notice at a time, sends it with no database
connection held (a slow gateway must not pin a pooled connection), then records the outcome.
"""

from __future__ import annotations

import logging
import threading

from desk.clock import Now
from models import db
from models.hub import Notice
from server.notices import outbox
from server.notices.channel import Channel, ChannelError

log = logging.getLogger(__name__)


class NoticeSender:
    def __init__(self, channel: Channel, clock: Now, poll: float) -> None:
        self.channel, self.clock, self.poll = channel, clock, poll
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name=f"notices-{self.channel.name}",
                                        daemon=True)
        self._thread.start()

    def stop(self, wait: float = 2.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(wait)  # a send in flight ends at its own timeout; don't wait

    def wake(self) -> None:
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:  # the thread must outlive a database hiccup
                log.exception("notice sender round failed (%s)", self.channel.name)
            self._wake.wait(self.poll)
            self._wake.clear()

    def run_once(self, limit: int = 20) -> int:
        """One round: everything due now, up to ``limit``; returns the notices attempted."""
        with db.connection_context():
            due = outbox.due(self.channel.name, now=self.clock(), limit=limit)
            problem = self.channel.problem() if due else ""
            if problem:
                for notice in due:
                    outbox.postpone(notice, problem, now=self.clock())
                return 0
        attempted = 0
        for notice in due:
            if self._stop.is_set():
                break
            attempted += self._attempt(notice)
        return attempted

    def _attempt(self, notice: Notice) -> int:
        with db.connection_context():
            delivery = outbox.claim(notice, now=self.clock())
        if delivery is None:
            return 0
        try:
            self.channel.send(delivery, now=self.clock())
        except ChannelError as exc:
            log.info("notice %s (%s) not sent: %s", notice.id, self.channel.name, exc.reason)
            with db.connection_context():
                if exc.permanent:
                    outbox.failed(delivery.notice, exc.reason, now=self.clock())
                else:
                    outbox.retry_later(delivery.notice, exc.reason, now=self.clock())
            return 1
        except Exception as exc:  # a bug in one message must not stop the others
            log.exception("notice %s (%s) failed unexpectedly", notice.id, self.channel.name)
            with db.connection_context():
                outbox.retry_later(delivery.notice, f"Lỗi nội bộ khi gửi: {type(exc).__name__}.",
                                   now=self.clock())
            return 1
        with db.connection_context():
            outbox.sent(delivery.notice, now=self.clock())
        return 1


def start_senders(channels: list[Channel], clock: Now, poll: float) -> list[NoticeSender]:
    senders = [NoticeSender(channel, clock, poll) for channel in channels]
    for sender in senders:
        sender.start()
    return senders
