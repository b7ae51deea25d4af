#!/bin/sh
# Nightly PostgreSQL backup of the upstream server (run by motcua-backup.timer as postgres).
# Custom-format dumps (pg_restore can restore one table or the whole database), written to a
# temporary name first so a cut leaves no half file that looks whole; 30 days are kept.
set -eu
DB=${MOTCUA_BACKUP_DB:-motcua}
DIR=${MOTCUA_BACKUP_DIR:-/var/backups/motcua}
KEEP_DAYS=${MOTCUA_BACKUP_KEEP_DAYS:-30}
umask 077
mkdir -p "$DIR"
stamp=$(date +%Y%m%d-%H%M%S)
pg_dump --format=custom --compress=6 --file="$DIR/.motcua-$stamp.dump.part" "$DB"
pg_restore --list "$DIR/.motcua-$stamp.dump.part" >/dev/null  # the dump reads back
mv "$DIR/.motcua-$stamp.dump.part" "$DIR/motcua-$stamp.dump"
find "$DIR" -name 'motcua-*.dump' -mtime +"$KEEP_DAYS" -delete
echo "backup $DIR/motcua-$stamp.dump ($(du -h "$DIR/motcua-$stamp.dump" | cut -f1))"
