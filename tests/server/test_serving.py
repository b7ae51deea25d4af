"""``motcua-server serve --workers N``: several processes on one port, each with its own
connection, and connections without Nagle's delay."""

from __future__ import annotations

import asyncio
import socket

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient

from desk import intake
from desk.context import load_context
from desk.sync import enrolment, session
from server.app import create_app
from server.bootstrap import open_hub
from server.database import connect, request_threads
from server.serving import _NoDelayConfig
from tests.server.conftest import NOW
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON, DeskHarness, Hub, free_port, hub_url


def test_connections_accepted_on_the_shared_socket_have_tcp_nodelay():
    config = _NoDelayConfig("server.app:create_worker_app", host="127.0.0.1", port=free_port())
    listener = config.bind_socket()
    seen: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock = transport.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def accept_one() -> None:
        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        async with server:
            _, writer = await asyncio.open_connection(*listener.getsockname())
            for _ in range(100):
                if seen:
                    break
                await asyncio.sleep(0.01)
            writer.close()

    asyncio.run(accept_one())
    assert seen and seen[0] != 0


def test_two_workers_take_pushes_and_pulls(tmp_path, clock):
    with hub_url(tmp_path) as url:
        hub = Hub(url, tmp_path / "server.log", workers=2, start=clock()).start()
        desk = DeskHarness(tmp_path / "desk.sqlite3", TAN_PHU, now=clock)
        try:
            hub.add_commune(*TAN_PHU)
            with desk.session():
                enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=clock)
                for _ in range(3):
                    intake.receive(load_context(now=clock),
                                   intake.IntakeRequest("1.001193", PERSON), now=clock)
                done = session.sync(now=clock)
            assert done["pushed"] == 6 and done["parked"] == 0
            assert hub.counts(TAN_PHU[0]) == (3, 3)
        finally:
            desk.close()
            hub.stop()


@pytest.mark.pg
def test_route_threads_never_outnumber_the_pooled_connections(tmp_path):
    # 300 desks pushing at once got 500s when 40 route threads waited for 20 connections
    # longer than the pool's timeout; with one thread per connection they queue instead.
    with hub_url(tmp_path) as url:
        separator = "&" if "?" in url else "?"
        database = open_hub(f"{url}{separator}pool=7", now=lambda: NOW)
        try:
            app = create_app(clock=lambda: NOW, send_notices=False)

            @app.get("/probe-threads")
            async def probe() -> int:
                return int(anyio.to_thread.current_default_thread_limiter().total_tokens)

            with TestClient(app) as client:
                assert client.get("/probe-threads").json() == 7
        finally:
            database.close()


def test_route_threads_keep_anyio_default_on_sqlite(tmp_path):
    assert request_threads(connect(str(tmp_path / "hub.sqlite3")), others=2) is None
