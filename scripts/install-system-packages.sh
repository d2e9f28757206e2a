#!/usr/bin/env bash
# System packages Hörnsten needs beside Python: PostgreSQL server binaries for the
# project-local warehouse; poppler-utils (pdftoppm, pdfinfo) and Chromium with its
# driver, with which the tests check rendered reports (PDF pages, a screenshot of the
# HTML) and drive the review page (Selenium); the fonts
# and pango libraries WeasyPrint renders PDF with; redis-server, the Celery broker of
# `hornsten up --executor celery` (the stack runs its own on HORNSTEN_REDIS_PORT, 6380,
# not the package's service); Node.js and npm, which install axe-core (package.json),
# the accessibility check the tests run on the HTML reports. Installs only what is
# missing; needs root (or sudo) and Debian/Ubuntu's apt. Elsewhere it says what to
# install and goes on.
set -euo pipefail

missing=()
have_pg_server() {
  [ -n "${HORNSTEN_PG_BIN:-}" ] && [ -x "${HORNSTEN_PG_BIN}/initdb" ] && return 0
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && return 0
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1
}
have_pg_server || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages: all present."
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install: ${missing[*]} (no apt-get on this machine)." >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Please install as root: apt-get install ${missing[*]}" >&2; exit 1
  fi
fi
echo "Installing system packages: ${missing[*]} …"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
