"""Fixtures for sync tests: an in-memory keyring, a real server, desks on real files, all of
them on the test's clock (the server's ticks on from the instant the desks' fixed clock shows)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from tests.conftest import FixedClock
from tests.sync.harness import DeskHarness, Hub, running_hub
from tests.sync.keyrings import MemoryKeyring

TAN_PHU = ("26734", "Xã Tân Phú", "000.00.12.H12")
AN_BINH = ("26735", "Xã An Bình", "000.00.13.H12")


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def hub(tmp_path: Path, clock: FixedClock) -> Iterator[Hub]:
    with running_hub(tmp_path, [TAN_PHU, AN_BINH], start=clock()) as server:
        yield server


@pytest.fixture
def desk_factory(tmp_path: Path, clock: FixedClock) -> Iterator:
    made: list[DeskHarness] = []

    def make(commune: tuple[str, str, str] = TAN_PHU, number: int = 0) -> DeskHarness:
        desk = DeskHarness(tmp_path / f"desk-{len(made)}.sqlite3", commune, number, now=clock)
        made.append(desk)
        return desk

    yield make
    for desk in made:
        desk.close()
