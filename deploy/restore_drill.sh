#!/usr/bin/env bash
# Restore drill (恢复演练): prove that a backup made by `manage.py backup` restores whole.
#
#   1. a scratch PostgreSQL database gets the demo data (seed_demo) and a few evidence files;
#   2. `manage.py backup` dumps it (pg_dump -Fc) and copies the private files;
#   3. the backup is restored, exactly as docs/operations.md tells an operator, into a fresh
#      database and a fresh media folder;
#   4. every table's row count and every private file's SHA-256 are compared; any difference,
#      or a drill with no evidence files at all, fails loudly (exit 1).
#
# CI runs it (.ci/run); an operator runs the same each quarter against a real backup with
# DRILL_BACKUP=/path/to/gigmarket-YYYYMMDD-HHMMSS: steps 1-2 are skipped, and the restore is
# compared with the backup's manifest (row counts of the dumped snapshot, SHA-256 of every file).
#
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD if needed;
# DRILL_DB_PREFIX (gigmarket_drill): scratch databases <prefix>_source and <prefix>_restored,
# dropped again at the end; PY (.venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
PY="${PY:-.venv/bin/python}"
PREFIX="${DRILL_DB_PREFIX:-gigmarket_drill}"
SOURCE_DB="${PREFIX}_source"
RESTORED_DB="${PREFIX}_restored"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gigmarket-drill.XXXXXX")"
PSQL=(psql -v ON_ERROR_STOP=1 -qtA)

say() { printf '[restore drill] %s\n' "$*"; }
fail() { printf '[restore drill] FAILED: %s\n' "$*" >&2; exit 1; }
cleanup() {
  dropdb --if-exists "$RESTORED_DB" >/dev/null 2>&1 || true
  if [ -z "${DRILL_BACKUP:-}" ]; then dropdb --if-exists "$SOURCE_DB" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${DRILL_BACKUP:-}" ]; then
  say "1. demo data and evidence files in $SOURCE_DB"
  dropdb --if-exists "$SOURCE_DB"
  createdb "$SOURCE_DB"
  export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$SOURCE_DB"
  export MEDIA_ROOT="$WORK/media-source"
  "$PY" manage.py migrate --noinput -v 0
  "$PY" manage.py seed_demo >/dev/null
  "$PY" manage.py shell -c '
from django.core.files.uploadedfile import SimpleUploadedFile
from rights.services import complaint_file
from stations.models import Station
station = Station.objects.order_by("pk").first()
png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
pdf = b"%PDF-1.4\n" + "演练证据".encode() * 100
for n in range(3):
    complaint_file(
        by=None, station=station, kind="other", name="演练", mobile=f"1390000098{n}",
        description="恢复演练用的投诉。", respondent_text="演练公司",
        files=[SimpleUploadedFile(f"slip{n}.png", png + bytes([n]), content_type="image/png"),
               SimpleUploadedFile(f"c{n}.pdf", pdf + bytes([n]), content_type="application/pdf")],
    )
'
  say "2. manage.py backup"
  "$PY" manage.py backup --dest "$WORK/backups" --no-prune
  BACKUP="$(ls -d "$WORK"/backups/gigmarket-*)"
  SOURCE_MEDIA="$MEDIA_ROOT"
else
  BACKUP="$DRILL_BACKUP"
  SOURCE_MEDIA=""
fi
[ -f "$BACKUP/database.dump" ] || fail "no database.dump in $BACKUP"

say "3. restore into $RESTORED_DB and a fresh media folder"
dropdb --if-exists "$RESTORED_DB"
createdb "$RESTORED_DB"
pg_restore --no-owner --no-acl --exit-on-error -d "$RESTORED_DB" "$BACKUP/database.dump"
RESTORED_MEDIA="$WORK/media-restored"
mkdir -p "$RESTORED_MEDIA"
tar -xf "$BACKUP/media.tar" -C "$RESTORED_MEDIA"

say "4. compare"
counts() {
  local db="$1" table
  for table in $("${PSQL[@]}" -d "$db" -c "select tablename from pg_tables where schemaname = 'public' order by 1"); do
    printf '%s %s\n' "$table" "$("${PSQL[@]}" -d "$db" -c "select count(*) from \"$table\"")"
  done
}
# The manifest holds each table's row count in the snapshot pg_dump took: the restore must match
# it exactly, even when the source database has been written to since.
"$PY" - "$BACKUP/manifest.json" >"$WORK/counts-manifest" <<'PYTHON'
import json, sys
rows = json.load(open(sys.argv[1]))["database"]["rows"]
for table in sorted(rows):
    print(f"{table} {rows[table]}")
PYTHON
counts "$RESTORED_DB" | LC_ALL=C sort >"$WORK/counts-restored"
LC_ALL=C sort -o "$WORK/counts-manifest" "$WORK/counts-manifest"
[ -s "$WORK/counts-manifest" ] || fail "the manifest lists no tables"
diff -u "$WORK/counts-manifest" "$WORK/counts-restored" || fail "row counts differ from the backup's (above)"
# In CI nothing writes to the source meanwhile: it must match the source database too.
if [ -z "${DRILL_BACKUP:-}" ]; then
  counts "$SOURCE_DB" | LC_ALL=C sort >"$WORK/counts-source"
  diff -u "$WORK/counts-source" "$WORK/counts-restored" || fail "row counts differ from the source (above)"
fi
say "   $(wc -l <"$WORK/counts-restored") tables, the same row count in each"

checksums() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum); }
# The manifest lists every file backed up with its SHA-256: the restored folder must match it...
"$PY" - "$BACKUP/manifest.json" >"$WORK/sums-manifest" <<'PYTHON'
import json, sys
files = json.load(open(sys.argv[1]))["media"]["files"]
for name in sorted(files):
    print(f"{files[name]}  ./{name}")
PYTHON
checksums "$RESTORED_MEDIA" >"$WORK/sums-restored"
LC_ALL=C sort -k2 "$WORK/sums-manifest" -o "$WORK/sums-manifest"
LC_ALL=C sort -k2 "$WORK/sums-restored" -o "$WORK/sums-restored"
diff -u "$WORK/sums-manifest" "$WORK/sums-restored" || fail "restored files differ from the manifest"
# ...and, in CI, the folder the backup was taken from.
if [ -n "$SOURCE_MEDIA" ]; then
  checksums "$SOURCE_MEDIA" | LC_ALL=C sort -k2 >"$WORK/sums-source"
  diff -u "$WORK/sums-source" "$WORK/sums-restored" || fail "restored files differ from the source"
fi
# Every evidence row of the restored database finds its file, byte for byte as backed up.
evidence=0
while IFS= read -r name; do
  [ -n "$name" ] || continue
  [ -f "$RESTORED_MEDIA/$name" ] || fail "evidence row points to a missing file: $name"
  grep -q "  ./$name\$" "$WORK/sums-manifest" || fail "evidence file not in the manifest: $name"
  evidence=$((evidence + 1))
done < <("${PSQL[@]}" -d "$RESTORED_DB" -c "select file from rights_evidence order by 1")
if [ "$evidence" -eq 0 ]; then
  # CI put evidence in: none coming back means the drill proved nothing about files.
  [ -n "${DRILL_BACKUP:-}" ] || fail "no evidence files to check: the drill proved nothing about files"
  say "   note: this backup has no evidence files"
fi
say "   $(wc -l <"$WORK/sums-restored") files, the same SHA-256 each; $evidence evidence rows find their file"
say "passed"
