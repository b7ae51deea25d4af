"""Running the server: one process, or several worker processes sharing one port.

Several workers: each process opens the database itself (named by ``MOTCUA_SERVER_DB``, set
here; the schema was already migrated, once, by the parent). A worker gains nothing on a
SQLite file, which takes one writer at a time; on PostgreSQL it uses another CPU core.

One process serves on the clock it is given; worker processes each make their own app, on the
wall clock (``server.app.create_worker_app``).
"""

from __future__ import annotations

import os
import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

from desk.clock import Now
from server.database import ENV_DB
from server.deadlines import KEEP_ALIVE, TimedH11Protocol

# No "server: uvicorn" header: desks pay for every byte of every answer on 2G. No uvicorn
# "date" header either: the app writes its own from its clock (server.app).
# Slow or half-sent requests are cut off (server.deadlines): headers at the protocol, bodies in
# the app; an idle keep-alive connection is closed after KEEP_ALIVE seconds.
OPTIONS = {"log_level": "warning", "timeout_graceful_shutdown": 5, "server_header": False,
           "date_header": False, "http": TimedH11Protocol, "timeout_keep_alive": KEEP_ALIVE}


def run(url: str, host: str, port: int, workers: int = 1, *, clock: Now) -> None:
    if workers <= 1:
        from server.app import create_app

        uvicorn.run(create_app(clock=clock), host=host, port=port, **OPTIONS)
        return
    os.environ[ENV_DB] = url
    config = _NoDelayConfig("server.app:create_worker_app", factory=True, host=host, port=port,
                            workers=workers, **OPTIONS)
    Multiprocess(config, sockets=[config.bind_socket()]).run()


class _NoDelayConfig(uvicorn.Config):
    """uvicorn binds the shared socket with ``proto`` 0, so asyncio never sets TCP_NODELAY on
    the connections it accepts and every keep-alive request waits ~40 ms for a delayed ACK
    (uvicorn issue #3149). Re-wrapping the socket with IPPROTO_TCP fixes that."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
