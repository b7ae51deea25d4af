"""The device secret in a real Secret Service (gnome-keyring over a private D-Bus session).

This is the store a Linux desk really uses; the other tests pick in-memory or file backends.
Everything runs in isolation: a dbus-daemon of our own with no service activation, a
gnome-keyring-daemon whose HOME and runtime directory live under the test's temporary folders,
so the keyring of the person running the tests is never read or written.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import secretstorage
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from secretstorage.exceptions import ItemNotFoundException, SecretServiceNotAvailableException

from desk import credentials
from server.auth import hash_secret
from tests import clocked
from tests.sync.conftest import TAN_PHU

BACKEND = "keyring.backends.SecretService.Keyring"
LOGIN_PASSWORD = "mat-khau-dang-nhap"  # a blank one would leave no "login" collection at all
STARTUP = 10.0  # seconds for either daemon to come up; both take well under one here
RUN_TIMEOUT = 60  # seconds for any one command

# Only the bus's own socket and what the secrets service needs: no <servicedir>, so a call that
# reaches the bus before our keyring daemon has claimed its name fails instead of activating a
# second gnome-keyring-daemon that we would not know about, nor kill.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

pytestmark = [
    pytest.mark.skipif(
        shutil.which("gnome-keyring-daemon") is None,
        reason="gnome-keyring-daemon is not installed (Debian package gnome-keyring; .ci/run "
               "installs it)"),
    # jeepney's D-Bus calls have no timeout of their own: a bus that never answers must fail
    # the test in a minute, not hang it for the suite's five.
    pytest.mark.timeout(60),
]


class SecretService:
    """A private session bus and a gnome-keyring-daemon on it, with an unlocked "login"
    collection as the default one, as a desktop login leaves it."""

    def __init__(self, home: Path, logs: Path) -> None:
        self.home = home
        self.logs = logs
        # Socket paths are limited to 108 bytes; pytest's tmp_path can be longer than that
        # under xdist, so the bus socket and the keyring's control socket get a short folder.
        self.runtime = Path(tempfile.mkdtemp(prefix="motcua-ss-"))
        self.bus: subprocess.Popen[bytes] | None = None
        self.daemon: subprocess.Popen[bytes] | None = None
        self.address = ""

    @property
    def env(self) -> dict[str, str]:
        """What a process of the desk's user session would see, and nothing of ours."""
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "XDG_STATE_HOME": str(self.home / ".local" / "state"),
            "XDG_RUNTIME_DIR": str(self.runtime),
            "DBUS_SESSION_BUS_ADDRESS": self.address,
        }

    @property
    def keyring_file(self) -> Path:
        return self.home / ".local" / "share" / "keyrings" / "login.keyring"

    def start(self) -> SecretService:
        self.home.mkdir(parents=True, exist_ok=True)
        config = self.runtime / "bus.conf"
        config.write_text(BUS_CONFIG.format(dir=self.runtime))
        with open(self.logs / "dbus.log", "ab") as log:
            self.bus = subprocess.Popen(
                ["dbus-daemon", "--config-file", str(config), "--nofork", "--nopidfile",
                 "--print-address=1"],
                stdout=subprocess.PIPE, stderr=log, env=self.env)
        assert self.bus.stdout is not None
        ready, _, _ = select.select([self.bus.stdout], [], [], STARTUP)
        if not ready:
            raise RuntimeError(f"dbus-daemon printed no address within {STARTUP} s")
        self.address = self.bus.stdout.readline().decode().strip()
        if not self.address:
            raise RuntimeError("dbus-daemon exited: " + self._log("dbus.log"))
        self.start_keyring()
        return self

    def start_keyring(self) -> None:
        """--unlock reads the login password from stdin and creates the "login" collection
        with it (and the default alias) on first start, or unlocks the existing file."""
        with open(self.logs / "keyring.log", "ab") as log:
            self.daemon = subprocess.Popen(
                ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                stdin=subprocess.PIPE, stdout=log, stderr=log, env=self.env)
        assert self.daemon.stdin is not None
        self.daemon.stdin.write(LOGIN_PASSWORD.encode())
        self.daemon.stdin.close()
        deadline = time.monotonic() + STARTUP
        while time.monotonic() < deadline:
            if self.daemon.poll() is not None:
                raise RuntimeError("gnome-keyring-daemon exited: " + self._log("keyring.log"))
            with contextlib.suppress(SecretServiceNotAvailableException, ItemNotFoundException), \
                    self.connect() as conn:
                # Never get_default_collection(): with no default it would ask a prompter,
                # which this bus cannot start, to create one.
                if not secretstorage.get_collection_by_alias(conn, "default").is_locked():
                    return
            time.sleep(0.05)
        raise RuntimeError("no unlocked default collection within "
                           f"{STARTUP} s: " + self._log("keyring.log"))

    def stop_keyring(self) -> None:
        _end(self.daemon)
        self.daemon = None

    def stop(self) -> None:
        self.stop_keyring()
        _end(self.bus)
        if self.bus is not None and self.bus.stdout is not None:
            self.bus.stdout.close()
        self.bus = None
        shutil.rmtree(self.runtime, ignore_errors=True)

    @contextlib.contextmanager
    def connect(self) -> Iterator[DBusConnection]:
        conn = open_dbus_connection(self.address)
        try:
            if not secretstorage.check_service_availability(conn):
                raise SecretServiceNotAvailableException("org.freedesktop.secrets is not on "
                                                         "the bus (yet)")
            yield conn
        finally:
            conn.close()

    def items(self, device_id: str) -> list[tuple[str, dict[str, str], str]]:
        """(collection label, attributes, secret) of every item kept for this device, in any
        collection (the session one included)."""
        with self.connect() as conn:
            return [(secretstorage.Collection(conn, item.item_path.rsplit("/", 1)[0]).get_label(),
                     item.get_attributes(), item.get_secret().decode())
                    for item in secretstorage.search_items(
                        conn, {"service": credentials.SERVICE, "username": device_id})]

    def _log(self, name: str) -> str:
        return (self.logs / name).read_text(errors="replace")[-2000:]


def _end(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


@pytest.fixture
def secret_service(tmp_path: Path) -> Iterator[SecretService]:
    service = SecretService(tmp_path / "home", tmp_path)
    try:
        yield service.start()
    finally:
        service.stop()


def desk_env(service: SecretService) -> dict[str, str]:
    return {**service.env, "PYTHON_KEYRING_BACKEND": BACKEND}


def motcua(service: SecretService, hub, data: Path,
           *args: str) -> subprocess.CompletedProcess[str]:
    """The desk's command, on the hub's clock."""
    return subprocess.run(clocked.command(hub.now(), "motcua", "--data-dir", str(data), *args),
                          capture_output=True, text=True, env=desk_env(service),
                          timeout=RUN_TIMEOUT, cwd=clocked.ROOT)


def enrolled_desk(service: SecretService, hub, data: Path) -> str:
    """A desk set up with `motcua init` and enrolled with `motcua enroll`: its device id."""
    made = motcua(service, hub, data, "init", "--commune-code", TAN_PHU[0], "--commune-name",
                  TAN_PHU[1], "--agency-code", TAN_PHU[2])
    assert made.returncode == 0, made.stderr
    return enroll(service, hub, data)


def enroll(service: SecretService, hub, data: Path) -> str:
    done = motcua(service, hub, data, "enroll", "--server", hub.base, "--code",
                  hub.enrolment_code(TAN_PHU[0]), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["device_id"]


def sync(service: SecretService, hub, data: Path) -> dict[str, int]:
    done = motcua(service, hub, data, "sync", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def files_holding(root: Path, needle: bytes) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file() and needle in path.read_bytes()]


def test_the_secret_lives_in_the_secret_service_and_in_no_file(secret_service, hub, tmp_path):
    data = tmp_path / "desk"
    device_id = enrolled_desk(secret_service, hub, data)

    [(collection, attributes, secret)] = secret_service.items(device_id)
    assert collection == "Login"  # the default collection, not the in-memory session one
    # gnome-keyring adds its generic schema; the rest is what keyring was asked to store.
    attributes.pop("xdg:schema", None)
    assert attributes == {"service": credentials.SERVICE, "username": device_id,
                          "application": "Python keyring library"}
    assert hash_secret(secret) == hub.device(device_id).secret_hash

    intake = motcua(secret_service, hub, data, "intake", "--procedure", "1.001193", "--name",
                    "Lê Thị Mai", "--id-number", "079203001234")
    assert intake.returncode == 0, intake.stderr
    synced = sync(secret_service, hub, data)
    assert (synced["pushed"], synced["pending"]) == (2, 0)
    exported = motcua(secret_service, hub, data, "bundle", "export", str(tmp_path / "usb.bundle"))
    assert exported.returncode == 0, exported.stderr

    # Every byte the desk, the server, the daemons and the bundle left under tmp_path: the
    # SQLite file with its WAL, logs, the isolated HOME, and the keyring's own file, which
    # must hold the secret only encrypted with the login password.
    assert secret_service.keyring_file.stat().st_size > 0
    assert any(data.rglob("*.sqlite3*")), "the desk's database is not where the test looks"
    assert files_holding(tmp_path, secret.encode()) == []
    assert files_holding(secret_service.runtime, secret.encode()) == []

    # The database key is in the same store under the same rules, and the citizen's name is
    # in no file of the data folder (the database and its WAL are encrypted with that key).
    key_name = (data / "motcua.keyid").read_text().strip()
    [(collection, _, key_hex)] = secret_service.items(key_name)
    assert collection == "Login" and len(bytes.fromhex(key_hex)) == 32
    assert files_holding(tmp_path, key_hex.encode()) == []
    assert files_holding(data, "Lê Thị Mai".encode()) == []

    # A restart of the session (the PC rebooted) finds the secret in the file and syncs again.
    secret_service.stop_keyring()
    secret_service.start_keyring()
    assert [s for _, _, s in secret_service.items(device_id)] == [secret]
    assert sync(secret_service, hub, data)["pending"] == 0


def test_forgetting_the_device_removes_its_item_and_sync_says_so(secret_service, hub, tmp_path):
    data = tmp_path / "desk"
    device_id = enrolled_desk(secret_service, hub, data)
    assert len(secret_service.items(device_id)) == 1

    # No command forgets a device yet; this is the call one would make, under the real backend.
    forget = [sys.executable, "-c",
              "import sys; from desk import credentials; credentials.delete_secret(sys.argv[1])",
              device_id]
    for _ in range(2):  # the second time there is nothing to delete, and that is no error
        done = subprocess.run(forget, capture_output=True, text=True,
                              env=desk_env(secret_service), timeout=RUN_TIMEOUT)
        assert done.returncode == 0, done.stderr
        assert secret_service.items(device_id) == []

    refused = motcua(secret_service, hub, data, "sync", "--json")
    assert refused.returncode != 0
    assert json.loads(refused.stderr)["error"] == "missing_device_secret"


def test_re_enrolling_keeps_only_the_new_secret(secret_service, hub, tmp_path):
    data = tmp_path / "desk"
    first = enrolled_desk(secret_service, hub, data)
    second = enroll(secret_service, hub, data)
    assert second != first
    assert len(secret_service.items(second)) == 1
    assert sync(secret_service, hub, data)["pending"] == 0
    # The old device's secret is still a valid bearer token on the server (re-enrolling does
    # not revoke it), so it must not stay behind in the keyring.
    assert secret_service.items(first) == []
