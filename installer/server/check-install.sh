#!/usr/bin/env bash
# The upstream server installed as production installs it, `pip install '.[server]'` into a
# fresh venv (a wheel, not the checkout), then: no Qt came along, the admin commands work on
# a SQLite file, the server starts, answers /api/v1/health with the project's version and
# renders the dashboard's login page. Run from the repository root (CI does).
set -euo pipefail
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$PYTHON" -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet '.[server]'
BIN="$WORK/venv/bin"
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' desk/__init__.py)
fail() { echo "server install: $*" >&2; exit 1; }

! "$BIN/python" -c "import PySide6" 2>/dev/null || fail "PySide6 is installed with the server"
# Every module of the server imports with the server's set alone (nothing of the desk's).
(cd "$WORK" && "$BIN/python" -c "
import importlib, pkgutil, server
for m in pkgutil.walk_packages(server.__path__, 'server.'):
    importlib.import_module(m.name)
") || fail "a server module needs a package the server's install lacks"
[ "$("$BIN/motcua-server" --version)" = "motcua-server $VERSION" ] || fail "--version"
DB="$WORK/hub.sqlite3"
"$BIN/motcua-server" --db "$DB" add-commune 26734 "Xã Tân Phú" --agency-code 000.00.12.H12 \
    >/dev/null
made=$("$BIN/motcua-server" --db "$DB" enrolment-code 26734 --json)
[[ "$made" == *'"code"'* ]] || fail "enrolment-code printed: $made"
PORT=$("$BIN/python" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
(cd "$WORK" && exec "$BIN/motcua-server" --db "$DB" serve --host 127.0.0.1 --port "$PORT") \
    > "$WORK/server.log" 2>&1 &
server=$!
"$BIN/python" - "$PORT" "$VERSION" <<'PY' || { cat "$WORK/server.log" >&2; fail "not serving"; }
import json, sys, time, urllib.request
port, version = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}"
for _ in range(100):
    try:
        health = json.load(urllib.request.urlopen(base + "/api/v1/health", timeout=2))
        break
    except OSError:
        time.sleep(0.2)
else:
    sys.exit("no answer within 20 s")
assert health["version"] == version, health
page = urllib.request.urlopen(base + "/", timeout=5)  # redirected to the login form
assert page.status == 200 and b"<form" in page.read(), "the dashboard's login page"
PY
echo "server install $VERSION: no Qt, admin commands, health and the dashboard answer"
