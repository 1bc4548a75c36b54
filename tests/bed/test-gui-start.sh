#!/usr/bin/env bash
# test-gui-start.sh ININJO LOCALEDIR: the GUI's start-up checks that need no
# display — without its GSettings schema it says so, in the user's language,
# and exits 1 instead of GLib aborting; its options are listed.
set -euo pipefail
app=$1 localedir=$2
. "$(dirname "$0")/../cli/tap.sh"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/schemas" "$work/data"

# The message as _() gives it in this test's language (LANGUAGE=ja).
translated() {
  python3 - "$localedir" "$@" <<'PY'
import gettext, sys
t = gettext.translation("ininjo", sys.argv[1], fallback=True)
print(t.gettext(sys.argv[2]) % tuple(sys.argv[3:]), end="")
PY
}
msgid='Ininjo cannot start: its settings schema “%s” is not installed.
Install Ininjo (meson install), or run it from a build tree with GSETTINGS_SCHEMA_DIR set to the build'"'"'s data folder (./quickstart run does this).
'

# Neither the build's schema nor the system's (XDG_DATA_DIRS) can be found.
set +e
err=$(env -u DISPLAY -u WAYLAND_DISPLAY GSETTINGS_SCHEMA_DIR="$work/schemas" XDG_DATA_DIRS="$work/data" \
  GSETTINGS_BACKEND=memory G_DEBUG= "$app" 2>&1 >/dev/null)
status=$?
set -e
check "without its schema it exits 1 (not a GLib abort)" test "$status" = 1
expected=$(translated "$msgid" io.github.ininjo.Ininjo)
check "and says so in the user's language, naming the schema" test "$err" = "$expected"
out=$err
check "no GLib error or critical on the way" lacks "GLib-GIO-ERROR"

# --help lists the GUI's own options (no display needed).
set +e
out=$(GSETTINGS_SCHEMA_DIR="$(dirname "$app")/../data" "$app" --help 2>&1)
status=$?
set -e
check "--help works" test "$status" = 0
check "it lists --screenshot" contains "--screenshot="
check "and --page" contains "--page="
finish
