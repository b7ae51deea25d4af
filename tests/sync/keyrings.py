"""Keyring backends for tests only (chosen with PYTHON_KEYRING_BACKEND).

``MemoryKeyring`` serves in-process tests; ``JsonFileKeyring`` lets several ``motcua``
processes of one test share a secret (a device secret, a database key) through a file outside
any desk's data folder (the real desk refuses file backends; these live only under tests/).
tests/conftest.py makes the file backend every test's default, so a database opened in the
test process and a ``motcua`` subprocess on it find the same key.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

_STORE: dict[tuple[str, str], str] = {}
ENV_FILE = "MOTCUA_TEST_KEYRING_FILE"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return _STORE.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        _STORE[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if _STORE.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class JsonFileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ[ENV_FILE])

    def _load(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._save(data)

    def _save(self, data: dict[str, str]) -> None:
        """Whole or not at all: a reader in another process never sees half a file."""
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps(data))
        os.replace(partial, self.path)
