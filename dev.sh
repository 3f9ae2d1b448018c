#!/usr/bin/env bash
# Sote-suunnittelija: one script, two commands.
#   ./dev.sh app    set everything up and open the app on the built-in demo region
#   ./dev.sh test   set everything up and run the whole test suite headless
# Safe to run again: the virtual environment (.venv) is reused and only refreshed when
# pyproject.toml changed; system libraries that Qt needs are installed only when missing.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "Tarvitaan pääkäyttäjän oikeudet komentoon: $*"; return 1; fi
}

system_packages() {
  # Debian/Ubuntu libraries that Qt's xcb/offscreen platforms and the packaging test need.
  command -v apt-get >/dev/null || return 0
  local missing=() lib pkg
  while read -r lib pkg; do
    # not grep -q: under pipefail its early exit gives ldconfig SIGPIPE, and a present library looked missing
    if ! ldconfig -p 2>/dev/null | grep -F "$lib" >/dev/null; then missing+=("$pkg"); fi
  done <<'LIBS'
libEGL.so.1 libegl1
libGL.so.1 libgl1
libxkbcommon.so.0 libxkbcommon0
libxkbcommon-x11.so.0 libxkbcommon-x11-0
libfontconfig.so.1 libfontconfig1
libdbus-1.so.3 libdbus-1-3
libxcb-icccm.so.4 libxcb-icccm4
libxcb-keysyms.so.1 libxcb-keysyms1
libxcb-cursor.so.0 libxcb-cursor0
libxcb-image.so.0 libxcb-image0
libxcb-render-util.so.0 libxcb-render-util0
libxcb-shape.so.0 libxcb-shape0
libxcb-randr.so.0 libxcb-randr0
libxcb-xinerama.so.0 libxcb-xinerama0
libxcb-xkb.so.1 libxcb-xkb1
libX11-xcb.so.1 libx11-xcb1
LIBS
  command -v objdump >/dev/null || missing+=(binutils)       # PyInstaller needs objdump
  command -v sqlite3 >/dev/null || missing+=(sqlite3)        # benchmark baseline
  command -v makensis >/dev/null || missing+=(nsis)          # Windows installer script check
  # the team-project tests start a throwaway PostgreSQL server (initdb, pg_ctl)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null || missing+=(postgresql)
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)  # Qt draws text with it
  if [ ${#missing[@]} -gt 0 ]; then
    say "Asennetaan järjestelmäkirjastot: ${missing[*]}"
    as_root apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || say "Kaikkia järjestelmäpaketteja ei voitu asentaa (${missing[*]})."
  fi
}

python_env() {
  local py=""
  for cand in python3.11 python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      py=$cand; break
    fi
  done
  [ -n "$py" ] || { say "Tarvitaan Python 3.11 tai uudempi."; exit 2; }
  if [ ! -x .venv/bin/python ]; then
    say "Luodaan virtuaaliympäristö .venv ($($py --version))"
    "$py" -m venv .venv 2>/dev/null || { as_root apt-get install -y -qq python3-venv >/dev/null; "$py" -m venv .venv; }
  fi
  local stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
  if [ ! -f "$stamp" ]; then
    say "Asennetaan Python-paketit (pyproject.toml)"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e ".[test,dev]"
    rm -f .venv/.installed-*; touch "$stamp"
  fi
}

cmd=${1:-}
shift || true
case "$cmd" in
  app)
    system_packages; python_env
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      say "Näyttöä ei löydy (DISPLAY puuttuu): ajetaan sovelluksen itsetesti näytöttä."
      QT_QPA_PLATFORM=offscreen exec .venv/bin/sote-planner --self-test
    fi
    exec .venv/bin/sote-planner "$@"
    ;;
  test)
    system_packages; python_env
    export QT_QPA_PLATFORM=offscreen MPLBACKEND=Agg
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "Käyttö: ./dev.sh app | ./dev.sh test [pytest-valitsimet]" >&2; exit 2 ;;
esac
