#!/bin/sh
# with-keyring.sh COMMAND…: runs COMMAND with a Secret Service of its own —
# a private D-Bus session bus and gnome-keyring-daemon (secrets only),
# unlocked with a test password, its keyring in a temporary directory that
# is not the user's data directory the test looks at. Nothing of the
# user's own session is touched.
set -eu
if [ -z "${INJ_IN_PRIVATE_BUS:-}" ]; then
  INJ_IN_PRIVATE_BUS=1 exec dbus-run-session -- "$0" "$@"
fi
# Under AddressSanitizer: GIO's D-Bus messages left queued by libsecret are
# not reported (tests/lsan-dbus.supp; matching them needs the slow unwinder).
here=$(cd "$(dirname "$0")/.." && pwd)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
LSAN_OPTIONS="suppressions=$here/lsan-dbus.supp:print_suppressions=0"
# (a GTK program draws without OpenGL, as in tests/ui/meson.build: no GL
# driver's allocations, and no Mesa threads for the slow unwinder)
GDK_DEBUG="${GDK_DEBUG:+$GDK_DEBUG,}gl-disable"
export ASAN_OPTIONS LSAN_OPTIONS GDK_DEBUG
keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/ininjo-keyring-XXXXXX")
trap 'kill "$keyring_pid" 2>/dev/null || true; rm -rf "$keyring_home"' EXIT INT TERM
# The daemon keeps its keyrings under its own XDG_DATA_HOME and its socket
# under its own XDG_RUNTIME_DIR; the test's own directories stay clean.
mkdir -m 700 "$keyring_home/data" "$keyring_home/run"
printf 'ininjo-test-keyring' | XDG_DATA_HOME=$keyring_home/data XDG_RUNTIME_DIR=$keyring_home/run \
  gnome-keyring-daemon --foreground --unlock --components=secrets > "$keyring_home/daemon.out" 2>&1 &
keyring_pid=$!
# Ready when the bus has the name org.freedesktop.secrets.
i=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; do
  i=$((i + 1))
  if [ "$i" -gt 100 ]; then
    echo "with-keyring: gnome-keyring-daemon did not start" >&2
    cat "$keyring_home/daemon.out" >&2
    exit 1
  fi
  sleep 0.05
done
set +e
"$@"
status=$?
exit $status
