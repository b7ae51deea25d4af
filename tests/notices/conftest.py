"""Notice tests share the sync harness (real server, keyring in memory)."""

from tests.sync.conftest import desk_factory, hub, memory_keyring  # noqa: F401
