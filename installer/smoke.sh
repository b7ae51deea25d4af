#!/usr/bin/env bash
# The frozen desk, run as the IT person would, with no Python on the path (env -i):
#   installer/smoke.sh dist/MotCuaDesk
# --version, init, intake, receipt, report through motcua-cli, then the window (motcua)
# offscreen for two seconds (on its first start it asks for the first administrator). Any failure stops with the program's own words.
set -euo pipefail
# The desk keeps its database key in the OS keyring and refuses to run without one. A Linux
# desktop session has a Secret Service; this script brings its own, as test_secret_service.py
# does: a private session bus (dbus-run-session) with gnome-keyring on it, keyrings under $WORK.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ -z "${MOTCUA_SMOKE_KEYRING:-}" ]; then
    exec env MOTCUA_SMOKE_KEYRING=1 dbus-run-session -- "$0" "$@"
fi
DIST=$(cd "${1:-dist/MotCuaDesk}" && pwd)
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$(dirname "$0")/../desk/__init__.py")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/data"
# What a user's session gives the programs, and nothing of this shell's (no Python on a path).
SESSION=(DBUS_SESSION_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS" HOME="$WORK/home"
         XDG_DATA_HOME="$WORK/home/.local/share" XDG_RUNTIME_DIR="$WORK")
mkdir -p "$WORK/home/.local/share"
echo smoke | env -i "${SESSION[@]}" gnome-keyring-daemon --unlock --components=secrets >/dev/null
cli() { env -i "${SESSION[@]}" "$DIST/motcua-cli" --data-dir "$DATA" "$@"; }
fail() { echo "frozen desk: $*" >&2; exit 1; }

[ "$(env -i "$DIST/motcua-cli" --version)" = "motcua $VERSION" ] || fail "--version is not $VERSION"
cli init --commune-code 26734 --commune-name "Xã Tân Phú" --agency-code 000.00.12.H12 >/dev/null
# A paper record entered after the fact, on a fixed day inside November's reporting period
# (15/10–14/11 by default), so the report never depends on when CI runs.
CODE=$(cli intake --procedure 1.001193 --name "Đặng Văn Đức" --id-number 079203001234 \
       --phone 0912345678 --received-at 2026-11-05T09:00:00+07:00)
[ "$CODE" = "000.00.12.H12-261105-0001" ] || fail "intake printed '$CODE'"
cli receipt "$CODE" --out "$WORK/receipt.pdf" --paper a5 >/dev/null
pdftotext "$WORK/receipt.pdf" "$WORK/receipt.txt"  # a file: `| grep -q` races with pipefail
grep -q "$CODE" "$WORK/receipt.txt" || fail "the receipt does not carry $CODE"
grep -q "Đặng Văn Đức" "$WORK/receipt.txt" || fail "the receipt lost the diacritics"
cli report --month 2026-11 --json --xlsx "$WORK/report.xlsx" > "$WORK/report.json"
grep -q '"received": 1' "$WORK/report.json" || fail "the report does not count the dossier"
[ "$(head -c 2 "$WORK/report.xlsx")" = "PK" ] || fail "the report's .xlsx is not a workbook"
# The window: still up after two seconds (timeout's 124) and nothing logged at ERROR.
set +e
env -i "${SESSION[@]}" QT_QPA_PLATFORM=offscreen timeout 2 "$DIST/motcua" --data-dir "$DATA" \
    2> "$WORK/gui.err"
status=$?
set -e
[ "$status" -eq 124 ] || { cat "$WORK/gui.err" >&2; fail "the window exited with $status"; }
! grep -q "Traceback" "$WORK/gui.err" || { cat "$WORK/gui.err" >&2; fail "the window raised"; }
! grep -qE " (ERROR|CRITICAL) " "$DATA/logs/motcua.log" || fail "the window logged errors"
echo "frozen desk $VERSION: --version, init, intake ($CODE), receipt, report and the window ran"
