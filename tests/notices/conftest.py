"""Notice tests: the sync harness (real server, keyring in memory) and an in-process province."""

import pytest

from tests.notices.province import Province
from tests.sync.conftest import desk_factory, hub, memory_keyring  # noqa: F401


@pytest.fixture
def province(tmp_path, desk_factory):  # noqa: F811 - the fixture above, by name
    made = Province(tmp_path, desk_factory())
    yield made
    made.database.close()
