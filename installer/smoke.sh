#!/usr/bin/env bash
# The frozen desk, run as the IT person would, with no Python on the path (env -i):
#   installer/smoke.sh dist/MotCuaDesk
# --version, init, intake, receipt, report through motcua-cli, then the window (motcua)
# offscreen for two seconds. Any failure stops with the program's own words.
set -euo pipefail
DIST=$(cd "${1:-dist/MotCuaDesk}" && pwd)
VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$(dirname "$0")/../desk/__init__.py")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/data"
cli() { env -i "$DIST/motcua-cli" --data-dir "$DATA" "$@"; }
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
env -i QT_QPA_PLATFORM=offscreen timeout 2 "$DIST/motcua" --data-dir "$DATA" 2> "$WORK/gui.err"
status=$?
set -e
[ "$status" -eq 124 ] || { cat "$WORK/gui.err" >&2; fail "the window exited with $status"; }
! grep -q "Traceback" "$WORK/gui.err" || { cat "$WORK/gui.err" >&2; fail "the window raised"; }
! grep -qE " (ERROR|CRITICAL) " "$DATA/logs/motcua.log" || fail "the window logged errors"
echo "frozen desk $VERSION: --version, init, intake ($CODE), receipt, report and the window ran"
