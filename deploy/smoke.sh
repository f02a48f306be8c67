#!/usr/bin/env bash
# Deploy smoke test (部署冒烟测试): from a clean clone, follow docs/deploy.md's single-host steps
# without systemd — the same gunicorn command line as deploy/gigmarket-web.service, Debian's
# nginx started as a plain process with the shipped site file (only ports and paths substituted)
# — then check over HTTPS what a county's IT office would check by hand:
#   the home page is Chinese; /jobs/ arrives compressed (brotli, and gzip for gzip-only clients);
#   hashed static files are cached for a year; a 404 is the Chinese page; a complaint with an
#   evidence file is filed through nginx and staff download the same bytes; an upload over the
#   body limit is refused by nginx; the health endpoint says "ok" and shows no details; plain
#   HTTP redirects to HTTPS; rate-limit counters land in Redis.
#
# Run by .ci/run. Needs: PostgreSQL on 127.0.0.1:5432 (trust, user postgres), Redis on 6379, nginx
# with libnginx-mod-http-brotli-filter/-static, openssl, curl, and `make install` done in this
# checkout (the clean clone borrows its .venv). Leaves nothing running; on failure it prints the
# logs and keeps the scratch folder.
#
# Settings (environment): SMOKE_DB (scratch database, dropped and made anew; default
# gigmarket_smoke), SMOKE_REDIS_URL (the cache; default redis://127.0.0.1:6379/4), SMOKE_BROKER_URL
# (the queue's broker, which the health check reaches; default redis://127.0.0.1:6379/5), SMOKE_APP_PORT (18000),
# SMOKE_HTTP_PORT (18080), SMOKE_HTTPS_PORT (18443).
set -euo pipefail
# A production host never has the test suite's escape hatch for live-server tests set (Django's
# deploy check refuses it); .ci/run exports it for the browser tests, so drop it here.
unset DJANGO_ALLOW_ASYNC_UNSAFE

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=${SMOKE_DB:-gigmarket_smoke}
REDIS_URL=${SMOKE_REDIS_URL:-redis://127.0.0.1:6379/4}
BROKER_URL=${SMOKE_BROKER_URL:-redis://127.0.0.1:6379/5}
APP_PORT=${SMOKE_APP_PORT:-18000}
HTTP_PORT=${SMOKE_HTTP_PORT:-18080}
HTTPS_PORT=${SMOKE_HTTPS_PORT:-18443}
HOST=lg.example.gov.cn
BASE="https://$HOST:$HTTPS_PORT"
WORK=$(mktemp -d /tmp/gigmarket-smoke.XXXXXX)
APP="$WORK/app"
CURL=(curl -sS --max-time 60 -k --resolve "$HOST:$HTTPS_PORT:127.0.0.1")
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA -d postgres)
passed=0

say() { printf '\n--- %s\n' "$*"; }
ok() { passed=$((passed + 1)); printf 'ok   %s\n' "$*"; }
fail() {
  printf 'FAIL %s\n' "$*" >&2
  exit 1
}

stop_all() {
  local status=$?
  if [ -f "$WORK/nginx/nginx.pid" ]; then
    nginx -c "$WORK/nginx/nginx.conf" -s quit 2>/dev/null || true
  fi
  if [ -f "$WORK/gunicorn.pid" ]; then
    kill "$(cat "$WORK/gunicorn.pid")" 2>/dev/null || true
  fi
  sleep 1
  if [ "$status" -ne 0 ]; then
    echo "deploy smoke test failed; logs follow (folder kept: $WORK)" >&2
    for log in "$WORK"/log/*.log; do
      [ -f "$log" ] && { echo "== $log"; tail -n 40 "$log"; } >&2
    done
  else
    "${PSQL[@]}" -c "drop database if exists $DB" >/dev/null 2>&1 || true
    rm -rf "$WORK"
  fi
}
trap stop_all EXIT

mkdir -p "$WORK/log" "$WORK/nginx/tmp" "$WORK/tls" "$WORK/private_media"

say "1. a clean clone of the committed code (docs/deploy.md 第 2 步)"
git clone --quiet "$ROOT" "$APP"
# `make install` already ran in this checkout (.ci/run's "Python packages" step): borrow its venv.
ln -s "$ROOT/.venv" "$APP/.venv"
[ ! -e "$APP/locale/zh_Hans/LC_MESSAGES/django.mo" ] || fail "a compiled catalogue is committed"

say "2. database and .env (第 3、4 步)"
"${PSQL[@]}" -c "drop database if exists $DB"
"${PSQL[@]}" -c "create database $DB encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' template template0"
secret=$(python3 -c 'import secrets; print(secrets.token_urlsafe(60))')
field_key=$(python3 -c 'import secrets; print(secrets.token_urlsafe(48))')
sed -e "s|^DJANGO_SECRET_KEY=.*|DJANGO_SECRET_KEY=$secret|" \
  -e "s|^FIELD_ENCRYPTION_KEY=.*|FIELD_ENCRYPTION_KEY=$field_key|" \
  -e "s|^DJANGO_ALLOWED_HOSTS=.*|DJANGO_ALLOWED_HOSTS=$HOST|" \
  -e "s|^DJANGO_CSRF_TRUSTED_ORIGINS=.*|DJANGO_CSRF_TRUSTED_ORIGINS=$BASE|" \
  -e "s|^DATABASE_URL=.*|DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB|" \
  -e "s|^CACHE_URL=.*|CACHE_URL=$REDIS_URL|" \
  -e "s|^CELERY_BROKER_URL=.*|CELERY_BROKER_URL=$BROKER_URL|" \
  -e "s|^MEDIA_ROOT=.*|MEDIA_ROOT=$WORK/private_media|" \
  -e "s|^GUNICORN_BIND=.*|GUNICORN_BIND=127.0.0.1:$APP_PORT|" \
  -e "s|^GUNICORN_WORKERS=.*|GUNICORN_WORKERS=2|" \
  "$APP/deploy/env.production.example" >"$APP/.env"
chmod 600 "$APP/.env"
cd "$APP"
# What systemd's EnvironmentFile= does for the service.
set -a
# shellcheck disable=SC1091
. ./.env
set +a
redis-cli -u "$REDIS_URL" ping >/dev/null || fail "no Redis at $REDIS_URL"
# Counters left by an earlier run within the hour would refuse this run's filing.
redis-cli -u "$REDIS_URL" --scan --pattern '*rights:*' | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null

say "3. make deploy-check, migrate, demo data, collectstatic (第 5、6 步)"
# -o: the borrowed venv is installed already; do not reinstall into it.
make --no-print-directory -o .venv/.installed-stamp deploy-check
[ -f locale/zh_Hans/LC_MESSAGES/django.mo ] || fail "make deploy-check did not compile the catalogues"
.venv/bin/python manage.py migrate --noinput >"$WORK/log/migrate.log"
.venv/bin/python manage.py seed_demo >"$WORK/log/seed.log"
.venv/bin/python manage.py collectstatic --noinput >"$WORK/log/collectstatic.log"
ok "deploy-check, migrate, seed_demo and collectstatic ran with production settings"

say "4. gunicorn with the service's command line (第 7 步)"
.venv/bin/gunicorn -c "$APP/gunicorn.conf.py" gigmarket.wsgi --pid "$WORK/gunicorn.pid" \
  >>"$WORK/log/web.log" 2>&1 &
for _ in $(seq 1 60); do
  curl -s -o /dev/null -H "Host: $HOST" "http://127.0.0.1:$APP_PORT/health/" && break
  sleep 1
done
direct=$(curl -sS -H "Host: $HOST" "http://127.0.0.1:$APP_PORT/health/")
grep -q '"database"' <<<"$direct" || fail "health on the host itself shows no details: $direct"
grep -q '"queue": {"ok": true' <<<"$direct" || fail "health does not reach the queue's broker: $direct"
ok "gunicorn answers on 127.0.0.1:$APP_PORT; health from the host itself lists its checks (queue's broker reached)"

say "5. nginx with the shipped site file (第 8 步)"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$HOST" \
  -keyout "$WORK/tls/privkey.pem" -out "$WORK/tls/fullchain.pem" 2>/dev/null
sed -e "s|/srv/gigmarket|$APP|g" \
  -e "s|/etc/ssl/gigmarket|$WORK/tls|g" \
  -e "s|/var/log/gigmarket|$WORK/log|g" \
  -e "s|/etc/nginx/proxy_params_gigmarket|$WORK/nginx/proxy_params_gigmarket|g" \
  -e "s|server 127.0.0.1:8000|server 127.0.0.1:$APP_PORT|" \
  -e "s|listen 80;|listen 127.0.0.1:$HTTP_PORT;|" \
  -e "s|listen 443 ssl|listen 127.0.0.1:$HTTPS_PORT ssl|" \
  -e "/listen \[::\]/d" \
  -e "s|root /var/www/html;|root $WORK/nginx;|" \
  deploy/nginx-gigmarket.conf >"$WORK/nginx/site.conf"
cp deploy/proxy_params_gigmarket "$WORK/nginx/proxy_params_gigmarket"
# The parts of Debian's /etc/nginx/nginx.conf the site needs, with every path in the scratch folder.
cat >"$WORK/nginx/nginx.conf" <<EOF
$([ "$(id -u)" = 0 ] && echo "user root;")
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/log/nginx-main-error.log;
include /etc/nginx/modules-enabled/*.conf;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    include $WORK/nginx/site.conf;
}
EOF
ls /etc/nginx/modules-enabled/ | grep -q brotli || fail "nginx's brotli module is not installed (libnginx-mod-http-brotli-filter)"
nginx -c "$WORK/nginx/nginx.conf" -t 2>"$WORK/log/nginx-t.log" \
  || { cat "$WORK/log/nginx-t.log"; fail "nginx -t refused the site"; }
nginx -c "$WORK/nginx/nginx.conf"
for _ in $(seq 1 20); do
  "${CURL[@]}" -o /dev/null "$BASE/health/" 2>/dev/null && break
  sleep 0.5
done
ok "nginx -t accepts the site; nginx serves https://$HOST:$HTTPS_PORT"

say "6. checks over HTTP(S) through nginx"
redirect=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -H "Host: $HOST" "http://127.0.0.1:$HTTP_PORT/jobs/")
[[ "$redirect" == "301 https://$HOST/jobs/" ]] || fail "plain HTTP does not redirect to HTTPS: $redirect"
ok "plain HTTP redirects to HTTPS"

home=$("${CURL[@]}" -D "$WORK/home.h" "$BASE/")
grep -q 'lang="zh-hans"' <<<"$home" || fail "home page is not zh-hans"
grep -q '找活干' <<<"$home" || fail "home page is not in Chinese"
grep -qi '^permissions-policy: .*camera=()' "$WORK/home.h" || fail "no Permissions-Policy header"
grep -qi '^x-request-id: ' "$WORK/home.h" || fail "no X-Request-ID header"
ok "home page is Chinese, with Permissions-Policy and X-Request-ID"

"${CURL[@]}" -H 'Accept-Encoding: br, gzip' -D "$WORK/jobs-br.h" -o "$WORK/jobs.br" "$BASE/jobs/"
grep -qi '^content-encoding: br' "$WORK/jobs-br.h" || fail "/jobs/ is not brotli-compressed: $(cat "$WORK/jobs-br.h")"
"${CURL[@]}" -H 'Accept-Encoding: gzip' -D "$WORK/jobs-gz.h" -o "$WORK/jobs.gz" "$BASE/jobs/"
grep -qi '^content-encoding: gzip' "$WORK/jobs-gz.h" || fail "/jobs/ is not gzip-compressed for a gzip-only client"
gunzip -c "$WORK/jobs.gz" | grep -q '</html>' || fail "the gzip body is not the page"
ok "/jobs/ arrives brotli-compressed ($(stat -c %s "$WORK/jobs.br") bytes), gzip for gzip-only clients"

css=$(grep -o '/static/[^"]*\.[0-9a-f]\{12\}\.css' <<<"$home" | head -n 1)
[ -n "$css" ] || fail "the home page links no hashed stylesheet"
"${CURL[@]}" -H 'Accept-Encoding: gzip' -D "$WORK/css.h" -o /dev/null "$BASE$css"
grep -qi '^cache-control: .*max-age=31536000' "$WORK/css.h" || fail "$css is not cached for a year: $(cat "$WORK/css.h")"
grep -qi '^content-encoding: gzip' "$WORK/css.h" || fail "$css is not served precompressed"
ok "static $css: a year's cache, precompressed"

status=$("${CURL[@]}" -o "$WORK/404.html" -w '%{http_code}' "$BASE/no-such-page/")
[ "$status" = 404 ] || fail "a missing page answered $status"
grep -q '页面不存在' "$WORK/404.html" || fail "the 404 page is not the Chinese one"
ok "a missing page is the Chinese 404"

health=$("${CURL[@]}" -w ' %{http_code}' "$BASE/health/")
[ "$health" = "ok 200" ] || fail "health through nginx: $health"
ok "health through nginx: \"ok\", no details"

# File a complaint with an evidence file, as a person on a phone would (no account).
station=$(.venv/bin/python manage.py shell -c "from stations.models import StationAssignment as A; print(A.objects.filter(user__username='staff').values_list('station_id', flat=True).first())" 2>/dev/null | tail -n 1)
head -c 300000 /dev/urandom >"$WORK/payload"
{ printf '%%PDF-1.4\n%%smoke\n'; cat "$WORK/payload"; } >"$WORK/evidence.pdf"
public_jar="$WORK/public.cookies"
form=$("${CURL[@]}" -c "$public_jar" "$BASE/rights/")
token=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' <<<"$form" | head -n 1 | sed 's/.*value="//; s/"$//')
[ -n "$token" ] || fail "the complaint form has no CSRF token"
# A forged X-Forwarded-For from the client must not become the address the limits count.
filed=$("${CURL[@]}" -b "$public_jar" -c "$public_jar" -e "$BASE/rights/" -o "$WORK/filed.html" -w '%{http_code} %{redirect_url}' \
  -H "X-Forwarded-For: 6.6.6.6" \
  -F "csrfmiddlewaretoken=$token" -F "idempotency_key=smoke-$(date +%s)" -F "website=" \
  -F "kind=unpaid_wages" -F "respondent_text=某装修队" -F "description=干了20天，老板不给钱" \
  -F "amount_owed=3200" -F "people_affected=2" -F "name=王德明" -F "mobile=13900000177" \
  -F "station=$station" -F "evidence=@$WORK/evidence.pdf;type=application/pdf" "$BASE/rights/")
[[ "$filed" == "302 $BASE/rights/filed/" ]] || fail "filing through nginx answered $filed: $(grep -o 'errorlist[^<]*<li>[^<]*' "$WORK/filed.html" | head -3)"
redis-cli -u "$REDIS_URL" --scan --pattern '*rights:file:mobile:*' | grep -q . || fail "the filing limit was not counted in Redis"
redis-cli -u "$REDIS_URL" --scan --pattern '*rights:file:ip:127.0.0.1' | grep -q . \
  || fail "the address limit was not counted for the address nginx saw: $(redis-cli -u "$REDIS_URL" --scan --pattern '*rights:file:ip:*')"
! redis-cli -u "$REDIS_URL" --scan --pattern '*6.6.6.6*' | grep -q . || fail "a forged X-Forwarded-For was believed"
ok "a complaint with a 300 kB evidence file was filed through nginx; its limits counted in Redis, on the address nginx saw (a forged X-Forwarded-For ignored)"

url=$(.venv/bin/python manage.py shell -c "from django.urls import reverse; from rights.models import Evidence; e = Evidence.objects.order_by('-pk').first(); print(reverse('rights:evidence_download', args=[e.complaint.public_id, e.pk]))" 2>/dev/null | tail -n 1)
staff_jar="$WORK/staff.cookies"
login=$("${CURL[@]}" -c "$staff_jar" "$BASE/accounts/login/")
token=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' <<<"$login" | head -n 1 | sed 's/.*value="//; s/"$//')
"${CURL[@]}" -b "$staff_jar" -c "$staff_jar" -e "$BASE/accounts/login/" -o /dev/null \
  --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=staff" \
  --data-urlencode "password=Demo-Staff-2026" "$BASE/accounts/login/"
status=$("${CURL[@]}" -b "$staff_jar" -D "$WORK/download.h" -o "$WORK/downloaded" -w '%{http_code}' "$BASE$url")
[ "$status" = 200 ] || fail "staff download of $url answered $status"
cmp -s "$WORK/evidence.pdf" "$WORK/downloaded" || fail "the downloaded evidence differs from the upload"
grep -qi '^cache-control: private, no-store' "$WORK/download.h" || fail "evidence download may be cached"
status=$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$BASE$url")
[ "$status" = 302 ] || fail "an anonymous visitor got $status for the evidence (expected the login redirect)"
ok "staff downloaded the same bytes through nginx (private, no-store); anonymous is sent to log in"

status=$(head -c $((27 * 1024 * 1024)) /dev/zero | "${CURL[@]}" -o /dev/null -w '%{http_code}' \
  -H 'Content-Type: application/octet-stream' --data-binary @- "$BASE/rights/")
[ "$status" = 413 ] || fail "a 27 MB upload answered $status, not 413"
ok "an upload over the 26 MB body limit is refused by nginx (413)"

grep -q '"request_id"' "$WORK/log/web.log" || fail "the app wrote no JSON request lines"
grep -q '"path": "/jobs/"' "$WORK/log/web.log" || fail "no request line for /jobs/"
! grep -q '13900000177' "$WORK/log/web.log" "$WORK/log/nginx-access.log" || fail "a mobile number reached the logs"
ok "one JSON line per request in the app's log; no mobile number in any log"

printf '\ndeploy smoke test: %d passed, 0 failed\n' "$passed"
